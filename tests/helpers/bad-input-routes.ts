import type { z } from 'zod';
import { parse } from '../../server/core/handler';
import { accountInput, accountUpdate } from '../../server/accounts/schemas';
import { subscribeInput } from '../../shared/accounts/contract';
import { shareTimelineInput } from '../../shared/entries/contract';
import { bulkInput as planBulkInput, commentInput, postPlanInput, rescheduleInput, transitionInput } from '../../shared/planning/contract';
import { markPublishedInput, pauseInput } from '../../shared/publishing/contract';
import { settingsSchema } from '../../shared/settings/contract';
import { editorialLineInput, lintInput } from '../../shared/strategy/contract';
import { MAX_POST_TEXT } from '../../shared/linter';
import {
  alertInput,
  bulkInput as itemsBulkInput,
  curateInput,
  opmlImport,
  sourceInput,
  sourceUpdate,
  stateInput,
  urlInput,
} from '../../shared/watch/contract';
import { generateInput, reportUpdate } from '../../shared/reports/contract';
import { bulkInput as inboxBulkInput, moderateInput, savedReplyInput } from '../../shared/inbox/contract';
import { crisisSettingsSchema, crisisStartInput } from '../../shared/inbox/crisis';
import { ruleDryRunInput, ruleInput, ruleUpdate } from '../../shared/inbox/rules';
import { connectPagesInput } from '../../shared/networks/linkedin.pages';
import { connectFacebookPagesInput } from '../../shared/networks/facebook.pages';
import { connectInstagramAccountsInput } from '../../shared/networks/instagram.pages';
import type { Json, PayloadShape } from './bad-payloads';

/**
 * Every write route of the admin API with the shape of its body, for the
 * bad-input suites: the unit one runs the full generated set through the
 * zod schema each controller parses the body with (tests/unit/bad-input.test.ts),
 * the API one sends a sample of every field and every failure kind over HTTP
 * on each database (tests/api/bad-input.test.ts).
 */
export interface BadInputIds {
  lineId: string;
  accountId: string;
  planId: string;
  sourceId: string;
  alertId: string;
  publicationId: string;
  /** an article (api::article.article) the timeline can be built for */
  articleId: string;
}

export interface BadInputRoute {
  label: string;
  method: 'post' | 'put';
  /** under /community-manager */
  path: string;
  shape: PayloadShape;
  /** what the route's controller does with the body: parse it with its schema (throws the 400) */
  parseBody(body: Json): unknown;
}

/** `schema` parsed as the controller does; `orEmpty`: the controller reads a missing body as `{}` */
const parser =
  (schema: z.ZodType, orEmpty = false) =>
  (body: Json) =>
    parse(schema, orEmpty ? (body ?? {}) : body);

export function badInputRoutes(ids: BadInputIds): BadInputRoute[] {
  const lineShape: PayloadShape = {
    valid: {
      name: 'Valid',
      pillars: [{ name: 'P', targetShare: 10 }],
      hashtags: { required: ['ok'], suggested: [] },
      bannedWords: ['x'],
      languages: ['en'],
    },
    required: ['name'],
    strings: { name: 120, description: 2000, audience: 4000, tone: 2000, guidelines: 20000 },
    urls: [],
    enums: [],
    special: [
      (b) => ({
        ...b,
        pillars: [
          { name: 'A', targetShare: 70 },
          { name: 'B', targetShare: 31 },
        ],
      }),
      (b) => ({ ...b, pillars: [{ name: 'A', targetShare: 10, extra: true }] }),
      (b) => ({
        ...b,
        pillars: [
          { name: 'A', targetShare: 10 },
          { name: 'a', targetShare: 10 },
        ],
      }),
      (b) => ({ ...b, hashtags: { required: ['has space'], suggested: [] } }),
      (b) => ({ ...b, languages: ['english'] }),
      (b) => ({ ...b, frequencyTargets: [{ network: 'myspace', perWeek: 3 }] }),
      (b) => ({ ...b, frequencyTargets: [{ network: 'mastodon', perWeek: 2.5 }] }),
      (b) => ({ ...b, bannedWords: ['x'.repeat(101)] }),
      (b) => ({ ...b, pillars: [{ name: 'A', targetShare: -5 }] }),
    ],
  };

  const accountShape: PayloadShape = {
    valid: { network: 'webhook', name: 'Hook', url: 'https://hooks.example.com/x', flavor: 'slack' },
    required: ['network', 'name', 'url', 'flavor'],
    strings: { name: 120, url: 2048 },
    urls: ['url'],
    enums: ['network', 'flavor'],
    special: [
      () => ({ network: 'mastodon', name: 'M', instanceUrl: 'https://m.example', accessToken: '' }),
      () => ({ network: 'bluesky', name: 'B', identifier: 'not a handle', appPassword: 'x' }),
      () => ({ network: 'linkedin', name: 'L' }),
      (b) => ({ ...b, editorialLineId: 'NOT-AN-ID!' }),
    ],
  };

  // "Subscribe again": nothing to choose, an empty body; anything in it is refused before the account is looked up.
  const subscribeShape: PayloadShape = { valid: {}, required: [], strings: {}, urls: [], enums: [] };

  // The page pickers: the ids are checked before the sign-in is looked up.
  const linkedinPagesShape: PayloadShape = {
    valid: { urns: ['urn:li:organization:5515715'] },
    required: ['urns'],
    strings: {},
    urls: [],
    enums: [],
    special: [
      () => ({ urns: [] }),
      () => ({ urns: ['acme-labs'] }),
      () => ({ urns: Array.from({ length: 26 }, (_, i) => `urn:li:organization:${i}`) }),
    ],
  };
  const facebookPagesShape: PayloadShape = {
    valid: { ids: ['101000000000002'] },
    required: ['ids'],
    strings: {},
    urls: [],
    enums: [],
    special: [() => ({ ids: [] }), () => ({ ids: ['harbour-events'] }), () => ({ ids: Array.from({ length: 101 }, (_, i) => String(i)) })],
  };
  const instagramAccountsShape: PayloadShape = {
    valid: { ids: ['17841400000000001'] },
    required: ['ids'],
    strings: {},
    urls: [],
    enums: [],
    special: [() => ({ ids: [] }), () => ({ ids: ['@harbourcafe'] }), () => ({ ids: Array.from({ length: 101 }, (_, i) => String(i)) })],
  };

  const accountUpdateShape: PayloadShape = {
    valid: { name: 'Renamed', disabled: false },
    required: [],
    strings: { name: 120 },
    urls: [],
    enums: [],
    special: [() => ({ credentials: { url: 'javascript:alert(1)' } }), () => ({ name: '' }), () => ({ disabled: 'yes' })],
  };

  const lintShape: PayloadShape = {
    valid: { text: 'Hello', network: 'mastodon' },
    required: ['text', 'network'],
    strings: { text: MAX_POST_TEXT },
    urls: [],
    enums: ['network'],
    special: [(b) => ({ ...b, editorialLineId: '../../etc' })],
  };

  const planShape: PayloadShape = {
    valid: {
      title: 'Valid plan',
      body: 'Hello',
      accountIds: [ids.accountId],
      schedule: { local: '2031-05-05T10:00', timezone: 'Europe/Paris' },
    },
    required: ['title'],
    strings: { title: 200, body: MAX_POST_TEXT },
    urls: [],
    enums: [],
    special: [
      (b) => ({ ...b, schedule: { local: '2031-02-30T10:00', timezone: 'Europe/Paris' } }),
      (b) => ({ ...b, schedule: { local: '2031-05-05T10:00', timezone: 'Mars/Olympus' } }),
      (b) => ({ ...b, schedule: { local: '2031-03-30T02:30', timezone: 'Europe/Paris' } }),
      (b) => ({ ...b, schedule: { local: '2031-10-26T02:30', timezone: 'Europe/Paris' } }),
      (b) => ({ ...b, schedule: { local: 'tomorrow', timezone: 'Europe/Paris' } }),
      (b) => ({ ...b, accountIds: ['nosuchaccount1'] }),
      (b) => ({ ...b, variants: { myspace: { body: 'x' } } }),
      (b) => ({ ...b, entry: { uid: 'api::nothing.nothing', documentId: 'abc' } }),
      (b) => ({ ...b, entry: { uid: 'api::article.article', documentId: 'nosuchentry00' } }),
      (b) => ({ ...b, editorialLineId: 'nosuchline000' }),
      (b) => ({ ...b, media: [{ id: 999999 }] }),
      (b) => ({ ...b, media: [{ id: -1 }] }),
      (b) => ({ ...b, media: [{ id: 1.5, alt: 'x' }] }),
      (b) => ({ ...b, media: [{ id: 1, alt: 'x'.repeat(1501) }] }),
      (b) => ({ ...b, media: 'cover.png' }),
    ],
  };

  const postCommentShape: PayloadShape = {
    valid: { body: 'Is the credit right?' },
    required: ['body'],
    strings: { body: 5_000 },
    urls: [],
    enums: [],
    special: [() => ({ body: '   ' })],
  };

  const bulkShape: PayloadShape = {
    valid: { action: 'submit', documentIds: ['abc123'] },
    required: ['action', 'documentIds'],
    // Naming `action` here makes the wrong-type mutations hit it rather than give documentIds another valid list.
    strings: { action: 20 },
    urls: [],
    enums: ['action'],
    special: [
      (b) => ({ ...b, documentIds: [] }),
      (b) => ({ ...b, documentIds: ['../x'] }),
      (b) => ({ ...b, documentIds: Array.from({ length: 101 }, (_, i) => `id${i}`) }),
    ],
  };

  const commentShape: PayloadShape = {
    valid: { comment: 'Please shorten' },
    required: [],
    strings: { comment: 2_000 },
    urls: [],
    enums: [],
  };

  const settingsShape: PayloadShape = {
    valid: {
      approvalRequired: true,
      retimeNeedsReview: false,
      siteUrl: 'https://example.com',
      contentTypes: [{ uid: 'api::article.article', urlPattern: 'https://example.com/blog/{slug}' }],
    },
    required: [],
    strings: { siteUrl: 500 },
    urls: ['siteUrl'],
    enums: [],
    special: [
      (b) => ({ ...b, contentTypes: [{ uid: 'api::nothing.nothing', urlPattern: null }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'plugin::community-manager.post-plan' }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', urlPattern: 'https://example.com/{nope}' }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', urlPattern: 'https://user:pw@example.com/{slug}' }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', fields: { image: 'title' } }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', autoShare: { enabled: true } }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', autoShare: { template: '{secret}' } }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', autoShare: { mode: 'now' } }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', autoShare: { delayMinutes: 1.5 } }] }),
      (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article' }, { uid: 'api::article.article' }] }),
      (b) => ({ ...b, approvalRequired: 'no' }),
      (b) => ({ ...b, xDailyCap: 0 }),
      (b) => ({ ...b, xDailyCap: 2.5 }),
    ],
  };

  const timelineShape: PayloadShape = {
    valid: {
      uid: 'api::article.article',
      documentId: ids.articleId,
      accountIds: [ids.accountId],
      offsets: [1, 3, 14],
      time: '09:00',
      timezone: 'Europe/Paris',
    },
    required: ['uid', 'documentId', 'accountIds', 'offsets', 'time', 'timezone'],
    strings: { timezone: 64, time: 5 },
    urls: [],
    enums: ['uid'],
    special: [
      (b) => ({ ...b, offsets: [1, 1] }),
      (b) => ({ ...b, offsets: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }),
      (b) => ({ ...b, offsets: [-3] }),
      (b) => ({ ...b, offsets: [0], time: '00:00', timezone: 'Etc/GMT+12' }),
      (b) => ({ ...b, time: '25:00' }),
      (b) => ({ ...b, timezone: 'Mars/Olympus' }),
      (b) => ({ ...b, accountIds: ['nosuchaccount1'] }),
      (b) => ({ ...b, documentId: '../../etc' }),
    ],
  };

  const rescheduleShape: PayloadShape = {
    valid: { schedule: { local: '2031-05-06T10:00', timezone: 'Europe/Paris' } },
    required: ['schedule'],
    strings: {},
    urls: [],
    enums: [],
    special: [
      () => ({ schedule: { local: '2031-03-30T02:30', timezone: 'Europe/Paris' } }),
      () => ({ schedule: { local: '2031-10-26T02:30', timezone: 'Europe/Paris' } }),
      () => ({ schedule: { local: '2020-01-01T09:00', timezone: 'Europe/Paris' } }),
      () => ({ schedule: { local: '2031-05-06T10:00', timezone: 'Mars/Olympus' } }),
      () => ({ schedule: { local: '2031-05-06T10:00', timezone: 'Europe/Paris', fold: 'sometimes' } }),
      () => ({ schedule: { local: '2031-05-06T10:00' } }),
      () => ({ schedule: { local: '2031-02-30T10:00', timezone: 'Europe/Paris' } }),
    ],
  };

  const sourceShape: PayloadShape = {
    valid: { url: 'https://feeds.example/rss.xml', name: 'Feed', tags: ['news'], keywords: ['launch'], intervalMinutes: 60 },
    required: ['url'],
    strings: { name: 200, url: 2048 },
    urls: ['url'],
    enums: [],
    special: [
      (b) => ({ ...b, intervalMinutes: 5 }),
      (b) => ({ ...b, intervalMinutes: 60.5 }),
      (b) => ({ ...b, tags: [''] }),
      (b) => ({ ...b, keywords: ['k'.repeat(81)] }),
      (b) => ({ ...b, siteUrl: 'javascript:alert(1)' }),
    ],
  };

  const sourceUpdateShape: PayloadShape = {
    valid: { name: 'Renamed', intervalMinutes: 120 },
    required: [],
    strings: { name: 200 },
    urls: [],
    enums: [],
    special: [() => ({ url: 'file:///etc/passwd' }), () => ({ intervalMinutes: 100_000 }), () => ({ tags: 'news' })],
  };

  const urlShape: PayloadShape = {
    valid: { url: 'https://feeds.example/' },
    required: ['url'],
    strings: { url: 2048 },
    urls: ['url'],
    enums: [],
  };

  const opmlShape: PayloadShape = {
    valid: {
      opml: '<opml version="2.0"><body><outline text="x" xmlUrl="https://feeds.example/a.xml"/></body></opml>',
      intervalMinutes: 60,
    },
    required: ['opml'],
    strings: { opml: 500_000 },
    urls: [],
    enums: [],
    special: [
      (b) => ({ ...b, opml: '<!DOCTYPE x [<!ENTITY a "b">]><opml><body/></opml>' }),
      (b) => ({ ...b, opml: '<html>not opml</html>' }),
      (b) => ({ ...b, intervalMinutes: 0 }),
    ],
  };

  const stateShape: PayloadShape = {
    valid: { state: 'read' },
    required: ['state'],
    strings: {},
    urls: [],
    enums: ['state'],
    special: [() => ({ state: 'curated' })],
  };

  const itemsBulkShape: PayloadShape = {
    valid: { ids: ['nosuchitem0000'], state: 'archived' },
    required: ['ids', 'state'],
    // `state` is the only string field; wrong types aimed at `ids` could be a valid id list (['a']), so they go to `state`.
    strings: { state: 8 },
    urls: [],
    enums: ['state'],
    special: [
      (b) => ({ ...b, ids: [] }),
      (b) => ({ ...b, ids: ['../etc'] }),
      (b) => ({ ...b, ids: Array.from({ length: 501 }, (_, i) => `item${i}`) }),
    ],
  };

  const curateShape: PayloadShape = {
    valid: { commentary: 'Worth sharing' },
    required: [],
    strings: { commentary: 2_000 },
    urls: [],
    enums: [],
    special: [(b) => ({ ...b, editorialLineId: 'NOT AN ID' })],
  };

  const alertShape: PayloadShape = {
    valid: { name: 'Launches', kind: 'keyword', pattern: 'launch', enabled: true, digest: true },
    required: ['name', 'kind', 'pattern'],
    strings: { name: 120, pattern: 200 },
    urls: [],
    enums: ['kind'],
    special: [
      (b) => ({ ...b, kind: 'regex', pattern: '(?<=v)\\d' }),
      (b) => ({ ...b, kind: 'regex', pattern: 'launch(?!pad)' }),
      (b) => ({ ...b, kind: 'regex', pattern: '(a)\\1' }),
      (b) => ({ ...b, kind: 'regex', pattern: '[' }),
      (b) => ({ ...b, enabled: 'yes' }),
    ],
  };

  const pauseShape: PayloadShape = {
    valid: { paused: false, reason: 'Crisis' },
    required: ['paused'],
    strings: { reason: 500 },
    urls: [],
    enums: [],
    special: [() => ({ paused: 'yes' }), () => ({ paused: 1 })],
  };

  const markPublishedShape: PayloadShape = {
    valid: { url: 'https://example.com/p/1' },
    required: ['url'],
    strings: { url: 2048 },
    urls: ['url'],
    enums: [],
    special: [() => ({ url: 'ftp://example.com/x' }), () => ({ url: 'javascript:alert(1)' })],
  };

  return [
    { label: 'POST /editorial-lines', method: 'post', path: '/editorial-lines', shape: lineShape, parseBody: parser(editorialLineInput) },
    {
      label: 'PUT /editorial-lines/:id',
      method: 'put',
      path: `/editorial-lines/${ids.lineId}`,
      shape: lineShape,
      parseBody: parser(editorialLineInput),
    },
    { label: 'POST /accounts', method: 'post', path: '/accounts', shape: accountShape, parseBody: parser(accountInput) },
    {
      label: 'PUT /accounts/:id',
      method: 'put',
      path: `/accounts/${ids.accountId}`,
      shape: accountUpdateShape,
      parseBody: parser(accountUpdate),
    },
    {
      label: 'POST /accounts/:id/subscribe',
      method: 'post',
      path: `/accounts/${ids.accountId}/subscribe`,
      shape: subscribeShape,
      parseBody: parser(subscribeInput, true),
    },
    {
      label: 'POST /linkedin/accounts/:documentId/pages',
      method: 'post',
      path: `/linkedin/accounts/${ids.accountId}/pages`,
      shape: linkedinPagesShape,
      parseBody: parser(connectPagesInput),
    },
    {
      label: 'POST /facebook/accounts/:documentId/pages',
      method: 'post',
      path: `/facebook/accounts/${ids.accountId}/pages`,
      shape: facebookPagesShape,
      parseBody: parser(connectFacebookPagesInput),
    },
    {
      label: 'POST /instagram/accounts/:documentId/pages',
      method: 'post',
      path: `/instagram/accounts/${ids.accountId}/pages`,
      shape: instagramAccountsShape,
      parseBody: parser(connectInstagramAccountsInput),
    },
    { label: 'POST /lint', method: 'post', path: '/lint', shape: lintShape, parseBody: parser(lintInput) },
    { label: 'POST /post-plans', method: 'post', path: '/post-plans', shape: planShape, parseBody: parser(postPlanInput) },
    { label: 'PUT /post-plans/:id', method: 'put', path: `/post-plans/${ids.planId}`, shape: planShape, parseBody: parser(postPlanInput) },
    {
      label: 'POST /post-plans/:id/send_back',
      method: 'post',
      path: `/post-plans/${ids.planId}/send_back`,
      shape: commentShape,
      parseBody: parser(transitionInput, true),
    },
    { label: 'PUT /settings', method: 'put', path: '/settings', shape: settingsShape, parseBody: parser(settingsSchema) },
    {
      label: 'POST /entries/share-timeline',
      method: 'post',
      path: '/entries/share-timeline',
      shape: timelineShape,
      parseBody: parser(shareTimelineInput),
    },
    {
      label: 'POST /post-plans/:id/comments',
      method: 'post',
      path: `/post-plans/${ids.planId}/comments`,
      shape: postCommentShape,
      parseBody: parser(commentInput),
    },
    { label: 'POST /post-plans/bulk', method: 'post', path: '/post-plans/bulk', shape: bulkShape, parseBody: parser(planBulkInput) },
    {
      label: 'POST /post-plans/:id/reschedule',
      method: 'post',
      path: `/post-plans/${ids.planId}/reschedule`,
      shape: rescheduleShape,
      parseBody: parser(rescheduleInput),
    },
    { label: 'POST /watch/sources', method: 'post', path: '/watch/sources', shape: sourceShape, parseBody: parser(sourceInput) },
    {
      label: 'PUT /watch/sources/:id',
      method: 'put',
      path: `/watch/sources/${ids.sourceId}`,
      shape: sourceUpdateShape,
      parseBody: parser(sourceUpdate),
    },
    { label: 'POST /watch/sources/test', method: 'post', path: '/watch/sources/test', shape: urlShape, parseBody: parser(urlInput) },
    { label: 'POST /watch/discover', method: 'post', path: '/watch/discover', shape: urlShape, parseBody: parser(urlInput) },
    { label: 'POST /watch/opml/import', method: 'post', path: '/watch/opml/import', shape: opmlShape, parseBody: parser(opmlImport) },
    {
      label: 'POST /watch/items/:id/state',
      method: 'post',
      path: '/watch/items/nosuchitem0000/state',
      shape: stateShape,
      parseBody: parser(stateInput),
    },
    {
      label: 'POST /watch/items/bulk',
      method: 'post',
      path: '/watch/items/bulk',
      shape: itemsBulkShape,
      parseBody: parser(itemsBulkInput),
    },
    {
      label: 'POST /watch/items/:id/curate',
      method: 'post',
      path: '/watch/items/nosuchitem0000/curate',
      shape: curateShape,
      parseBody: parser(curateInput, true),
    },
    { label: 'POST /watch/alerts', method: 'post', path: '/watch/alerts', shape: alertShape, parseBody: parser(alertInput) },
    {
      label: 'PUT /watch/alerts/:id',
      method: 'put',
      path: `/watch/alerts/${ids.alertId}`,
      shape: alertShape,
      parseBody: parser(alertInput),
    },
    { label: 'PUT /publishing/pause', method: 'put', path: '/publishing/pause', shape: pauseShape, parseBody: parser(pauseInput) },
    {
      label: 'POST /publications/:id/mark-published',
      method: 'post',
      path: `/publications/${ids.publicationId}/mark-published`,
      shape: markPublishedShape,
      parseBody: parser(markPublishedInput),
    },
    {
      label: 'POST /reports',
      method: 'post',
      path: '/reports',
      shape: {
        valid: { title: 'April', from: '2031-04-01T00:00:00Z', to: '2031-05-01T00:00:00Z', accountIds: [] },
        required: ['title', 'from', 'to'],
        strings: { title: 200 },
        urls: [],
        enums: ['compare'],
        special: [
          (b) => ({ ...b, from: b.to, to: b.from }),
          (b) => ({ ...b, from: '2029-01-01T00:00:00Z' }),
          (b) => ({ ...b, from: 'yesterday' }),
          (b) => ({ ...b, accountIds: ['Not An Id!'] }),
          (b) => ({ ...b, figures: { current: {} } }),
          // A comparison period: both ends, earlier than the period, real instants.
          (b) => ({ ...b, compareFrom: '2031-03-01T00:00:00Z' }),
          (b) => ({ ...b, compareFrom: '2031-05-01T00:00:00Z', compareTo: '2031-06-01T00:00:00Z' }),
          (b) => ({ ...b, compareFrom: '2031-03-01T00:00:00Z', compareTo: 'last month' }),
          // A year ago: in a real zone, and not beside named dates.
          (b) => ({ ...b, compare: 'yearAgo', timezone: 'Mars/Olympus' }),
          (b) => ({ ...b, compare: 'yearAgo', compareFrom: '2031-03-01T00:00:00Z', compareTo: '2031-04-01T00:00:00Z' }),
          (b) => ({ ...b, compare: 'lastYear' }),
        ],
      },
      parseBody: parser(generateInput),
    },
    {
      label: 'PUT /reports/:id',
      method: 'put',
      path: '/reports/nosuchreport0000',
      shape: {
        valid: { title: 'April', commentary: 'Good month' },
        required: [],
        strings: { title: 200, commentary: 20000 },
        urls: [],
        enums: [],
        special: [(b) => ({ ...b, title: '   ' }), (b) => ({ ...b, status: 'shared' })],
      },
      parseBody: parser(reportUpdate),
    },
    {
      label: 'POST /inbox/saved-replies',
      method: 'post',
      path: '/inbox/saved-replies',
      shape: {
        valid: { name: 'Thanks', language: 'fr', body: 'Merci {author} !' },
        required: ['name', 'body'],
        strings: { name: 120, body: 5000 },
        urls: [],
        enums: [],
        special: [(b) => ({ ...b, language: 'french' }), (b) => ({ ...b, name: '   ' }), (b) => ({ ...b, body: '' })],
      },
      parseBody: parser(savedReplyInput),
    },
    {
      label: 'POST /inbox/items/bulk',
      method: 'post',
      path: '/inbox/items/bulk',
      shape: {
        valid: { ids: ['nosuchitem0000'], status: 'done' },
        required: ['ids', 'status'],
        // As the watch's bulk: wrong types aimed at `ids` could be a valid id list (['a']), so they go to `status`.
        strings: { status: 8 },
        urls: [],
        enums: ['status'],
        special: [
          (b) => ({ ...b, ids: [] }),
          (b) => ({ ...b, ids: ['NOT AN ID'] }),
          (b) => ({ ...b, ids: Array.from({ length: 101 }, (_, i) => `item${i}`) }),
        ],
      },
      parseBody: parser(inboxBulkInput),
    },
    {
      label: 'POST /inbox/items/:id/moderate',
      method: 'post',
      path: '/inbox/items/nosuchitem0000/moderate',
      shape: {
        valid: { action: 'approve' },
        required: ['action'],
        strings: { action: 14 },
        urls: [],
        enums: ['action'],
        special: [(b) => ({ ...b, action: 'delete' }), (b) => ({ ...b, action: 'APPROVE' })],
      },
      parseBody: parser(moderateInput),
    },
    {
      label: 'PUT /inbox/crisis/settings',
      method: 'put',
      path: '/inbox/crisis/settings',
      shape: {
        valid: {
          windowMinutes: 60,
          baselineDays: 7,
          sensitivity: 'medium',
          cooldownMinutes: 120,
          minNegatives: 5,
          minShare: 0.3,
          holdingStatement: { en: 'We are looking into it.', fr: 'Nous regardons.' },
        },
        required: [],
        // Wrong types aimed at a number field could be a valid number (42): they go to the enum, as strings.
        strings: { sensitivity: 6 },
        urls: [],
        enums: ['sensitivity'],
        special: [
          (b) => ({ ...b, windowMinutes: 1 }),
          (b) => ({ ...b, minShare: 1.5 }),
          (b) => ({ ...b, minNegatives: 0 }),
          (b) => ({ ...b, holdingStatement: { en: '', fr: 'x' } }),
        ],
      },
      parseBody: parser(crisisSettingsSchema),
    },
    {
      label: 'POST /inbox/crisis/start',
      method: 'post',
      path: '/inbox/crisis/start',
      shape: {
        valid: { language: 'fr', note: 'Outage' },
        required: [],
        strings: { note: 500 },
        urls: [],
        enums: ['language'],
        special: [],
      },
      parseBody: parser(crisisStartInput),
    },
    {
      label: 'POST /inbox/rules',
      method: 'post',
      path: '/inbox/rules',
      shape: {
        valid: {
          name: 'Refunds',
          enabled: true,
          conditions: { keywords: ['refund'], regex: 'ref(u|o)nd' },
          actions: { tags: ['refund'], priority: 'high' },
        },
        required: ['name', 'conditions', 'actions'],
        strings: { name: 120 },
        urls: [],
        enums: [],
        special: [
          (b) => ({ ...b, conditions: {} }),
          (b) => ({ ...b, actions: {} }),
          (b) => ({ ...b, conditions: { regex: '(\\w)\\1' } }),
          (b) => ({ ...b, conditions: { regex: 'a(?=b)' } }),
          (b) => ({ ...b, conditions: { regex: '(a' } }),
          (b) => ({ ...b, conditions: { regex: 'a'.repeat(201) } }),
          (b) => ({ ...b, conditions: { sources: ['NOT AN ID'] } }),
          (b) => ({ ...b, conditions: { sentiments: ['angry'] } }),
          (b) => ({ ...b, actions: { status: 'done' } }),
          (b) => ({ ...b, actions: { autoReply: { savedReplyIds: [] } } }),
          (b) => ({ ...b, actions: { assignTo: -1 } }),
        ],
      },
      parseBody: parser(ruleInput),
    },
    {
      label: 'PUT /inbox/rules/:id',
      method: 'put',
      path: '/inbox/rules/nosuchrule000000',
      shape: {
        valid: { name: 'Refunds', enabled: false },
        required: [],
        strings: { name: 120 },
        urls: [],
        enums: [],
        special: [(b) => ({ ...b, name: '  ' }), (b) => ({ ...b, conditions: { keywords: [''] } }), (b) => ({ ...b, enabled: 'yes' })],
      },
      parseBody: parser(ruleUpdate),
    },
    {
      label: 'POST /inbox/rules/dry-run',
      method: 'post',
      path: '/inbox/rules/dry-run',
      shape: {
        valid: { conditions: { keywords: ['refund'] } },
        required: ['conditions'],
        strings: {},
        urls: [],
        enums: [],
        special: [(b) => ({ ...b, conditions: {} }), (b) => ({ ...b, conditions: { regex: '(\\w)\\1' } })],
      },
      parseBody: parser(ruleDryRunInput),
    },
  ];
}
