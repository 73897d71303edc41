import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { accountInput, accountUpdate } from './schemas';
import { subscribeInput } from '../../shared/accounts/contract';

export default ({ strapi }: { strapi: Strapi }) => {
  const accounts = () => getService(strapi, 'accounts');
  const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

  return {
    list: handle(() => accounts().list()),
    get: handle((ctx) => accounts().get(id(ctx.params))),
    create: handle((ctx) => accounts().create(parse(accountInput, body(ctx)))),
    update: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return accounts().update(documentId, parse(accountUpdate, body(ctx)));
    }),
    remove: handle((ctx) => accounts().remove(id(ctx.params))),
    check: handle((ctx) => accounts().check(id(ctx.params))),
    subscribe: handle((ctx) => {
      // The body first: a bad one is refused before the account is looked up.
      parse(subscribeInput, body(ctx) ?? {});
      return accounts().subscribe(id(ctx.params));
    }),
    status: handle(async () => accounts().status()),
  };
};
