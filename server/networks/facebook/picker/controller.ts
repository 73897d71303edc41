import type { Strapi } from '../../../core/strapi';
import { getService } from '../../../core/services';
import { body, documentIdParam, handle, parse } from '../../../core/handler';
import { connectFacebookPagesInput } from '../../../../shared/networks/facebook.pages';

export default ({ strapi }: { strapi: Strapi }) => {
  const pages = () => getService(strapi, 'facebook-pages');
  return {
    list: handle(async (ctx) => pages().list(parse(documentIdParam, ctx.params.documentId, ['documentId']))),
    connect: handle(async (ctx) =>
      pages().connect(parse(documentIdParam, ctx.params.documentId, ['documentId']), parse(connectFacebookPagesInput, body(ctx)).ids)
    ),
  };
};
