import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';

interface PublishContext {
  uid: string;
  action: string;
  params?: { documentId?: string };
}

/**
 * Auto-share on publish, as a document service middleware so it sees every
 * publish: the content manager's button, bulk publish, and code calling
 * `strapi.documents(uid).publish()`.
 *
 * It must never break the editor's publish. The content manager publishes inside
 * a database transaction; writing our posts inside it would let one of our
 * failures roll back (or, on PostgreSQL, poison) the editor's publish. So the
 * work waits for the commit, and runs after it with its own errors caught.
 */
export function registerAutoShare(strapi: Strapi) {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    const { uid, action, params } = context as unknown as PublishContext;
    if (action !== 'publish' || !uid.startsWith('api::') || !params?.documentId) return result;
    const entries = (result as { entries?: Array<{ locale?: string | null }> } | undefined)?.entries ?? [];
    const locales = [...new Set(entries.map((e) => e.locale ?? null))];
    const share = async () => {
      for (const locale of locales.length ? locales : [null]) {
        await getService(strapi, 'entries').autoShareOnPublish({ uid, documentId: params.documentId!, locale });
      }
    };
    try {
      if (strapi.db.inTransaction()) {
        await strapi.db.transaction(async ({ onCommit }) => onCommit(() => void share()));
      } else {
        await share();
      }
    } catch (err) {
      strapi.log.error(`[community-manager] auto-share after publishing ${uid} ${params.documentId} failed: ${(err as Error).message}`);
    }
    return result;
  });
}
