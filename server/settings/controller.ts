import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, handle, parse } from '../core/handler';
import { settingsSchema } from '../../shared/settings/contract';

export default ({ strapi }: { strapi: Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  return {
    get: handle(() => settings().get()),
    update: handle((ctx) => settings().update(parse(settingsSchema, body(ctx)))),
    contentTypes: handle(async () => settings().siteContentTypes()),
  };
};
