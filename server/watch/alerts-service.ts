import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { PLUGIN_ID } from '../../shared/core/permissions';
import { getService } from '../core/services';
import { toWatchAlert, type WatchAlert } from './dto';
import type { AlertRule } from './matching';
import { digestEmail } from './digest';
import { watchConfig } from './outbound';
import type { AlertInput } from '../../shared/watch/contract';

const DIGEST_STORE_KEY = 'watch-digest';

export default ({ strapi }: { strapi: Strapi }) => {
  const documents = () => strapi.documents(UID.watchAlert);
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: DIGEST_STORE_KEY });

  async function findRow(documentId: string): Promise<Row> {
    const row = (await documents().findOne({ documentId })) as unknown as Row | null;
    if (!row) throw notFound('Alert', serverMessage('alert_not_found'));
    return row;
  }

  return {
    async list(): Promise<WatchAlert[]> {
      return ((await documents().findMany({ sort: ['name:asc'] })) as unknown as Row[]).map(toWatchAlert);
    },
    async get(documentId: string): Promise<WatchAlert> {
      return toWatchAlert(await findRow(documentId));
    },
    async create(input: AlertInput): Promise<WatchAlert> {
      const row = (await documents().create({ data: input as never })) as unknown as Row;
      return toWatchAlert(row);
    },
    async update(documentId: string, input: AlertInput): Promise<WatchAlert> {
      await findRow(documentId);
      await documents().update({ documentId, data: input as never });
      return this.get(documentId);
    },
    async remove(documentId: string) {
      await findRow(documentId);
      await documents().delete({ documentId });
      return { documentId };
    },

    /** Rules applied to each new item (rules were checked for ReDoS shapes when saved). */
    async activeRules(): Promise<AlertRule[]> {
      return ((await documents().findMany({ filters: { enabled: true } as never })) as unknown as Row[]).map((r) => ({
        documentId: r.documentId,
        kind: r.kind as AlertRule['kind'],
        pattern: String(r.pattern),
      }));
    },

    /** The admin badge: alerted items nobody has opened yet. */
    async count(): Promise<{ count: number }> {
      return { count: await getService(strapi, 'watch-items').alertCount() };
    },

    /**
     * Sends the digest of what the alerts caught since the last one, through
     * Strapi's email plugin. Nothing to say, or nobody to tell: nothing is sent.
     */
    async sendDigest(now = new Date()): Promise<{ sent: boolean; items: number; to: string[] }> {
      const to = watchConfig(strapi).digest.to;
      const last = (await store().get({})) as { lastSentAt?: string } | null;
      const since = last?.lastSentAt ? new Date(last.lastSentAt) : new Date(now.getTime() - 24 * 3600_000);
      const rules = ((await documents().findMany({ filters: { enabled: true, digest: true } as never })) as unknown as Row[]).map(
        toWatchAlert
      );
      const items = rules.length
        ? await getService(strapi, 'watch-items').alertedSince(
            since,
            rules.map((r) => r.documentId)
          )
        : [];
      if (!to.length || !items.length) return { sent: false, items: items.length, to };
      const email = digestEmail(items, rules, since);
      await strapi
        .plugin('email')
        .service('email')
        .send({ to: to.join(','), subject: email.subject, text: email.text, html: email.html });
      await store().set({ value: { lastSentAt: now.toISOString() } });
      return { sent: true, items: items.length, to };
    },
  };
};
