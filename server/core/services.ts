import type { Strapi } from './strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type editorialLines from '../strategy/service';
import type accounts from '../accounts/service';
import type postPlans from '../planning/service';
import type settings from '../settings/service';
import type entries from '../entries/service';
import type calendar from '../calendar/service';
import type calendarFeeds from '../calendar/feed';
import type watchSources from '../watch/sources-service';
import type watchItems from '../watch/items-service';
import type watchAlerts from '../watch/alerts-service';
import type publications from '../publishing/service';
import type oauth from './oauth/service';
import type accountExpiry from '../accounts/expiry';
import type linkedinPages from '../networks/linkedin/picker';
import type facebookPages from '../networks/facebook/picker';
import type instagramPages from '../networks/instagram/picker';
import type inbox from '../inbox/service';
import type inboxCrisis from '../inbox/crisis';
import type reports from '../reports/service';

/** The typed service map: every call site gets the domain's real signature. */
export interface Services {
  'editorial-lines': ReturnType<typeof editorialLines>;
  accounts: ReturnType<typeof accounts>;
  'post-plans': ReturnType<typeof postPlans>;
  settings: ReturnType<typeof settings>;
  entries: ReturnType<typeof entries>;
  calendar: ReturnType<typeof calendar>;
  'calendar-feeds': ReturnType<typeof calendarFeeds>;
  'watch-sources': ReturnType<typeof watchSources>;
  'watch-items': ReturnType<typeof watchItems>;
  'watch-alerts': ReturnType<typeof watchAlerts>;
  publications: ReturnType<typeof publications>;
  oauth: ReturnType<typeof oauth>;
  'account-expiry': ReturnType<typeof accountExpiry>;
  'linkedin-pages': ReturnType<(typeof linkedinPages)['service']>;
  'facebook-pages': ReturnType<(typeof facebookPages)['service']>;
  'instagram-pages': ReturnType<(typeof instagramPages)['service']>;
  inbox: ReturnType<typeof inbox>;
  'inbox-crisis': ReturnType<typeof inboxCrisis>;
  reports: ReturnType<typeof reports>;
}

export function getService<K extends keyof Services>(strapi: Strapi, name: K): Services[K] {
  return strapi.plugin(PLUGIN_ID).service(name) as Services[K];
}
