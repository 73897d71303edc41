import { pool } from '../../core/jobs';
import { NETWORK_ADAPTERS } from '../../networks/registry';
import type { PublishPort } from '../../networks/types';
import { aheadSteps } from '../steps';
import type { PublicationRow } from '../dto';
import type { Batch, RunContext } from './context';

/** Rows prepared in one pass, at most (the earliest first); the next pass takes the rest. */
const PER_PASS = 50;
/** Preparations on the wire at once. */
const CONCURRENCY = 4;

/**
 * The ahead job: for scheduled posts of networks with a `PublishPort.ahead`
 * (Instagram, Threads), the work that publishes nothing but takes the
 * network time — a media container, processed for seconds to minutes — done
 * before the due time, so that at the instant only the publish call is left.
 *
 * It only reads rows (`scheduled`, never tried, due after the claim's
 * lookahead and within the network's `ahead.ms`) and writes each one's ahead
 * store, never its state or its steps: the row is claimed and sent as any
 * other, and the publish adopts the container if the post is still the one it
 * was made from. Anything that goes wrong here is logged and left to the
 * publish, which then makes the container itself, as without this job. Two
 * instances preparing the same row at once make two containers of the same
 * post; one is published, the other expires unused.
 */
export function createAheadJob(run: RunContext, prepareBatch: (rows: PublicationRow[]) => Promise<Batch>) {
  const { strapi, store, deps, accountOf, draftOf, contextFor } = run;
  const ports = new Map(
    NETWORK_ADAPTERS.filter((a) => a.publish.ahead).map((a) => [a.id, a.publish as PublishPort & Required<Pick<PublishPort, 'ahead'>>])
  );
  const widest = Math.max(0, ...[...ports.values()].map((p) => p.ahead.ms));
  let running = false;

  async function prepareRow(row: PublicationRow, batch: Batch) {
    const port = ports.get(String(row.network));
    if (!port) return;
    const account = await accountOf(row.accountDocumentId, batch);
    if (!account || account.status !== 'connected') return;
    const draft = await draftOf(row, batch);
    if (!draft) return;
    const ctx = { ...contextFor(row, account), steps: aheadSteps(strapi, row.documentId), prepared: undefined };
    try {
      // A post the network would refuse gets nothing made: its publish fails it with the reason.
      await port.validate(ctx, draft);
    } catch {
      return;
    }
    await port.ahead.prepare(ctx, draft);
  }

  return {
    /** One pass: the rows due within the widest `ahead.ms` and not yet claimable; how many were looked at. */
    async pass(now: number): Promise<number> {
      const cfg = deps.config();
      if (!cfg.ahead || !ports.size || running) return 0;
      running = true;
      try {
        const rows = (
          await store.findMany(
            {
              state: 'scheduled',
              attempts: 0,
              network: { $in: [...ports.keys()] },
              nextAttemptMs: { $gt: now + cfg.lookaheadMs, $lte: now + widest },
            },
            { nextAttemptMs: 'asc' },
            PER_PASS
          )
        ).filter((row) => Number(row.nextAttemptMs) <= now + ports.get(String(row.network))!.ahead.ms);
        if (!rows.length) return 0;
        const batch = await prepareBatch(rows);
        await pool(rows, CONCURRENCY, async (row) => {
          try {
            await prepareRow(row, batch);
          } catch (err) {
            strapi.log.warn(
              `community-manager publisher: could not prepare ${row.network} publication ${row.documentId} ahead (${err instanceof Error ? err.message : String(err)}); it is made at its instant`
            );
          }
        });
        return rows.length;
      } finally {
        running = false;
      }
    },
  };
}
