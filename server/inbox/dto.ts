import type { Row } from '../core/strapi';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import type { InboxItem, InboxKind, InboxNote, InboxReply, InboxStatus } from '../../shared/inbox/contract';
import type { SentimentLabel } from '../../shared/inbox/sentiment';
import type { RuleMatch } from '../../shared/inbox/rules';

/** What a page of rows shares: account names, our publications they answer, each network's abilities. */
export interface ItemContext {
  accountNames: Map<string, string>;
  publications: Map<string, Row>;
  capabilities(network: string): { reply: boolean; hide: boolean };
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/** A stored row as the admin sees it; every address checked again (http(s) only) on the way out. */
/** Hide is offered only on what can be hidden: a reply under our post, or a site comment (rejected); never a mention or a quote. */
const itemCan = (network: { reply: boolean; hide: boolean }, kind: InboxKind): InboxItem['can'] => ({
  reply: network.reply,
  hide: network.hide && (kind === 'reply' || kind === 'site_comment'),
  hideReplies: network.hide,
});

export function toInboxItem(row: Row, context: ItemContext): InboxItem {
  const computed = (row.sentiment as SentimentLabel) ?? 'neutral';
  const override = (row.sentimentOverride as SentimentLabel | null) ?? null;
  const publication = row.publicationId ? context.publications.get(String(row.publicationId)) : undefined;
  return {
    documentId: row.documentId,
    source: String(row.sourceRef),
    network: String(row.network),
    accountName: context.accountNames.get(String(row.sourceRef)) ?? null,
    kind: row.kind as InboxKind,
    externalId: String(row.externalId),
    url: httpUrlOrNull(row.externalUrl as string | null),
    inReplyToId: (row.inReplyToId as string) ?? null,
    threadRootId: (row.threadRootId as string) ?? null,
    publication: row.publicationId
      ? {
          documentId: String(row.publicationId),
          planDocumentId: (row.planDocumentId as string) ?? null,
          url: httpUrlOrNull((publication?.externalUrl as string) ?? (row.postUrl as string) ?? null),
        }
      : row.postUrl
        ? { documentId: '', planDocumentId: null, url: httpUrlOrNull(row.postUrl as string) }
        : null,
    author: {
      id: (row.authorId as string) ?? null,
      handle: (row.authorHandle as string) ?? null,
      name: (row.authorName as string) ?? null,
      avatarUrl: httpUrlOrNull(row.authorAvatar as string | null),
      profileUrl: httpUrlOrNull(row.authorUrl as string | null),
    },
    text: String(row.text ?? ''),
    html: String(row.html ?? ''),
    language: (row.language as string) ?? null,
    postedAt: iso(row.postedAt) ?? new Date(0).toISOString(),
    sentiment: { label: override ?? computed, score: Number(row.sentimentScore ?? 0), computed, overridden: override !== null },
    status: row.status as InboxStatus,
    assigneeId: row.assigneeId === null || row.assigneeId === undefined ? null : Number(row.assigneeId),
    tags: list<string>(row.tags),
    priority: (row.priority as InboxItem['priority']) ?? 'normal',
    rules: list<RuleMatch>(row.matchedRules),
    notes: list<InboxNote>(row.notes),
    replies: list<InboxReply>(row.replies),
    replyState: (row.replyState as InboxItem['replyState']) ?? 'idle',
    firstResponseAt: iso(row.firstResponseAt),
    firstResponseMs: row.firstResponseMs === null || row.firstResponseMs === undefined ? null : Number(row.firstResponseMs),
    can: itemCan(context.capabilities(String(row.network)), row.kind as InboxKind),
  };
}
