import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { editorialLineInput, lintInput } from '../../shared/strategy/contract';

export default ({ strapi }: { strapi: Strapi }) => {
  const lines = () => getService(strapi, 'editorial-lines');
  const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

  return {
    list: handle(() => lines().list()),
    get: handle((ctx) => lines().get(id(ctx.params))),
    create: handle((ctx) => lines().create(parse(editorialLineInput, body(ctx)))),
    update: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return lines().update(documentId, parse(editorialLineInput, body(ctx)));
    }),
    remove: handle((ctx) => lines().remove(id(ctx.params))),
    lint: handle(async (ctx) => {
      const input = parse(lintInput, body(ctx));
      // An account carries its instance's real limit and, by default, its brand's line.
      const account = input.accountId ? await getService(strapi, 'accounts').get(input.accountId) : null;
      return lines().lint({
        text: input.text,
        network: input.network,
        editorialLineId: input.editorialLineId ?? account?.editorialLine?.documentId ?? null,
        limit: account?.network === input.network ? account.limits.maxCharacters : undefined,
      });
    }),
  };
};
