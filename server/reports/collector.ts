import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { PluginConfig } from '../core/config';
import { guardedFetch, type GuardedRequest } from '../core/http/guarded-fetch';
import { claimBatch, createTicker, newInstanceId, releaseRow, type LeaseFields, type Ticker } from '../core/jobs';
import { ensureIndex, isUniqueViolation } from '../core/db/indexes';
import { newDocumentId } from '../core/db/ids';
import { tableOf } from '../core/db/columns';
import { getService } from '../core/services';
import { reason } from '../../shared/accounts/reasons';
import { adapterFor } from '../networks/registry';
import { classify } from '../networks/errors';
import type { AdapterContext, MetricValues } from '../networks/types';
import { afterCollection, firstDue, normalizeOffsets } from '../../shared/reports/schedule';
import type { ReportsConfig } from './config';
import { latestPostSnapshots } from './snapshots';
import { ACCOUNT_FIGURES, POST_FIGURES } from '../../shared/reports/kpis';
import { limitedUntil } from '../accounts/rate-limit';
import { accountContext } from '../accounts/adapter-context';

/**
 * Metric collection (docs/reports.md, "Collection"). One `metric-track` row
 * per published post and per account says when its figures are next read;
 * the database is the schedule, as for publishing. A pass:
 *
 * 1. adds the tracks that are missing (posts published since, accounts
 *    connected since), one per subject thanks to a unique index, whichever
 *    instance gets there first;
 * 2. claims the due tracks in one conditional UPDATE with a lease
 *    (server/core/jobs), leaving out accounts the network asked to wait
 *    (their `rateLimit`, shared by every instance);
 * 3. per account, asks the adapter's metrics port for all its due posts at
 *    once (it batches where the network allows) and for the account;
 * 4. moves each track on (next age, or stopped: done, deleted) with a
 *    conditional release, and writes the snapshot only when that release was
 *    still this owner's: a lease that ran out mid-call cannot double a snapshot.
 */

export const TRACK_TABLE = 'cm_metric_tracks';
export const TRACK_SUBJECT_INDEX = 'cm_metric_tracks_subject_uq';
const TRACK_LEASE: LeaseFields = { owner: 'leaseOwner', until: 'leaseUntilMs', clock: 'ms' };
const LEASE_MS = 5 * 60_000;
const HOUR = 3_600_000;
/** a post failing this many passes in a row (not a rate limit) stops being collected */
const MAX_FAILURES = 6;

export interface PassResult {
  created: number;
  posts: number;
  accounts: number;
  stopped: number;
  failed: number;
}

export const reportsConfig = (strapi: Strapi) => strapi.plugin(PLUGIN_ID).config('reports') as ReportsConfig;

const num = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** The figures a snapshot holds, one column each. */
const FIGURES = [...POST_FIGURES, ...ACCOUNT_FIGURES] as const;

/** The figures a port gave, as the snapshot's columns (whole numbers; what the network did not give stays null). */
function columns(values: MetricValues) {
  const out: Record<string, number | null> = {};
  for (const key of FIGURES) {
    const v = values[key];
    out[key] = typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : null;
  }
  return out;
}

/**
 * A post's reading with what it lacks taken from its previous snapshot: a
 * figure the network gave before and no longer gives (X's link clicks, given
 * for 30 days) keeps its last known value, since the reports show each post's
 * latest snapshot.
 */
function withEarlier(values: MetricValues, earlier: Row | undefined): MetricValues {
  if (!earlier) return values;
  const out: MetricValues = { ...values };
  for (const key of FIGURES) {
    const before = num(earlier[key]);
    if ((out[key] === undefined || out[key] === null) && before !== null) out[key] = before;
  }
  return out;
}

export function createCollector(strapi: Strapi) {
  let now = () => Date.now();
  let ticker: Ticker | null = null;
  const tracks = () => strapi.db.query(UID.metricTrack as never);
  const accounts = () => getService(strapi, 'accounts');

  const outbound = () => strapi.plugin(PLUGIN_ID).config('outbound') as PluginConfig['outbound'];
  const fetch = (url: string, req: GuardedRequest = {}) => {
    const { timeoutMs, maxResponseBytes, allowedHosts, deadlines } = outbound();
    // Reading figures is a network API call like publishing's, with the same total deadline.
    return guardedFetch(
      url,
      { purpose: 'publish', timeoutMs, maxBytes: maxResponseBytes, ...req },
      { policy: { allowedHosts }, deadlines }
    );
  };

  const collects = (network: unknown) => {
    const adapter = adapterFor(String(network));
    return Boolean(adapter?.metrics && adapter.profile.capabilities.metrics);
  };

  async function insertTrack(data: Record<string, unknown>): Promise<boolean> {
    const at = new Date(now());
    try {
      await tracks().create({
        data: { documentId: newDocumentId(), collections: 0, failures: 0, createdAt: at, updatedAt: at, publishedAt: at, ...data },
      });
      return true;
    } catch (err) {
      // Another instance added it first: the unique index keeps one.
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /**
   * Tracks for posts published within the collection window and for connected accounts, where missing. The posts
   * without a track are found by the database (an anti-join on the track's post): a pass reads only what is new,
   * not every post of the last month (bench/reports: 10,000 posts read back at each of 52 passes before).
   */
  async function addMissing(at: number, config: ReportsConfig): Promise<number> {
    const offsets = normalizeOffsets(config.postOffsetsHours);
    const window = ((offsets[offsets.length - 1] ?? 0) + 24) * config.hourMs;
    const pub = tableOf(strapi, UID.publication);
    const track = tableOf(strapi, UID.metricTrack);
    const fields = ['documentId', 'accountDocumentId', 'network', 'externalId', 'externalUrl', 'publishedMs'];
    const published = (await strapi.db
      .connection(`${pub.name} as p`)
      .leftJoin(`${track.name} as t`, `t.${track.col('publicationDocumentId')}`, `p.${pub.col('documentId')}`)
      .whereNull(`t.${track.col('id')}`)
      .where(`p.${pub.col('state')}`, 'published')
      .whereNotNull(`p.${pub.col('externalId')}`)
      .where(`p.${pub.col('publishedMs')}`, '>=', at - window)
      .select(fields.map((f) => `p.${pub.col(f)} as ${f}`))) as Row[];
    const accountRows = (await strapi.db.query(UID.socialAccount as never).findMany({
      where: { status: 'connected' },
      select: ['documentId', 'network'],
    } as never)) as Row[];
    const wanted = [
      ...published.filter((p) => collects(p.network)).map((p) => ({ subject: `post:${p.documentId}`, row: p, kind: 'post' as const })),
      ...accountRows
        .filter((a) => collects(a.network))
        .map((a) => ({ subject: `account:${a.documentId}`, row: a, kind: 'account' as const })),
    ];
    if (!wanted.length) return 0;
    const known = new Set<string>();
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = (await tracks().findMany({
        where: { subject: { $in: wanted.slice(i, i + 500).map((w) => w.subject) } },
        select: ['subject'],
      } as never)) as Row[];
      for (const r of rows) known.add(String(r.subject));
    }
    let created = 0;
    for (const w of wanted) {
      if (known.has(w.subject)) continue;
      const data =
        w.kind === 'post'
          ? {
              subject: w.subject,
              kind: 'post',
              accountDocumentId: w.row.accountDocumentId,
              publicationDocumentId: w.row.documentId,
              network: w.row.network,
              externalId: w.row.externalId,
              externalUrl: w.row.externalUrl ?? null,
              publishedMs: num(w.row.publishedMs),
              nextMs: firstDue(num(w.row.publishedMs) ?? at, offsets, config.hourMs),
            }
          : { subject: w.subject, kind: 'account', accountDocumentId: w.row.documentId, network: w.row.network, nextMs: at };
      if (await insertTrack(data)) created++;
    }
    return created;
  }

  function contextFor(account: NonNullable<Awaited<ReturnType<ReturnType<typeof accounts>['publishingAccount']>>>): AdapterContext {
    return {
      ...accountContext(strapi, account, 'metrics'),
      fetch,
      now,
      publicationId: `metrics:${account.documentId}`,
    };
  }

  /** Gives a track back with its new schedule; true when it was still this owner's. */
  const release = (track: Row, owner: string, data: Record<string, unknown>) =>
    releaseRow(strapi, UID.metricTrack, { where: { id: track.id }, owner, fields: TRACK_LEASE, data });

  /** Written in plain knex: one INSERT, where the query layer's create also reads the row back. */
  async function snapshot(track: Row, values: MetricValues, at: number, slotHours: number | null) {
    const stamp = new Date(at);
    const table = tableOf(strapi, UID.metricSnapshot);
    const data: Record<string, unknown> = {
      documentId: newDocumentId(),
      kind: track.kind,
      accountDocumentId: track.accountDocumentId,
      publicationDocumentId: track.publicationDocumentId ?? null,
      network: track.network,
      takenMs: at,
      slotHours,
      ...columns(values),
      createdAt: stamp,
      updatedAt: stamp,
      publishedAt: stamp,
    };
    await strapi.db.connection(table.name).insert(Object.fromEntries(Object.entries(data).map(([k, v]) => [table.col(k), v])));
  }

  /** One account's due tracks: posts in one call of the port (batched inside), then the account. */
  async function collectAccount(accountId: string, due: Row[], owner: string, at: number, config: ReportsConfig, result: PassResult) {
    const account = await accounts().publishingAccount(accountId);
    const adapter = account ? adapterFor(account.network) : undefined;
    if (!account || !adapter?.metrics) {
      for (const t of due) if (await release(t, owner, { stoppedReason: 'account_deleted', nextMs: null })) result.stopped++;
      return;
    }
    if (account.status !== 'connected' || !account.secrets) {
      // Disconnected or awaiting a new sign-in: looked at again later, nothing lost but the ages missed meanwhile.
      for (const t of due) await release(t, owner, { nextMs: at + 6 * HOUR, lastError: `The account is ${account.status}` });
      return;
    }
    const waitUntil = limitedUntil(account.rateLimit, 'metrics');
    if (waitUntil > now()) {
      // Another instance met a 429 after this pass listed the accounts to leave out: wait with it, no call.
      for (const t of due) await release(t, owner, { nextMs: waitUntil });
      return;
    }
    const ctx = contextFor(account);
    const posts = due.filter((t) => t.kind === 'post');
    const own = due.filter((t) => t.kind === 'account');
    try {
      if (posts.length) {
        const figures = await adapter.metrics.forPosts(
          ctx,
          posts.map((t) => ({
            externalId: String(t.externalId),
            url: (t.externalUrl as string | null) ?? null,
            ref: { publishedAt: new Date(num(t.publishedMs) ?? at).toISOString() },
          }))
        );
        const earlier = await latestPostSnapshots(
          strapi,
          posts.map((t) => String(t.publicationDocumentId)),
          { select: FIGURES }
        );
        for (const t of posts) {
          const read = figures.get(String(t.externalId));
          const values = read && withEarlier(read, earlier.get(String(t.publicationDocumentId)));
          if (!values) {
            // The network no longer has it (deleted, or hidden from the account): nothing more to read.
            if (await release(t, owner, { stoppedReason: 'deleted', nextMs: null, lastError: 'The network no longer has this post' }))
              result.stopped++;
            continue;
          }
          const step = afterCollection(num(t.publishedMs) ?? at, at, config.postOffsetsHours, config.hourMs);
          const next = step ? step.nextMs : firstDue(num(t.publishedMs) ?? at, config.postOffsetsHours, config.hourMs);
          const kept = await release(t, owner, {
            nextMs: next,
            stoppedReason: next === null ? 'done' : null,
            collections: Number(t.collections ?? 0) + 1,
            failures: 0,
            lastError: null,
          });
          if (!kept) continue;
          await snapshot(t, values, at, step?.slotHours ?? null);
          result.posts++;
          if (next === null) result.stopped++;
        }
      }
      for (const t of own) {
        const values = await adapter.metrics.forAccount(ctx);
        const kept = await release(t, owner, {
          nextMs: at + config.accountEveryHours * config.hourMs,
          collections: Number(t.collections ?? 0) + 1,
          failures: 0,
          lastError: null,
        });
        if (!kept) continue;
        await snapshot(t, values, at, null);
        result.accounts++;
      }
    } catch (err) {
      const e = classify(err);
      result.failed++;
      // A 429 holds every call to the account on every instance until the network's time (publishing reads the same state).
      const until = e.kind === 'retryable' ? (e.retryAfterMs ?? at + 15 * 60_000) : null;
      if (until && e.code === 'rate_limited') {
        // Shared with every instance; should the write fail, this instance's tracks below still wait until then.
        await accounts()
          .setRateLimit(accountId, 'metrics', { until, reason: e.code })
          .catch((err: unknown) => strapi.log.warn(`community-manager: rate limit of ${accountId} not stored: ${String(err)}`));
      }
      // Credentials refused (a revoked grant the renewal could not mend, a renewed token refused again): the account
      // needs a new sign-in, as publishing and the inbox mark it; its tracks wait (the pass skips accounts not connected).
      if (e.kind === 'auth') await accounts().markNeedsReauth(accountId, reason('token_refused', { status: 401, message: e.message }));
      const pending = await strapi.db
        .query(UID.metricTrack as never)
        .findMany({ where: { leaseOwner: owner, accountDocumentId: accountId } } as never);
      for (const t of pending as Row[]) {
        const failures = Number(t.failures ?? 0) + (e.kind === 'retryable' ? 0 : 1);
        const give = e.kind !== 'retryable' && e.kind !== 'auth' && failures >= MAX_FAILURES;
        await release(t, owner, {
          failures,
          lastError: `${e.code}: ${e.message}`.slice(0, 1000),
          nextMs: give ? null : (until ?? at + Math.min(24, 2 ** failures) * HOUR),
          stoppedReason: give ? 'failed' : null,
        });
      }
    }
  }

  /** Lets go of what this owner still holds of an account, unchanged (a few tries: the write may meet a busy database too). */
  async function handBack(owner: string, accountId: string) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await strapi.db
          .connection(TRACK_TABLE)
          .where({ lease_owner: owner, account_document_id: accountId })
          .update({ lease_owner: null, lease_until_ms: null });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
      }
    }
  }

  /** One pass: add what is missing, claim what is due, read it, move it on. */
  async function pass(): Promise<PassResult> {
    const at = now();
    const config = reportsConfig(strapi);
    const result: PassResult = { created: await addMissing(at, config), posts: 0, accounts: 0, stopped: 0, failed: 0 };
    const waiting = await accounts().rateLimitedIds(at, 'metrics');
    const owner = `${newInstanceId()}#m${at.toString(36)}`;
    const knex = strapi.db.connection;
    const claimable = (q: ReturnType<typeof knex>) =>
      q
        .whereNull('stopped_reason')
        .whereNotNull('next_ms')
        .where('next_ms', '<=', at)
        .where((w) => w.whereNull('lease_until_ms').orWhere('lease_until_ms', '<', at))
        .modify((m) => {
          if (waiting.length) m.whereNotIn('account_document_id', waiting);
        });
    const claimed = await claimBatch<Row>({
      knex,
      table: TRACK_TABLE,
      idColumn: 'id',
      claimable,
      orderBy: { column: 'next_ms', order: 'asc' },
      limit: config.batchSize,
      set: { lease_owner: owner, lease_until_ms: at + LEASE_MS },
      mine: async () => (await tracks().findMany({ where: { leaseOwner: owner } } as never)) as Row[],
    });
    const byAccount = new Map<string, Row[]>();
    for (const t of claimed) byAccount.set(String(t.accountDocumentId), [...(byAccount.get(String(t.accountDocumentId)) ?? []), t]);
    for (const [accountId, due] of byAccount) {
      try {
        await collectAccount(accountId, due, owner, at, config, result);
      } catch (err) {
        // An unexpected failure (the database refusing a write under load) must not keep the account's tracks for the
        // lease's 5 minutes: they are handed back as they are, due again at the next pass; the next account goes on.
        result.failed++;
        strapi.log.warn(`community-manager: metric collection of ${accountId}: ${err instanceof Error ? err.message : String(err)}`);
        await handBack(owner, accountId);
      }
    }
    return result;
  }

  return {
    /** One pass now (the ticker's, and the tests' and the demo's). */
    tick: () => (ticker ? ticker.tick() : pass()),
    /** a fixed clock for tests: every pass and every adapter reads it */
    useClock(fn: (() => number) | null) {
      now = fn ?? (() => Date.now());
    },
    async start() {
      await ensureIndex(strapi, TRACK_TABLE, TRACK_SUBJECT_INDEX, ['subject'], { unique: true }).catch((err: Error) =>
        strapi.log.warn(`community-manager: cannot add the unique index ${TRACK_SUBJECT_INDEX}: ${err.message}`)
      );
      const config = reportsConfig(strapi);
      if (ticker || !config.collect) return;
      ticker = createTicker({
        pass: async () => ({ result: await pass() }),
        failed: () => ({ created: 0, posts: 0, accounts: 0, stopped: 0, failed: 1 }),
        when: { everyMs: () => config.tickSeconds * 1000, nextAt: async () => Date.now() + config.tickSeconds * 1000 },
        log: (err) => strapi.log.warn(`community-manager: metric collection: ${err instanceof Error ? err.message : String(err)}`),
      });
      ticker.start();
    },
    async stop() {
      await ticker?.stop();
      ticker = null;
    },
  };
}

export type Collector = ReturnType<typeof createCollector>;
