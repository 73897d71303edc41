const path = require('path');

module.exports = ({ env }) => ({
  // strapi-plugin-comments (the Strapi 5 line) and users-permissions, which its comment type relates to:
  // declared here only with CM_COMMENTS_ENABLED=true, so every other boot stays as it was. The inbox reads its
  // comments and acts through its services (docs/inbox.md); tests/api/inbox.test.ts turns it on.
  ...(env.bool('CM_COMMENTS_ENABLED', false)
    ? {
        'users-permissions': {
          enabled: true,
          resolve: '@strapi/plugin-users-permissions/package.json',
          // Its end-user tokens are not used here: a fresh secret per boot unless one is given.
          config: { jwtSecret: env('CM_USERS_PERMISSIONS_JWT_SECRET', require('crypto').randomBytes(16).toString('base64')) },
        },
        comments: {
          enabled: true,
          resolve: 'strapi-plugin-comments/package.json',
          config: {
            enabledCollections: ['api::article.article'],
            // Approval first, as a moderated site runs it: the inbox approves or rejects.
            approvalFlow: ['api::article.article'],
            badWords: false,
          },
        },
      }
    : {}),
  // Loaded from this repository's build (dist/), exactly as an installed package would be.
  'community-manager': {
    // CM_PLUGIN_ENABLED=false lets bench/boot measure the same app without the plugin.
    enabled: env.bool('CM_PLUGIN_ENABLED', true),
    resolve: path.resolve(__dirname, '..', '..'),
    config: {
      outbound: {
        allowedHosts: env.array('CM_OUTBOUND_ALLOWED_HOSTS', []),
      },
    },
  },
});
