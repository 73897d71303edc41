const path = require('path');

module.exports = ({ env }) => ({
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
