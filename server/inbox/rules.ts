import { createHash } from 'node:crypto';
import { compileUserRegex, type UserRegex } from '../../shared/core/safe-regex';
import type { RuleActions, RuleConditions, RulePriority } from '../../shared/inbox/rules';
import type { SentimentLabel } from '../../shared/inbox/sentiment';
import { mentions } from '../watch/matching';

/**
 * The moderation rules' engine, pure (tests/unit/inbox-rules.test.ts): does
 * an item meet a rule's conditions, what the matching rules do together, and
 * the once-a-day key of an auto-reply. The service (service.ts) runs it at
 * ingest, in one place for every source, and for the dry run.
 */

/** The characters of an item's text the conditions read: the stored text is at most 20,000. */
const MAX_INPUT = 20_000;
export const DAY_MS = 86_400_000;

/** What the conditions look at. */
export interface RuleSubject {
  sourceRef: string;
  text: string;
  html?: string | null;
  authorHandle: string | null;
  language: string | null;
  sentiment: SentimentLabel;
}

export interface CompiledRule {
  documentId: string;
  name: string;
  actions: RuleActions;
  test(subject: RuleSubject): boolean;
}

const fold = (value: string) => value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
/** `@Ann@Mastodon.social` → `ann@mastodon.social`. */
export const normalHandle = (value: string) => value.trim().replace(/^@/, '').toLowerCase();

/**
 * A link in the text (http(s)://, www.), or an anchor of the HTML that is not
 * a mention or a hashtag (Mastodon links every @mention and #tag).
 */
export function hasLink(subject: Pick<RuleSubject, 'text' | 'html'>): boolean {
  if (/\bhttps?:\/\/[^\s<>"]+|\bwww\.[a-z0-9-]+\.[a-z]{2,}/i.test(subject.text.slice(0, MAX_INPUT))) return true;
  const html = (subject.html ?? '').slice(0, 50_000);
  for (const anchor of html.match(/<a\b[^>]*>/gi) ?? []) {
    if (!/\bhref\s*=\s*["']?https?:/i.test(anchor)) continue;
    if (/\bclass\s*=\s*["'][^"']*\b(mention|hashtag)\b/i.test(anchor)) continue;
    return true;
  }
  return false;
}

/** An author condition: the full handle, or (written without an instance) the handle's first part on any instance. */
export function authorMatches(itemHandle: string | null, wanted: string): boolean {
  if (!itemHandle) return false;
  const have = normalHandle(itemHandle);
  const want = normalHandle(wanted);
  if (have === want) return true;
  return !want.includes('@') && have.split('@')[0] === want;
}

/** `en` matches en and en-us; `en-US` only en-us. */
export function languageMatches(itemLanguage: string | null, wanted: string): boolean {
  if (!itemLanguage) return false;
  const have = itemLanguage.toLowerCase();
  const want = wanted.toLowerCase();
  return have === want || (!want.includes('-') && have.split('-')[0] === want);
}

/**
 * Every condition given must hold (an empty one is not a condition); within
 * the keywords, any or all of them. The regex has passed the guard when the
 * rule was saved; one that no longer compiles (an engine upgrade) matches
 * nothing rather than everything.
 */
export function compileConditions(conditions: RuleConditions): (subject: RuleSubject) => boolean {
  let regex: UserRegex | null | undefined;
  if (conditions.regex) regex = compileUserRegex(conditions.regex).regex ?? null;
  return (subject) => {
    if (conditions.sources.length && !conditions.sources.includes(subject.sourceRef)) return false;
    if (conditions.sentiments.length && !conditions.sentiments.includes(subject.sentiment)) return false;
    if (conditions.languages.length && !conditions.languages.some((l) => languageMatches(subject.language, l))) return false;
    if (conditions.authors.length && !conditions.authors.some((a) => authorMatches(subject.authorHandle, a))) return false;
    if (conditions.hasLink !== null && hasLink(subject) !== conditions.hasLink) return false;
    const text = subject.text.slice(0, MAX_INPUT);
    if (conditions.keywords.length) {
      const folded = fold(text);
      const hit = (k: string) => mentions(folded, k);
      if (conditions.keywordsMatch === 'all' ? !conditions.keywords.every(hit) : !conditions.keywords.some(hit)) return false;
    }
    if (regex !== undefined && (regex === null || !regex.test(text))) return false;
    return true;
  };
}

export function compileRule(rule: { documentId: string; name: string; conditions: RuleConditions; actions: RuleActions }): CompiledRule {
  return { documentId: rule.documentId, name: rule.name, actions: rule.actions, test: compileConditions(rule.conditions) };
}

/** What the matching rules do together. */
export interface RuleOutcome {
  matched: Array<{ documentId: string; name: string }>;
  tags: string[];
  /** the first matching rule that assigns, prioritizes, hides or marks spam wins */
  assignTo: number | null;
  priority: RulePriority | null;
  status: 'hidden' | 'spam' | null;
  autoReply: { ruleDocumentId: string; ruleName: string; savedReplyIds: string[] } | null;
}

/**
 * Runs the rules in their order: every rule that matches applies; tags add
 * up; for what holds one value (assignee, priority, hidden or spam, the
 * auto-reply) the first rule that sets it wins, so a rule placed higher
 * overrides the ones below it. `canAssign` drops an assignee who lost the
 * moderation action since the rule was saved.
 */
export function evaluateRules(rules: CompiledRule[], subject: RuleSubject, canAssign: (id: number) => boolean = () => true): RuleOutcome {
  const out: RuleOutcome = { matched: [], tags: [], assignTo: null, priority: null, status: null, autoReply: null };
  for (const rule of rules) {
    if (!rule.test(subject)) continue;
    out.matched.push({ documentId: rule.documentId, name: rule.name });
    const a = rule.actions;
    for (const t of a.tags) if (!out.tags.some((x) => x.toLowerCase() === t.toLowerCase())) out.tags.push(t);
    if (out.assignTo === null && a.assignTo !== null && canAssign(a.assignTo)) out.assignTo = a.assignTo;
    if (out.priority === null && a.priority) out.priority = a.priority;
    if (out.status === null && a.status) out.status = a.status;
    if (!out.autoReply && a.autoReply)
      out.autoReply = { ruleDocumentId: rule.documentId, ruleName: rule.name, savedReplyIds: a.autoReply.savedReplyIds };
  }
  out.tags = out.tags.slice(0, 20);
  return out;
}

/** Who wrote it, for the once-a-day count: the network's id, else the handle, else the name. */
export function authorKeyOf(item: { authorId?: string | null; authorHandle?: string | null; authorName?: string | null }): string | null {
  if (item.authorId) return `id:${item.authorId}`;
  if (item.authorHandle) return `handle:${normalHandle(item.authorHandle)}`;
  if (item.authorName) return `name:${item.authorName.trim().toLowerCase()}`;
  return null;
}

/** One row per (source, thread, author): the key of its unique index, hashed to a fixed length. */
export function autoReplyKey(sourceRef: string, threadRootId: string, authorKey: string): string {
  return createHash('sha256').update(`${sourceRef}\u0000${threadRootId}\u0000${authorKey}`).digest('hex');
}

/** At most once per author per thread in any 24 hours: the last one must be a full day old. */
export function mayAutoReplyAgain(lastSentAt: Date | string | null, now: number): boolean {
  if (!lastSentAt) return true;
  return now - new Date(lastSentAt).getTime() >= DAY_MS;
}

/** Never answer ourselves: the account's own id or handle. */
export function isOwnAccount(
  item: { authorId?: string | null; authorHandle?: string | null },
  account: { networkAccountId?: string | null; handle?: string | null }
): boolean {
  if (item.authorId && account.networkAccountId && String(item.authorId) === String(account.networkAccountId)) return true;
  if (!item.authorHandle || !account.handle) return false;
  const mine = normalHandle(account.handle);
  const theirs = normalHandle(item.authorHandle);
  return theirs === mine || theirs.split('@')[0] === mine || mine.split('@')[0] === theirs;
}
