import {
  DAY_MS,
  authorKeyOf,
  authorMatches,
  autoReplyKey,
  compileRule,
  evaluateRules,
  hasLink,
  isOwnAccount,
  languageMatches,
  mayAutoReplyAgain,
  type RuleSubject,
} from '../../server/inbox/rules';
import { createRateLimiter } from '../../server/inbox/rate-limit';
import { checkSignature, sign } from '../../server/inbox/signature';
import { chooseSavedReply, fillSavedReply, ruleConditions, ruleInput, type RuleActions } from '../../shared/inbox/rules';

/**
 * The moderation rules without Strapi (docs/inbox.md, "Rules"): each
 * condition, the rules together in their order, the regex guard with the
 * linter's messages, the once-a-day auto-reply, the saved reply chosen and
 * filled, and the signed endpoint's rate limit.
 */

const subject = (extra: Partial<RuleSubject> = {}): RuleSubject => ({
  sourceRef: 'acc1',
  text: 'Hello @brand, your shop is broken',
  html: null,
  authorHandle: '@alice@elsewhere.example',
  language: 'en',
  sentiment: 'negative',
  ...extra,
});
const conditions = (input: object) => ruleConditions.parse(input);
const actions = (input: Partial<RuleActions> = {}): RuleActions => ({
  tags: [],
  assignTo: null,
  priority: null,
  status: null,
  autoReply: null,
  ...input,
});
const rule = (id: string, cond: object, act: Partial<RuleActions> = { tags: ['t'] }) =>
  compileRule({ documentId: id, name: `Rule ${id}`, conditions: conditions(cond), actions: actions(act) });

describe('conditions', () => {
  it('matches keywords whole-word, without case or accents, any or all', () => {
    expect(rule('a', { keywords: ['BROKEN'] }).test(subject())).toBe(true);
    expect(rule('a', { keywords: ['brok'] }).test(subject())).toBe(false);
    expect(rule('a', { keywords: ['cafe'] }).test(subject({ text: 'Le café est froid' }))).toBe(true);
    expect(rule('a', { keywords: ['shop', 'refund'], keywordsMatch: 'any' }).test(subject())).toBe(true);
    expect(rule('a', { keywords: ['shop', 'refund'], keywordsMatch: 'all' }).test(subject())).toBe(false);
    expect(rule('a', { keywords: ['shop', 'broken'], keywordsMatch: 'all' }).test(subject())).toBe(true);
  });

  it('runs the regex on the linear-time engine, case-insensitively', () => {
    expect(rule('a', { regex: 'sh(o|a)p\\s+is' }).test(subject())).toBe(true);
    expect(rule('a', { regex: '^broken' }).test(subject())).toBe(false);
    // The pattern that stalls a backtracking engine answers at once here.
    const started = Date.now();
    expect(rule('a', { regex: '(a+)+$' }).test(subject({ text: `${'a'.repeat(15_000)}!` }))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('matches authors by handle, with or without the instance', () => {
    expect(authorMatches('@alice@elsewhere.example', 'alice')).toBe(true);
    expect(authorMatches('@alice@elsewhere.example', '@Alice@Elsewhere.example')).toBe(true);
    expect(authorMatches('@alice@elsewhere.example', 'alice@other.example')).toBe(false);
    expect(authorMatches('@alicia@elsewhere.example', 'alice')).toBe(false);
    expect(authorMatches(null, 'alice')).toBe(false);
    expect(rule('a', { authors: ['bob', 'alice'] }).test(subject())).toBe(true);
  });

  it('matches source, sentiment, language and link', () => {
    expect(rule('a', { sources: ['site'] }).test(subject())).toBe(false);
    expect(rule('a', { sources: ['site'] }).test(subject({ sourceRef: 'site' }))).toBe(true);
    expect(rule('a', { sentiments: ['positive', 'neutral'] }).test(subject())).toBe(false);
    expect(rule('a', { sentiments: ['negative'] }).test(subject())).toBe(true);
    expect(languageMatches('en-us', 'en')).toBe(true);
    expect(languageMatches('en', 'en-US')).toBe(false);
    expect(languageMatches(null, 'en')).toBe(false);
    expect(rule('a', { languages: ['fr'] }).test(subject())).toBe(false);
    expect(hasLink({ text: 'see https://spam.example/x' })).toBe(true);
    expect(hasLink({ text: 'go to www.spam-shop.com now' })).toBe(true);
    expect(hasLink({ text: 'no link here, just @brand' })).toBe(false);
    // Mastodon links every mention and hashtag: those are no links.
    const mention = '<p><span class="h-card"><a href="https://m.example/@brand" class="u-url mention">@brand</a></span> hi</p>';
    expect(hasLink({ text: '@brand hi', html: mention })).toBe(false);
    expect(hasLink({ text: '@brand hi', html: `${mention}<a href="https://spam.example">x</a>` })).toBe(true);
    expect(rule('a', { hasLink: false }).test(subject())).toBe(true);
    expect(rule('a', { hasLink: true }).test(subject())).toBe(false);
  });

  it('needs every condition given', () => {
    const r = rule('a', { keywords: ['broken'], languages: ['fr'] });
    expect(r.test(subject())).toBe(false);
    expect(r.test(subject({ language: 'fr' }))).toBe(true);
  });
});

describe('the rules together', () => {
  it('applies every matching rule in order: tags add up, the first sets assignee, priority, status and auto-reply', () => {
    const rules = [
      rule('1', { keywords: ['nothing-here'] }, { tags: ['never'], priority: 'low' }),
      rule('2', { sentiments: ['negative'] }, { tags: ['Complaint'], priority: 'urgent', assignTo: 9 }),
      rule('3', { keywords: ['shop'] }, { tags: ['complaint', 'shop'], priority: 'low', assignTo: 4, status: 'hidden' }),
      rule('4', { keywords: ['shop'] }, { autoReply: { savedReplyIds: ['sr1'] }, status: 'spam' }),
    ];
    const outcome = evaluateRules(rules, subject());
    expect(outcome).toEqual({
      matched: [
        { documentId: '2', name: 'Rule 2' },
        { documentId: '3', name: 'Rule 3' },
        { documentId: '4', name: 'Rule 4' },
      ],
      tags: ['Complaint', 'shop'],
      assignTo: 9,
      priority: 'urgent',
      status: 'hidden',
      autoReply: { ruleDocumentId: '4', ruleName: 'Rule 4', savedReplyIds: ['sr1'] },
    });
    // An assignee who lost the moderation action is skipped; the next rule's applies.
    expect(evaluateRules(rules, subject(), (id) => id !== 9).assignTo).toBe(4);
    expect(evaluateRules(rules, subject({ text: 'all fine', sentiment: 'positive' })).matched).toEqual([]);
  });
});

describe('the rule schema', () => {
  const valid = { name: 'Spam links', conditions: { hasLink: true }, actions: { status: 'spam' } };

  it('refuses the regexes the linear-time engine cannot run, with the linter’s messages, at conditions.regex', () => {
    const cases: Array<[string, string]> = [
      ['(a', 'regex_invalid'],
      ['(\\w)\\1', 'regex_backreference'],
      ['foo(?=bar)', 'regex_lookaround'],
      ['a'.repeat(201), 'regex_too_long'],
    ];
    for (const [regex, message] of cases) {
      const result = ruleInput.safeParse({ ...valid, conditions: { regex } });
      expect(result.success).toBe(false);
      const issue = result.error!.issues.find((i) => i.path.join('.') === 'conditions.regex');
      expect([regex, issue?.message]).toEqual([regex, message]);
    }
    expect(ruleInput.safeParse({ ...valid, conditions: { regex: 'sh(o|a)p' } }).success).toBe(true);
  });

  it('needs a name, a condition and an action, and names the field', () => {
    const paths = (input: object) => ruleInput.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ ...valid, name: ' ' })).toEqual(['name']);
    expect(paths({ ...valid, conditions: {} })).toEqual(['conditions']);
    expect(paths({ ...valid, conditions: { regex: '' } })).toEqual(['conditions']);
    expect(paths({ ...valid, actions: {} })).toEqual(['actions']);
    expect(paths({ ...valid, actions: { status: 'archived' } })).toEqual(['actions.status']);
    expect(paths({ ...valid, conditions: { sources: ['NOT AN ID'] } })).toEqual(['conditions.sources.0']);
    expect(paths({ ...valid, actions: { autoReply: { savedReplyIds: [] } } })).toEqual(['actions.autoReply.savedReplyIds']);
    expect(paths({ ...valid, surprise: 1 })).toEqual(['']);
    expect(ruleInput.parse(valid)).toMatchObject({ enabled: true, conditions: { keywordsMatch: 'any', keywords: [] } });
  });
});

describe('auto-replies', () => {
  it('answers an author in a thread at most once in any 24 hours', () => {
    const t = Date.parse('2026-12-04T23:59:00Z');
    expect(mayAutoReplyAgain(null, t)).toBe(true);
    expect(mayAutoReplyAgain(new Date(t - 60_000), t)).toBe(false);
    // Past midnight is not a new day: the last one must be 24 hours old.
    expect(mayAutoReplyAgain(new Date(t), t + 2 * 60_000)).toBe(false);
    expect(mayAutoReplyAgain(new Date(t), t + DAY_MS - 1)).toBe(false);
    expect(mayAutoReplyAgain(new Date(t).toISOString(), t + DAY_MS)).toBe(true);
  });

  it('keys the count by source, thread and author', () => {
    const key = autoReplyKey('acc1', 'thread-1', 'id:501');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(autoReplyKey('acc1', 'thread-1', 'id:501')).toBe(key);
    expect(
      new Set([
        key,
        autoReplyKey('acc1', 'thread-2', 'id:501'),
        autoReplyKey('acc2', 'thread-1', 'id:501'),
        autoReplyKey('acc1', 'thread-1', 'id:502'),
      ]).size
    ).toBe(4);
    expect(authorKeyOf({ authorId: '501', authorHandle: '@alice' })).toBe('id:501');
    expect(authorKeyOf({ authorHandle: '@Ann' })).toBe('handle:ann');
    expect(authorKeyOf({ authorName: ' Ann ' })).toBe('name:ann');
    expect(authorKeyOf({})).toBeNull();
  });

  it('never answers our own account', () => {
    const account = { networkAccountId: '7', handle: '@brand@m.example' };
    expect(isOwnAccount({ authorId: '7' }, account)).toBe(true);
    expect(isOwnAccount({ authorHandle: '@Brand@m.example' }, account)).toBe(true);
    expect(isOwnAccount({ authorHandle: '@brand' }, account)).toBe(true);
    expect(isOwnAccount({ authorId: '501', authorHandle: '@alice@elsewhere.example' }, account)).toBe(false);
  });

  it('chooses the saved reply in the item’s language, else one for every language, and fills its variables', () => {
    const replies = [
      { id: 'any', language: null },
      { id: 'fr', language: 'fr' },
      { id: 'en', language: 'en' },
    ];
    expect(chooseSavedReply(replies, 'fr')?.id).toBe('fr');
    expect(chooseSavedReply(replies, 'fr-ca')?.id).toBe('fr');
    expect(chooseSavedReply(replies, 'de')?.id).toBe('any');
    expect(chooseSavedReply(replies, null)?.id).toBe('any');
    expect(chooseSavedReply([{ id: 'en', language: 'en' }], 'fr')).toBeNull();
    const item = {
      author: { id: null, handle: '@alice', name: 'Alice', avatarUrl: null, profileUrl: null },
      publication: { documentId: 'p', planDocumentId: null, url: 'https://m.example/@brand/1' },
    };
    expect(fillSavedReply('Merci {author} ! Voir {post_url}', item)).toBe('Merci @alice ! Voir https://m.example/@brand/1');
  });
});

describe('the signed endpoint’s rate limit', () => {
  it('lets a minute’s worth through, then answers when the next one may come', () => {
    let t = 1_000_000;
    const limiter = createRateLimiter({ now: () => t });
    for (let i = 0; i < 3; i++) expect(limiter.take('ip:1', 3)).toEqual({ ok: true });
    expect(limiter.take('ip:1', 3)).toEqual({ ok: false, retryAfterS: 20 });
    // Another key has its own bucket.
    expect(limiter.take('ip:2', 3)).toEqual({ ok: true });
    t += 10_000;
    expect(limiter.take('ip:1', 3)).toEqual({ ok: false, retryAfterS: 10 });
    t += 10_000;
    expect(limiter.take('ip:1', 3)).toEqual({ ok: true });
    // 0 turns it off.
    for (let i = 0; i < 10; i++) expect(limiter.take('ip:3', 0)).toEqual({ ok: true });
    // A clock that goes back refills nothing.
    t -= 60_000;
    expect(limiter.take('ip:1', 3).ok).toBe(false);
  });

  it('keeps at most maxKeys buckets', () => {
    let t = 0;
    const limiter = createRateLimiter({ now: () => t, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) {
      limiter.take(`ip:${i}`, 60);
      t += 10;
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('tells which secret signed a request', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    const ts = String(now / 1000);
    const raw = Buffer.from('{"id":"1"}');
    const secrets = ['first-secret-0123456789', 'second-secret-0123456789'];
    expect(checkSignature(secrets, { timestamp: ts, signature: `sha256=${sign(secrets[1], ts, raw)}`, raw }, now)).toEqual({
      secretIndex: 1,
    });
    expect(checkSignature(secrets, { timestamp: ts, signature: `sha256=${sign('other-0123456789abc', ts, raw)}`, raw }, now)).toEqual({
      problem: 'signature_invalid',
    });
  });
});
