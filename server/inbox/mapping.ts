import type { NetworkComment } from '../networks/types';
import type { FeedSanitizer } from '../watch/sanitize';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { scoreSentiment } from '../../shared/inbox/sentiment';
import { SITE_SOURCE, type InboxKind, type SiteCommentInput } from '../../shared/inbox/contract';

/**
 * From what a source hands over to the row the inbox stores, pure (tested
 * alone): text kept as plain text and as HTML through the watch's allow-list
 * sanitizer (no script, no handler, links http(s) only), every address
 * stored only when it is http(s), the sentiment computed once here.
 */

export interface ItemDraft {
  sourceRef: string;
  network: string;
  kind: InboxKind;
  externalId: string;
  externalUrl: string | null;
  inReplyToId: string | null;
  postUrl: string | null;
  postTitle: string | null;
  threadRootId: string | null;
  authorId: string | null;
  authorHandle: string | null;
  authorName: string | null;
  authorAvatar: string | null;
  authorUrl: string | null;
  text: string;
  html: string;
  searchText: string;
  language: string | null;
  postedAt: Date;
  sentiment: string;
  sentimentScore: number;
}

const cut = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);
const date = (value: string) => {
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t) : new Date(0);
};
const lang = (value: string | null | undefined) => (value && /^[a-z]{2}(-[a-z]{2})?$/i.test(value) ? value.toLowerCase() : null);

function finish(draft: Omit<ItemDraft, 'searchText' | 'sentiment' | 'sentimentScore'>): ItemDraft {
  const sentiment = scoreSentiment(draft.text);
  return {
    ...draft,
    searchText: [draft.authorName, draft.authorHandle, draft.text].filter(Boolean).join(' ').toLowerCase().slice(0, 20_000),
    sentiment: sentiment.label,
    sentimentScore: sentiment.score,
  };
}

/** A network's mention, reply or quote, read by an account's comments port. */
export function fromNetworkComment(
  comment: NetworkComment,
  source: { sourceRef: string; network: string },
  clean: FeedSanitizer
): ItemDraft {
  const html = comment.html ? clean.html(comment.html) : '';
  const kind: InboxKind = comment.kind ?? (comment.parentId && comment.parentId !== comment.externalId ? 'reply' : 'mention');
  return finish({
    sourceRef: source.sourceRef,
    network: source.network,
    kind,
    externalId: comment.externalId.slice(0, 255),
    externalUrl: httpUrlOrNull(cut(comment.url, 2048)),
    inReplyToId: comment.parentId && comment.parentId !== comment.externalId ? comment.parentId.slice(0, 255) : null,
    postUrl: null,
    postTitle: null,
    threadRootId: null,
    authorId: cut(comment.author.id, 255),
    authorHandle: cut(comment.author.handle, 255),
    authorName: cut(comment.author.displayName, 255),
    authorAvatar: httpUrlOrNull(cut(comment.author.avatarUrl, 2048)),
    authorUrl: httpUrlOrNull(cut(comment.author.profileUrl ?? null, 2048)),
    text: (comment.text || clean.text(comment.html ?? '', 20_000)).slice(0, 20_000),
    html,
    language: lang(comment.language),
    postedAt: date(comment.createdAt),
  });
}

/** A comment the site pushed through the signed endpoint. */
export function fromSiteComment(input: SiteCommentInput, clean: FeedSanitizer): ItemDraft {
  const html = input.html ? clean.html(input.html) : '';
  const text = input.text?.trim() || clean.text(input.html ?? '', 20_000);
  return finish({
    sourceRef: SITE_SOURCE,
    network: SITE_SOURCE,
    kind: 'site_comment',
    externalId: input.id,
    externalUrl: httpUrlOrNull(input.url ?? null),
    inReplyToId: input.parentId ?? null,
    postUrl: httpUrlOrNull(input.postUrl ?? null),
    postTitle: cut(input.postTitle ?? null, 500),
    threadRootId: input.threadId ?? input.parentId ?? null,
    authorId: null,
    authorHandle: cut(input.author.handle ?? null, 255),
    authorName: cut(input.author.name ?? null, 255),
    authorAvatar: httpUrlOrNull(input.author.avatarUrl ?? null),
    authorUrl: httpUrlOrNull(input.author.profileUrl ?? null),
    text: text.slice(0, 20_000),
    html: html || escapeText(text),
    language: lang(input.language),
    postedAt: date(input.createdAt),
  });
}

const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '<br />');

/** `|tag|tag|`, for a tag filter that is one indexed LIKE. */
export const tagIndexOf = (tags: readonly string[]) =>
  tags.length ? `|${tags.map((t) => t.toLowerCase()).join('|')}|`.slice(0, 2000) : null;
