import dns from 'node:dns';
import net from 'node:net';
import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { badRequest, fieldError, fieldIssue, notFound, HttpError, type Say } from '../core/errors';
import { getService } from '../core/services';
import { claimRow, INSTANCE_ID, leaseCleared, leaseFree, pool } from '../core/jobs';
import { LEASE_MS, nextFetchTime } from './backoff';
import { discoverFeeds, type DiscoveredFeed } from '../../shared/watch/discovery';
import { toWatchSource, type FeedPreview, type FetchOutcome, type WatchSource } from './dto';
import { decodeBody } from './charset';
import { FeedHttpError, fetchFeed, getPage } from './fetcher';
import { ALLOW_SETTING, hostOf, sourceFailure, WatchError } from './failure';
import { serverMessage } from '../../shared/core/messages';
import { normalizeEntries } from './normalize';
import { opmlSources, parseOpml, toOpml } from './opml';
import { feedFetchSettings } from './outbound';
import { isAllowedAddress } from '../core/http/address-policy';
import type { SourceInput, SourceUpdate } from '../../shared/watch/contract';
import { parseFeed } from './feed-parser';

const PREVIEW_ITEMS = 10;
/** Entries stored from one fetch; feeds list their newest first, and a 5 MB feed of tiny entries must not become one huge write. */
const MAX_ENTRIES_PER_FETCH = 1000;

/**
 * The refusal of a private or reserved address, saying how an operator allows
 * an intranet host: 400 when saving, 422 when testing (the test's other
 * failures are 422 too). `host` and `setting` also travel in the error's details.
 */
function blocked(host: string, status: 400 | 422): HttpError {
  const say: Say = { code: 'feed_blocked_address', params: { host, setting: ALLOW_SETTING } };
  return new HttpError(status, 'blocked_address', say, [fieldIssue(['url'], say, 'blocked_address')], { host, setting: ALLOW_SETTING });
}

/** A failure of the feed fetcher as a 422 on the url field, in the words a source's last error uses. */
function urlFailure(err: unknown, url: string): HttpError {
  const failure = sourceFailure(err, url);
  // A redirect may have led to another host: the failure names the one refused.
  if (failure.code === 'blocked_address') return blocked(String(failure.params?.host ?? hostOf(url)), 422);
  const say: Say = failure.messageId ? { code: failure.messageId, params: failure.params ?? {} } : failure.message;
  return new HttpError(422, failure.code, say, [fieldIssue(['url'], say, failure.code)]);
}

export default ({ strapi }: { strapi: Strapi }) => {
  const rows = () => strapi.db.query(UID.watchSource);
  const items = () => getService(strapi, 'watch-items');

  async function findRow(documentId: string): Promise<Row> {
    const row = (await rows().findOne({ where: { documentId } })) as Row | null;
    if (!row) throw notFound('Source', serverMessage('source_not_found'));
    return row;
  }

  async function assertUrlFree(url: string, exceptDocumentId?: string) {
    const existing = (await rows().findOne({ where: { url } })) as Row | null;
    if (existing && existing.documentId !== exceptDocumentId)
      throw fieldError('url', { code: 'source_url_taken', params: { name: String(existing.name) } }, 'duplicate');
  }

  /**
   * Refuses an address the outbound policy would refuse on every fetch, before
   * it is saved: such a source could only fail forever. The host is resolved
   * as the fetcher resolves it (any allowed address will do). A host that does
   * not resolve now is saved: DNS may be down for a moment, and the scheduler's
   * backoff and the source's error say so.
   */
  async function assertAddressAllowed(url: string) {
    const host = hostOf(url);
    let addresses: string[];
    if (net.isIP(host)) addresses = [host];
    else {
      try {
        addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
      } catch {
        return;
      }
    }
    const { options } = feedFetchSettings(strapi);
    if (!addresses.some((address) => isAllowedAddress(host, address, options.policy))) throw blocked(host, 400);
  }

  /** False for an IP literal or `localhost` the policy refuses; a name that needs DNS passes. */
  function literalAllowed(url: string): boolean {
    const host = hostOf(url);
    const { options } = feedFetchSettings(strapi);
    if (net.isIP(host)) return isAllowedAddress(host, host, options.policy);
    if (host.toLowerCase() === 'localhost' || host.toLowerCase().endsWith('.localhost'))
      return isAllowedAddress(host, '127.0.0.1', options.policy);
    return true;
  }

  /** Fetches and parses without storing anything: what the source would give. */
  async function preview(url: string): Promise<FeedPreview> {
    const { limits, options } = feedFetchSettings(strapi);
    try {
      const result = await fetchFeed(url, {}, limits, options);
      if (result.notModified) throw new HttpError(502, 'not_modified', { code: 'feed_not_modified', params: {} });
      const fetchedAt = new Date();
      return {
        url: result.url,
        kind: result.feed.kind,
        title: result.feed.title,
        siteUrl: result.feed.siteUrl,
        encoding: result.encoding,
        total: result.feed.entries.length,
        skipped: result.feed.skipped,
        items: (await normalizeEntries(result.feed.entries.slice(0, PREVIEW_ITEMS), result.url, fetchedAt)).map((draft) => ({
          title: draft.title,
          link: draft.link,
          author: draft.author,
          summary: draft.summary,
          publishedTime: draft.publishedTime.toISOString(),
        })),
      };
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw urlFailure(err, url);
    }
  }

  async function create(input: SourceInput, extra: { name?: string | null; kind?: string | null; siteUrl?: string | null } = {}) {
    await assertUrlFree(input.url);
    await assertAddressAllowed(input.url);
    return insert(input, extra);
  }

  async function insert(input: SourceInput, extra: { name?: string | null; kind?: string | null; siteUrl?: string | null } = {}) {
    const now = new Date();
    const row = (await strapi.documents(UID.watchSource).create({
      data: {
        url: input.url,
        name: input.name || extra.name || new URL(input.url).hostname,
        siteUrl: input.siteUrl ?? extra.siteUrl ?? null,
        kind: extra.kind ?? null,
        tags: input.tags,
        keywords: input.keywords,
        intervalMinutes: input.intervalMinutes,
        status: 'active',
        failures: 0,
        // Due at once: the first fetch happens on the next tick.
        nextFetchAt: now,
      } as never,
    })) as unknown as Row;
    return toWatchSource(row);
  }

  /**
   * Claims a source for this instance: one conditional update that succeeds
   * for exactly one instance (the lease is free or expired). `due` also
   * requires its time to have come, for the scheduler; a manual fetch skips that.
   */
  async function claim(id: number, due: boolean): Promise<boolean> {
    const now = new Date();
    const where: Record<string, unknown> = { id, status: { $ne: 'paused' } };
    if (due) where.$and = [{ $or: [{ nextFetchAt: { $null: true } }, { nextFetchAt: { $lte: now } }] }];
    return claimRow(strapi, UID.watchSource, { where, owner: INSTANCE_ID, leaseMs: LEASE_MS, now: now.getTime() });
  }

  /**
   * Writes a fetch's outcome and lets go of the claim. A person may have
   * paused the source while it was being fetched: the outcome is kept, the
   * pause too (the status is written only to a source that is not paused).
   */
  async function settle(row: Row, data: Record<string, unknown> & { status: string }) {
    const mine = { id: row.id, leaseOwner: INSTANCE_ID };
    const { count } = await rows().updateMany({ where: { ...mine, status: { $ne: 'paused' } }, data });
    if (count > 0) return;
    const { status: _status, ...rest } = data;
    await rows().updateMany({ where: mine, data: rest });
  }

  /** Fetches one claimed source, stores its new items, and sets its next time (or its backoff). */
  async function run(row: Row): Promise<FetchOutcome> {
    const { limits, options } = feedFetchSettings(strapi);
    const now = new Date();
    const release = { ...leaseCleared(), lastFetchAt: now };
    try {
      const result = await fetchFeed(
        String(row.url),
        { etag: row.etag as string | null, lastModified: row.lastModified as string | null },
        limits,
        options
      );
      if (result.notModified) {
        await settle(row, {
          ...release,
          status: 'active',
          failures: 0,
          lastErrorCode: null,
          lastError: null,
          lastSuccessAt: now,
          nextFetchAt: nextFetchTime(now, Number(row.intervalMinutes), 0),
        });
        return { documentId: row.documentId, status: 'not_modified', created: 0, skipped: 0 };
      }
      const entries = result.feed.entries.slice(0, MAX_ENTRIES_PER_FETCH);
      const stored = await items().store(row, await normalizeEntries(entries, result.url, now));
      await settle(row, {
        ...release,
        status: 'active',
        kind: result.feed.kind,
        siteUrl: row.siteUrl ?? result.feed.siteUrl,
        failures: 0,
        lastErrorCode: null,
        lastError: null,
        lastSuccessAt: now,
        etag: result.validators.etag,
        lastModified: result.validators.lastModified,
        nextFetchAt: nextFetchTime(now, Number(row.intervalMinutes), 0),
      });
      return { documentId: row.documentId, status: 'fetched', created: stored.created, skipped: result.feed.skipped };
    } catch (err) {
      const failure = sourceFailure(err, String(row.url));
      const failures = Number(row.failures ?? 0) + 1;
      await settle(row, {
        ...release,
        status: 'failing',
        failures,
        lastErrorCode: failure.code,
        lastError: failure.message,
        nextFetchAt: nextFetchTime(now, Number(row.intervalMinutes), failures),
      });
      return { documentId: row.documentId, status: 'failed', created: 0, skipped: 0, error: failure };
    }
  }

  return {
    async list(): Promise<WatchSource[]> {
      const [all, unread] = await Promise.all([rows().findMany({ orderBy: { name: 'asc' } }) as Promise<Row[]>, items().unreadCounts()]);
      return all.map((row) => toWatchSource(row, unread.get(row.documentId) ?? 0));
    },

    async get(documentId: string): Promise<WatchSource> {
      const row = await findRow(documentId);
      return toWatchSource(row, (await items().unreadCounts()).get(documentId) ?? 0);
    },

    async exists(documentId: string) {
      return (await rows().count({ where: { documentId } })) > 0;
    },

    create,

    async update(documentId: string, input: SourceUpdate): Promise<WatchSource> {
      const row = await findRow(documentId);
      if (input.url && input.url !== row.url) {
        await assertUrlFree(input.url, documentId);
        await assertAddressAllowed(input.url);
      }
      const data: Record<string, unknown> = { ...input };
      if (input.name === '') delete data.name;
      // A new address starts afresh: old validators belong to the old one.
      if (input.url && input.url !== row.url) Object.assign(data, { etag: null, lastModified: null, kind: null, nextFetchAt: new Date() });
      await strapi.documents(UID.watchSource).update({ documentId, data: data as never });
      if (input.name && input.name !== row.name) await items().renameSource(documentId, input.name);
      return this.get(documentId);
    },

    async setPaused(documentId: string, paused: boolean): Promise<WatchSource> {
      const row = await findRow(documentId);
      await rows().update({
        where: { id: row.id },
        data: paused ? { status: 'paused' } : { status: Number(row.failures ?? 0) > 0 ? 'failing' : 'active', nextFetchAt: new Date() },
      });
      return this.get(documentId);
    },

    async remove(documentId: string, keepItems: boolean) {
      const row = await findRow(documentId);
      const removedItems = keepItems ? 0 : await items().removeOfSource(documentId);
      await strapi.documents(UID.watchSource).delete({ documentId });
      return { documentId: row.documentId, keptItems: keepItems, removedItems };
    },

    preview,

    /** A site URL gives the feeds its page announces; a feed URL gives itself. */
    async discover(url: string): Promise<{ feeds: DiscoveredFeed[] }> {
      const { limits, options } = feedFetchSettings(strapi);
      let res;
      try {
        res = await getPage(url, {}, limits, options);
      } catch (err) {
        throw urlFailure(err, url);
      }
      if (res.status < 200 || res.status >= 300) throw urlFailure(new FeedHttpError(res.status), url);
      const contentType = String(res.headers['content-type'] ?? '');
      const text = decodeBody(res.body, contentType).text;
      if (!/html/i.test(contentType) && !/^\s*(<!doctype html|<html)/i.test(text)) {
        try {
          const feed = await parseFeed(text, contentType);
          return { feeds: [{ url: res.url, title: feed.title, kind: feed.kind === 'rdf' ? 'rss' : feed.kind }] };
        } catch {
          // not a feed either: fall through to "nothing found"
        }
      }
      return { feeds: discoverFeeds(text, res.url) };
    },

    async importOpml(opml: string, intervalMinutes: number) {
      let entries;
      try {
        entries = parseOpml(opml);
      } catch (err) {
        if (err instanceof WatchError) throw fieldError('opml', { code: err.messageId, params: err.params }, err.code);
        throw fieldError('opml', (err as Error).message, 'invalid_opml');
      }
      if (entries.length > 1000) throw fieldError('opml', { code: 'opml_too_many', params: { max: 1000 } }, 'too_many');
      // Everything is checked before anything is written, and written in one transaction: all or nothing.
      const inputs = opmlSources(entries, intervalMinutes);
      const skipped: Array<{ url: string; reason: string }> = [];
      const fresh: SourceInput[] = [];
      const seen = new Set<string>();
      for (const input of inputs) {
        if (seen.has(input.url) || (await rows().findOne({ where: { url: input.url } }))) {
          skipped.push({ url: input.url, reason: 'duplicate' });
          continue;
        }
        seen.add(input.url);
        // Only what is refused without a DNS lookup (an IP or an allow-listed name): a thousand lookups would hold the import.
        if (!literalAllowed(input.url)) {
          skipped.push({ url: input.url, reason: 'blocked_address' });
          continue;
        }
        fresh.push(input);
      }
      await strapi.db.transaction(async () => {
        for (const input of fresh) await insert(input);
      });
      return { created: fresh.length, skipped };
    },

    async exportOpml(): Promise<{ opml: string; count: number }> {
      const all = ((await rows().findMany({ orderBy: { name: 'asc' } })) as Row[]).map((row) => toWatchSource(row));
      return { opml: toOpml('Community Manager watch', all), count: all.length };
    },

    /** "Fetch now" from the admin: the same claim as the scheduler, without waiting for the due time. */
    async fetchNow(documentId: string): Promise<FetchOutcome> {
      const row = await findRow(documentId);
      if (row.status === 'paused') throw badRequest({ code: 'source_paused', params: {} }, [], 'paused');
      if (!(await claim(row.id, false))) return { documentId, status: 'busy', created: 0, skipped: 0 };
      return run(row);
    },

    /** The scheduler's work: claim up to `limit` due sources and fetch them, `concurrency` at a time. */
    async fetchDue(limit: number, concurrency: number): Promise<FetchOutcome[]> {
      const now = new Date();
      const due = (await rows().findMany({
        where: {
          status: { $ne: 'paused' },
          $and: [{ $or: [{ nextFetchAt: { $null: true } }, { nextFetchAt: { $lte: now } }] }, leaseFree(now.getTime())],
        },
        orderBy: { nextFetchAt: 'asc' },
        limit,
      })) as Row[];
      const outcomes: FetchOutcome[] = [];
      await pool(due, concurrency, async (row) => {
        if (await claim(row.id, true)) outcomes.push(await run(row));
      });
      return outcomes;
    },
  };
};
