import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageText, SERVER_MESSAGE_CODES } from '../../shared/core/messages';
import {
  PUBLICATION_MESSAGE_CODES,
  gaveUpText,
  readPublicationMessage,
  type PublicationMessageCode,
} from '../../shared/publishing/messages';
import { newOutcomeLines, outcomeLineOf, type TrailRow } from '../../server/publishing/rollup';

/**
 * A publication's error goes to the admin as a code with parameters read back
 * from the stored English text by the same template (issue 14, item 9), and
 * each settled publication gives its plan's trail one line naming who or what
 * settled it (item 7).
 */
const load = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'admin', 'translations', `${locale}.json`), 'utf8'));
const catalogues = { en: load('en'), fr: load('fr') };
const argumentsOf = (message: string) => [...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

const SAMPLES: Record<PublicationMessageCode, Record<string, string | number>> = {
  missed: { dueAt: '2020-01-01T10:00:00.000Z', minutes: 180 },
  lease_expired: {},
  account_removed: {},
  account_disabled: { account: 'Team chat: the loud one' },
  account_needs_reauth: { account: 'Acme (Mastodon)' },
  network_not_supported: { network: 'linkedin' },
  media_unreadable: { detail: 'ENOENT: no such file (uploads/a.png); check the library' },
  first_comment_failed: { detail: 'The instance answered 500: {"error":"boom"}' },
  x_daily_cap: { account: 'Brand on X', cap: 5, day: '2030-01-01' },
};

describe('publication messages', () => {
  it('are codes of the one server catalogue, translated as server.<code> like every other', () => {
    expect(SERVER_MESSAGE_CODES).toEqual(expect.arrayContaining([...PUBLICATION_MESSAGE_CODES, 'gave_up']));
    for (const code of [...PUBLICATION_MESSAGE_CODES, 'gave_up']) {
      expect(catalogues.en[`server.${code}`]).toBeTruthy();
      expect(catalogues.en[`publishing.message.${code}`]).toBeUndefined();
    }
  });

  it.each(PUBLICATION_MESSAGE_CODES)('%s is in English and French, taking the parameters the server gives', (code) => {
    const template = messageText(code, Object.fromEntries(Object.keys(SAMPLES[code]).map((k) => [k, `{${k}}`])));
    for (const catalogue of Object.values(catalogues)) {
      const message = catalogue[`server.${code}`];
      expect(message).toBeTruthy();
      expect(argumentsOf(message)).toEqual(argumentsOf(template));
    }
    expect(catalogues.en[`server.${code}`]).toBe(template);
  });

  it.each(PUBLICATION_MESSAGE_CODES)('%s: the parameters come back from the stored text, whatever they hold', (code) => {
    const text = messageText(code, SAMPLES[code]);
    expect(readPublicationMessage(code, text)).toEqual({ code, message: text, params: SAMPLES[code] });
  });

  it('stored texts keep reading: the words rows hold today, and a row written when a missing parameter was left empty', () => {
    expect(readPublicationMessage('account_needs_reauth', 'Acme needs to be reconnected').params).toEqual({ account: 'Acme' });
    expect(readPublicationMessage('media_unreadable', 'A media file of this post cannot be read: ').params).toEqual({ detail: '' });
    expect(readPublicationMessage('first_comment_failed', 'The post is out, but its first comment was not: 500').params).toEqual({
      detail: '500',
    });
  });

  it('the one filler leaves a missing parameter visible, for every code alike', () => {
    expect(messageText('account_disabled')).toBe('{account} is disabled: nothing is published to it');
    expect(messageText('line_name_taken')).toBe('An editorial line named "{name}" already exists');
    expect(gaveUpText('The webhook answered 503', 5)).toBe('The webhook answered 503 (gave up after 5 attempts)');
  });

  it('the missed message is the one users saw, with its instant as ISO for the admin to show in their zone', () => {
    const text =
      'Due at 2020-01-01T10:00:00.000Z; publishing was not running, and it is now later than the allowed lateness of 180 minutes';
    expect(readPublicationMessage('missed', text).params).toEqual({ dueAt: '2020-01-01T10:00:00.000Z', minutes: 180 });
  });

  it('a network’s words after the last retry keep the words and the count; other words are shown as they are', () => {
    expect(readPublicationMessage('server_503', gaveUpText('The webhook answered 503', 5))).toMatchObject({
      params: { detail: 'The webhook answered 503', attempts: 5 },
    });
    expect(readPublicationMessage('network_rejected', 'The webhook refused the post (422)')).toEqual({
      code: 'network_rejected',
      message: 'The webhook refused the post (422)',
      params: null,
    });
    // A row whose text the template does not match (written before, or by hand): no invented parameters.
    expect(readPublicationMessage('missed', 'Missed while the server was down').params).toBeNull();
  });
});

describe('a publication’s outcome in its plan’s trail', () => {
  const row = (over: Partial<TrailRow>): TrailRow => ({
    documentId: 'pub1',
    planDocumentId: 'plan1',
    accountDocumentId: 'acc1',
    network: 'mastodon',
    state: 'published',
    externalUrl: 'https://social.example/@a/1',
    errorCode: null,
    lastError: null,
    history: [
      { at: '2030-01-01T09:00:00.000Z', event: 'scheduled', to: 'scheduled', by: 'plan' },
      { at: '2030-01-01T10:00:00.000Z', event: 'published', from: 'publishing', to: 'published', by: 'host-1' },
    ],
    ...over,
  });

  it('published by the scheduler, with the live link', () => {
    expect(outcomeLineOf(row({}))).toEqual({
      at: '2030-01-01T10:00:00.000Z',
      by: null,
      event: 'publication',
      outcome: 'published',
      actor: { kind: 'scheduler' },
      publication: { documentId: 'pub1', accountDocumentId: 'acc1', network: 'mastodon', url: 'https://social.example/@a/1', error: null },
    });
    expect(outcomeLineOf(row({ externalUrl: 'javascript:alert(1)' }))!.publication.url).toBeNull();
  });

  it('marked published by a person: named from the request, or from the history line (older rows say "by Jane")', () => {
    const marked = row({
      history: [{ at: '2030-01-01T11:00:00.000Z', event: 'markPublished', from: 'failed', to: 'published', message: 'by Jane Doe' }],
    });
    expect(outcomeLineOf(marked)).toMatchObject({ outcome: 'marked_published', actor: { kind: 'person', name: 'Jane Doe' }, by: null });
    expect(outcomeLineOf(marked, { id: 7, name: 'Jane Doe', publicationDocumentId: 'pub1' })).toMatchObject({
      by: { id: 7, name: 'Jane Doe' },
      actor: { kind: 'person', name: 'Jane Doe' },
    });
    // Someone acting on another publication of the plan is not credited with this one.
    expect(outcomeLineOf(marked, { id: 8, name: 'Bob', publicationDocumentId: 'pub2' })).toMatchObject({ by: null });
  });

  it('failed with the reason as a code; nothing for a row still on its way or dropped by its plan', () => {
    const failed = row({
      state: 'missed',
      externalUrl: null,
      errorCode: 'missed',
      lastError: messageText('missed', { dueAt: '2030-01-01T10:00:00.000Z', minutes: 180 }),
      history: [{ at: '2030-01-01T14:00:00.000Z', event: 'missed', from: 'scheduled', to: 'missed', code: 'missed' }],
    });
    expect(outcomeLineOf(failed)).toMatchObject({
      outcome: 'missed',
      actor: { kind: 'scheduler' },
      publication: { url: null, error: { code: 'missed', params: { dueAt: '2030-01-01T10:00:00.000Z', minutes: 180 } } },
    });
    expect(outcomeLineOf(row({ state: 'scheduled', history: [{ at: 'x', event: 'retry', to: 'scheduled' }] }))).toBeNull();
    expect(outcomeLineOf(row({ state: 'cancelled', history: [{ at: 'x', event: 'cancelled', to: 'cancelled', by: 'plan' }] }))).toBeNull();
    // A first comment's note after the post went out does not hide the line that published it.
    const noted = row({});
    noted.history = [...noted.history!, { at: '2030-01-01T10:00:01.000Z', event: 'first_comment_failed', code: 'x', message: 'y' }];
    expect(outcomeLineOf(noted)).toMatchObject({ outcome: 'published', at: '2030-01-01T10:00:00.000Z' });
  });

  it('each settling is written once: a line already in the trail is not added again, a second failure is', () => {
    const first = outcomeLineOf(row({ state: 'failed', history: [{ at: 'a', event: 'failed', to: 'failed' }] }))!;
    const second = outcomeLineOf(row({ state: 'failed', history: [{ at: 'b', event: 'failed', to: 'failed' }] }))!;
    const trail = [{ at: 'x', by: null, event: 'created' }, first];
    expect(newOutcomeLines(trail, [first])).toEqual([]);
    expect(newOutcomeLines(trail, [first, second])).toEqual([second]);
  });
});
