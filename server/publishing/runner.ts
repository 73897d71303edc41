import { randomUUID } from 'node:crypto';
import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { PluginConfig } from '../core/config';
import { guardedFetch, type GuardedRequest } from '../core/http/guarded-fetch';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { getService } from '../core/services';
import { reason } from '../accounts/reasons';
import { publisherFor } from '../networks/registry';
import type { PublishPort as Adapter, AdapterContext, PostContent, PostDraft, PublishResult } from '../networks/types';
import { classify, type NetworkError as PublishError } from '../networks/errors';
import { ms, type HistoryEntry, type PublicationRow, type PublicationState } from './dto';
import { UID } from '../../content-types';
import type { PublicationStore, Patch } from './store';
import { rollUpPlan, rollUpPlans } from './rollup';
import { coalesce } from '../core/coalesce';
import { groupBy } from '../core/lists';
import { mediaRefs, readMedia, type PlanFile, type PlanMedia } from './media';
import { renderText, type UtmPlan } from '../../shared/planning/utm';
import type { Network } from '../../shared/linter';
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

type PlanText = UtmPlan & {
  documentId: string;
  firstComment: string | null;
  media: PlanFile[] | null;
  mediaAlt: Record<string, string> | null;
};

/** What every row of one claim shares: the plans' texts, read once, and each account, read and decrypted once. */
export interface Batch {
  plans: Map<string, PlanText>;
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

/**
 * Publishes the rows this instance claimed, one at a time each, and settles
 * them. Every write is conditional on the row's state (and lease owner): if a
 * reaper or a person moved the row meanwhile, this instance lets go.
 */
export function createRunner(deps: RunnerDeps) {
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
    const done = await store.transition(row.id, from, { state: to, ...patch }, extra.owner, historyAfter(row, to, patch, event, extra));
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
   * What the network will receive: the variant or the body with the UTM tags
   * the composer's preview showed (one `renderText` for both), and which media
   * with which alt text. The media's bytes are read at the moment of sending.
   */
  async function draftOf(row: PublicationRow, batch?: Batch): Promise<(PostDraft & { media: PlanMedia[] }) | null> {
    const plans = batch?.plans ?? (await loadPlans([row.planDocumentId]));
    const plan = plans.get(row.planDocumentId);
    if (!plan) return null;
    const siteHosts = batch?.siteHosts ?? (await getService(strapi, 'settings').siteHosts());
    const text = renderText({ ...plan, body: plan.body ?? '' }, row.network as Network, siteHosts);
    return { text, firstComment: plan.firstComment || null, media: mediaRefs(plan.media, plan.mediaAlt ?? {}) };
  }

  async function accountOf(id: string, batch?: Batch): Promise<Account | null> {
    if (!batch) return accounts().publishingAccount(id);
    if (!batch.accounts.has(id)) batch.accounts.set(id, accounts().publishingAccount(id));
    return batch.accounts.get(id)!;
  }

  const leaseEnd = () => deps.now() + deps.config().leaseMs;

  /** The network said no in a way the account as a whole must fix: hold its posts and tell a person. */
  async function needsReauth(row: PublicationRow, account: Account, err: PublishError, owner: string, batch?: Batch) {
    const why =
      err.code === 'app_password_refused'
        ? reason('app_password_refused', { message: err.message })
        : err.code === 'webhook_refused'
          ? reason('webhook_refused', { status: 401 })
          : reason('token_refused', { status: 401, message: err.message });
    await accounts().markNeedsReauth(account.documentId, why);
    await settle(
      row,
      ['publishing'],
      'held',
      { leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message },
      'held',
      { code: err.code, message: err.message, owner, batch }
    );
    await store.moveAccount(account.documentId, 'scheduled', 'held', {
      errorCode: 'account_needs_reauth',
      lastError: `${account.name} needs to be reconnected`,
    });
    await deps.notify(
      `${account.name} needs to be reconnected`,
      `Publishing to ${account.name} (${account.network}) was refused: ${err.message}\nIts scheduled posts are on hold until the account is reconnected in Community Manager > Accounts.`
    );
  }

  async function failed(
    row: PublicationRow,
    err: { code: string; message: string },
    from: readonly PublicationState[],
    owner?: string,
    batch?: Batch
  ) {
    const ok = await settle(
      row,
      from,
      'failed',
      { leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message },
      'failed',
      { ...err, owner, batch }
    );
    if (ok) await deps.notify('A post could not be published', `Publication ${row.documentId} (${row.network}) failed: ${err.message}`);
  }

  async function onError(row: PublicationRow, account: Account, error: unknown, owner: string, batch?: Batch) {
    const err = classify(error);
    const now = deps.now();
    if (err.retryAfterMs) await accounts().setRateLimit(account.documentId, { until: err.retryAfterMs, reason: err.code });
    switch (err.kind) {
      case 'retryable': {
        const attempts = Number(row.attempts ?? 1);
        if (attempts >= deps.config().maxAttempts)
          return failed(
            row,
            { code: err.code, message: `${err.message} (gave up after ${attempts} attempts)` },
            ['publishing'],
            owner,
            batch
          );
        const backoff = Math.min(deps.config().backoffBaseMs * 2 ** (attempts - 1), deps.config().backoffMaxMs);
        const next = Math.max(now + backoff, err.retryAfterMs ?? 0);
        await settle(
          row,
          ['publishing'],
          'scheduled',
          { nextAttemptMs: next, leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message },
          'retry_later',
          { code: err.code, message: err.message, owner, batch }
        );
        return;
      }
      case 'permanent':
        return failed(row, err, ['publishing'], owner, batch);
      case 'auth':
        account.status = 'needs_reauth';
        return needsReauth(row, account, err, owner, batch);
      case 'unknown':
        // Never resent blindly: a lookup on the network decides, or a person.
        await settle(
          row,
          ['publishing'],
          'unknown',
          { leaseOwner: null, leaseUntilMs: now + RECONCILE_AFTER_MS, errorCode: err.code, lastError: err.message },
          'outcome_unknown',
          { code: err.code, message: err.message, owner, batch }
        );
    }
  }

  /** The first comment, as a reply; its failure is recorded on a post that did go out. */
  async function firstComment(
    row: PublicationRow,
    adapter: Adapter,
    ctx: AdapterContext,
    content: PostContent,
    parent: Awaited<ReturnType<Adapter['publish']>>,
    attemptId: string
  ) {
    if (!content.firstComment?.trim() || !adapter.reply) return;
    try {
      const reply = await adapter.reply(ctx, parent, content.firstComment, attemptId);
      await store.appendHistory(row.id, { at: stamp(), event: 'first_comment', message: reply.url ?? reply.externalId });
    } catch (error) {
      const err = classify(error);
      await store.transition(row.id, ['published'], {
        errorCode: 'first_comment_failed',
        lastError: `The post is out, but its first comment was not: ${err.message}`,
      });
      await store.appendHistory(row.id, { at: stamp(), event: 'first_comment_failed', code: err.code, message: err.message });
    }
  }

  /** Rows told apart by their lease token: a conditional write names one owner. */
  const byOwner = (readies: readonly Ready[]) => groupBy(readies, (r) => r.owner);

  interface Outcome {
    ready: Ready;
    patch: Patch;
    message: string;
  }

  /**
   * Published rows are written together: the answers that arrive within a few
   * milliseconds of each other go into one UPDATE (bench/publish-latency). The
   * price is that a crash in those milliseconds leaves a sent post
   * `publishing`; the reaper then calls it unknown and reconciliation, or a
   * person for a webhook, settles it: never a second send.
   */
  const writePublished = coalesce<Outcome, boolean>(
    async (outcomes) => {
      const written = new Set<number>();
      for (const group of groupBy(outcomes, (o) => o.ready.owner)) {
        const items = group.map((o) => ({
          id: o.ready.row.id,
          patch: { state: 'published', ...o.patch },
          history: historyAfter(o.ready.current!, 'published', o.patch, 'published', { message: o.message, owner: o.ready.owner }),
        }));
        try {
          for (const id of await store.transitionMany(items, ['publishing'], group[0].ready.owner)) written.add(id);
        } catch (err) {
          // The shared write failed: each row is then written on its own (afterPublished), so one bad row cannot sink the others.
          strapi.log.error(`community-manager publisher: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return outcomes.map((o) => written.has(o.ready.row.id));
    },
    { max: 32, delayMs: 10 }
  );

  /** After the network said yes: the row says published (with its link), then the first comment goes. */
  async function afterPublished(ready: Ready, result: PublishResult) {
    const { row, owner, batch } = ready;
    const patch = {
      externalId: result.externalId.slice(0, 512),
      externalUrl: httpUrlOrNull(result.url)?.slice(0, 2048) ?? null,
      publishedMs: deps.now(),
      leaseOwner: null,
      leaseUntilMs: null,
      errorCode: null,
      lastError: null,
    };
    const by = { message: patch.externalUrl ?? result.externalId, by: owner.split('#')[0] };
    if (!(await writePublished({ ready, patch, message: by.message }))) {
      // A reaper judged this attempt unknown meanwhile (its lease ran out): the answer settles it all the same.
      const fresh = await store.find(row.id);
      if (fresh) await settle(fresh, ['publishing', 'unknown'], 'published', patch, 'published', by);
    }
    batch.settledPlans.add(row.planDocumentId);
    await firstComment(ready.current!, ready.adapter, ready.ctx, ready.content!, result, ready.attemptId!);
  }

  /** Reads a media post's files; false (and the row failed) when one cannot be read. */
  async function loadMedia(ready: Ready): Promise<boolean> {
    try {
      ready.content = { ...ready.draft, media: await readMedia(ready.draft.media, strapi.dirs.static.public, fetch) };
      return true;
    } catch (error) {
      // A file deleted from the library or unreachable: a person must fix the post; retrying would not.
      await failed(
        ready.row,
        { code: 'media_unreadable', message: `A media file of this post cannot be read: ${(error as Error).message}` },
        ['claimed'],
        ready.owner,
        ready.batch
      );
      return false;
    }
  }

  return {
    /** What a claim's rows share, read once: their plans' texts and the site's hosts. */
    async prepare(rows: PublicationRow[]): Promise<Batch> {
      const [plans, siteHosts] = await Promise.all([
        loadPlans([...new Set(rows.map((r) => r.planDocumentId))]),
        getService(strapi, 'settings').siteHosts(),
      ]);
      return { plans, siteHosts, accounts: new Map(), settledPlans: new Set() };
    },

    /** Once a batch is sent: its plans' statuses, rolled up in one pass. */
    async finish(batch: Batch) {
      await rollUpPlans(strapi, batch.settledPlans, deps.now());
    },

    /**
     * Everything about a claimed row that can be done before its instant: its
     * account (read and decrypted once per batch), its words and media checked
     * against the network's rules. A row that cannot go is settled here
     * (failed, held, cancelled) and null returned.
     */
    async ready(row: PublicationRow, owner: string, batch: Batch): Promise<Ready | null> {
      const account = await accountOf(row.accountDocumentId, batch);
      const fail = async (code: string, message: string) => (await failed(row, { code, message }, ['claimed'], owner, batch), null);
      if (!account) return fail('account_removed', 'The account was removed');
      if (account.status === 'disabled') return fail('account_disabled', `${account.name} is disabled: nothing is published to it`);
      if (!account.secrets && account.status !== 'needs_reauth') {
        // Sealed with a key this server no longer has: only a person can enter them again.
        await accounts().markNeedsReauth(account.documentId, reason('credentials_unreadable', { keyId: '?' }));
        account.status = 'needs_reauth';
      }
      if (account.status === 'needs_reauth' || !account.secrets) {
        const message = `${account.name} needs to be reconnected`;
        await settle(
          row,
          ['claimed'],
          'held',
          { leaseOwner: null, leaseUntilMs: null, errorCode: 'account_needs_reauth', lastError: message },
          'held',
          { code: 'account_needs_reauth', message, owner, batch }
        );
        return null;
      }
      const adapter = publisherFor(account.network);
      if (!adapter) return fail('network_not_supported', `Publishing to ${account.network} is not available in this version`);
      const draft = await draftOf(row, batch);
      if (!draft) {
        await settle(row, ['claimed'], 'cancelled', { leaseOwner: null, leaseUntilMs: null }, 'cancelled', {
          code: 'plan_removed',
          owner,
          batch,
        });
        return null;
      }
      const ctx = contextFor(row, account);
      try {
        await adapter.validate(ctx, draft);
      } catch (error) {
        const err = classify(error);
        if (err.kind === 'permanent') return fail(err.code, err.message);
        // The limits could not be read: release the claim and let the next tick try.
        await store.transition(
          row.id,
          ['claimed'],
          { state: 'scheduled', leaseOwner: null, leaseUntilMs: null, nextAttemptMs: deps.now() + deps.config().backoffBaseMs },
          owner
        );
        return null;
      }
      return {
        row,
        owner,
        batch,
        account,
        adapter,
        ctx,
        draft,
        dueMs: ms(row.nextAttemptMs) ?? deps.now(),
        content: draft.media.length ? undefined : { ...draft, media: [] },
      };
    },

    /**
     * Text-only rows at their instant: each gets its attempt id and becomes
     * `publishing` before anything is sent, all of them in one conditional
     * UPDATE per lease token. Returns the rows this instance may now send (a
     * row a person moved or cancelled since the claim is not among them).
     */
    async start(readies: readonly Ready[]): Promise<Ready[]> {
      const startedMs = Date.now();
      for (const ready of readies) {
        const { row, adapter } = ready;
        // A lookup that found nothing hands the same attempt id back, so the network's own de-duplication still holds.
        ready.attemptId =
          row.errorCode === 'reconciled_absent' && row.attemptId ? row.attemptId : (adapter.newAttemptId?.(deps.now()) ?? randomUUID());
      }
      const started: Ready[] = [];
      const leaseUntilMs = leaseEnd();
      for (const group of byOwner(readies)) {
        // Wall-clock time, not the scheduler's clock: reconciliation compares it with the network's own timestamps.
        const items = group.map((r) => ({
          id: r.row.id,
          patch: { state: 'publishing', attemptId: r.attemptId!, attemptStartedMs: startedMs, leaseUntilMs },
        }));
        const mine = await store.transitionMany(items, ['claimed'], group[0].owner);
        for (const ready of group) {
          if (!mine.has(ready.row.id)) continue;
          ready.current = { ...ready.row, state: 'publishing', attemptId: ready.attemptId! };
          started.push(ready);
        }
      }
      return started;
    },

    /**
     * Sends one row: a media post reads its files and starts here, on its own;
     * a text post was started by `start`. Resolves once the network has
     * answered and the outcome is handled, except the write of a success,
     * which `settled` resolves when done: the sender's slot is free for the
     * next post while the answers are written together.
     */
    async send(ready: Ready): Promise<{ settled: Promise<void> }> {
      const done = { settled: Promise.resolve() };
      if (!ready.current) {
        if (!(await loadMedia(ready))) return done;
        if (!(await this.start([ready])).length) return done;
      }
      let result: PublishResult;
      try {
        result = await ready.adapter.publish(ready.ctx, ready.content!, ready.attemptId!);
      } catch (error) {
        await onError(ready.current!, ready.account, error, ready.owner, ready.batch);
        return done;
      }
      const settled = afterPublished(ready, result);
      // A first comment is one more call to the network: the slot stays taken until it is made.
      if (ready.content!.firstComment?.trim()) await settled;
      return { settled };
    },

    /** Rows claimed ahead that will not be sent by this claim (see store.requeue). */
    async requeue(readies: readonly Ready[]) {
      for (const group of byOwner(readies))
        await store.requeue(
          group.map((r) => r.row.id),
          group[0].owner
        );
    },

    /** An unknown outcome, looked up on the network: published, safe to send again (same attempt id), or a person's call. */
    async reconcile(row: PublicationRow) {
      const account = await accounts().publishingAccount(row.accountDocumentId);
      const adapter = account ? publisherFor(account.network) : undefined;
      const content = await draftOf(row);
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
        await store.appendHistory(row.id, {
          at: stamp(),
          event: 'needs_a_person',
          message: 'The network cannot be asked whether the post exists',
        });
        await deps.notify(
          'A post may or may not have been published',
          `Publication ${row.documentId} (${row.network}): ${row.lastError ?? ''}. Check the account and mark it published or retry it.`
        );
        return;
      }
      if (found === 'absent') {
        await settle(
          row,
          ['unknown'],
          'scheduled',
          { nextAttemptMs: deps.now(), leaseOwner: null, leaseUntilMs: null, errorCode: 'reconciled_absent', lastError: row.lastError },
          'reconciled_absent'
        );
        return;
      }
      await settle(
        row,
        ['unknown'],
        'published',
        {
          externalId: found.found.externalId.slice(0, 512),
          externalUrl: httpUrlOrNull(found.found.url)?.slice(0, 2048) ?? null,
          publishedMs: deps.now(),
          leaseUntilMs: null,
          errorCode: null,
          lastError: null,
        },
        'reconciled_found',
        { message: httpUrlOrNull(found.found.url) ?? found.found.externalId }
      );
    },

    settle,
  };
}

export type Runner = ReturnType<typeof createRunner>;
