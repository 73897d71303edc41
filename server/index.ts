import contentTypes from '../content-types';
import { defaultConfig, validateConfig } from './core/config';
import bootstrap from './bootstrap';
import strategy from './strategy';
import accounts, { accountExpiry } from './accounts';
import planning from './planning';
import settings from './settings';
import calendar from './calendar';
import entries from './entries';
import { registerAutoShare } from './entries/auto-share';
import watch, { publicItemRoutes, startWatchScheduler, type WatchScheduler } from './watch';
import publishing from './publishing';
import { publicMediaRoutes } from './publishing/public-media';
import oauth from './core/oauth';
import linkedinPages from './networks/linkedin/picker';
import facebookPages from './networks/facebook/picker';
import instagramPages from './networks/instagram/picker';
import reports from './reports';
import inbox, { inboxCrisis, publicInboxRoutes, siteRawBody } from './inbox';
import { getService } from './core/services';
import type { Strapi } from './core/strapi';
import { closePooledConnections } from './core/http/guarded-fetch';
import { keepOutOfContentManager } from './core/content-manager-guard';

/** Each domain brings its service, controller and routes; this file only assembles them. */
const domains = [
  strategy,
  accounts,
  accountExpiry,
  planning,
  settings,
  entries,
  calendar,
  ...watch,
  publishing,
  oauth,
  inbox,
  inboxCrisis,
  reports,
  linkedinPages,
  facebookPages,
  instagramPages,
];

let watchScheduler: WatchScheduler | null = null;
let autoShare: ReturnType<typeof registerAutoShare> | null = null;

export default {
  // Document service middlewares belong in register, before anything publishes;
  // the Content Manager's actions are filtered as they are registered, so before its bootstrap.
  register({ strapi }: { strapi: Strapi }) {
    autoShare = registerAutoShare(strapi);
    keepOutOfContentManager(strapi);
    // Before Strapi's body parser: the signed site endpoint needs its body's exact bytes (server/inbox/raw-body.ts).
    strapi.server.use(siteRawBody(strapi));
  },
  async bootstrap(context: { strapi: Strapi }) {
    await bootstrap(context);
    watchScheduler = startWatchScheduler(context.strapi);
    getService(context.strapi, 'oauth').start();
    // An API version changed in the environment since the last boot reaches the accounts already connected.
    await getService(context.strapi, 'oauth')
      .syncAccountOptions()
      .catch((err: unknown) => context.strapi.log.warn(`community-manager: sign-in options not written to the accounts: ${String(err)}`));
    getService(context.strapi, 'account-expiry').start();
    await getService(context.strapi, 'reports').start();
    getService(context.strapi, 'inbox').start();
  },
  // The schedulers' timers must not outlive Strapi (tests boot and stop it many times).
  async destroy({ strapi }: { strapi: Strapi }) {
    await getService(strapi, 'publications').stop();
    await getService(strapi, 'oauth').stop();
    await getService(strapi, 'account-expiry').stop();
    await getService(strapi, 'reports').stop();
    await getService(strapi, 'inbox').stop();
    await watchScheduler?.stop();
    watchScheduler = null;
    // Shares started by a publish just before the stop still write: the pool must outlive them.
    await autoShare?.drain();
    closePooledConnections();
  },
  config: { default: defaultConfig, validator: validateConfig },
  contentTypes,
  services: { ...Object.fromEntries(domains.map((d) => [d.name, d.service])), 'calendar-feeds': calendar.feeds },
  controllers: Object.fromEntries(domains.map((d) => [d.name, d.controller])),
  routes: {
    admin: { type: 'admin', routes: domains.flatMap((d) => d.routes) },
    // Public routes, each with its own credential (the iCalendar feed's token, the watch images' signature): see docs/api.md.
    'content-api': {
      type: 'content-api',
      routes: [...calendar.publicRoutes, ...publicItemRoutes, ...oauth.publicRoutes, ...publicInboxRoutes, ...publicMediaRoutes],
    },
  },
  policies: {},
  middlewares: {},
};
