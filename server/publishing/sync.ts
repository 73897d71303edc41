import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { HttpError } from '../core/errors';
import type { PublicationStore } from './store';
import type { PublicationRow, PublicationState } from './dto';
import { fromFor, nextState } from '../../shared/publishing/states';
import { ms } from './dto';
import { rollUpPlan } from './rollup';
import { isUniqueViolation } from '../core/db/indexes';

/**
 * Rows a change of plan may still move or take back: scheduled and held
 * ones, and claimed ones, which have not been sent: the scheduler claims them
 * a little ahead of their instant and starts each with a write conditional on
 * its claim. A plan change takes them back first, so the change wins (and its
 * words are read again). Publishing and settled rows are left alone.
 */
const TAKEN_BACK = fromFor('drop');
/**
 * Settled-without-success rows a plan scheduled again re-arms, only when asked
 * (`rearm`: the workflow's schedule and retry): a publisher's cancel or a
 * failure stands through any edit of the plan.
 */
const REARMABLE = fromFor('rearm');

export interface SyncReport {
  created: number;
  moved: number;
  rearmed: number;
  cancelled: number;
  /** claimed rows handed back unchanged, to be claimed again with the plan's new words */
  requeued: number;
}

/**
 * Makes a plan's publications match the plan: scheduled -> one publication per
 * target account due at `scheduledAt`; otherwise (or for an account taken off
 * the plan) pending ones are cancelled. Idempotent: calling it twice changes
 * nothing the second time. One row per plan and account, ever: re-scheduling
 * re-arms the same row, so its history tells the whole story.
 */
export async function syncPlan(
  strapi: Strapi,
  store: PublicationStore,
  documentId: string,
  now: number,
  options: { rearm?: boolean } = {}
): Promise<SyncReport> {
  const report: SyncReport = { created: 0, moved: 0, rearmed: 0, cancelled: 0, requeued: 0 };
  let plan: Awaited<ReturnType<ReturnType<typeof getService<'post-plans'>>['get']>> | null = null;
  try {
    plan = await getService(strapi, 'post-plans').get(documentId);
  } catch (err) {
    if (!(err instanceof HttpError && err.status === 404)) throw err;
  }
  const rows = await store.findMany({ planDocumentId: documentId });
  const due = plan?.status === 'scheduled' && plan.scheduledAt ? Date.parse(plan.scheduledAt) : null;
  const wanted = due === null ? [] : plan!.accounts;
  const at = new Date(now).toISOString();

  const history = (row: PublicationRow, event: string, to: PublicationState, message?: string) =>
    store.appendHistory(row.id, { at, event, from: row.state, to, by: 'plan', ...(message ? { message } : {}) });

  for (const row of rows) {
    if (wanted.some((a) => a.documentId === row.accountDocumentId) || !TAKEN_BACK.includes(row.state)) continue;
    const why = plan ? (due === null ? `The post is ${plan.status} now` : 'The account was taken off the post') : 'The post was deleted';
    if (await store.apply('drop', row.id, { patch: { leaseOwner: null, leaseUntilMs: null } })) {
      report.cancelled++;
      await history(row, 'cancelled', 'cancelled', why);
    }
  }

  for (const account of wanted) {
    const row = rows.find((r) => r.accountDocumentId === account.documentId);
    if (!row) {
      try {
        await store.create({
          planDocumentId: documentId,
          accountDocumentId: account.documentId,
          network: account.network,
          state: 'scheduled',
          dueMs: due,
          nextAttemptMs: due,
          attempts: 0,
          history: [{ at, event: 'scheduled', to: 'scheduled', by: 'plan', message: new Date(due!).toISOString() }],
        });
        report.created++;
      } catch (err) {
        // Another instance created this very row a moment ago (unique per plan and account): it stands.
        if (!isUniqueViolation(err)) throw err;
      }
    } else if (TAKEN_BACK.includes(row.state) && ms(row.dueMs) !== due) {
      const state = nextState(row.state, 'move')!;
      if (
        await store.apply('move', row.id, {
          from: [row.state],
          patch: { dueMs: due, nextAttemptMs: due, attempts: 0, leaseOwner: null, leaseUntilMs: null },
        })
      ) {
        report.moved++;
        await history(row, 'moved', state, new Date(due!).toISOString());
      }
    } else if (row.state === 'claimed') {
      if (await store.requeue([row.id])) report.requeued++;
    } else if (options.rearm && REARMABLE.includes(row.state)) {
      const rearmed = await store.apply('rearm', row.id, {
        patch: {
          dueMs: due,
          nextAttemptMs: due,
          attempts: 0,
          attemptId: null,
          leaseOwner: null,
          leaseUntilMs: null,
          errorCode: null,
          lastError: null,
        },
      });
      if (rearmed) {
        report.rearmed++;
        await history(row, 'scheduled', 'scheduled', new Date(due!).toISOString());
      }
    }
  }
  if (report.cancelled || report.rearmed) await rollUpPlan(strapi, documentId, now);
  return report;
}
