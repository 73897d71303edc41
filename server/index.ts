import contentTypes from '../content-types';
import { defaultConfig, validateConfig } from './core/config';
import bootstrap from './bootstrap';
import strategy from './strategy';
import accounts from './accounts';
import planning from './planning';

/** Each domain brings its service, controller and routes; this file only assembles them. */
const domains = [strategy, accounts, planning];

export default {
  register() {},
  bootstrap,
  destroy() {},
  config: { default: defaultConfig, validator: validateConfig },
  contentTypes,
  services: Object.fromEntries(domains.map((d) => [d.name, d.service])),
  controllers: Object.fromEntries(domains.map((d) => [d.name, d.controller])),
  routes: { admin: { type: 'admin', routes: domains.flatMap((d) => d.routes) } },
  policies: {},
  middlewares: {},
};
