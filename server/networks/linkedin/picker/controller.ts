import type { Strapi } from '../../../core/strapi';
import { getService } from '../../../core/services';
import { body, documentIdParam, handle, parse } from '../../../core/handler';
import { connectPagesInput } from '../../../../shared/networks/linkedin.pages';

export default ({ strapi }: { strapi: Strapi }) => {
  const pages = () => getService(strapi, 'linkedin-pages');
  return {
    list: handle(async (ctx) => pages().list(parse(documentIdParam, ctx.params.documentId, ['documentId']))),
    connect: handle(async (ctx) =>
      pages().connect(parse(documentIdParam, ctx.params.documentId, ['documentId']), parse(connectPagesInput, body(ctx)).urns)
    ),
  };
};
