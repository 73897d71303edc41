import type { Strapi } from '../../../core/strapi';
import { getService } from '../../../core/services';
import { body, documentIdParam, handle, parse } from '../../../core/handler';
import { connectInstagramAccountsInput } from '../../../../shared/networks/instagram.pages';

export default ({ strapi }: { strapi: Strapi }) => {
  const picker = () => getService(strapi, 'instagram-pages');
  return {
    list: handle(async (ctx) => picker().list(parse(documentIdParam, ctx.params.documentId, ['documentId']))),
    connect: handle(async (ctx) =>
      picker().connect(parse(documentIdParam, ctx.params.documentId, ['documentId']), parse(connectInstagramAccountsInput, body(ctx)).ids)
    ),
  };
};
