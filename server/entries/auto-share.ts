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
 *
 * Work that runs after the commit is nobody's promise: it is kept in
 * `pending` so the plugin's `destroy` waits for it (a share still writing
 * after Strapi closed its database pool would wait a minute for a
 * connection, then fail with nobody to hear it), and its failure is logged
 * here, never left as an unhandled rejection, which would stop the process.
 */
export function registerAutoShare(strapi: Strapi): { drain(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  const fail = (uid: string, documentId: string) => (err: unknown) => {
    strapi.log.error(`[community-manager] auto-share after publishing ${uid} ${documentId} failed: ${(err as Error).message}`);
  };
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
        await strapi.db.transaction(async ({ onCommit }) =>
          onCommit(() => {
            const after = share().catch(fail(uid, params.documentId!));
            pending.add(after);
            void after.finally(() => pending.delete(after));
          })
        );
      } else {
        await share();
      }
    } catch (err) {
      fail(uid, params.documentId)(err);
    }
    return result;
  });
  return {
    async drain() {
      await Promise.all([...pending]);
    },
  };
}
