import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';
import { getService } from '../core/services';
import { HttpError, notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { createPublicationStore } from './store';
import { createPauseSwitch } from './pause';
import { createRunner } from './runner';
import { createScheduler } from './scheduler';
import { createNotifier } from './notify';
import { syncPlan } from './sync';
import { actorOf, rollUpPlan, settlingEntry } from './rollup';
import type { PublishingConfig } from './config';
import { fromOf, NEVER_SENT, type PublicationTransition } from '../../shared/publishing/states';
import {
  NEEDS_A_PERSON,
  rowOutcome,
  toPublication,
  type LiveLink,
  type OutcomeRow,
  type PublicationOutcome,
  type PublicationRow,
  type PublicationState,
  type PublicationView,
} from './dto';
import type { DailyCapAnswer, PublishingOverview, SentFilters, SentPage } from '../../shared/publishing/contract';
import { createDailyCap } from './daily-cap';
import { httpUrlOrNull } from '../../shared/core/safe-url';

/** What a person may do to a publication: the table's transitions taken by a person. */
const ACTIONS: Record<'publishNow' | 'retry' | 'cancel' | 'markPublished', PublicationTransition> = {
  publishNow: 'publish_now',
  retry: 'retry',
  cancel: 'cancel',
  markPublished: 'mark_published',
};

const DAY = 24 * 60 * 60_000;

/** `rows` under their plan, in the order read; rows `toItem` turns into null are left out. */
function groupByPlan<T>(rows: OutcomeRow[], toItem: (row: OutcomeRow) => T | null): Map<string, T[]> {
  const byPlan = new Map<string, T[]>();
  for (const row of rows) {
    const item = toItem(row);
    if (item === null) continue;
    const list = byPlan.get(row.planDocumentId);
    if (list) list.push(item);
    else byPlan.set(row.planDocumentId, [item]);
  }
  return byPlan;
}

export default ({ strapi }: { strapi: Strapi }) => {
  const config = () => strapi.plugin(PLUGIN_ID).config('publishing') as PublishingConfig;
  let clock: () => number = () => Date.now();
  const now = () => clock();
  const store = createPublicationStore(strapi);
  const pause = createPauseSwitch(strapi);
  const notify = createNotifier(strapi, () => config().notifyEmails);
  const runner = createRunner({ strapi, store, config, now, notify });
  const scheduler = createScheduler({ strapi, store, runner, pause, config, now });

  /** Publications with their plan's title and account's name, for the admin. */
  async function views(rows: PublicationRow[]): Promise<PublicationView[]> {
    const accounts = await getService(strapi, 'accounts').statusOf([...new Set(rows.map((r) => r.accountDocumentId))]);
    const titles = await getService(strapi, 'post-plans').titlesOf([...new Set(rows.map((r) => r.planDocumentId))]);
    return rows.map((row) => {
      const account = accounts.get(row.accountDocumentId);
      const title = titles.get(row.planDocumentId);
      return {
        ...toPublication(row),
        plan: title !== undefined ? { documentId: row.planDocumentId, title } : null,
        account: account
          ? {
              documentId: row.accountDocumentId,
              name: account.name,
              network: account.network,
              handle: account.handle,
              status: account.status,
            }
          : null,
      };
    });
  }

  async function findOr404(documentId: string) {
    const row = await store.findByDocumentId(documentId);
    if (!row) throw notFound('Publication');
    return row;
  }

  type By = { id: number; name: string };

  async function act(documentId: string, action: keyof typeof ACTIONS, patch: Parameters<typeof runner.settle>[2], by: By) {
    const row = await findOr404(documentId);
    const from = fromOf(ACTIONS[action]);
    if (!from.includes(row.state)) {
      throw new HttpError(
        409,
        'not_allowed_from_state',
        // The English names the states; the admin says the rule in the user's language.
        {
          ...serverMessage('not_allowed_from_state', { state: row.state }),
          text: `This publication is ${row.state}; it can be changed this way only when it is ${from.join(', ')}.`,
        },
        [],
        { state: row.state }
      );
    }
    // The history names the person (`by`), and the plan's trail takes their id from this request.
    // A batch of its own: the runner leaves the roll-up to this request, which knows the person (one roll-up, not two).
    const batch = { plans: new Map(), siteHosts: [], accounts: new Map(), settledPlans: new Set<string>() };
    const done = await runner.settle(row, ACTIONS[action], patch, { by: by.name, message: `by ${by.name}`, batch });
    if (!done) throw new HttpError(409, 'state_changed', serverMessage('state_changed'));
    await rollUpPlan(strapi, row.planDocumentId, now(), { ...by, publicationDocumentId: row.documentId });
    scheduler.poke();
    return (await views([(await store.find(row.id))!]))[0];
  }

  return {
    /**
     * The integration point for planning: call after every write that can
     * change a plan's status, time or accounts. Idempotent.
     */
    async syncPlan(documentId: string, options: { rearm?: boolean } = {}) {
      const report = await syncPlan(strapi, store, documentId, now(), options);
      if (report.created || report.moved || report.rearmed || report.requeued) scheduler.poke();
      return report;
    },

    /**
     * Before a plan is deleted (its pending publications already cancelled):
     * removes its publications, so none is left without its plan, or refuses
     * with 409 when one went out or may have (the plan then stays, as their record).
     */
    async removeForPlan(planDocumentId: string) {
      const sent = Number(await store.count({ planDocumentId, state: { $notIn: NEVER_SENT as PublicationState[] } }));
      if (sent > 0) {
        throw new HttpError(409, 'publications_went_out', serverMessage('publications_went_out', { count: sent }), [], { count: sent });
      }
      await store.deleteMany({ planDocumentId, state: { $in: NEVER_SENT as PublicationState[] } });
    },

    /** Starts this instance's scheduler unless configuration turned it off here. */
    start() {
      if (config().scheduler) scheduler.start();
    },
    stop: () => scheduler.stop(),
    /** One scheduler pass, now (tests drive the scheduler with this). */
    tick: () => scheduler.tick(),
    get instanceId() {
      return scheduler.instanceId;
    },
    /** Tests only: a controlled clock. */
    useClock(fn: (() => number) | null) {
      clock = fn ?? (() => Date.now());
    },

    async listForPlan(planDocumentId: string): Promise<PublicationView[]> {
      return views(await store.findMany({ planDocumentId }, { id: 'asc' }));
    },

    /**
     * Every publication of many plans, as an article's panel lists them: one
     * query for the publications and one for their accounts' names, however
     * many plans (never a query per post). Plans without any are absent.
     */
    async outcomesFor(planDocumentIds: readonly string[]): Promise<Map<string, PublicationOutcome[]>> {
      const rows = await store.findForPlans(planDocumentIds);
      const accounts = await getService(strapi, 'accounts').statusOf([...new Set(rows.map((r) => r.accountDocumentId))]);
      return groupByPlan(rows, (row) => rowOutcome(row, accounts.get(row.accountDocumentId)?.name ?? null));
    },

    /**
     * The live posts of many plans, for the calendar: published publications
     * with an http(s) address, in one query. The calendar names the accounts
     * from its own read, so no account is looked up here.
     */
    async liveLinksFor(planDocumentIds: readonly string[]): Promise<Map<string, LiveLink[]>> {
      const rows = await store.findForPlans(planDocumentIds, ['published']);
      return groupByPlan(rows, (row) => {
        const { url } = rowOutcome(row, null);
        // sync.ts writes the network with every row; a link it could not name would read "View on undefined".
        return url && row.network ? { accountDocumentId: row.accountDocumentId, network: row.network, url } : null;
      });
    },

    async get(documentId: string): Promise<PublicationView> {
      return (await views([await findOr404(documentId)]))[0];
    },

    async overview(): Promise<PublishingOverview> {
      const t = now();
      const [queue, inFlight, needsPerson, paused, counts] = await Promise.all([
        store.findMany({ state: 'scheduled', nextAttemptMs: { $lte: t + DAY } }, { nextAttemptMs: 'asc' }, 200),
        store.findMany({ state: { $in: ['claimed', 'publishing'] } }, { leaseUntilMs: 'asc' }, 200),
        store.findMany({ state: { $in: NEEDS_A_PERSON as PublicationState[] } }, { dueMs: 'desc' }, 200),
        pause.get(),
        store.countByState(),
      ]);
      const reauth = (await getService(strapi, 'accounts').list())
        .filter((a) => a.status === 'needs_reauth')
        .map((a) => ({
          documentId: a.documentId,
          name: a.name,
          network: a.network,
          statusReason: a.statusReason,
          statusCode: a.statusCode,
          statusParams: a.statusParams,
        }));
      return {
        now: new Date(t).toISOString(),
        pause: paused,
        counts,
        queue: await views(queue),
        inFlight: await views(inFlight),
        needsPerson: await views(needsPerson),
        accountsNeedingReauth: reauth,
        badge: needsPerson.length + reauth.length,
      };
    },

    /**
     * The Sent history: published publications, newest first, a page at a
     * time, by account, network and the instant they went out. Each with its
     * live link (http(s) only) and who sent it (the scheduler or a person).
     */
    async sent(query: SentFilters): Promise<SentPage> {
      const { page, pageSize } = query;
      const publishedMs: Record<string, number> = {};
      if (query.from) publishedMs.$gte = Date.parse(query.from);
      if (query.to) publishedMs.$lte = Date.parse(query.to);
      const where: Record<string, unknown> = {
        state: 'published',
        ...(query.accountDocumentId ? { accountDocumentId: query.accountDocumentId } : {}),
        ...(query.network ? { network: query.network } : {}),
        ...(Object.keys(publishedMs).length ? { publishedMs } : {}),
      };
      const [total, rows] = await Promise.all([
        store.count(where),
        // The id breaks ties: two posts sent in the same millisecond keep their order from page to page.
        store.findPage(where, [{ publishedMs: 'desc' }, { id: 'desc' }], (page - 1) * pageSize, pageSize),
      ]);
      const accounts = await getService(strapi, 'accounts').statusOf([...new Set(rows.map((r) => r.accountDocumentId))]);
      const titles = await getService(strapi, 'post-plans').titlesOf([...new Set(rows.map((r) => r.planDocumentId))]);
      return {
        items: rows.map((row) => {
          const account = accounts.get(row.accountDocumentId);
          const title = titles.get(row.planDocumentId);
          const entry = settlingEntry(row);
          const publishedMsValue = row.publishedMs === null || row.publishedMs === undefined ? null : Number(row.publishedMs);
          return {
            documentId: row.documentId,
            plan: title !== undefined ? { documentId: row.planDocumentId, title } : null,
            account: account
              ? { documentId: row.accountDocumentId, name: account.name, network: account.network, handle: account.handle }
              : null,
            network: row.network,
            publishedAt: publishedMsValue === null ? null : new Date(publishedMsValue).toISOString(),
            url: httpUrlOrNull(row.externalUrl),
            by: entry ? actorOf(entry) : null,
          };
        }),
        pagination: { page, pageSize, total: Number(total), pageCount: Math.ceil(Number(total) / pageSize) },
      };
    },

    /** The composer's count of posts left under the daily cap (X) on a day, per account. */
    dailyCaps(at: string, accountIds: string[]): Promise<DailyCapAnswer> {
      return createDailyCap(strapi).forDay(Date.parse(at), accountIds);
    },

    /** The admin menu's count: what waits for a person. */
    async badge(): Promise<{ count: number }> {
      const [rows, accounts] = await Promise.all([
        store.count({ state: { $in: NEEDS_A_PERSON as PublicationState[] } }),
        getService(strapi, 'accounts').list(),
      ]);
      return { count: Number(rows) + accounts.filter((a) => a.status === 'needs_reauth').length };
    },

    pauseState: () => pause.get(),
    async setPaused(paused: boolean, by: string, reason: string | null) {
      const state = await pause.set(paused, by, reason, now());
      if (!paused) scheduler.poke();
      return state;
    },

    publishNow: (documentId: string, by: By) => act(documentId, 'publishNow', { dueMs: now(), nextAttemptMs: now() }, by),
    retry: (documentId: string, by: By) =>
      act(
        documentId,
        'retry',
        {
          dueMs: now(),
          nextAttemptMs: now(),
          attempts: 0,
          attemptId: null,
          leaseOwner: null,
          leaseUntilMs: null,
          errorCode: null,
          lastError: null,
        },
        by
      ),
    cancel: (documentId: string, by: By) => act(documentId, 'cancel', { leaseOwner: null, leaseUntilMs: null }, by),
    markPublished: (documentId: string, url: string, by: By) =>
      act(documentId, 'markPublished', { externalUrl: url, publishedMs: now(), leaseUntilMs: null, errorCode: null, lastError: null }, by),
  };
};
