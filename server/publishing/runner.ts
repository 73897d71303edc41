import { randomUUID } from 'node:crypto';
import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../core/permissions';
import type { PluginConfig } from '../core/config';
import { guardedFetch, type GuardedRequest } from '../core/http/guarded-fetch';
import { getService } from '../core/services';
import { reason } from '../accounts/reasons';
import { ADAPTERS, type Adapter, type AdapterContext, type PostContent } from './platforms';
import { classify, type PublishError } from './errors';
import { ms, type HistoryEntry, type PublicationRow, type PublicationState } from './dto';
import { UID } from '../../content-types';
import type { PublicationStore, Patch } from './store';
import { rollUpPlan, rollUpPlans } from './rollup';
import { readMedia, type PlanFile } from './media';
import { renderText, type UtmPlan } from '../planning/utm';
import type { Network } from '../strategy/linter';
import type { PublishingConfig } from './config';

export interface RunnerDeps {
  strapi: Strapi;
  store: PublicationStore;
  config: () => PublishingConfig;
  now: () => number;
  notify: (subject: string, text: string) => Promise<void>;
}

/** States after which a plan's status may change. */
const SETTLED: readonly PublicationState[] = ['published', 'failed', 'missed', 'cancelled', 'held', 'unknown'];

/** A reconcilable unknown is looked up again after this delay (the network may still be writing it). */
export const RECONCILE_AFTER_MS = 3_000;

type Account = NonNullable<Awaited<ReturnType<ReturnType<typeof getService<'accounts'>>['publishingAccount']>>>;

/**
 * Publishes the rows this instance claimed, one at a time each, and settles
 * them. Every write is conditional on the row's state (and lease owner): if a
 * reaper or a person moved the row meanwhile, this instance lets go.
 */
export function createRunner(deps: RunnerDeps) {
  const { strapi, store } = deps;
  const accounts = () => getService(strapi, 'accounts');

  const outbound = () => strapi.plugin(PLUGIN_ID).config('outbound') as PluginConfig['outbound'];
  const fetch = (url: string, req: GuardedRequest = {}) =>
    guardedFetch(url, { timeoutMs: outbound().timeoutMs, maxBytes: outbound().maxResponseBytes, ...req }, { policy: { allowedHosts: outbound().allowedHosts } });

  const stamp = () => new Date(deps.now()).toISOString();

  /**
   * Moves a row from one of `from` to `to` with its history line, in one
   * conditional UPDATE; rolls the plan up when the row settled. `row` is the
   * copy the caller read: whoever may move a row holds its latest history.
   */
  async function settle(
    row: PublicationRow,
    from: readonly PublicationState[],
    to: PublicationState,
    patch: Patch,
    event: string,
    extra: { code?: string; message?: string; owner?: string; by?: string; batch?: Batch } = {}
  ) {
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
    const history = [...(Array.isArray(row.history) ? row.history : []).slice(-49), entry];
    const done = await store.transition(row.id, from, { state: to, ...patch }, extra.owner, history);
    if (!done) return false;
    if (SETTLED.includes(to)) {
      // Within a batch the plans are rolled up together once it is sent (runner.finish).
      if (extra.batch) extra.batch.settledPlans.add(row.planDocumentId);
      else await rollUpPlan(strapi, row.planDocumentId, deps.now());
    }
    return true;
  }

  function contextFor(row: PublicationRow, account: Account): AdapterContext {
    return {
      account: {
        documentId: account.documentId,
        network: account.network,
        instanceUrl: account.instanceUrl,
        networkAccountId: account.networkAccountId,
        handle: account.handle,
        settings: account.settings,
        limits: account.limits,
      },
      secrets: { ...(account.secrets ?? {}) },
      saveSecrets: (secrets) => accounts().saveSecrets(account.documentId, secrets),
      fetch,
      now: deps.now,
      publicationId: row.documentId,
    };
  }

  type PlanText = UtmPlan & {
    documentId: string;
    firstComment: string | null;
    media: PlanFile[] | null;
    mediaAlt: Record<string, string> | null;
  };

  /**
   * The texts and media of the plans behind a batch of claimed rows, in one
   * read. Read only, and only these fields: planning owns the plan, publishing
   * needs its words at the moment of sending (not when it was scheduled).
   */
  async function loadPlans(planIds: string[]): Promise<Map<string, PlanText>> {
    const plans = (await strapi.documents(UID.postPlan).findMany({
      filters: { documentId: { $in: planIds } } as never,
      fields: ['body', 'variants', 'firstComment', 'utm', 'campaign', 'mediaAlt'] as never,
      populate: { media: { fields: ['url', 'mime', 'name', 'alternativeText'] } } as never,
    })) as unknown as PlanText[];
    return new Map(plans.map((p) => [p.documentId, p]));
  }

  /**
   * What the network receives: the variant or the body with the UTM tags the
   * composer's preview showed (one `renderText` for both), and, when sending,
   * the media's bytes. Reconciliation compares texts only and skips the bytes.
   */
  async function contentOf(row: PublicationRow, batch?: Batch, options: { media: boolean } = { media: true }): Promise<PostContent | null> {
    const plans = batch?.plans ?? (await loadPlans([row.planDocumentId]));
    const plan = plans.get(row.planDocumentId);
    if (!plan) return null;
    const siteHosts = batch?.siteHosts ?? (await getService(strapi, 'settings').siteHosts());
    const text = renderText({ ...plan, body: plan.body ?? '' }, row.network as Network, siteHosts);
    const media = options.media && plan.media?.length ? await readMedia(plan.media, plan.mediaAlt ?? {}, strapi.dirs.static.public, fetch) : [];
    return { text, firstComment: plan.firstComment || null, media };
  }

  /** What every row of one claim shares: the plans' texts, read once, and each account, read and decrypted once. */
  interface Batch {
    plans: Map<string, PlanText>;
    siteHosts: string[];
    accounts: Map<string, Promise<Account | null>>;
    /** plans with a publication settled in this batch, rolled up together at its end */
    settledPlans: Set<string>;
  }

  async function accountOf(id: string, batch?: Batch): Promise<Account | null> {
    if (!batch) return accounts().publishingAccount(id);
    if (!batch.accounts.has(id)) batch.accounts.set(id, accounts().publishingAccount(id));
    return batch.accounts.get(id)!;
  }

  const leaseEnd = () => deps.now() + deps.config().leaseMs;

  /** The network said no in a way the account as a whole must fix: hold its posts and tell a person. */
  async function needsReauth(row: PublicationRow, account: Account, err: PublishError, owner: string) {
    const why =
      err.code === 'app_password_refused'
        ? reason('app_password_refused', { message: err.message })
        : err.code === 'webhook_refused'
          ? reason('webhook_refused', { status: 401 })
          : reason('token_refused', { status: 401, message: err.message });
    await accounts().markNeedsReauth(account.documentId, why);
    await settle(row, ['publishing'], 'held', { leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message }, 'held', { code: err.code, message: err.message, owner });
    await store.moveAccount(account.documentId, 'scheduled', 'held', { errorCode: 'account_needs_reauth', lastError: `${account.name} needs to be reconnected` });
    await deps.notify(`${account.name} needs to be reconnected`, `Publishing to ${account.name} (${account.network}) was refused: ${err.message}\nIts scheduled posts are on hold until the account is reconnected in Community Manager > Accounts.`);
  }

  async function failed(row: PublicationRow, err: { code: string; message: string }, from: readonly PublicationState[], owner?: string) {
    const ok = await settle(row, from, 'failed', { leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message }, 'failed', { ...err, owner });
    if (ok) await deps.notify('A post could not be published', `Publication ${row.documentId} (${row.network}) failed: ${err.message}`);
  }

  async function onError(row: PublicationRow, account: Account, error: unknown, owner: string) {
    const err = classify(error);
    const now = deps.now();
    if (err.retryAfterMs) await accounts().setRateLimit(account.documentId, { until: err.retryAfterMs, reason: err.code });
    switch (err.kind) {
      case 'retryable': {
        const attempts = Number(row.attempts ?? 1);
        if (attempts >= deps.config().maxAttempts) return failed(row, { code: err.code, message: `${err.message} (gave up after ${attempts} attempts)` }, ['publishing'], owner);
        const backoff = Math.min(deps.config().backoffBaseMs * 2 ** (attempts - 1), deps.config().backoffMaxMs);
        const next = Math.max(now + backoff, err.retryAfterMs ?? 0);
        await settle(row, ['publishing'], 'scheduled', { nextAttemptMs: next, leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message }, 'retry_later', { code: err.code, message: err.message, owner });
        return;
      }
      case 'permanent':
        return failed(row, err, ['publishing'], owner);
      case 'auth':
        account.status = 'needs_reauth';
        return needsReauth(row, account, err, owner);
      case 'unknown':
        // Never resent blindly: a lookup on the network decides, or a person.
        await settle(
          row,
          ['publishing'],
          'unknown',
          { leaseOwner: null, leaseUntilMs: now + RECONCILE_AFTER_MS, errorCode: err.code, lastError: err.message },
          'outcome_unknown',
          { code: err.code, message: err.message, owner }
        );
    }
  }

  /** The first comment, as a reply; its failure is recorded on a post that did go out. */
  async function firstComment(row: PublicationRow, adapter: Adapter, ctx: AdapterContext, content: PostContent, parent: Awaited<ReturnType<Adapter['publish']>>, attemptId: string) {
    if (!content.firstComment?.trim() || !adapter.reply) return;
    try {
      const reply = await adapter.reply(ctx, parent, content.firstComment, attemptId);
      await store.appendHistory(row.id, { at: stamp(), event: 'first_comment', message: reply.url ?? reply.externalId });
    } catch (error) {
      const err = classify(error);
      await store.transition(row.id, ['published'], { errorCode: 'first_comment_failed', lastError: `The post is out, but its first comment was not: ${err.message}` });
      await store.appendHistory(row.id, { at: stamp(), event: 'first_comment_failed', code: err.code, message: err.message });
    }
  }

  return {
    /** One claimed row, from `claimed` to wherever it ends. */
    async prepare(rows: PublicationRow[]): Promise<Batch> {
      const [plans, siteHosts] = await Promise.all([loadPlans([...new Set(rows.map((r) => r.planDocumentId))]), getService(strapi, 'settings').siteHosts()]);
      return { plans, siteHosts, accounts: new Map(), settledPlans: new Set() };
    },

    /** Once a batch is sent: its plans' statuses, rolled up in one pass. */
    async finish(batch: Batch) {
      await rollUpPlans(strapi, batch.settledPlans, deps.now());
    },

    async publish(row: PublicationRow, owner: string, batch?: Batch) {
      const account = await accountOf(row.accountDocumentId, batch);
      if (!account) return failed(row, { code: 'account_removed', message: 'The account was removed' }, ['claimed'], owner);
      if (account.status === 'disabled') {
        return failed(row, { code: 'account_disabled', message: `${account.name} is disabled: nothing is published to it` }, ['claimed'], owner);
      }
      if (!account.secrets) {
        // Sealed with a key this server no longer has: only a person can enter them again.
        await accounts().markNeedsReauth(account.documentId, reason('credentials_unreadable', { keyId: '?' }));
        account.status = 'needs_reauth';
      }
      if (account.status === 'needs_reauth' || !account.secrets) {
        const message = `${account.name} needs to be reconnected`;
        await settle(row, ['claimed'], 'held', { leaseOwner: null, leaseUntilMs: null, errorCode: 'account_needs_reauth', lastError: message }, 'held', { code: 'account_needs_reauth', message, owner });
        return;
      }
      const adapter = ADAPTERS[account.network];
      if (!adapter) return failed(row, { code: 'network_not_supported', message: `Publishing to ${account.network} is not available in this version` }, ['claimed'], owner);
      let content: PostContent | null;
      try {
        content = await contentOf(row, batch);
      } catch (error) {
        // A file deleted from the library or unreachable: a person must fix the post; retrying would not.
        return failed(row, { code: 'media_unreadable', message: `A media file of this post cannot be read: ${(error as Error).message}` }, ['claimed'], owner);
      }
      if (!content) {
        await settle(row, ['claimed'], 'cancelled', { leaseOwner: null, leaseUntilMs: null }, 'cancelled', { code: 'plan_removed', owner });
        return;
      }
      const ctx = contextFor(row, account);
      try {
        await adapter.validate(ctx, content);
      } catch (error) {
        const err = classify(error);
        if (err.kind === 'permanent') return failed(row, err, ['claimed'], owner);
        // The limits could not be read: release the claim and let the next tick try.
        await store.transition(row.id, ['claimed'], { state: 'scheduled', leaseOwner: null, leaseUntilMs: null, nextAttemptMs: deps.now() + deps.config().backoffBaseMs }, owner);
        return;
      }

      // A lookup that found nothing hands the same attempt id back, so the network's own de-duplication still holds.
      const attemptId = row.errorCode === 'reconciled_absent' && row.attemptId ? row.attemptId : (adapter.newAttemptId?.(deps.now()) ?? randomUUID());
      // Wall-clock time, not the scheduler's clock: reconciliation compares it with the network's own timestamps.
      const mine = await store.transition(row.id, ['claimed'], { state: 'publishing', attemptId, attemptStartedMs: Date.now(), leaseUntilMs: leaseEnd() }, owner);
      if (!mine) return;
      const current = { ...row, state: 'publishing' as const, attemptId };

      let result;
      try {
        result = await adapter.publish(ctx, content, attemptId);
      } catch (error) {
        await onError(current, account, error, owner);
        return;
      }
      const published = { externalId: result.externalId.slice(0, 512), externalUrl: result.url?.slice(0, 2048) ?? null, publishedMs: deps.now(), leaseOwner: null, leaseUntilMs: null, errorCode: null, lastError: null };
      const by = { message: result.url ?? result.externalId, by: owner.split('#')[0] };
      if (!(await settle(current, ['publishing'], 'published', published, 'published', { ...by, owner, batch }))) {
        // A reaper judged this attempt unknown meanwhile (its lease ran out): the answer settles it all the same.
        const fresh = await store.find(row.id);
        if (fresh) await settle(fresh, ['publishing', 'unknown'], 'published', published, 'published', by);
      }
      await firstComment(current, adapter, ctx, content, result, attemptId);
    },

    /** An unknown outcome, looked up on the network: published, safe to send again (same attempt id), or a person's call. */
    async reconcile(row: PublicationRow) {
      const account = await accounts().publishingAccount(row.accountDocumentId);
      const adapter = account ? ADAPTERS[account.network] : undefined;
      const content = await contentOf(row, undefined, { media: false });
      if (!account || !adapter || !content || !row.attemptId || !account.secrets) {
        await store.transition(row.id, ['unknown'], { leaseUntilMs: null });
        return;
      }
      let found;
      try {
        found = await adapter.findExisting(contextFor(row, account), content, row.attemptId, ms(row.attemptStartedMs) ?? 0);
      } catch {
        await store.transition(row.id, ['unknown'], { leaseUntilMs: deps.now() + 10 * RECONCILE_AFTER_MS });
        return;
      }
      if (found === 'cannot_tell') {
        await store.transition(row.id, ['unknown'], { leaseUntilMs: null });
        await store.appendHistory(row.id, { at: stamp(), event: 'needs_a_person', message: 'The network cannot be asked whether the post exists' });
        await deps.notify('A post may or may not have been published', `Publication ${row.documentId} (${row.network}): ${row.lastError ?? ''}. Check the account and mark it published or retry it.`);
        return;
      }
      if (found === 'absent') {
        await settle(row, ['unknown'], 'scheduled', { nextAttemptMs: deps.now(), leaseOwner: null, leaseUntilMs: null, errorCode: 'reconciled_absent', lastError: row.lastError }, 'reconciled_absent');
        return;
      }
      await settle(
        row,
        ['unknown'],
        'published',
        { externalId: found.found.externalId.slice(0, 512), externalUrl: found.found.url?.slice(0, 2048) ?? null, publishedMs: deps.now(), leaseUntilMs: null, errorCode: null, lastError: null },
        'reconciled_found',
        { message: found.found.url ?? found.found.externalId }
      );
    },

    settle,
  };
}

export type Runner = ReturnType<typeof createRunner>;
