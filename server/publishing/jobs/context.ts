import type { Strapi } from '../../core/strapi';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type { PluginConfig } from '../../core/config';
import { guardedFetch, type GuardedRequest } from '../../core/http/guarded-fetch';
import { getService } from '../../core/services';
import type { PublishPort as Adapter, AdapterContext, PostContent, PostDraft } from '../../networks/types';
import type { HistoryEntry, PublicationRow, PublicationState } from '../dto';
import type { PublicationStore, Patch } from '../store';
import { rollUpPlan } from '../rollup';
import { aheadSteps, publicationSteps } from '../steps';
import { accountContext } from '../../accounts/adapter-context';
import { mediaRefs, type PlanMedia } from '../media';
import { createPublicMedia } from '../public-media';
import { renderText } from '../../../shared/planning/utm';
import { loadTwitterText } from '../../../shared/linter/twitter-text';
import type { Network } from '../../../shared/linter';
import type { PublishingConfig } from '../config';
import type { PlanToPublish } from '../../planning/for-publishing';
import { eventOf, fromFor, SETTLED, toOf, type PublicationTransition } from '../../../shared/publishing/states';

export interface RunnerDeps {
  strapi: Strapi;
  store: PublicationStore;
  config: () => PublishingConfig;
  now: () => number;
  notify: (subject: string, text: string) => Promise<void>;
}

export type Account = NonNullable<Awaited<ReturnType<ReturnType<typeof getService<'accounts'>>['publishingAccount']>>>;

/** What every row of one claim shares: the plans' texts, read once, and each account, read and decrypted once. */
export interface Batch {
  plans: Map<string, PlanToPublish>;
  siteHosts: string[];
  accounts: Map<string, Promise<Account | null>>;
  /** plans with a publication settled in this batch, rolled up together once the batch is done */
  settledPlans: Set<string>;
}

/** A claimed row made ready before its instant: all read and checked but the media's bytes. */
export interface Ready {
  row: PublicationRow;
  /** the lease token of the claim that took it */
  owner: string;
  batch: Batch;
  dueMs: number;
  account: Account;
  adapter: Adapter;
  ctx: AdapterContext;
  draft: PostDraft & { media: PlanMedia[] };
  /** the draft with its media's bytes, once read (at once for a post without media) */
  content?: PostContent;
  /** set when the row becomes `publishing` */
  attemptId?: string;
  current?: PublicationRow;
}

export interface SettleExtra {
  /** the states this caller read: narrows the transition's from-set (never widens it) */
  from?: readonly PublicationState[];
  code?: string;
  message?: string;
  owner?: string;
  by?: string;
  batch?: Batch;
}

/**
 * What the runner's jobs (publish, first comment, hold, reconcile) share:
 * the guarded fetch, the accounts and plans as publishing reads them, and
 * `settle`, the one way a job moves a row.
 */
export function createRunContext(deps: RunnerDeps) {
  const { strapi, store } = deps;
  const accounts = () => getService(strapi, 'accounts');

  const outbound = () => strapi.plugin(PLUGIN_ID).config('outbound') as PluginConfig['outbound'];
  const fetch = (url: string, req: GuardedRequest = {}) => {
    const { timeoutMs, maxResponseBytes, allowedHosts, deadlines } = outbound();
    // A call to a network's API while publishing, unless the adapter names another purpose (webhook, media).
    return guardedFetch(
      url,
      { purpose: 'publish', timeoutMs, maxBytes: maxResponseBytes, ...req },
      { policy: { allowedHosts }, deadlines }
    );
  };

  const stamp = () => new Date(deps.now()).toISOString();

  /** The row's history with the line for this change, kept to its last 50 lines. */
  function historyAfter(
    row: PublicationRow,
    to: PublicationState,
    patch: Patch,
    event: string,
    extra: { code?: string; message?: string; owner?: string; by?: string } = {}
  ): HistoryEntry[] {
    const entry: HistoryEntry = {
      at: stamp(),
      event,
      from: row.state,
      to,
      attempt: Number(row.attempts ?? 0),
      ...(row.attemptId || patch.attemptId ? { attemptId: String(patch.attemptId ?? row.attemptId) } : {}),
      ...(extra.code ? { code: extra.code } : {}),
      ...(extra.message ? { message: extra.message.slice(0, 500) } : {}),
      // which instance did it: the lease token starts with the instance id
      ...(extra.by || extra.owner ? { by: extra.by ?? extra.owner!.split('#')[0] } : {}),
    };
    return [...(Array.isArray(row.history) ? row.history : []).slice(-49), entry];
  }

  /**
   * Takes the named transition on a row with its history line, in one
   * conditional UPDATE; rolls the plan up when the row settled. `row` is the
   * copy the caller read: whoever may move a row holds its latest history.
   */
  async function settle(row: PublicationRow, name: PublicationTransition, patch: Patch, extra: SettleExtra = {}) {
    const from = fromFor(name, ...(extra.from ?? []));
    const to = toOf(name, from) ?? row.state;
    const history = historyAfter(row, to, patch, eventOf(name, from[0]), extra);
    const done = await store.apply(name, row.id, { from, patch, owner: extra.owner, history });
    if (!done) return false;
    if (SETTLED.includes(to)) {
      // Within a batch the plans are rolled up together once it is sent (runner.finish).
      if (extra.batch) extra.batch.settledPlans.add(row.planDocumentId);
      else await rollUpPlan(strapi, row.planDocumentId, deps.now());
    }
    return true;
  }

  /** Strapi's `server.url` and the signed media addresses on it, for networks that fetch media by URL. */
  const publicMedia = createPublicMedia(strapi);
  const publicUrl = () => publicMedia.site();

  /**
   * What an adapter works with for one row. `owner`: the lease token of the
   * attempt that publishes it, whose saved steps are fenced by that lease
   * (steps.ts); without it (a reconciliation) they are plain writes.
   */
  function contextFor(row: PublicationRow, account: Account, owner?: string): AdapterContext {
    return {
      ...accountContext(strapi, account, 'publish', { quietRenewal: true }),
      fetch,
      now: deps.now,
      publicationId: row.documentId,
      // Three quarters of the lease: the upload before and the post after the wait need the rest.
      processingBudgetMs: Math.floor((deps.config().leaseMs * 3) / 4),
      steps: publicationSteps(store, row.id, owner === undefined ? undefined : { owner, until: () => leaseEnd() }),
      prepared: aheadSteps(strapi, row.documentId),
      publicUrl: publicUrl(),
      mediaUrl: (file) => publicMedia.linkFor(file),
    };
  }

  /**
   * The texts and media of the plans behind a batch of claimed rows, in one
   * read (planning's `textsToPublish`): publishing needs a plan's words at the
   * moment of sending, not when it was scheduled.
   */
  const loadPlans = (planIds: string[]) => getService(strapi, 'post-plans').textsToPublish(planIds);

  /**
   * What the network will receive: the variant or the body with the UTM tags
   * the composer's preview showed (one `renderText` for both), and which media
   * with which alt text. The media's bytes are read at the moment of sending.
   */
  async function draftOf(row: PublicationRow, batch?: Batch): Promise<(PostDraft & { media: PlanMedia[] }) | null> {
    const plans = batch?.plans ?? (await loadPlans([row.planDocumentId]));
    const plan = plans.get(row.planDocumentId);
    if (!plan) return null;
    const siteHosts = batch?.siteHosts ?? (await getService(strapi, 'settings').siteHosts());
    // renderText finds links with twitter-text, loaded on first use.
    await loadTwitterText();
    const text = renderText({ ...plan, body: plan.body ?? '' }, row.network as Network, siteHosts);
    return { text, firstComment: plan.firstComment || null, media: mediaRefs(plan.media, plan.mediaAlt ?? {}) };
  }

  async function accountOf(id: string, batch?: Batch): Promise<Account | null> {
    if (!batch) return accounts().publishingAccount(id);
    if (!batch.accounts.has(id)) batch.accounts.set(id, accounts().publishingAccount(id));
    return batch.accounts.get(id)!;
  }

  const leaseEnd = () => deps.now() + deps.config().leaseMs;

  /** The network (or a check before it) refused the post for good: failed, and a person told. */
  async function failed(
    row: PublicationRow,
    err: { code: string; message: string },
    from: readonly PublicationState[],
    owner?: string,
    batch?: Batch
  ) {
    const ok = await settle(
      row,
      'fail',
      { leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message },
      { ...err, from, owner, batch }
    );
    if (ok) await deps.notify('A post could not be published', `Publication ${row.documentId} (${row.network}) failed: ${err.message}`);
  }

  return {
    deps,
    strapi,
    store,
    accounts,
    fetch,
    stamp,
    historyAfter,
    settle,
    contextFor,
    loadPlans,
    draftOf,
    accountOf,
    leaseEnd,
    failed,
  };
}

export type RunContext = ReturnType<typeof createRunContext>;
