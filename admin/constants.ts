/**
 * The README's "Encryption key" section, as published with the package. npm renders
 * the README with GitHub-style heading anchors: renaming the heading breaks this link.
 */
export const README_ENCRYPTION_URL = 'https://www.npmjs.com/package/strapi-plugin-community-manager#encryption-key';
