import { randomUUID } from 'node:crypto';
import { limitedUntil } from '../accounts/rate-limit';
import { accountContext } from '../accounts/adapter-context';
import type { Knex } from 'knex';
import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { ACTIONS, PLUGIN_ID } from '../../shared/core/permissions';
import { serverMessage } from '../../shared/core/messages';
import { HttpError, badRequest, fieldIssue, notFound, type FieldError } from '../core/errors';
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
import type { AdapterContext, MentionRef, NetworkAdapter, NetworkComment } from '../networks/types';
import { loadSanitizer } from '../watch/sanitize';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { fromNetworkComment, fromSiteComment, tagIndexOf, type ItemDraft } from './mapping';
import { toInboxItem, type ItemContext } from './dto';
import { createStreams } from './sources/streams';
import { createInsights } from './insights';
import type { FiguresQuery } from '../../shared/inbox/figures';
import { emailAssignee } from './emails';
import {
  COMMENTS_SOURCE,
  commentState,
  commentThread,
  commentsPlugin,
  moderateComment,
  readComments,
  replyToComment,
  type CommentAction,
} from './sources/comments-plugin';
import {
  SITE_SOURCE,
  type InboxContextPost,
  type InboxItem,
  type InboxItemContext,
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
import {
  chooseSavedReply,
  fillSavedReply,
  type AutoReplyOutcome,
  type ModerationRule,
  type RuleConditions,
  type RuleDryRun,
  type RuleInput,
  type RuleMatch,
  type RuleUpdate,
} from '../../shared/inbox/rules';
import {
  DAY_MS,
  authorKeyOf,
  autoReplyKey,
  compileConditions,
  compileRule,
  evaluateRules,
  isOwnAccount,
  mayAutoReplyAgain,
  type CompiledRule,
  type RuleOutcome,
  type RuleSubject,
} from './rules';

/**
 * The community inbox (docs/inbox.md): what the sources bring in, stored once
 * by the unique index (source, external id); what people do with it (status,
 * assignment, tags, notes, sentiment override); and replies sent exactly
 * once, with the publishing guarantees: the item row is claimed, the attempt
 * id (the network's idempotency key) is stored before the call, an unknown
 * outcome is sent again with the same key, never with a new one.
 */

/** How long one reply may hold its row (a reading of a source: twice the inbox's `leaseMs`). */
const REPLY_LEASE_MS = 60_000;
/** Mentions one delivery may ask to read (each one call to the network); Meta sends a few per delivery. */
const MAX_PUSHED_MENTIONS = 50;
/** Backoff of a source whose reading failed: doubled per failure, at most an hour. */
const MAX_BACKOFF_MS = 3_600_000;
const OPEN: InboxStatus[] = ['new', 'assigned', 'waiting'];
/** The dry run reads the last 30 days, at most this many items, newest first. */
const DRY_RUN_DAYS = 30;
const DRY_RUN_MAX_SCAN = 20_000;
const DRY_RUN_BATCH = 1_000;
const DRY_RUN_SHOWN = 50;
/**
 * A thread's context is read when someone opens the item, so a person waits
 * on it: the total deadline of a link preview (the other request a person
 * waits on, `outbound.deadlines.linkPreview`, 8 s by default), and the
 * answer kept briefly so moving back and forth through the list (j/k) reads
 * the network once, not on every step. At most CONTEXT_CACHE_MAX items are
 * kept per instance.
 */
const CONTEXT_TTL_MS = 60_000;
const CONTEXT_CACHE_MAX = 500;
/** At most this many posts on each side of the item: a viral thread is read, not shown whole. */
const COMMENT_CONTEXT_LIMIT = 50;

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
  const rules = () => strapi.db.query(UID.moderationRule as never);
  const autoReplies = () => strapi.db.query(UID.inboxAutoReply as never);
  const accounts = () => getService(strapi, 'accounts');
  let now = () => Date.now();
  /** Threads read from their sources, by item (threadContext). */
  const contextCache = new Map<string, { until: number; value: InboxItemContext }>();

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

  function contextFor(account: Account, key: string, request: GuardedRequest = {}): AdapterContext {
    return {
      ...accountContext(strapi, account, 'inbox'),
      fetch: (url, req) => fetch(url, { ...req, ...request }),
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
        // strapi-plugin-comments: answered as the admin, hidden by rejecting, through its services.
        if (network === COMMENTS_SOURCE) return { reply: Boolean(commentsPlugin(strapi)), hide: Boolean(commentsPlugin(strapi)) };
        const adapter = adapterFor(network);
        return {
          reply: Boolean(adapter?.profile.capabilities.reply && adapter.comments?.reply),
          hide: Boolean(adapter?.profile.capabilities.hide && adapter.comments?.hide),
        };
      },
    };
  }

  /** Strapi's query builder for the items: its `where` syntax, as knex, to count with. */
  function itemsKnex(params: object) {
    return (
      strapi.db as unknown as {
        entityManager: { createQueryBuilder(uid: string): { init(params: object): { getKnexQuery(): Knex.QueryBuilder } } };
      }
    ).entityManager
      .createQueryBuilder(UID.inboxItem)
      .init(params)
      .getKnexQuery();
  }

  /**
   * The first `cap + 1` items matching `where`, in whatever order the
   * database finds them soonest: a count needs no order. Strapi orders a
   * limited query by id, and that order made SQLite and PostgreSQL read the
   * items from the oldest, past the whole year, to reach open ones (the
   * newest): 5–8× the work under _open_ with a tag or words (bench/inbox).
   */
  function firstMatches(where: Record<string, unknown>, cap: number) {
    return itemsKnex({ where, select: ['id'], limit: cap + 1 }).clearOrder();
  }

  /**
   * How many items of each status match `where`, in one grouped count (six
   * counts each reading the same rows took six times as long: bench/inbox).
   */
  async function statusCounts(where: Record<string, unknown>): Promise<Record<InboxStatus, number>> {
    const rows = (await itemsKnex({ where, select: ['status'], groupBy: ['status'] }).count({ n: '*' })) as Array<{
      status: string;
      n: number | string;
    }>;
    const counts = Object.fromEntries(INBOX_STATUSES.map((s) => [s, 0])) as Record<InboxStatus, number>;
    for (const row of rows) if (row.status in counts) counts[row.status as InboxStatus] = Number(row.n);
    return counts;
  }

  /** How many items match `where`, counting at most `cap + 1`. */
  async function cappedCount(where: Record<string, unknown>, cap: number): Promise<number> {
    const [row] = (await strapi.db.connection.from(firstMatches(where, cap).as('capped')).count({ n: '*' })) as Array<{
      n: number | string;
    }>;
    return Number(row?.n ?? 0);
  }

  /**
   * The list's total and its folders' counts. Exact where an index serves
   * the filters (status, source, assignee, sentiment), each folder counted up
   * to `listCountCap` (1,000) on the status index. A tag or searched words are
   * `LIKE '%…%'`, which an index serves on PostgreSQL only and never as a
   * count (server/inbox/search-indexes.ts): there only the folder shown is
   * counted, as mail inboxes count a search's results and not the other
   * folders'. Counting the others read every item wherever the words are
   * rare (109 ms on SQLite at 200,000 items for a word no item has,
   * bench/inbox). `search.firstPage` is the first page as read (`pageSize + 1`
   * rows at most): when it holds the whole folder, its length is the count.
   */
  async function countList(
    base: Record<string, unknown>,
    where: Record<string, unknown>,
    kept: readonly InboxStatus[],
    search: { firstPage: Promise<Row[]>; pageSize: number } | null,
    bySentiment: { others: Array<Record<string, unknown>>; label: SentimentLabel } | null
  ): Promise<{ total: number; capped: boolean; counts: Record<InboxStatus, number> | null; countsCapped?: InboxStatus[] }> {
    const cap = config().listCountCap;
    if (search) {
      const page = await search.firstPage;
      // Read after the page (not beside it): a word no item has is then one reading of the folder, not two.
      const total = page.length <= search.pageSize ? page.length : await cappedCount(where, cap);
      return total > cap ? { total: cap, capped: true, counts: null } : { total, capped: false, counts: null };
    }
    if (!bySentiment) {
      // Each folder counted up to the cap on the (status, …) index: a folder of 167,000 done items reads 1,001 index
      // entries instead of all of them (a grouped count over 200,000 items took PostgreSQL 35–60 ms, bench/inbox).
      const each = await Promise.all(INBOX_STATUSES.map((status) => cappedCount({ $and: [base, { status }] }, cap)));
      const counts = Object.fromEntries(INBOX_STATUSES.map((s, i) => [s, Math.min(each[i], cap)])) as Record<InboxStatus, number>;
      const countsCapped = INBOX_STATUSES.filter((_, i) => each[i] > cap);
      return {
        total: kept.reduce((n, s) => n + counts[s], 0),
        capped: kept.some((s) => countsCapped.includes(s)),
        counts,
        ...(countsCapped.length ? { countsCapped } : {}),
      };
    }
    const counts = await sentimentCounts(bySentiment.others, bySentiment.label);
    return { total: kept.reduce((n, s) => n + counts[s], 0), capped: false, counts };
  }

  /**
   * The folders' counts under a sentiment, in its two halves: the computed
   * label where no person chose one (a range of `cm_inbox_items_sentiment`,
   * counted from the index alone), plus the labels people chose, which are
   * few (their statuses read and tallied here). As one `OR`, SQLite read
   * every item in status order rather than the index (bench/inbox).
   */
  async function sentimentCounts(others: Array<Record<string, unknown>>, label: SentimentLabel): Promise<Record<InboxStatus, number>> {
    const [computed, chosen] = await Promise.all([
      statusCounts({ $and: [...others, { sentimentOverride: { $null: true } }, { sentiment: label }] }),
      itemsKnex({ where: { $and: [...others, { sentimentOverride: label }] }, select: ['status'] }) as unknown as Promise<
        Array<{ status: string }>
      >,
    ]);
    const counts = computed;
    for (const row of chosen) if (row.status in counts) counts[row.status as InboxStatus]++;
    return counts;
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

  /** The enabled rules in their order, compiled once per ingest, and which of their assignees may still moderate. */
  async function activeRules(): Promise<{ compiled: CompiledRule[]; canAssign: (id: number) => boolean }> {
    const rows = (await rules().findMany({ where: { enabled: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] } as never)) as Row[];
    const compiled = rows.map((r) => compileRule(toRule(r)));
    const ids = [...new Set(compiled.map((r) => r.actions.assignTo).filter((id): id is number => id !== null))];
    const allowed = new Set<number>();
    for (const id of ids) if (await canModerate(id)) allowed.add(id);
    return { compiled, canAssign: (id) => allowed.has(id) };
  }

  async function canModerate(userId: number): Promise<boolean> {
    try {
      return (await adminAbility(strapi, userId)).can(ACTIONS.moderationAct);
    } catch {
      return false;
    }
  }

  const subjectOf = (row: Record<string, unknown>): RuleSubject => ({
    sourceRef: String(row.sourceRef),
    text: String(row.text ?? ''),
    html: (row.html as string | null) ?? null,
    authorHandle: (row.authorHandle as string | null) ?? null,
    language: (row.language as string | null) ?? null,
    sentiment: ((row.sentimentOverride as SentimentLabel | null) ??
      (row.sentiment as SentimentLabel | null) ??
      'neutral') as SentimentLabel,
  });

  /** The fields a rule's outcome writes on a new item, with the item itself: no moment where it shows without them. */
  function applied(outcome: RuleOutcome | null, at: Date, baseTags: string[]): Record<string, unknown> {
    if (!outcome?.matched.length) return { status: 'new', tags: baseTags, tagIndex: tagIndexOf(baseTags), matchedRules: [] };
    const status = outcome.status ?? (outcome.assignTo !== null ? 'assigned' : 'new');
    const tags = [...baseTags, ...outcome.tags.filter((t) => !baseTags.some((b) => b.toLowerCase() === t.toLowerCase()))].slice(0, 20);
    return {
      status,
      tags,
      tagIndex: tagIndexOf(tags),
      assigneeId: outcome.assignTo,
      ...(outcome.priority ? { priority: outcome.priority } : {}),
      matchedRules: outcome.matched.map((m): RuleMatch => ({ ...m, at: at.toISOString() })),
    };
  }

  /**
   * Stores what is new; the unique index makes a second delivery (or another
   * instance's) a no-op. Every source comes through here, so this is where
   * the moderation rules run, in order, on each new item: their tags,
   * assignee, priority and status are written with the item, then the
   * auto-reply (if one matched) goes out through the reply path.
   */
  async function store(drafts: ItemDraft[]): Promise<number> {
    if (!drafts.length) return 0;
    // Oldest first (a network lists newest first): rows are then numbered in the order things were said.
    const unique = [...new Map(drafts.map((d) => [`${d.sourceRef}\u0000${d.externalId}`, d])).values()]
      .reverse()
      .sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
    const ruleSet = await activeRules();
    const toAnswer: Array<{ documentId: string; outcome: RuleOutcome }> = [];
    let created = 0;
    // While crisis mode is on, what arrives is tagged `crisis` (server/inbox/crisis.ts).
    const crisisTags = await getService(strapi, 'inbox-crisis').tagsForNewItems();
    for (const draft of await link(unique)) {
      const at = new Date(now());
      const outcome = ruleSet.compiled.length ? evaluateRules(ruleSet.compiled, subjectOf(draft as never), ruleSet.canAssign) : null;
      const documentId = newDocumentId();
      try {
        await items().create({
          data: {
            documentId,
            ...draft,
            notes: [],
            replies: [],
            replyState: 'idle',
            ...applied(outcome, at, crisisTags),
            createdAt: at,
            updatedAt: at,
            publishedAt: at,
          },
        } as never);
        created++;
        if (outcome?.autoReply) toAnswer.push({ documentId, outcome });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    for (const { documentId, outcome } of toAnswer) {
      const result = await autoReply(documentId, outcome).catch((err: unknown) => {
        strapi.log.warn(`community-manager: inbox: auto-reply: ${err instanceof Error ? err.message : String(err)}`);
        return 'failed' as const;
      });
      await noteAutoReply(documentId, outcome.autoReply!.ruleDocumentId, result);
    }
    return created;
  }

  async function noteAutoReply(documentId: string, ruleDocumentId: string, result: AutoReplyOutcome) {
    const row = (await items().findOne({ where: { documentId }, select: ['id', 'matchedRules'] } as never)) as Row | null;
    if (!row) return;
    const matched = asArray<RuleMatch>(row.matchedRules).map((m) => (m.documentId === ruleDocumentId ? { ...m, autoReply: result } : m));
    await items().update({ where: { id: row.id }, data: { matchedRules: matched } } as never);
  }

  /**
   * Claims the (source, thread, author) row for an auto-reply: made on the
   * first one (its unique index: one winner among instances), else taken by
   * a conditional UPDATE only when the last one is a full day old. Gives back
   * how to undo the claim when the network refuses the reply.
   */
  async function claimAutoReply(key: string, data: Record<string, unknown>): Promise<null | (() => Promise<void>)> {
    const at = new Date(now());
    try {
      await autoReplies().create({ data: { documentId: newDocumentId(), replyKey: key, ...data, sentAt: at } } as never);
      return async () => {
        await autoReplies().deleteMany({ where: { replyKey: key, sentAt: at } } as never);
      };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const existing = (await autoReplies().findOne({ where: { replyKey: key } } as never)) as Row | null;
    if (!existing || !mayAutoReplyAgain(existing.sentAt as string, at.getTime())) return null;
    const previous = new Date(existing.sentAt as string);
    const { count } = (await autoReplies().updateMany({
      where: { replyKey: key, sentAt: { $lte: new Date(at.getTime() - DAY_MS) } },
      data: { ...data, sentAt: at },
    } as never)) as { count: number };
    if (count !== 1) return null;
    return async () => {
      await autoReplies().updateMany({ where: { replyKey: key, sentAt: at }, data: { sentAt: previous } } as never);
    };
  }

  /**
   * A matched rule's auto-reply: never on an item the rules hid or marked
   * spam, never to our own account, only where the network can reply; the
   * saved reply in the item's language, its variables filled; at most once
   * per author per thread per day (claimAutoReply); sent through the same
   * exactly-once path as a person's reply (claim, attempt id before the call).
   */
  async function autoReply(documentId: string, outcome: RuleOutcome): Promise<AutoReplyOutcome> {
    const auto = outcome.autoReply!;
    if (outcome.status) return 'not_for_hidden';
    const row = await findRow(documentId);
    const adapter = adapterFor(String(row.network));
    if (!portOf(String(row.network)) || !adapter?.profile.capabilities.reply) return 'unsupported';
    const account = await accounts().publishingAccount(String(row.sourceRef));
    if (!account?.secrets || account.status !== 'connected') return 'unsupported';
    if (isOwnAccount(row as never, account)) return 'own_account';
    const author = authorKeyOf(row as never);
    if (!author) return 'no_author';
    const candidates = (await saved().findMany({ where: { documentId: { $in: auto.savedReplyIds } } } as never)) as Row[];
    const chosen = chooseSavedReply(
      auto.savedReplyIds.flatMap((id) => candidates.filter((c) => c.documentId === id).map(toSavedReply)),
      (row.language as string | null) ?? null
    );
    const text = chosen
      ? fillSavedReply(chosen.body, await dto(row))
          .trim()
          .slice(0, 5000)
      : '';
    if (!text) return 'no_saved_reply';
    const thread = String(row.threadRootId ?? row.externalId);
    const undo = await claimAutoReply(autoReplyKey(String(row.sourceRef), thread, author), {
      sourceRef: row.sourceRef,
      itemDocumentId: row.documentId,
      ruleDocumentId: auto.ruleDocumentId,
    });
    if (!undo) return 'already_today';
    const attemptId = adapter.publish?.newAttemptId?.(now()) ?? randomUUID();
    try {
      await send(
        row,
        { attemptId, text, by: 0, requestId: `rule-${row.documentId}`, rule: { documentId: auto.ruleDocumentId, name: auto.ruleName } },
        { replyState: 'idle' }
      );
      return 'sent';
    } catch (err) {
      // Not confirmed: it may have gone out, the claim stays (a person resends it with the same key).
      if (err instanceof HttpError && err.code === 'reply_unknown') return 'unknown';
      await undo();
      return 'failed';
    }
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
    const result = await readOne(sourceRef, force);
    return result === 'busy' ? null : result;
  }

  /** pollOne, telling apart a cursor another reading holds (`busy`): a stream's catch-up waits for it. */
  async function readOne(sourceRef: string, force: boolean): Promise<{ source: string; created: number; error?: string } | null | 'busy'> {
    const cursor = await cursorRow(sourceRef);
    const owner = newInstanceId();
    const at = now();
    const due = force ? {} : { $or: [{ nextPollAt: { $null: true } }, { nextPollAt: { $lte: new Date(at) } }] };
    const claimed = await claimRow(strapi, UID.inboxCursor, {
      where: { id: cursor.id, ...due },
      owner,
      leaseMs: 2 * config().leaseMs,
      now: at,
    });
    if (!claimed) return 'busy';
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
    // The account's calls wait for a 429 that publishing or the figures met (or this reading, on a network that
    // counts endpoints apart): read again once the network takes calls.
    const waitUntil = limitedUntil(account.rateLimit, 'inbox');
    if (waitUntil > at) {
      await releaseRow(strapi, UID.inboxCursor, { where: { id: cursor.id }, owner, data: { nextPollAt: new Date(waitUntil) } });
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
          // A gap longer than one reading (a long downtime, kills mid-reading) is read on at the next tick.
          nextPollAt: new Date(page.more ? now() : now() + config().pollSeconds * 1000),
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
      // Shared with every instance and every work on the account (or only this reading, where endpoints count apart).
      if (err instanceof NetworkError && err.code === 'rate_limited' && retryAt > now())
        await accounts()
          .setRateLimit(sourceRef, 'inbox', { until: retryAt, reason: err.code })
          .catch((e: unknown) => strapi.log.warn(`community-manager: rate limit of ${sourceRef} not stored: ${String(e)}`));
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

  /**
   * Mentions a webhook announced by their ids (Instagram), read as the account
   * and stored like any comment (once, by id: a delivery Meta sends again adds
   * nothing). No poll reads mentions, so a read that fails is not skipped: the
   * delivery answers 503 once the others are stored, and Meta sends it again.
   */
  async function ingestMentions(
    sourceRef: string,
    network: string,
    read: NonNullable<NonNullable<ReturnType<typeof portOf>>['mentioned']>,
    refs: MentionRef[]
  ): Promise<number> {
    const account = await accounts().publishingAccount(sourceRef);
    if (!account?.secrets) return 0;
    const ctx = contextFor(account, `inbox-mentions:${sourceRef}`);
    const found: NetworkComment[] = [];
    let failed: unknown = null;
    for (const ref of refs.slice(0, MAX_PUSHED_MENTIONS)) {
      try {
        const comment = await read(ctx, ref);
        if (comment) found.push(comment);
      } catch (err) {
        failed = err;
      }
    }
    const created = await ingestComments(sourceRef, network, found);
    if (failed)
      throw new HttpError(
        503,
        'mention_unreadable',
        `A mention could not be read from the network (${failed instanceof NetworkError ? failed.message : 'error'}): send the delivery again`
      );
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
    catchUp: async (sourceRef) => (await readOne(sourceRef, true)) !== 'busy',
    refused: (sourceRef, status, message) => accounts().markNeedsReauth(sourceRef, reason('token_refused', { status, message })),
    allowedHosts: () => outbound().allowedHosts,
  });

  /**
   * strapi-plugin-comments, read like an account (sources/comments-plugin.ts):
   * its cursor row claimed, its comments after the last id read stored, the
   * cursor written after them.
   */
  async function pollComments(force: boolean): Promise<{ source: string; created: number; error?: string } | null> {
    if (!commentsPlugin(strapi)) return null;
    const cursor = await cursorRow(COMMENTS_SOURCE);
    const owner = newInstanceId();
    const at = now();
    const due = force ? {} : { $or: [{ nextPollAt: { $null: true } }, { nextPollAt: { $lte: new Date(at) } }] };
    if (!(await claimRow(strapi, UID.inboxCursor, { where: { id: cursor.id, ...due }, owner, leaseMs: 2 * config().leaseMs, now: at })))
      return null;
    try {
      const read = await readComments({ strapi, clean: await loadSanitizer() }, (cursor.cursor as string | null) ?? null);
      const created = await store(read.drafts);
      await releaseRow(strapi, UID.inboxCursor, {
        where: { id: cursor.id },
        owner,
        data: {
          cursor: read.cursor,
          lastPolledAt: new Date(now()),
          nextPollAt: new Date(now() + config().pollSeconds * 1000),
          lastError: null,
          failures: 0,
        },
      });
      return { source: COMMENTS_SOURCE, created };
    } catch (err) {
      const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
      await releaseRow(strapi, UID.inboxCursor, {
        where: { id: cursor.id },
        owner,
        data: { lastError: message, lastPolledAt: new Date(now()), nextPollAt: new Date(now() + config().pollSeconds * 1000) },
      });
      return { source: COMMENTS_SOURCE, created: 0, error: message };
    }
  }

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
    /** The inbox's clock (the signed endpoint's window and rate limit read it too). */
    now: () => now(),

    /** Volume, response times and sentiment over a period, for the KPI reports (insights.ts). */
    figures: (query: FiguresQuery, sources?: string[]) => createInsights(strapi).figures(query, sources),

    /**
     * The reader on a timer (config `inbox.enabled`): every 30 s at most it
     * looks for sources whose next reading is due; each source is claimed, so
     * several instances share the sources and never read one twice at once.
     */
    start() {
      if (ticker || !config().enabled) return;
      const everyMs = Math.min(config().tickMs, config().pollSeconds * 1000);
      // A dead instance's stream is taken over once its lease runs out; renewed at a third of it.
      streams.useTimings({ leaseMs: config().leaseMs, renewMs: Math.round(config().leaseMs / 3) });
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
      const accounts = await sourceAccounts();
      // On the timer, the sources read recently are told apart in one query, not one claim attempt each.
      const notDue = force
        ? new Set<string>()
        : new Set(
            (
              (await cursors().findMany({
                where: { sourceRef: { $in: accounts.map((a) => a.documentId) }, nextPollAt: { $gt: new Date(now()) } },
                select: ['sourceRef'],
              } as never)) as Row[]
            ).map((r) => String(r.sourceRef))
          );
      for (const account of accounts) {
        if (notDue.has(account.documentId)) continue;
        const result = await pollOne(account.documentId, force);
        if (result) results.push(result);
      }
      const comments = await pollComments(force);
      if (comments) results.push(comments);
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
      if (commentsPlugin(strapi)) {
        const c = rows.find((r) => r.sourceRef === COMMENTS_SOURCE);
        out.push({
          source: COMMENTS_SOURCE,
          network: COMMENTS_SOURCE,
          name: 'strapi-plugin-comments',
          cursor: (c?.cursor as string) ?? null,
          lastPolledAt: c?.lastPolledAt ? new Date(c.lastPolledAt as string).toISOString() : null,
          lastError: (c?.lastError as string) ?? null,
        });
      }
      return out;
    },

    /**
     * Comments a network's webhook delivered for one of its accounts (the
     * signature already checked, server/inbox/push.ts): stored as a poll
     * stores them, once per connected account of that network and id; the
     * poll, which goes on, finds them stored. Null when no connected account
     * is that one.
     */
    async ingestPushed(
      network: string,
      networkAccountId: string,
      comments: NetworkComment[],
      mentions: MentionRef[] = []
    ): Promise<number | null> {
      const rows = (await strapi.db.query(UID.socialAccount as never).findMany({
        where: { network, networkAccountId, status: 'connected' },
        select: ['documentId'],
      } as never)) as Row[];
      const port = portOf(network);
      if (!rows.length || !port) return null;
      let created = 0;
      for (const row of rows) {
        const sourceRef = String(row.documentId);
        created += await ingestComments(sourceRef, network, comments);
        if (mentions.length && port.mentioned) created += await ingestMentions(sourceRef, network, port.mentioned, mentions);
      }
      return created;
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
      if (query.q)
        for (const word of query.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) and.push({ searchText: { $contains: word } });
      const others = [...and];
      if (query.sentiment)
        and.push({
          $or: [{ sentimentOverride: query.sentiment }, { sentimentOverride: { $null: true }, sentiment: query.sentiment }],
        });
      const base = and.length ? { $and: [...and] } : {};
      const status = query.status === 'open' ? { status: { $in: OPEN } } : query.status === 'all' ? {} : { status: query.status };
      const where = { $and: [...and, status] };
      const kept: readonly InboxStatus[] =
        query.status === 'open' ? OPEN : query.status === 'all' ? INBOX_STATUSES : [query.status as InboxStatus];
      // One row more than the page says whether another page follows, without a count.
      const page = items().findMany({
        where,
        orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize + 1,
      } as never) as Promise<Row[]>;
      const [rows, counted] = await Promise.all([
        page,
        // The total and the folders' counts on the first page only: the admin keeps them while it pages on
        // (it polls every 5 s, and each count under a filter no index serves reads many items).
        query.page === 1
          ? countList(
              base,
              where,
              kept,
              query.tag || query.q ? { firstPage: page, pageSize: query.pageSize } : null,
              query.sentiment ? { others, label: query.sentiment } : null
            )
          : null,
      ]);
      const found = rows.slice(0, query.pageSize);
      const context = await contextOf(found);
      const total = counted?.total ?? null;
      return {
        results: found.map((r) => toInboxItem(r, context)),
        pagination: {
          page: query.page,
          pageSize: query.pageSize,
          total,
          totalCapped: counted?.capped ?? false,
          pageCount: total !== null && !counted?.capped ? Math.ceil(total / query.pageSize) : null,
          hasMore: rows.length > query.pageSize,
        },
        counts: counted?.counts ?? null,
        ...(counted?.countsCapped ? { countsCapped: counted.countsCapped } : {}),
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
      const thread: InboxThread = { item: toInboxItem(row, context), thread: others.map((r) => toInboxItem(r, context)) };
      // Read from the plugin each time: its own admin page or another instance may have changed it.
      if (row.sourceRef === COMMENTS_SOURCE) thread.siteComment = await commentState(strapi, String(row.externalId));
      return thread;
    },

    /**
     * The conversation an item belongs to, read from its source on demand
     * (the Mastodon status context, the plugin's comment thread), with the
     * post it is about; kept CONTEXT_TTL_MS. A source without threads says
     * so (`supported: false`) rather than failing.
     */
    async threadContext(documentId: string): Promise<InboxItemContext> {
      const row = await findRow(documentId);
      const cached = contextCache.get(documentId);
      if (cached && cached.until > now()) return cached.value;
      const value = await readContext(row);
      contextCache.delete(documentId);
      contextCache.set(documentId, { until: now() + CONTEXT_TTL_MS, value });
      // A Map keeps insertion order: the first key is the oldest entry.
      while (contextCache.size > CONTEXT_CACHE_MAX) contextCache.delete(contextCache.keys().next().value!);
      return value;
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
        // A network that hides only in the account's own threads (Bluesky's threadgate) says so for this item.
        if (err instanceof NetworkError && err.code === 'hide_not_in_thread')
          throw new HttpError(400, 'hide_unsupported', serverMessage('inbox_hide_not_in_thread'));
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
    async reply(
      documentId: string,
      text: string,
      actor: Actor,
      requestId: string | null = null,
      then?: 'waiting' | 'done'
    ): Promise<InboxItem> {
      const row = await findRow(documentId);
      // The same request again: what it sent is the answer, nothing more goes out.
      if (requestId && asArray<InboxReply>(row.replies).some((r) => r.requestId === requestId && r.state === 'sent')) return dto(row);
      if (requestId && row.replyState === 'sending' && row.replyRequestId === requestId)
        throw new HttpError(409, 'reply_in_progress', serverMessage('inbox_reply_in_progress'));
      if (unconfirmed(row)) throw new HttpError(409, 'reply_unknown', serverMessage('inbox_reply_unknown'));
      const adapter = adapterFor(String(row.network));
      const publish = adapter?.publish;
      const attemptId = publish?.newAttemptId?.(now()) ?? randomUUID();
      return send(row, { attemptId, text, by: actor.id, requestId, then }, { replyState: 'idle' });
    },

    /**
     * Approve, reject or block a strapi-plugin-comments comment through its
     * admin service; a rejected or blocked comment is hidden in the inbox
     * too, an approved or unblocked one comes back if it was hidden.
     */
    async moderate(documentId: string, action: CommentAction): Promise<InboxItem> {
      const row = await findRow(documentId);
      if (row.sourceRef !== COMMENTS_SOURCE || !commentsPlugin(strapi))
        throw new HttpError(400, 'moderation_unsupported', serverMessage('inbox_moderation_unsupported'));
      await moderateComment(strapi, String(row.externalId), action);
      const hides = action === 'reject' || action === 'block' || action === 'block_thread';
      const status = hides ? 'hidden' : row.status === 'hidden' ? 'new' : row.status;
      await items().update({ where: { id: row.id }, data: { status, updatedAt: new Date(now()) } } as never);
      return dto(await findRow(documentId));
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
        { $or: [{ replyState: 'unknown' }, { replyState: 'sending', leaseUntil: { $lt: new Date(now()) } }] },
        true
      );
    },

    // --- moderation rules --------------------------------------------------------------------------

    rules: {
      async list(): Promise<ModerationRule[]> {
        const rows = (await rules().findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }], limit: 500 } as never)) as Row[];
        return rows.map(toRule);
      },
      async create(input: RuleInput): Promise<ModerationRule> {
        await checkRuleActions(input.actions);
        const last = (await rules().findMany({ orderBy: [{ position: 'desc' }], limit: 1, select: ['position'] } as never)) as Row[];
        const at = new Date(now());
        const row = (await rules().create({
          data: {
            documentId: newDocumentId(),
            ...input,
            position: last.length ? Number(last[0].position ?? 0) + 1 : 0,
            createdAt: at,
            updatedAt: at,
            publishedAt: at,
          },
        } as never)) as Row;
        return toRule(row);
      },
      async update(documentId: string, input: RuleUpdate): Promise<ModerationRule> {
        const row = (await rules().findOne({ where: { documentId } } as never)) as Row | null;
        if (!row) throw notFound('Moderation rule');
        if (input.actions) await checkRuleActions(input.actions);
        await rules().update({ where: { id: row.id }, data: { ...input, updatedAt: new Date(now()) } } as never);
        return toRule((await rules().findOne({ where: { id: row.id } } as never)) as Row);
      },
      async remove(documentId: string): Promise<{ documentId: string }> {
        const { count } = (await rules().deleteMany({ where: { documentId } } as never)) as { count: number };
        if (!count) throw notFound('Moderation rule');
        return { documentId };
      },
      /** The whole order, first to last: every rule exactly once. */
      async reorder(ids: string[]): Promise<ModerationRule[]> {
        const rows = (await rules().findMany({ select: ['id', 'documentId'], limit: 1000 } as never)) as Row[];
        const known = new Set(rows.map((r) => r.documentId));
        if (ids.length !== rows.length || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id)))
          throw new HttpError(400, 'rule_order_mismatch', serverMessage('rule_order_mismatch'), [
            fieldIssue(['ids'], serverMessage('rule_order_mismatch'), 'invalid'),
          ]);
        for (const [position, id] of ids.entries())
          await rules().updateMany({ where: { documentId: id }, data: { position, updatedAt: new Date(now()) } } as never);
        return this.list();
      },
      /**
       * What the conditions would have matched among the items of the last
       * 30 days (the newest 20,000 at most), newest first; nothing changes.
       * Sentiment is the one shown (a person's override, else the computed one).
       */
      async dryRun(conditions: RuleConditions): Promise<RuleDryRun> {
        const test = compileConditions(conditions);
        const since = new Date(now() - DRY_RUN_DAYS * DAY_MS);
        const where = {
          postedAt: { $gte: since },
          ...(conditions.sources.length ? { sourceRef: { $in: conditions.sources } } : {}),
        };
        const matched: number[] = [];
        let count = 0;
        let scanned = 0;
        let truncated = false;
        for (let offset = 0; ; offset += DRY_RUN_BATCH) {
          if (scanned >= DRY_RUN_MAX_SCAN) {
            truncated = ((await items().count({ where } as never)) as number) > scanned;
            break;
          }
          const batch = (await items().findMany({
            where,
            select: ['id', 'sourceRef', 'text', 'html', 'authorHandle', 'language', 'sentiment', 'sentimentOverride'],
            orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
            offset,
            limit: DRY_RUN_BATCH,
          } as never)) as Row[];
          for (const row of batch) {
            if (!test(subjectOf(row))) continue;
            count++;
            if (matched.length < DRY_RUN_SHOWN) matched.push(Number(row.id));
          }
          scanned += batch.length;
          if (batch.length < DRY_RUN_BATCH) break;
        }
        const shown = matched.length
          ? ((await items().findMany({
              where: { id: { $in: matched } },
              orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
            } as never)) as Row[])
          : [];
        const context = await contextOf(shown);
        return { count, items: shown.map((r) => toInboxItem(r, context)), scanned, truncated, since: since.toISOString() };
      },
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

  /** What a rule's actions name must exist: its saved replies, an assignee who may moderate. 400 naming the field. */
  async function checkRuleActions(actions: RuleInput['actions']) {
    const errors: FieldError[] = [];
    if (actions.assignTo !== null && !(await canModerate(actions.assignTo)))
      errors.push(fieldIssue(['actions', 'assignTo'], serverMessage('rule_assignee_cannot_moderate'), 'invalid'));
    const ids = actions.autoReply?.savedReplyIds ?? [];
    if (ids.length) {
      const found = (await saved().findMany({ where: { documentId: { $in: ids } }, select: ['documentId'] } as never)) as Row[];
      ids.forEach((id, i) => {
        if (!found.some((f) => f.documentId === id))
          errors.push(fieldIssue(['actions', 'autoReply', 'savedReplyIds', i], serverMessage('rule_saved_reply_missing'), 'not_found'));
      });
    }
    if (errors.length) throw badRequest({ code: errors[0].messageId!, params: {} }, errors, 'invalid_rule');
  }

  async function readContext(row: Row): Promise<InboxItemContext> {
    const readAt = new Date(now()).toISOString();
    const stored = {
      title: (row.postTitle as string | null) ?? null,
      url: httpUrlOrNull((row.postUrl as string | null) ?? null),
    };
    let post = stored.title || stored.url ? stored : null;
    if (row.sourceRef === COMMENTS_SOURCE) {
      const thread = await commentThread(strapi, String(row.externalId));
      return thread ? { supported: true, post, ...thread, readAt } : { supported: false, post, ancestors: [], descendants: [], readAt };
    }
    const port = row.sourceRef === SITE_SOURCE ? undefined : portOf(String(row.network));
    if (!port?.context) return { supported: false, post, ancestors: [], descendants: [], readAt };
    const account = await accounts().publishingAccount(String(row.sourceRef));
    if (!account?.secrets || account.status !== 'connected')
      throw new HttpError(409, 'account_unavailable', serverMessage('inbox_account_unavailable'));
    let publication: Row | null = null;
    if (row.publicationId) {
      publication = (await strapi.db.query(UID.publication as never).findOne({
        where: { documentId: row.publicationId },
        select: ['externalId', 'externalUrl'],
      } as never)) as Row | null;
      post ??= { title: null, url: httpUrlOrNull((publication?.externalUrl as string | null) ?? null) };
    }
    let found;
    try {
      found = await port.context(contextFor(account, `inbox-context:${row.documentId}`, { purpose: 'linkPreview' }), commentOf(row));
    } catch (err) {
      const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
      if (err instanceof NetworkError && err.kind === 'auth')
        await accounts().markNeedsReauth(String(row.sourceRef), reason('token_refused', { status: 401, message }));
      throw new HttpError(502, 'context_failed', serverMessage('inbox_context_failed', { message }));
    }
    const ourPost = publication?.externalId ? String(publication.externalId) : null;
    const ours = (p: { externalId: string; author: { id: string } }) =>
      p.externalId === ourPost || (Boolean(account.networkAccountId) && p.author.id === account.networkAccountId);
    const asPost = (p: (typeof found.ancestors)[number]): InboxContextPost => ({
      externalId: p.externalId,
      author: { name: p.author.displayName, handle: p.author.handle, profileUrl: httpUrlOrNull(p.author.profileUrl) },
      text: p.text.slice(0, 5000),
      url: httpUrlOrNull(p.url),
      postedAt: p.createdAt,
      ours: ours(p),
    });
    return {
      supported: true,
      post,
      ancestors: found.ancestors.slice(-COMMENT_CONTEXT_LIMIT).map(asPost),
      descendants: found.descendants.slice(0, COMMENT_CONTEXT_LIMIT).map(asPost),
      readAt,
    };
  }

  /** The stored item as the comments port knows it. */
  function commentOf(row: Row): NetworkComment {
    return {
      externalId: String(row.externalId),
      parentId: String(row.inReplyToId ?? row.externalId),
      // A mention is answered where it is (Instagram: through the account's mentions), not as a reply under our post.
      ...(row.kind === 'mention' ? { kind: 'mention' as const } : {}),
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

  /** How one reply goes out: through the network's comments port, or strapi-plugin-comments' admin service. */
  async function deliveryFor(
    row: Row,
    attempt: { attemptId: string; text: string; by: number },
    resending: boolean
  ): Promise<() => Promise<{ externalId: string; url: string | null }>> {
    if (row.sourceRef === COMMENTS_SOURCE) {
      if (!commentsPlugin(strapi)) throw new HttpError(400, 'reply_unsupported', serverMessage('inbox_reply_unsupported'));
      const user = (await strapi.db.query('admin::user').findOne({
        where: { id: attempt.by },
        select: ['id', 'email', 'firstname', 'lastname', 'username'],
      })) as { id: number; email: string; firstname?: string | null; lastname?: string | null; username?: string | null } | null;
      if (!user) throw new HttpError(409, 'account_unavailable', serverMessage('inbox_account_unavailable'));
      return () => replyToComment(strapi, String(row.externalId), attempt.text, user, resending);
    }
    const port = portOf(String(row.network));
    const adapter = adapterFor(String(row.network));
    if (!port || !adapter?.profile.capabilities.reply)
      throw new HttpError(400, 'reply_unsupported', serverMessage('inbox_reply_unsupported'));
    const account = await accounts().publishingAccount(String(row.sourceRef));
    if (!account?.secrets || account.status !== 'connected')
      throw new HttpError(409, 'account_unavailable', serverMessage('inbox_account_unavailable'));
    return () => port.reply(contextFor(account, `inbox-reply:${row.documentId}`), commentOf(row), attempt.text, attempt.attemptId);
  }

  /** A reply whose outcome nobody knows: marked unknown, or left `sending` by an instance that died (its lease ran out). */
  function unconfirmed(row: Row): boolean {
    if (row.replyState === 'unknown') return true;
    return row.replyState === 'sending' && (!row.leaseUntil || new Date(row.leaseUntil as string).getTime() < now());
  }

  async function send(
    row: Row,
    attempt: {
      attemptId: string;
      text: string;
      by: number;
      requestId: string | null;
      rule?: { documentId: string; name: string };
      /** the item's status once sent (the reply box's choice); a hidden or spam item keeps its own */
      then?: 'waiting' | 'done';
    },
    from: Record<string, unknown>,
    resending = false
  ): Promise<InboxItem> {
    const deliver = await deliveryFor(row, attempt, resending);
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
      ...(attempt.rule ? { rule: attempt.rule } : {}),
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
    // The answer is the row as this request left it: read again after the release, it could already hold a second
    // click's claim (the same request, let through once this one was sent, releasing it at once) and say `sending`.
    let answered: Row;
    try {
      const result = await deliver();
      const latest = await current();
      const first = latest.firstResponseAt
        ? {}
        : { firstResponseAt: new Date(now()), firstResponseMs: Math.max(0, now() - new Date(latest.postedAt as string).getTime()) };
      const data = {
        replyState: 'idle',
        replyAttemptId: null,
        replyText: null,
        replyBy: null,
        replyRequestId: null,
        replies: [...others(latest), entry('sent', { externalId: result.externalId, url: result.url })],
        ...first,
        ...(attempt.then && !['hidden', 'spam'].includes(String(latest.status)) ? { status: attempt.then } : {}),
        updatedAt: new Date(now()),
      };
      await releaseRow(strapi, UID.inboxItem, { where: { id: row.id }, owner, data });
      // As read back: dates as ISO strings, the lease released.
      answered = {
        ...latest,
        ...data,
        ...(first.firstResponseAt ? { firstResponseAt: first.firstResponseAt.toISOString() } : {}),
        updatedAt: data.updatedAt.toISOString(),
        leaseOwner: null,
        leaseUntil: null,
      };
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
      // Refused credentials (a renewed token refused again): the account waits for a new sign-in, as a poll would mark it.
      if (err instanceof NetworkError && err.kind === 'auth' && row.sourceRef !== COMMENTS_SOURCE)
        await accounts().markNeedsReauth(String(row.sourceRef), reason('token_refused', { status: 401, message }));
      if (uncertain) throw new HttpError(502, 'reply_unknown', serverMessage('inbox_reply_unknown'));
      throw new HttpError(502, 'reply_failed', serverMessage('inbox_reply_failed', { message }));
    }
    return dto(answered);
  }
};

function toRule(row: Row): ModerationRule {
  const conditions = (row.conditions ?? {}) as Partial<RuleConditions>;
  const actions = (row.actions ?? {}) as Partial<ModerationRule['actions']>;
  return {
    documentId: row.documentId,
    name: String(row.name),
    enabled: row.enabled !== false,
    position: Number(row.position ?? 0),
    conditions: {
      keywords: conditions.keywords ?? [],
      keywordsMatch: conditions.keywordsMatch ?? 'any',
      regex: conditions.regex ?? null,
      authors: conditions.authors ?? [],
      sources: conditions.sources ?? [],
      sentiments: conditions.sentiments ?? [],
      languages: conditions.languages ?? [],
      hasLink: conditions.hasLink ?? null,
    },
    actions: {
      tags: actions.tags ?? [],
      assignTo: actions.assignTo ?? null,
      priority: actions.priority ?? null,
      status: actions.status ?? null,
      autoReply: actions.autoReply ?? null,
    },
    createdAt: row.createdAt ? new Date(row.createdAt as string).toISOString() : new Date(0).toISOString(),
    updatedAt: row.updatedAt ? new Date(row.updatedAt as string).toISOString() : new Date(0).toISOString(),
  };
}

function toSavedReply(row: Row): SavedReply {
  return { documentId: row.documentId, name: String(row.name), language: (row.language as string) ?? null, body: String(row.body ?? '') };
}
