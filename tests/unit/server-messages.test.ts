import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SERVER_MESSAGE_CODES, isServerMessageCode, messageText } from '../../shared/core/messages';
import { REASON_CODES } from '../../shared/accounts/reasons';
import { FINDING_CODES } from '../../shared/linter';
import { editorialLineInput } from '../../shared/strategy/contract';
import { settingsSchema } from '../../shared/settings/contract';
import { shareTimelineInput } from '../../shared/entries/contract';
import { sourceInput } from '../../shared/watch/contract';
import { postPlanInput } from '../../shared/planning/contract';
import { eventsQuery } from '../../shared/calendar/contract';
import { accountInput } from '../../shared/accounts/contract';
import { HttpError, fromZod, notFound } from '../../server/core/errors';
import { handle } from '../../server/core/handler';

/**
 * Every message the server can send the admin is a code the admin translates:
 * each code of shared/ has an English and a French text taking the same facts,
 * and the routes' schemas name codes rather than English sentences.
 */
const load = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'admin', 'translations', `${locale}.json`), 'utf8'));
const catalogues = { en: load('en'), fr: load('fr') };

const CODE_LISTS = [
  { prefix: 'server', codes: SERVER_MESSAGE_CODES },
  { prefix: 'accounts.reason', codes: REASON_CODES },
  { prefix: 'lint.finding', codes: FINDING_CODES },
];

/** Argument names of an ICU message, quoted text ('{slug}') left out. */
const argumentsOf = (message: string) =>
  [...new Set([...message.replace(/'[^']*'/g, '').matchAll(/\{\s*(\w+)\s*[,}]/g)].map((match) => match[1]))].sort();

describe('server message codes', () => {
  it.each(CODE_LISTS)('every $prefix code has an English and a French text', ({ prefix, codes }) => {
    expect(codes.length).toBeGreaterThan(0);
    for (const [locale, messages] of Object.entries(catalogues)) {
      const missing = codes.filter((code) => !(`${prefix}.${code}` in messages));
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });

  it('each translation takes exactly the facts the server sends', () => {
    const mismatched = SERVER_MESSAGE_CODES.flatMap((code) => {
      // The server's English names its parameters as {name}; a brace with no parameter stays literal (quoted in ICU).
      const sent = argumentsOf(messageText(code, {}).replace(/\{slug\}/g, "'{slug}'"));
      return Object.entries(catalogues)
        .filter(([, messages]) => argumentsOf(messages[`server.${code}`] ?? '').join() !== sent.join())
        .map(([locale]) => `${locale}:${code}`);
    });
    expect(mismatched).toEqual([]);
  });

  it('the English text fills every parameter and leaves other braces alone', () => {
    expect(messageText('line_name_taken', { name: 'Brand' })).toBe('An editorial line named "Brand" already exists');
    expect(messageText('url_pattern_scheme')).toContain('https://example.com/blog/{slug}');
  });
});

describe('a refusal carries its code, its facts and its English', () => {
  const refuse = (schema: z.ZodType, input: unknown) => {
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected a refusal');
    return fromZod(result.error);
  };

  const badLine = {
    name: ' ',
    personas: [{ name: '' }],
    pillars: [
      { name: 'A', targetShare: 80, color: 'red' },
      { name: 'B', targetShare: 40 },
    ],
    hashtags: { required: ['not a tag'], suggested: [] },
    bannedWords: [' '],
    languages: ['French'],
    frequencyTargets: [{ network: 'mastodon', perWeek: 1.5 }],
    extra: true,
  };
  const badSettings = {
    siteUrl: 'ftp://example.com',
    contentTypes: [
      {
        uid: 'article',
        urlPattern: 'https://user:pw@example.com/{slug}',
        fields: { title: '1bad' },
        autoShare: { template: '{nope}', delayMinutes: 50_000, timezone: 'Mars/Base', accountIds: ['NOT AN ID'] },
      },
    ],
  };
  const badTimeline = {
    uid: 'api::article.article',
    documentId: 'abc',
    accountIds: [],
    offsets: [-1, 1.5, 400],
    time: '9h',
    timezone: 'Nowhere',
  };

  const badSource = { url: '', name: 'x'.repeat(201), tags: [' '], keywords: ['k'.repeat(81)], intervalMinutes: 7.5 };
  const badPost = {
    title: ' ',
    accountIds: [],
    schedule: { local: '9h', timezone: '' },
    pillar: 'p'.repeat(81),
    media: [{ id: -1, alt: 'a'.repeat(1501) }],
  };
  // Each network's credential fields (shared/networks/<network>.credentials.ts), with the fields every account has.
  const badAccount = { name: ' ', editorialLineId: 'NOT AN ID' };
  const badMastodon = { ...badAccount, network: 'mastodon', instanceUrl: 'ftp://user:pw@example.com', accessToken: ' ' };
  const badBluesky = { ...badAccount, network: 'bluesky', identifier: 'not a handle', service: 'nope', appPassword: 'p'.repeat(257) };
  const badWebhook = { ...badAccount, network: 'webhook', url: 'h'.repeat(2049), flavor: 'fax', secret: 's'.repeat(513) };
  const badEvents = { from: 'yesterday', to: 'tomorrow', pillars: Array(51).fill('p'), dayMax: '1.5', timezone: 'Mars/Base' };

  it.each([
    ['editorial line', editorialLineInput, badLine],
    ['settings', settingsSchema, badSettings],
    ['share timeline', shareTimelineInput, badTimeline],
    ['watch source', sourceInput, badSource],
    ['post', postPlanInput, badPost],
    ['calendar events', eventsQuery, badEvents],
    ['mastodon account', accountInput, badMastodon],
    ['bluesky account', accountInput, badBluesky],
    ['webhook account', accountInput, badWebhook],
  ] as const)('%s: every field error names a catalogued code, and its English is not the code', (_, schema, input) => {
    const error = refuse(schema, input);
    expect(error.errors.length).toBeGreaterThan(3);
    const uncoded = error.errors.filter((e) => !isServerMessageCode(e.messageId) || /^[a-z_]+$/.test(e.message));
    expect(uncoded).toEqual([]);
    expect(error.messageId).toBe(error.errors[0].messageId);
  });

  it('takes its figures from the issue: bounds, totals, allowed placeholders', () => {
    const line = refuse(editorialLineInput, { ...badLine, name: 'x'.repeat(121) });
    const byPath = (path: string) => line.errors.find((e) => e.path.join('.') === path);
    expect(byPath('name')).toMatchObject({ messageId: 'too_long', params: { max: 120 }, message: 'At most 120 characters' });
    expect(byPath('pillars')).toMatchObject({ messageId: 'pillar_shares_total', params: { total: 120 } });
    expect(byPath('pillars')?.message).toBe('Pillar target shares add up to 120 %, more than 100 %');
    expect(byPath('frequencyTargets.0.perWeek')).toMatchObject({ messageId: 'not_whole_number' });
    expect(line.errors.find((e) => e.messageId === 'unknown_fields')?.params).toEqual({ keys: 'extra' });

    const settings = refuse(settingsSchema, badSettings);
    const template = settings.errors.find((e) => e.path.join('.') === 'contentTypes.0.autoShare.template');
    expect(template).toMatchObject({ messageId: 'template_placeholders', params: { allowed: '{title}, {url}, {excerpt}' } });
    expect(template?.message).toBe('Only {title}, {url}, {excerpt} can be used in the template');
  });

  it('a calendar window too long names its limit', () => {
    const error = refuse(eventsQuery, { from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' });
    expect(error.errors[0]).toMatchObject({
      path: ['to'],
      messageId: 'window_too_long',
      params: { days: 45 },
      message: 'The window is at most 45 days; ask month by month',
    });
  });

  it('zod’s own wording gets the code its kind says; a schema’s own English sentence stays, uncoded', () => {
    const schema = z.strictObject({ a: z.string().max(3), b: z.array(z.string()).min(2), c: z.string().max(3, 'Three letters at most') });
    const error = refuse(schema, { a: 'abcd', b: [], c: 'abcd', d: 1 });
    const byPath = (path: string) => error.errors.find((e) => e.path.join('.') === path);
    expect(byPath('a')).toMatchObject({ messageId: 'too_long', params: { max: 3 }, message: 'At most 3 characters' });
    expect(byPath('b')).toMatchObject({ messageId: 'too_few', params: { min: 2 } });
    expect(byPath('c')).toMatchObject({ message: 'Three letters at most' });
    expect(byPath('c')?.messageId).toBeUndefined();
    expect(byPath('')).toMatchObject({ messageId: 'unknown_fields', params: { keys: 'd' } });
    const missing = refuse(z.object({ x: z.string() }), {});
    expect(missing.errors[0]).toMatchObject({ messageId: 'required', message: 'Required' });
  });

  it('the error envelope carries the code and its facts beside the English', async () => {
    const ctx = { status: 200, body: undefined as unknown };
    await handle(async () => {
      throw notFound('Editorial line', { code: 'line_not_found', params: {} });
    })(ctx as never);
    expect(ctx.status).toBe(404);
    expect(ctx.body).toMatchObject({
      error: { message: 'Editorial line not found', details: { code: 'not_found', messageId: 'line_not_found', params: {} } },
    });
    expect(new HttpError(400, 'x', 'English only').messageId).toBeUndefined();
  });
});

describe('the admin shows a message in the reader’s language, zone and locale', () => {
  // Imported here so the server-side cases above do not load the admin's modules.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createIntl } = require('react-intl') as typeof import('react-intl');
  const { serverMessageText, translateApiError } =
    require('../../admin/utils/serverMessages') as typeof import('../../admin/utils/serverMessages');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const intl = createIntl({
    locale: 'fr',
    messages: Object.fromEntries(Object.entries(catalogues.fr).map(([k, v]) => [`community-manager.${k}`, v])),
  });

  it('translates a code with its facts, and formats an instant in the given zone, never as ISO', () => {
    expect(serverMessageText(intl, 'line_name_taken', { name: 'Acme' }, 'English')).toBe(
      'Une ligne éditoriale nommée «\u202fAcme\u202f» existe déjà'
    );
    const when = serverMessageText(intl, 'timeline_day_past', { day: 2, time: '2026-12-03T09:00:00.000Z' }, 'English', {
      timeZone: 'Europe/Paris',
    });
    expect(when).not.toContain('2026-12-03T');
    expect(when).toContain('10:00');
    expect(serverMessageText(intl, 'no_such_code', {}, 'The server’s English')).toBe('The server’s English');
  });

  it('translates the refusal’s notification and each field of an error envelope', () => {
    const refusal = fromZod(editorialLineInput.safeParse({ name: '' }).error!);
    const envelope = {
      response: {
        data: {
          error: {
            status: 400,
            name: 'ValidationError',
            message: refusal.message,
            details: { code: refusal.code, messageId: refusal.messageId, params: refusal.params, errors: refusal.errors },
          },
        },
      },
    };
    const problem = translateApiError(intl, envelope);
    expect(problem.fieldErrors.name).toBe('La ligne éditoriale doit avoir un nom');
    expect(problem.message).toBe('La ligne éditoriale doit avoir un nom');
    expect(problem.status).toBe(400);
  });
});

describe('a post’s schedule refused: a code with wall-clock facts, the time module’s English kept', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { resolveSchedule } = require('../../server/planning/schedule') as typeof import('../../server/planning/schedule');
  const refusal = (input: { local: string; timezone: string }) => {
    try {
      resolveSchedule(input);
    } catch (error) {
      return error as HttpError;
    }
    throw new Error('expected a refusal');
  };

  it('a time the clocks skip, or pass twice: the English is the catalogue’s, filled with the facts sent', () => {
    const skipped = refusal({ local: '2027-03-28T02:30', timezone: 'Europe/Paris' });
    expect(skipped).toMatchObject({
      messageId: 'nonexistent_local_time',
      params: { local: '2027-03-28T02:30', zone: 'Europe/Paris', next: '2027-03-28T03:00' },
    });
    expect(skipped.message).toBe(messageText('nonexistent_local_time', skipped.params));
    const twice = refusal({ local: '2027-10-31T02:30', timezone: 'Europe/Paris' });
    expect(twice).toMatchObject({ messageId: 'ambiguous_local_time', params: { earlier: 'UTC+02:00', later: 'UTC+01:00' } });
    expect(twice.message).toBe(messageText('ambiguous_local_time', twice.params));
    expect(twice.errors[0]).toMatchObject({ path: ['schedule', 'local'], messageId: 'ambiguous_local_time' });
  });

  it('an unknown zone names the field and the zone', () => {
    const error = refusal({ local: '2027-03-28T09:00', timezone: 'Mars/Olympus' });
    expect(error.errors[0]).toMatchObject({
      path: ['schedule', 'timezone'],
      messageId: 'time_zone_unknown',
      params: { zone: 'Mars/Olympus' },
    });
    expect(error.message).toBe('"Mars/Olympus" is not a time zone; use an IANA name such as Europe/Paris');
  });
});

describe('one table translates every code the server sends', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createIntl } = require('react-intl') as typeof import('react-intl');
  const { serverMessageText, isMessageCode } =
    require('../../admin/utils/serverMessages') as typeof import('../../admin/utils/serverMessages');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const intl = createIntl({
    locale: 'fr',
    messages: Object.fromEntries(Object.entries(catalogues.fr).map(([k, v]) => [`community-manager.${k}`, v])),
  });

  it('knows the messages and the account reasons, not a newer server’s codes', () => {
    for (const code of [...SERVER_MESSAGE_CODES, ...REASON_CODES]) expect(isMessageCode(code)).toBe(true);
    expect(isMessageCode('no_such_code')).toBe(false);
  });

  it('a workflow refusal, an account reason, a publication’s error, in French', () => {
    expect(serverMessageText(intl, 'missing_permission', {}, 'English')).toBe(catalogues.fr['server.missing_permission']);
    expect(serverMessageText(intl, 'unreachable_dns_failed', { host: 'feeds.example' }, 'English')).toBe(
      catalogues.fr['accounts.reason.unreachable_dns_failed'].replace('{host}', 'feeds.example')
    );
    expect(serverMessageText(intl, 'gave_up', { detail: 'HTTP 503', attempts: 5 }, 'English')).toBe(
      'HTTP 503 (abandon après 5 tentatives)'
    );
  });

  it('an instant moves into the reader’s zone with its name; a wall-clock reading stays as it is', () => {
    const missed = serverMessageText(intl, 'missed', { dueAt: '2020-01-01T10:00:00.000Z', minutes: 180 }, 'English', {
      timeZone: 'Europe/Paris',
    });
    expect(missed).toContain('11:00');
    expect(missed).not.toContain('2020-01-01T');
    const skipped = serverMessageText(
      intl,
      'nonexistent_local_time',
      { local: '2027-03-28T02:30', zone: 'America/New_York', next: '2027-03-28T03:00' },
      'English',
      { timeZone: 'Asia/Tokyo' }
    );
    expect(skipped).toContain('02:30');
    expect(skipped).toContain('03:00');
    expect(skipped).toContain('America/New_York');
  });
});
