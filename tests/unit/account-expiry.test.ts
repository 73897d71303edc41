import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DAY_MS,
  EMAIL_FR,
  languageOf,
  reauthByOf,
  reauthEmail,
  selectExpiring,
  unrenewableEnd,
  type ExpiryPublication,
  type ExpiryRow,
} from '../../server/accounts/expiry';
import { messageTemplate } from '../../shared/core/messages';

/**
 * Which accounts are announced before their sign-in ends, by which date, and
 * which of their posts will be held (server/accounts/expiry.ts), on a fixed clock.
 */
const NOW = Date.parse('2027-01-05T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const inDays = (days: number) => NOW + days * DAY_MS;

const account = (documentId: string, fields: Partial<ExpiryRow> = {}): ExpiryRow => ({
  documentId,
  status: 'connected',
  settings: { oauth: true, storedSecrets: ['accessToken'] },
  ...fields,
});

describe('which sign-ins cannot be renewed, and when they end', () => {
  it('an access token without refresh token ends with the token', () => {
    expect(unrenewableEnd(account('a', { tokenExpiresAt: iso(inDays(3)) }))).toBe(inDays(3));
  });

  it('a refreshable token has no end of its own, unless the refresh token (the grant) ends', () => {
    const refreshable = { settings: { storedSecrets: ['accessToken', 'refreshToken'] }, tokenExpiresAt: iso(inDays(0.04)) };
    expect(unrenewableEnd(account('a', refreshable))).toBeNull();
    expect(unrenewableEnd(account('a', { ...refreshable, oauthGrantEndsAt: iso(inDays(5)) }))).toBe(inDays(5));
  });

  it('an account with no token end (app password, webhook) never ends', () => {
    expect(unrenewableEnd(account('a', { settings: {} }))).toBeNull();
  });
});

describe('reauthBy: within the notice window, connected accounts only', () => {
  it.each([
    [3, 7, true],
    [6.99, 7, true],
    [7, 7, false],
    [10, 7, false],
    [10, 14, true],
    [-1, 7, true], // ended already and not yet marked: still shown
  ])('ends in %p days, window %p days -> dated: %p', (days, window, dated) => {
    const row = account('a', { oauthGrantEndsAt: iso(inDays(days)) });
    expect(reauthByOf(row, NOW, window)).toBe(dated ? inDays(days) : null);
  });

  it.each(['needs_reauth', 'error', 'disabled', 'pending'])('a %s account carries no date (it has its own status)', (status) => {
    expect(reauthByOf(account('a', { status, oauthGrantEndsAt: iso(inDays(2)) }), NOW, 7)).toBeNull();
  });
});

describe('selectExpiring: accounts, dates and posts due after', () => {
  const rows = [
    account('ends-3', { oauthGrantEndsAt: iso(inDays(3)) }),
    account('no-refresh-5', { tokenExpiresAt: iso(inDays(5)) }),
    account('refreshable', { tokenExpiresAt: iso(inDays(0.04)), settings: { storedSecrets: ['accessToken', 'refreshToken'] } }),
    account('far', { oauthGrantEndsAt: iso(inDays(30)) }),
    account('told', { oauthGrantEndsAt: iso(inDays(2)), oauthNoticeSentAt: iso(NOW - DAY_MS) }),
    account('ended', { oauthGrantEndsAt: iso(inDays(-1)) }),
  ];
  const pub = (accountDocumentId: string, dueDays: number, state = 'scheduled'): ExpiryPublication => ({
    accountDocumentId,
    state,
    dueMs: String(inDays(dueDays)), // bigintegers come back as strings on PostgreSQL
  });
  const publications = [
    pub('ends-3', 1), // before the end: sent with the current token
    pub('ends-3', 3), // at the end exactly: still sent
    pub('ends-3', 4),
    pub('ends-3', 9),
    pub('ends-3', 10, 'published'),
    pub('ends-3', 11, 'cancelled'),
    pub('ends-3', 12, 'held'),
    pub('no-refresh-5', 6),
    pub('refreshable', 6),
    pub('far', 40),
  ];

  it('dates the accounts that cannot be renewed and end within the window, and counts their posts due after', () => {
    expect(selectExpiring(rows, publications, NOW, 7)).toEqual([
      { documentId: 'ends-3', reauthBy: inDays(3), postsDueAfter: 2, announce: true },
      { documentId: 'no-refresh-5', reauthBy: inDays(5), postsDueAfter: 1, announce: true },
      { documentId: 'told', reauthBy: inDays(2), postsDueAfter: 0, announce: false },
      { documentId: 'ended', reauthBy: inDays(-1), postsDueAfter: 0, announce: false },
    ]);
  });

  it('the clock moves: a later pass finds the far account once it enters the window', () => {
    const later = inDays(24);
    const far = selectExpiring(rows, publications, later, 7).find((e) => e.documentId === 'far');
    expect(far).toEqual({ documentId: 'far', reauthBy: inDays(30), postsDueAfter: 1, announce: true });
  });
});

describe('the e-mail', () => {
  const fr = JSON.parse(readFileSync(join(__dirname, '..', '..', 'admin', 'translations', 'fr.json'), 'utf8')) as Record<string, string>;

  it('its French is the admin catalogue’s (one translation, two readers)', () => {
    for (const [code, text] of Object.entries(EMAIL_FR)) expect(text).toBe(fr[`server.${code}`]);
  });

  it.each([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['en', 'en'],
    ['de', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('preferred language %p -> %p', (preferedLanguage, language) => {
    expect(languageOf({ preferedLanguage })).toBe(language);
  });

  it('names the account, the date and the posts, in English and in French', () => {
    const en = reauthEmail('en', { name: 'Acme', network: 'linkedin' }, Date.parse('2027-01-12T10:30:00Z'), 3);
    expect(en.subject).toBe('[Community Manager] Reconnect Acme before 12 January 2027 at 10:30 UTC');
    expect(en.text).toContain('The sign-in of Acme (linkedin) ends on 12 January 2027 at 10:30 UTC');
    expect(en.text).toContain('after that date: 3.');
    expect(messageTemplate('reauth_email_subject')).toContain('{account}');
    const french = reauthEmail('fr', { name: 'Acme', network: 'linkedin' }, Date.parse('2027-01-12T10:30:00Z'), 3);
    expect(french.subject).toBe('[Community Manager] Reconnectez Acme avant le 12 janvier 2027 à 10:30 UTC');
    expect(french.text).toContain('après cette date\u202f: 3.');
    expect(french.text).not.toMatch(/\{\w+\}/);
  });
});
