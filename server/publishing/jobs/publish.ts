import { randomUUID } from 'node:crypto';
import { getService } from '../../core/services';
import { publisherFor } from '../../networks/registry';
import type { PublishResult } from '../../networks/types';
import { classify } from '../../networks/errors';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { messageText, type MessageParams } from '../../../shared/core/messages';
import { gaveUpText, type PublicationMessageCode } from '../../../shared/publishing/messages';
import { coalesce } from '../../core/coalesce';
import { groupBy } from '../../core/lists';
import { ms, type PublicationRow } from '../dto';
import type { Patch } from '../store';
import { rollUpPlans } from '../rollup';
import { readMedia } from '../media';
import type { Account, Batch, Ready, RunContext } from './context';
import type { createHoldJob } from './hold';
import type { createFirstCommentJob } from './first-comment';
import { RECONCILE_AFTER_MS } from './reconcile';
import { createDailyCap } from '../daily-cap';
import { publicationSteps } from '../steps';

interface Outcome {
  ready: Ready;
  patch: Patch;
  message: string;
}

/**
 * The publish job: a claimed row made ready before its instant, started (its
 * attempt id stored) at it, sent, and settled on the network's answer. Every
 * write is conditional on the row's state and lease owner: if a reaper or a
 * person moved the row meanwhile, this instance lets go.
 */
export function createPublishJob(
  run: RunContext,
  jobs: { hold: ReturnType<typeof createHoldJob>; firstComment: ReturnType<typeof createFirstCommentJob> }
) {
  const { strapi, store, deps, accounts, settle, historyAfter, failed, contextFor, draftOf, accountOf, leaseEnd, loadPlans, fetch } = run;
  const dailyCap = createDailyCap(strapi);

  async function onError(row: PublicationRow, account: Account, error: unknown, owner: string, batch?: Batch) {
    const err = classify(error);
    const now = deps.now();
    if (err.retryAfterMs) await accounts().setRateLimit(account.documentId, 'publish', { until: err.retryAfterMs, reason: err.code });
    switch (err.kind) {
      case 'retryable': {
        const attempts = Number(row.attempts ?? 1);
        if (attempts >= deps.config().maxAttempts)
          return failed(row, { code: err.code, message: gaveUpText(err.message, attempts) }, ['publishing'], owner, batch);
        const backoff = Math.min(deps.config().backoffBaseMs * 2 ** (attempts - 1), deps.config().backoffMaxMs);
        const next = Math.max(now + backoff, err.retryAfterMs ?? 0);
        await settle(
          row,
          'retry_later',
          { nextAttemptMs: next, leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message },
          { code: err.code, message: err.message, owner, batch }
        );
        return;
      }
      case 'permanent':
        return failed(row, err, ['publishing'], owner, batch);
      case 'auth':
        account.status = 'needs_reauth';
        return jobs.hold.needsReauth(row, account, err, owner, batch);
      case 'unknown':
        // Never resent blindly: a lookup on the network decides, or a person.
        await settle(
          row,
          'outcome_unknown',
          { leaseOwner: null, leaseUntilMs: now + RECONCILE_AFTER_MS, errorCode: err.code, lastError: err.message },
          { code: err.code, message: err.message, owner, batch }
        );
    }
  }

  /** Rows told apart by their lease token: a conditional write names one owner. */
  const byOwner = (readies: readonly Ready[]) => groupBy(readies, (r) => r.owner);

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
          patch: o.patch,
          history: historyAfter(o.ready.current!, 'published', o.patch, 'published', { message: o.message, owner: o.ready.owner }),
        }));
        try {
          const mine = await store.applyMany('succeed', items, { from: ['publishing'], owner: group[0].ready.owner });
          for (const id of mine) written.add(id);
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
      if (fresh) await settle(fresh, 'succeed', patch, { ...by, from: ['publishing', 'unknown'] });
    }
    batch.settledPlans.add(row.planDocumentId);
    // The post is out and the row no longer `publishing`: the first comment's steps are not fenced by the lease.
    const ctx = { ...ready.ctx, steps: publicationSteps(store, row.id) };
    await jobs.firstComment(ready.current!, ready.adapter, ctx, ready.content!, result, ready.attemptId!);
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
        { code: 'media_unreadable', message: messageText('media_unreadable', { detail: (error as Error).message }) },
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
      // The code is stored with its English, from which the admin reads the parameters back.
      const refuse = async (code: string, message: string) => (await failed(row, { code, message }, ['claimed'], owner, batch), null);
      const fail = (code: PublicationMessageCode, params: MessageParams = {}) => refuse(code, messageText(code, params));
      if (!account) return fail('account_removed');
      if (account.status === 'disabled') return fail('account_disabled', { account: account.name });
      if (await jobs.hold.holdIfUnusable(row, account, owner, batch)) return null;
      const adapter = publisherFor(account.network);
      if (!adapter) return fail('network_not_supported', { network: account.network });
      const draft = await draftOf(row, batch);
      if (!draft) {
        await settle(row, 'drop', { leaseOwner: null, leaseUntilMs: null }, { from: ['claimed'], code: 'plan_removed', owner, batch });
        return null;
      }
      const ctx = contextFor(row, account, owner);
      try {
        await adapter.validate(ctx, draft);
      } catch (error) {
        const err = classify(error);
        if (err.kind === 'permanent') return refuse(err.code, err.message);
        // The limits could not be read: release the claim and let the next tick try.
        await store.apply('back_off', row.id, {
          patch: { leaseOwner: null, leaseUntilMs: null, nextAttemptMs: deps.now() + deps.config().backoffBaseMs },
          owner,
        });
        return null;
      }
      // Over the admin's daily cap (X): held with its reason, not sent and not failed.
      const over = await dailyCap.over(row, account.network);
      if (over) {
        const message = messageText('x_daily_cap', { account: account.name, cap: over.cap, day: over.day });
        await settle(
          row,
          'hold',
          { leaseOwner: null, leaseUntilMs: null, errorCode: 'x_daily_cap', lastError: message },
          { from: ['claimed'], code: 'x_daily_cap', message, owner, batch }
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
          patch: { attemptId: r.attemptId!, attemptStartedMs: startedMs, leaseUntilMs },
        }));
        const mine = await store.applyMany('start', items, { owner: group[0].owner });
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
  };
}
