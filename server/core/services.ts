import type { Strapi } from './strapi';
import { PLUGIN_ID } from './permissions';
import type editorialLines from '../strategy/service';
import type accounts from '../accounts/service';
import type postPlans from '../planning/service';

/** The typed service map: every call site gets the domain's real signature. */
export interface Services {
  'editorial-lines': ReturnType<typeof editorialLines>;
  accounts: ReturnType<typeof accounts>;
  'post-plans': ReturnType<typeof postPlans>;
}

export function getService<K extends keyof Services>(strapi: Strapi, name: K): Services[K] {
  return strapi.plugin(PLUGIN_ID).service(name) as Services[K];
}
