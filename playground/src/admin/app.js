// The admin offers French next to English, so the plugin's French translations can be used and shown.
export default {
  config: { locales: ['fr'] },
  bootstrap() {},
};
