import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { getService } from '../core/services';
import { COUNTED_STATES, isCapped, remaining, utcDay } from '../../shared/publishing/daily-cap';
import { ms, type PublicationRow } from './dto';

/**
 * The daily cap on an account's posts (Settings, `xDailyCap`), for networks
 * billed per request. A post goes out when fewer than `cap` posts of its
 * account are due earlier the same UTC day (or at the same instant with a
 * lower id) and not held, failed or cancelled: every instance ranks the rows
 * the same way, so two instances sending at once never both pass the cap.
 */
export function createDailyCap(strapi: Strapi) {
  const publications = () => strapi.db.query(UID.publication as never);

  async function capOf(network: string): Promise<number | null> {
    if (!isCapped(network)) return null;
    return (await getService(strapi, 'settings').get()).xDailyCap ?? null;
  }

  return {
    capOf,

    /** Null when the row may go; else the cap and its day, for the hold's reason. */
    async over(row: PublicationRow, network: string): Promise<{ cap: number; day: string } | null> {
      const cap = await capOf(network);
      const due = ms(row.dueMs);
      if (cap === null || due === null) return null;
      const { start, day } = utcDay(due);
      const before = await publications().count({
        where: {
          accountDocumentId: row.accountDocumentId,
          state: { $in: [...COUNTED_STATES] },
          id: { $ne: row.id },
          $or: [{ dueMs: { $gte: start, $lt: due } }, { dueMs: due, id: { $lt: row.id } }],
        },
      } as never);
      return Number(before) >= cap ? { cap, day } : null;
    },

    /** For the composer: each capped account's posts counted on a day, and what is left. */
    async forDay(at: number, accountIds: readonly string[]) {
      const { start, end, day } = utcDay(at);
      const accounts = (await strapi.db.query(UID.socialAccount as never).findMany({
        where: { documentId: { $in: [...accountIds] } },
        select: ['documentId', 'network'],
      } as never)) as Row[];
      const out: Array<{ accountId: string; cap: number; used: number; remaining: number }> = [];
      for (const account of accounts) {
        const cap = await capOf(String(account.network));
        if (cap === null) continue;
        const used = Number(
          await publications().count({
            where: {
              accountDocumentId: account.documentId,
              state: { $in: [...COUNTED_STATES] },
              dueMs: { $gte: start, $lt: end },
            },
          } as never)
        );
        out.push({ accountId: String(account.documentId), cap, used, remaining: remaining(cap, used)! });
      }
      return { day, accounts: out };
    },
  };
}
