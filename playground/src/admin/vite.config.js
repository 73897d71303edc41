/**
 * The playground admin's Vite settings, read by `strapi develop` and `strapi build` from
 * src/admin/vite.config.js and applied over Strapi's own.
 *
 * Why: Strapi's dev server gives Vite no entry to scan (its index.html sits in the hidden
 * .strapi/client/, which Vite's entry glob skips), so Vite finds the admin's dependencies
 * one page at a time. The first time a user opened Community, the plugin's pages asked for
 * dependencies Vite had not pre-bundled (@strapi/icons/symbols, FullCalendar, the post
 * linter's); Vite re-bundled every dependency and reloaded the browser, which landed on
 * Home because the admin's router had not yet moved to the link's address (issue 14,
 * bench/first-visit). Naming the admin's entry lets Vite scan it, the plugin's lazily
 * loaded pages included, and pre-bundle everything once, before the first page is served.
 */
export default (config) => ({
  ...config,
  optimizeDeps: {
    ...config.optimizeDeps,
    entries: ['.strapi/client/app.js'],
  },
});
