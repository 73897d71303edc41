import { randomUUID } from 'node:crypto';
import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { ACTIONS, PLUGIN_ID } from '../../shared/core/permissions';
import { serverMessage } from '../../shared/core/messages';
import { HttpError, notFound } from '../core/errors';
import { adminAbility } from '../core/admin-ability';
import { isUniqueViolation } from '../core/db/indexes';
import { newDocumentId } from '../core/db/ids';
import { guardedFetch, type GuardedRequest } from '../core/http/guarded-fetch';
import type { PluginConfig } from '../core/config';
import { claimRow, releaseRow, newInstanceId, createTicker, type Ticker } from '../core/jobs';
import { getService } from '../core/services';
import { adapterFor } from '../networks/registry';
import { reason } from '../../shared/accounts/reasons';
import { NetworkError } from '../networks/errors';
import type { AdapterContext, NetworkAdapter, NetworkComment } from '../networks/types';
import { loadSanitizer } from '../watch/sanitize';
import { fromNetworkComment, fromSiteComment, tagIndexOf, type ItemDraft } from './mapping';
import { toInboxItem, type ItemContext } from './dto';
import { createStreams } from './sources/streams';
import { emailAssignee } from './emails';
import {
  SITE_SOURCE,
  type InboxItem,
  type InboxItemsPage,
  type InboxItemsQuery,
  type InboxNote,
  type InboxReply,
  type InboxSource,
  type InboxStatus,
  type InboxThread,
  type SavedReply,
  type SiteCommentInput,
  INBOX_STATUSES,
} from '../../shared/inbox/contract';
import type { SentimentLabel } from '../../shared/inbox/sentiment';

/**
 * The community inbox (docs/inbox.md): what the sources bring in, stored once
 * by the unique index (source, external id); what people do with it (status,
 * assignment, tags, notes, sentiment override); and replies sent exactly
 * once, with the publishing guarantees: the item row is claimed, the attempt
 * id (the network's idempotency key) is stored before the call, an unknown
 * outcome is sent again with the same key, never with a new one.
 */

/** How long a reading of one source, or one reply, may hold its row. */
const POLL_LEASE_MS = 120_000;
const REPLY_LEASE_MS = 60_000;
/** Backoff of a source whose reading failed: doubled per failure, at most an hour. */
const MAX_BACKOFF_MS = 3_600_000;
const OPEN: InboxStatus[] = ['new', 'assigned', 'waiting'];

export interface Actor {
  id: number;
  name: string;
}

type Account = NonNullable<Awaited<ReturnType<ReturnType<typeof getService<'accounts'>>['publishingAccount']>>>;

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export default ({ strapi }: { strapi: Strapi }) => {
  const items = () => strapi.db.query(UID.inboxItem as never);
  const cursors = () => strapi.db.query(UID.inboxCursor as never);
  const saved = () => strapi.db.query(UID.savedReply as never);
  const accounts = () => getService(strapi, 'accounts');
  let now = () => Date.now();

  const config = () => strapi.plugin(PLUGIN_ID).config('inbox') as PluginConfig['inbox'];
  const outbound = () => strapi.plugin(PLUGIN_ID).config('outbound') as PluginConfig['outbound'];
  const fetch = (url: string, req: GuardedRequest = {}) => {
    const { timeoutMs, maxResponseBytes, allowedHosts, deadlines } = outbound();
    return guardedFetch(
      url,
      { purpose: 'publish', timeoutMs, maxBytes: maxResponseBytes, ...req },
      { policy: { allowedHosts }, deadlines }
    );
  };

  /** A network's comments port when the profile says it reads comments. */
  const portOf = (network: string): NetworkAdapter['comments'] | undefined => {
    const adapter = adapterFor(network);
    return adapter?.profile.capabilities.comments ? adapter.comments : undefined;
  };

  function contextFor(account: Account, key: string): AdapterContext {
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
      now,
      publicationId: key,
    };
  }

  async function findRow(documentId: string): Promise<Row> {
    const row = (await items().findOne({ where: { documentId } } as never)) as Row | null;
    if (!row) throw notFound('Inbox item');
    return row;
  }

  /** Account names and what each network lets the inbox do, for a page of rows. */
  async function contextOf(rows: Row[]): Promise<ItemContext> {
    const refs = [...new Set(rows.map((r) => String(r.sourceRef)).filter((s) => s !== SITE_SOURCE))];
    const found = refs.length
      ? ((await strapi.db.query(UID.socialAccount as never).findMany({
          where: { documentId: { $in: refs } },
          select: ['documentId', 'name'],
        } as never)) as Row[])
      : [];
    const pubs = [...new Set(rows.map((r) => r.publicationId).filter(Boolean) as string[])];
    const publications = pubs.length
      ? ((await strapi.db.query(UID.publication as never).findMany({
          where: { documentId: { $in: pubs } },
          select: ['documentId', 'planDocumentId', 'externalUrl'],
        } as never)) as Row[])
      : [];
    return {
      accountNames: new Map(found.map((a) => [a.documentId, String(a.name)])),
      publications: new Map(publications.map((p) => [p.documentId, p])),
      capabilities: (network) => {
        const adapter = adapterFor(network);
        return {
          reply: Boolean(adapter?.profile.capabilities.reply && adapter.comments?.reply),
          hide: Boolean(adapter?.profile.capabilities.hide && adapter.comments?.hide),
        };
      },
    };
  }

  async function dto(row: Row): Promise<InboxItem> {
    return toInboxItem(row, await contextOf([row]));
  }

  // --- ingest ------------------------------------------------------------------------------

  /**
   * Links each draft to the post it answers: one of our publications (by the
   * network's id on this account), else an item already in the inbox; the
   * thread's root follows from there.
   */
  async function link(drafts: ItemDraft[]): Promise<Array<ItemDraft & { publicationId: string | null; planDocumentId: string | null }>> {
    const parents = [...new Set(drafts.map((d) => d.inReplyToId).filter(Boolean) as string[])];
    const pubs = parents.length
      ? ((await strapi.db.query(UID.publication as never).findMany({
          where: { externalId: { $in: parents } },
          select: ['documentId', 'planDocumentId', 'externalId', 'accountDocumentId'],
        } as never)) as Row[])
      : [];
    const known = parents.length
      ? ((await items().findMany({
          where: { externalId: { $in: parents } },
          select: ['externalId', 'sourceRef', 'threadRootId', 'publicationId', 'planDocumentId'],
        } as never)) as Row[])
      : [];
    return drafts.map((d) => {
      const pub = pubs.find((p) => p.externalId === d.inReplyToId && p.accountDocumentId === d.sourceRef);
      if (pub)
        return { ...d, threadRootId: d.inReplyToId, publicationId: pub.documentId, planDocumentId: (pub.planDocumentId as string) ?? null };
      const parent = known.find((k) => k.externalId === d.inReplyToId && k.sourceRef === d.sourceRef);
      if (parent)
        return {
          ...d,
          threadRootId: (parent.threadRootId as string) ?? d.inReplyToId,
          publicationId: (parent.publicationId as string) ?? null,
          planDocumentId: (parent.planDocumentId as string) ?? null,
        };
      return { ...d, threadRootId: d.threadRootId ?? d.inReplyToId ?? d.externalId, publicationId: null, planDocumentId: null };
    });
  }

  /** Stores what is new; the unique index makes a second delivery (or another instance's) a no-op. */
  async function store(drafts: ItemDraft[]): Promise<number> {
    if (!drafts.length) return 0;
    // Oldest first (a network lists newest first): rows are then numbered in the order things were said.
    const unique = [...new Map(drafts.map((d) => [`${d.sourceRef}\u0000${d.externalId}`, d])).values()]
      .reverse()
      .sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
    let created = 0;
    // While crisis mode is on, what arrives is tagged `crisis` (server/inbox/crisis.ts).
    const crisisTags = await getService(strapi, 'inbox-crisis').tagsForNewItems();
    for (const draft of await link(unique)) {
      const at = new Date(now());
      try {
        await items().create({
          data: {
            documentId: newDocumentId(),
            ...draft,
            status: 'new',
            tags: crisisTags,
            tagIndex: tagIndexOf(crisisTags),
            notes: [],
            replies: [],
            replyState: 'idle',
            createdAt: at,
            updatedAt: at,
            publishedAt: at,
          },
        } as never);
        created++;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    return created;
  }

  /** The accounts the inbox reads: connected, on a network whose profile reads comments. */
  async function sourceAccounts(): Promise<Row[]> {
    const rows = (await strapi.db.query(UID.socialAccount as never).findMany({
      where: { status: 'connected' },
      select: ['documentId', 'name', 'network'],
    } as never)) as Row[];
    return rows.filter((r) => portOf(String(r.network)));
  }

  async function cursorRow(sourceRef: string): Promise<Row> {
    const existing = (await cursors().findOne({ where: { sourceRef } } as never)) as Row | null;
    if (existing) return existing;
    try {
      const at = new Date(now());
      await cursors().create({
        data: { documentId: newDocumentId(), sourceRef, failures: 0, createdAt: at, updatedAt: at, publishedAt: at },
      } as never);
    } catch (err) {
      // Another instance made it at the same moment (unique index on source_ref).
      if (!isUniqueViolation(err)) throw err;
    }
    return (await cursors().findOne({ where: { sourceRef } } as never)) as Row;
  }

  /**
   * Reads one account once, if this instance can claim its cursor: the
   * network's page(s) since the stored cursor, stored, then the new cursor —
   * written only after the items, so a crash in between reads them again
   * (and the unique index skips them).
   */
  async function pollOne(sourceRef: string, force: boolean): Promise<{ source: string; created: number; error?: string } | null> {
    const cursor = await cursorRow(sourceRef);
    const owner = newInstanceId();
    const at = now();
    const due = force ? {} : { $or: [{ nextPollAt: { $null: true } }, { nextPollAt: { $lte: new Date(at) } }] };
    const claimed = await claimRow(strapi, UID.inboxCursor, { where: { id: cursor.id, ...due }, owner, leaseMs: POLL_LEASE_MS, now: at });
    if (!claimed) return null;
    const account = await accounts().publishingAccount(sourceRef);
    const port = account ? portOf(account.network) : undefined;
    if (!account || !port || account.status !== 'connected' || !account.secrets) {
      await releaseRow(strapi, UID.inboxCursor, {
        where: { id: cursor.id },
        owner,
        data: { nextPollAt: new Date(at + config().pollSeconds * 1000) },
      });
      return null;
    }
    try {
      const page = await port.listSince(contextFor(account, `inbox-poll:${sourceRef}`), (cursor.cursor as string | null) ?? null);
      const clean = await loadSanitizer();
      const created = await store(
        page.comments.map((c: NetworkComment) => fromNetworkComment(c, { sourceRef, network: account.network }, clean))
      );
      await releaseRow(strapi, UID.inboxCursor, {
        where: { id: cursor.id },
        owner,
        data: {
          cursor: page.cursor,
          lastPolledAt: new Date(now()),
          nextPollAt: new Date(now() + config().pollSeconds * 1000),
          lastError: null,
          failures: 0,
        },
      });
      return { source: sourceRef, created };
    } catch (err) {
      const failures = Number(cursor.failures ?? 0) + 1;
      const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
      const retryAt = err instanceof NetworkError && err.retryAfterMs ? err.retryAfterMs : 0;
      const backoff = Math.min(MAX_BACKOFF_MS, config().pollSeconds * 1000 * 2 ** Math.min(failures - 1, 6));
      if (err instanceof NetworkError && err.kind === 'auth')
        await accounts().markNeedsReauth(sourceRef, reason('token_refused', { status: 401, message }));
      await releaseRow(strapi, UID.inboxCursor, {
        where: { id: cursor.id },
        owner,
        data: { lastError: message, failures, lastPolledAt: new Date(now()), nextPollAt: new Date(Math.max(now() + backoff, retryAt)) },
      });
      return { source: sourceRef, created: 0, error: message };
    }
  }

  /** What a stream pushed, stored as a poll stores it. */
  async function ingestComments(sourceRef: string, network: string, comments: NetworkComment[]): Promise<number> {
    const clean = await loadSanitizer();
    const created = await store(comments.map((c) => fromNetworkComment(c, { sourceRef, network }, clean)));
    if (created) await evaluateCrisis(true);
    return created;
  }

  const streams = createStreams({
    strapi,
    now: () => now(),
    async sources() {
      const out = [];
      for (const row of await sourceAccounts()) {
        const stream = portOf(String(row.network))?.stream;
        if (stream) out.push({ sourceRef: String(row.documentId), network: String(row.network), stream });
      }
      return out;
    },
    async context(sourceRef) {
      const account = await accounts().publishingAccount(sourceRef);
      if (!account?.secrets || account.status !== 'connected') return null;
      return contextFor(account, `inbox-stream:${sourceRef}`);
    },
    ingest: ingestComments,
    catchUp: (sourceRef) => pollOne(sourceRef, true),
    refused: (sourceRef, status, message) => accounts().markNeedsReauth(sourceRef, reason('token_refused', { status, message })),
    allowedHosts: () => outbound().allowedHosts,
  });

  /** The crisis detector after an ingest pass; its failure never fails the ingest. */
  async function evaluateCrisis(throttle: boolean) {
    try {
      await getService(strapi, 'inbox-crisis').evaluate({ throttle });
    } catch (err) {
      strapi.log.warn(`community-manager: inbox: crisis evaluation failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  let ticker: Ticker | null = null;

  return {
    useClock(fn: (() => number) | null) {
      now = fn ?? (() => Date.now());
    },

    /**
     * The reader on a timer (config `inbox.enabled`): every 30 s at most it
     * looks for sources whose next reading is due; each source is claimed, so
     * several instances share the sources and never read one twice at once.
     */
    start() {
      if (ticker || !config().enabled) return;
      const everyMs = Math.min(30_000, config().pollSeconds * 1000);
      ticker = createTicker({
        pass: async () => {
          if (config().streaming) await streams.pass();
          return { result: (await this.poll(false)).created };
        },
        failed: () => 0,
        when: { everyMs: () => everyMs, nextAt: async () => Date.now() + everyMs },
        log: (err) => strapi.log.warn(`community-manager: inbox: ${err instanceof Error ? err.message : String(err)}`),
      });
      ticker.start();
    },
    async stop() {
      await ticker?.stop();
      ticker = null;
      await streams.stop();
    },

    /** The sources' streams (sources/streams.ts): opened by the timer's pass, or by a test. */
    streams,

    /** One pass over every source that is due (all of them with `force`); what each brought. */
    async poll(force = false) {
      const results = [];
      for (const account of await sourceAccounts()) {
        const result = await pollOne(account.documentId, force);
        if (result) results.push(result);
      }
      await evaluateCrisis(false);
      return { sources: results, created: results.reduce((n, r) => n + r.created, 0) };
    },

    async sources(): Promise<InboxSource[]> {
      const list = await sourceAccounts();
      const rows = (await cursors().findMany({} as never)) as Row[];
      const out: InboxSource[] = list.map((a) => {
        const c = rows.find((r) => r.sourceRef === a.documentId);
        return {
          source: a.documentId,
          network: String(a.network),
          name: String(a.name),
          cursor: (c?.cursor as string) ?? null,
          lastPolledAt: c?.lastPolledAt ? new Date(c.lastPolledAt as string).toISOString() : null,
          lastError: (c?.lastError as string) ?? null,
        };
      });
      if (config().siteSecrets.length)
        out.push({ source: SITE_SOURCE, network: SITE_SOURCE, name: SITE_SOURCE, cursor: null, lastPolledAt: null, lastError: null });
      return out;
    },

    /** A comment the site pushed (signature already checked): stored once. */
    async ingestSite(input: SiteCommentInput): Promise<{ created: boolean; documentId: string }> {
      const clean = await loadSanitizer();
      const created = (await store([fromSiteComment(input, clean)])) === 1;
      if (created) await evaluateCrisis(true);
      const row = (await items().findOne({
        where: { sourceRef: SITE_SOURCE, externalId: input.id },
        select: ['documentId'],
      } as never)) as Row;
      return { created, documentId: row.documentId };
    },

    // --- reading -----------------------------------------------------------------------------

    async list(query: InboxItemsQuery, userId: number): Promise<InboxItemsPage> {
      const and: Array<Record<string, unknown>> = [];
      if (query.source) and.push({ sourceRef: query.source });
      if (query.kind) and.push({ kind: query.kind });
      if (query.plan) and.push({ planDocumentId: query.plan });
      if (query.assignee === 'none') and.push({ assigneeId: { $null: true } });
      else if (query.assignee === 'me') and.push({ assigneeId: userId });
      else if (typeof query.assignee === 'number') and.push({ assigneeId: query.assignee });
      if (query.tag) and.push({ tagIndex: { $contains: `|${query.tag.toLowerCase()}|` } });
      if (query.sentiment)
        and.push({
          $or: [{ sentimentOverride: query.sentiment }, { sentimentOverride: { $null: true }, sentiment: query.sentiment }],
        });
      if (query.q)
        for (const word of query.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) and.push({ searchText: { $contains: word } });
      const base = and.length ? { $and: [...and] } : {};
      const status = query.status === 'open' ? { status: { $in: OPEN } } : query.status === 'all' ? {} : { status: query.status };
      const where = { $and: [...and, status] };
      const [found, total, counts] = await Promise.all([
        items().findMany({
          where,
          orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        } as never) as Promise<Row[]>,
        items().count({ where } as never),
        Promise.all(
          INBOX_STATUSES.map(async (s) => [s, await items().count({ where: { $and: [base, { status: s }] } } as never)] as const)
        ),
      ]);
      const context = await contextOf(found);
      return {
        results: found.map((r) => toInboxItem(r, context)),
        pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) },
        counts: Object.fromEntries(counts) as Record<InboxStatus, number>,
      };
    },

    async get(documentId: string): Promise<InboxThread> {
      const row = await findRow(documentId);
      const root = row.threadRootId as string | null;
      const others = root
        ? ((await items().findMany({
            where: {
              sourceRef: row.sourceRef,
              id: { $ne: row.id },
              $or: [{ threadRootId: root }, { externalId: root }],
            },
            orderBy: [{ postedAt: 'asc' }, { id: 'asc' }],
            limit: 100,
          } as never)) as Row[])
        : [];
      const context = await contextOf([row, ...others]);
      return { item: toInboxItem(row, context), thread: others.map((r) => toInboxItem(r, context)) };
    },

    // --- acting ------------------------------------------------------------------------------

    /**
     * Hides a reply on its network (or shows it again) where the profile says
     * the network can and its comments port does; the item's status follows
     * (`hidden`, or `done` once shown again). Nothing changes when the network refuses.
     */
    async hideOnNetwork(documentId: string, hidden: boolean): Promise<InboxItem> {
      const row = await findRow(documentId);
      const port = portOf(String(row.network));
      const adapter = adapterFor(String(row.network));
      if (!port?.hide || !adapter?.profile.capabilities.hide)
        throw new HttpError(400, 'hide_unsupported', serverMessage('inbox_hide_unsupported'));
      const account = await accounts().publishingAccount(String(row.sourceRef));
      if (!account?.secrets || account.status !== 'connected')
        throw new HttpError(409, 'account_unavailable', serverMessage('inbox_account_unavailable'));
      try {
        await port.hide(contextFor(account, `inbox-hide:${row.documentId}`), commentOf(row), hidden);
      } catch (err) {
        const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
        if (err instanceof NetworkError && err.kind === 'auth')
          await accounts().markNeedsReauth(String(row.sourceRef), reason('token_refused', { status: 401, message }));
        throw new HttpError(502, 'hide_failed', serverMessage('inbox_hide_failed', { message }));
      }
      await items().update({ where: { id: row.id }, data: { status: hidden ? 'hidden' : 'done', updatedAt: new Date(now()) } } as never);
      return dto(await findRow(documentId));
    },

    async setStatus(documentId: string, status: InboxStatus): Promise<InboxItem> {
      const row = await findRow(documentId);
      await items().update({ where: { id: row.id }, data: { status, updatedAt: new Date(now()) } } as never);
      return dto(await findRow(documentId));
    },

    async bulkStatus(ids: string[], status: InboxStatus): Promise<{ updated: number }> {
      const { count } = await items().updateMany({
        where: { documentId: { $in: ids } },
        data: { status, updatedAt: new Date(now()) },
      } as never);
      return { updated: count };
    },

    /** Only to someone who may moderate the inbox; a new item becomes `assigned`, letting go of it makes it `new` again. */
    async assign(documentId: string, assigneeId: number | null, by?: Actor): Promise<InboxItem> {
      const row = await findRow(documentId);
      if (assigneeId !== null && !(await adminAbility(strapi, assigneeId)).can(ACTIONS.moderationAct)) {
        throw new HttpError(400, 'assignee_cannot_moderate', serverMessage('inbox_assignee_cannot_moderate'), [
          {
            path: ['assigneeId'],
            message: 'This person cannot moderate the inbox',
            code: 'invalid',
            messageId: 'inbox_assignee_cannot_moderate',
            params: {},
          },
        ]);
      }
      const status =
        assigneeId !== null && row.status === 'new' ? 'assigned' : assigneeId === null && row.status === 'assigned' ? 'new' : row.status;
      await items().update({ where: { id: row.id }, data: { assigneeId, status, updatedAt: new Date(now()) } } as never);
      const after = await dto(await findRow(documentId));
      // The new holder is told by e-mail, in their language (best effort: server/inbox/emails.ts).
      if (assigneeId !== null && assigneeId !== row.assigneeId && by)
        await emailAssignee(strapi, assigneeId, by, {
          authorName: after.author.name ?? after.author.handle ?? '?',
          source: after.accountName ?? after.network,
          text: after.text,
        });
      return after;
    },

    async assignees(): Promise<Array<{ id: number; name: string }>> {
      const users = (await strapi.db.query('admin::user').findMany({
        where: { isActive: true, blocked: { $ne: true } },
        select: ['id', 'firstname', 'lastname', 'email'],
        limit: 500,
      })) as Array<{ id: number; firstname?: string | null; lastname?: string | null; email?: string | null }>;
      const out = [];
      for (const user of users) {
        if (!(await adminAbility(strapi, user.id)).can(ACTIONS.moderationAct)) continue;
        out.push({ id: user.id, name: [user.firstname, user.lastname].filter(Boolean).join(' ') || String(user.email ?? user.id) });
      }
      return out;
    },

    async setTags(documentId: string, tags: string[]): Promise<InboxItem> {
      const row = await findRow(documentId);
      await items().update({ where: { id: row.id }, data: { tags, tagIndex: tagIndexOf(tags), updatedAt: new Date(now()) } } as never);
      return dto(await findRow(documentId));
    },

    async addNote(documentId: string, text: string, actor: Actor): Promise<InboxItem> {
      const row = await findRow(documentId);
      const note: InboxNote = { at: new Date(now()).toISOString(), by: actor.id, byName: actor.name, text };
      await items().update({
        where: { id: row.id },
        data: { notes: [...asArray<InboxNote>(row.notes), note].slice(-200), updatedAt: new Date(now()) },
      } as never);
      return dto(await findRow(documentId));
    },

    /** A person's label wins over the computed one and is kept (ingest never writes it); null goes back to the computed one. */
    async setSentiment(documentId: string, label: SentimentLabel | null): Promise<InboxItem> {
      const row = await findRow(documentId);
      await items().update({ where: { id: row.id }, data: { sentimentOverride: label, updatedAt: new Date(now()) } } as never);
      return dto(await findRow(documentId));
    },

    /**
     * Sends one reply. The item row is claimed (a second click, another tab
     * or instance gets 409), the attempt id is written with the claim, before
     * the call; an unknown outcome keeps it, and `resend` sends the same text
     * with the same key (the network hands back the first reply if it had
     * taken it), never a new one.
     */
    async reply(documentId: string, text: string, actor: Actor, requestId: string | null = null): Promise<InboxItem> {
      const row = await findRow(documentId);
      // The same request again: what it sent is the answer, nothing more goes out.
      if (requestId && asArray<InboxReply>(row.replies).some((r) => r.requestId === requestId && r.state === 'sent')) return dto(row);
      if (requestId && row.replyState === 'sending' && row.replyRequestId === requestId)
        throw new HttpError(409, 'reply_in_progress', serverMessage('inbox_reply_in_progress'));
      if (unconfirmed(row)) throw new HttpError(409, 'reply_unknown', serverMessage('inbox_reply_unknown'));
      const adapter = adapterFor(String(row.network));
      const publish = adapter?.publish;
      const attemptId = publish?.newAttemptId?.(now()) ?? randomUUID();
      return send(row, { attemptId, text, by: actor.id, requestId }, { replyState: 'idle' });
    },

    async resend(documentId: string, actor: Actor): Promise<InboxItem> {
      const row = await findRow(documentId);
      if (!unconfirmed(row) || !row.replyAttemptId) throw new HttpError(409, 'nothing_to_resend', serverMessage('inbox_nothing_to_resend'));
      return send(
        row,
        {
          attemptId: String(row.replyAttemptId),
          text: String(row.replyText ?? ''),
          by: Number(row.replyBy ?? actor.id),
          requestId: (row.replyRequestId as string | null) ?? null,
        },
        { $or: [{ replyState: 'unknown' }, { replyState: 'sending', leaseUntil: { $lt: new Date(now()) } }] }
      );
    },

    // --- saved replies ---------------------------------------------------------------------------

    savedReplies: {
      async list(): Promise<SavedReply[]> {
        const rows = (await saved().findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], limit: 500 } as never)) as Row[];
        return rows.map(toSavedReply);
      },
      async create(input: { name: string; language: string | null; body: string }): Promise<SavedReply> {
        const at = new Date(now());
        const row = (await saved().create({
          data: { documentId: newDocumentId(), ...input, createdAt: at, updatedAt: at, publishedAt: at },
        } as never)) as Row;
        return toSavedReply(row);
      },
      async update(documentId: string, input: Partial<{ name: string; language: string | null; body: string }>): Promise<SavedReply> {
        const row = (await saved().findOne({ where: { documentId } } as never)) as Row | null;
        if (!row) throw notFound('Saved reply');
        await saved().update({ where: { id: row.id }, data: { ...input, updatedAt: new Date(now()) } } as never);
        return toSavedReply((await saved().findOne({ where: { id: row.id } } as never)) as Row);
      },
      async remove(documentId: string): Promise<{ documentId: string }> {
        const { count } = await saved().deleteMany({ where: { documentId } } as never);
        if (!count) throw notFound('Saved reply');
        return { documentId };
      },
    },
  };

  /** The stored item as the comments port knows it. */
  function commentOf(row: Row): NetworkComment {
    return {
      externalId: String(row.externalId),
      parentId: String(row.inReplyToId ?? row.externalId),
      author: {
        id: String(row.authorId ?? ''),
        handle: (row.authorHandle as string) ?? null,
        displayName: (row.authorName as string) ?? null,
        avatarUrl: null,
      },
      text: String(row.text ?? ''),
      createdAt: new Date(row.postedAt as string).toISOString(),
      url: (row.externalUrl as string) ?? null,
    };
  }

  /** A reply whose outcome nobody knows: marked unknown, or left `sending` by an instance that died (its lease ran out). */
  function unconfirmed(row: Row): boolean {
    if (row.replyState === 'unknown') return true;
    return row.replyState === 'sending' && (!row.leaseUntil || new Date(row.leaseUntil as string).getTime() < now());
  }

  async function send(
    row: Row,
    attempt: { attemptId: string; text: string; by: number; requestId: string | null },
    from: Record<string, unknown>
  ): Promise<InboxItem> {
    const port = portOf(String(row.network));
    const adapter = adapterFor(String(row.network));
    if (!port || !adapter?.profile.capabilities.reply)
      throw new HttpError(400, 'reply_unsupported', serverMessage('inbox_reply_unsupported'));
    const account = await accounts().publishingAccount(String(row.sourceRef));
    if (!account?.secrets || account.status !== 'connected')
      throw new HttpError(409, 'account_unavailable', serverMessage('inbox_account_unavailable'));
    const owner = newInstanceId();
    const at = now();
    // The claim writes the attempt: from here a crash leaves `sending` with its key, found again after the lease as `unknown`.
    const claimed = await claimRow(strapi, UID.inboxItem, {
      where: { id: row.id, ...from },
      owner,
      leaseMs: REPLY_LEASE_MS,
      now: at,
      data: {
        replyState: 'sending',
        replyAttemptId: attempt.attemptId,
        replyText: attempt.text,
        replyBy: attempt.by,
        replyRequestId: attempt.requestId,
      },
    });
    if (!claimed) throw new HttpError(409, 'reply_in_progress', serverMessage('inbox_reply_in_progress'));
    const entry = (state: InboxReply['state'], extra: Partial<InboxReply> = {}): InboxReply => ({
      attemptId: attempt.attemptId,
      requestId: attempt.requestId,
      state,
      text: attempt.text,
      at: new Date(now()).toISOString(),
      by: attempt.by,
      externalId: null,
      url: null,
      error: null,
      ...extra,
    });
    const current = async () => (await items().findOne({ where: { id: row.id } } as never)) as Row;
    // The same request may have been sent while this one waited for the row (read before, claimed after): sent once.
    const claimedRow = await current();
    if (attempt.requestId && asArray<InboxReply>(claimedRow.replies).some((r) => r.requestId === attempt.requestId && r.state === 'sent')) {
      await releaseRow(strapi, UID.inboxItem, {
        where: { id: row.id },
        owner,
        data: { replyState: 'idle', replyAttemptId: null, replyText: null, replyBy: null, replyRequestId: null },
      });
      return dto(await current());
    }
    const others = (r: Row) => asArray<InboxReply>(r.replies).filter((x) => x.attemptId !== attempt.attemptId);
    try {
      const result = await port.reply(
        contextFor(account, `inbox-reply:${row.documentId}`),
        commentOf(row),
        attempt.text,
        attempt.attemptId
      );
      const latest = await current();
      const first = latest.firstResponseAt
        ? {}
        : { firstResponseAt: new Date(now()), firstResponseMs: Math.max(0, now() - new Date(latest.postedAt as string).getTime()) };
      await releaseRow(strapi, UID.inboxItem, {
        where: { id: row.id },
        owner,
        data: {
          replyState: 'idle',
          replyAttemptId: null,
          replyText: null,
          replyBy: null,
          replyRequestId: null,
          replies: [...others(latest), entry('sent', { externalId: result.externalId, url: result.url })],
          ...first,
          updatedAt: new Date(now()),
        },
      });
    } catch (err) {
      const latest = await current();
      const kind = err instanceof NetworkError ? err.kind : 'unknown';
      const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
      // Retryable and permanent: the network did not take it, the key can go. Unknown (or anything unexpected): keep the key.
      const uncertain = kind === 'unknown' || !(err instanceof NetworkError);
      await releaseRow(strapi, UID.inboxItem, {
        where: { id: row.id },
        owner,
        data: uncertain
          ? { replyState: 'unknown', replies: [...others(latest), entry('unknown', { error: message })], updatedAt: new Date(now()) }
          : {
              replyState: 'idle',
              replyAttemptId: null,
              replyText: null,
              replyBy: null,
              replyRequestId: null,
              replies: [...others(latest), entry('failed', { error: message })],
              updatedAt: new Date(now()),
            },
      });
      if (uncertain) throw new HttpError(502, 'reply_unknown', serverMessage('inbox_reply_unknown'));
      throw new HttpError(502, 'reply_failed', serverMessage('inbox_reply_failed', { message }));
    }
    return dto(await current());
  }
};

function toSavedReply(row: Row): SavedReply {
  return { documentId: row.documentId, name: String(row.name), language: (row.language as string) ?? null, body: String(row.body ?? '') };
}
