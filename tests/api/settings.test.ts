import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { isServerMessageCode } from '../../shared/core/messages';

/**
 * The plugin's settings over HTTP: defaults on a fresh install, the site's
 * content types to choose from, a round trip, and every refusal naming its field
 * without changing what was stored.
 */
let app: TestApp;
let accountId: string;
const auth = () => bearer(app.token);
const ARTICLE = 'api::article.article';

beforeAll(async () => {
  app = await startApp();
  accountId = (await app.http.post('/community-manager/accounts').set(auth()).send({ network: 'sandbox', name: 'Brand sandbox' })).body.data
    .documentId;
});
afterAll(async () => app?.stop());

const article = (extra: object = {}) => ({ uid: ARTICLE, urlPattern: 'https://example.com/blog/{slug}', ...extra });
const put = (body: object) => app.http.put('/community-manager/settings').set(auth()).send(body);

describe('plugin settings', () => {
  it('starts with approval required and no content type enabled', async () => {
    const res = await app.http.get('/community-manager/settings').set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      approvalRequired: true,
      retimeNeedsReview: false,
      siteUrl: null,
      contentTypes: [],
      siteName: null,
      reportLogoId: null,
      xDailyCap: null,
    });
  });

  it('lists the site’s collection types with their fields and what the mapping detects', async () => {
    const res = await app.http.get('/community-manager/settings/content-types').set(auth());
    expect(res.status).toBe(200);
    const uids = res.body.data.map((ct: { uid: string }) => ct.uid);
    expect(uids).toContain(ARTICLE);
    expect(uids.every((uid: string) => uid.startsWith('api::'))).toBe(true);
    const info = res.body.data.find((ct: { uid: string }) => ct.uid === ARTICLE);
    expect(info).toMatchObject({
      displayName: 'Article',
      draftAndPublish: true,
      detected: { title: 'title', excerpt: 'excerpt', image: 'cover' },
    });
    expect(info.attributes).toEqual(
      expect.arrayContaining([
        { name: 'slug', type: 'uid' },
        { name: 'cover', type: 'media', multiple: false },
      ])
    );
  });

  it('stores a content type with its defaults filled and gives it back as stored', async () => {
    const res = await put({
      approvalRequired: false,
      siteUrl: 'https://example.com',
      contentTypes: [article({ autoShare: { enabled: true, accountIds: [accountId] } })],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.contentTypes[0]).toEqual({
      uid: ARTICLE,
      urlPattern: 'https://example.com/blog/{slug}',
      fields: { title: null, excerpt: null, image: null },
      autoShare: {
        enabled: true,
        mode: 'draft',
        accountIds: [accountId],
        template: '{title}\n\n{excerpt}\n\n{url}',
        delayMinutes: 0,
        timezone: 'UTC',
      },
    });
    expect((await app.http.get('/community-manager/settings').set(auth())).body.data).toEqual(res.body.data);
  });

  it.each([
    [
      'an unknown content type',
      { contentTypes: [article({ uid: 'api::nothing.nothing' })] },
      ['contentTypes', 0, 'uid'],
      'unknown_content_type',
    ],
    [
      'a plugin content type',
      { contentTypes: [article({ uid: 'plugin::community-manager.post-plan' })] },
      ['contentTypes', 0, 'uid'],
      'invalid_format',
    ],
    ['a content type listed twice', { contentTypes: [article(), article()] }, ['contentTypes', 1, 'uid'], 'duplicate'],
    [
      'a URL pattern naming no field',
      { contentTypes: [article({ urlPattern: 'https://example.com/{permalink}' })] },
      ['contentTypes', 0, 'urlPattern'],
      'unknown_attribute',
    ],
    [
      'a URL pattern that is no URL',
      { contentTypes: [article({ urlPattern: 'example.com/{slug}' })] },
      ['contentTypes', 0, 'urlPattern'],
      'invalid_format',
    ],
    [
      'a cover that is not a media field',
      { contentTypes: [article({ fields: { image: 'title' } })] },
      ['contentTypes', 0, 'fields', 'image'],
      'unknown_attribute',
    ],
    [
      'a template placeholder nobody fills',
      { contentTypes: [article({ autoShare: { template: '{title} by {author}' } })] },
      ['contentTypes', 0, 'autoShare', 'template'],
      'custom',
    ],
    [
      'auto-share without accounts',
      { contentTypes: [article({ autoShare: { enabled: true } })] },
      ['contentTypes', 0, 'autoShare', 'accountIds'],
      'no_account',
    ],
    [
      'auto-share to a missing account',
      { contentTypes: [article({ autoShare: { accountIds: ['nosuchaccount'] } })] },
      ['contentTypes', 0, 'autoShare', 'accountIds', 0],
      'not_found',
    ],
    [
      'a time zone that does not exist',
      { contentTypes: [article({ autoShare: { timezone: 'Mars/Olympus' } })] },
      ['contentTypes', 0, 'autoShare', 'timezone'],
      'custom',
    ],
    [
      'a negative delay',
      { contentTypes: [article({ autoShare: { delayMinutes: -5 } })] },
      ['contentTypes', 0, 'autoShare', 'delayMinutes'],
      'too_small',
    ],
    ['an unknown setting', { approvalRequired: true, color: 'red' }, [], 'unrecognized_keys'],
  ])('refuses %s with 400 naming the field, and keeps what was stored', async (_, body, path, code) => {
    const before = (await app.http.get('/community-manager/settings').set(auth())).body.data;
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path, code });
    // …and a message code the admin translates, for the field and for the notification.
    expect(isServerMessageCode(res.body.error.details.errors[0].messageId)).toBe(true);
    expect(isServerMessageCode(res.body.error.details.messageId)).toBe(true);
    expect((await app.http.get('/community-manager/settings').set(auth())).body.data).toEqual(before);
  });
});

describe('the workflow reads the settings on every write', () => {
  const nextYear = new Date().getUTCFullYear() + 1;
  const newDraft = async () =>
    (
      await app.http
        .post('/community-manager/post-plans')
        .set(auth())
        .send({
          title: 'Settings test',
          body: 'Hello',
          accountIds: [accountId],
          schedule: { local: `${nextYear}-04-04T10:00`, timezone: 'Europe/Paris' },
        })
    ).body.data.documentId as string;

  it('lets a draft be scheduled directly when approval is not required, and refuses it when it is', async () => {
    await put({ approvalRequired: false });
    const direct = await app.http
      .post(`/community-manager/post-plans/${await newDraft()}/schedule`)
      .set(auth())
      .send({});
    expect(direct.status).toBe(200);
    expect(direct.body.data.status).toBe('scheduled');

    await put({ approvalRequired: true });
    const refused = await app.http
      .post(`/community-manager/post-plans/${await newDraft()}/schedule`)
      .set(auth())
      .send({});
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.code).toBe('approval_required');
  });
});

describe('the article panel’s view of the settings', () => {
  it('says whether a type has the panel, and nothing else of the settings', async () => {
    await put({ siteUrl: 'https://example.com', contentTypes: [article()] });
    const enabled = await app.http.get(`/community-manager/entries/config?uid=${ARTICLE}`).set(auth());
    expect(enabled.body.data).toEqual({
      enabled: true,
      autoShare: false,
      accounts: [{ documentId: accountId, name: 'Brand sandbox', network: 'sandbox' }],
    });
    await put({ contentTypes: [] });
    const disabled = await app.http.get(`/community-manager/entries/config?uid=${ARTICLE}`).set(auth());
    expect(disabled.body.data).toEqual({ enabled: false, autoShare: false, accounts: [] });
  });
});

describe('a sign-in’s options in Settings', () => {
  const save = (body: object) => app.http.put('/community-manager/oauth/apps/facebook').set(auth()).send(body);

  it('saves the Graph API version, refuses what is not one with its field, and the Facebook sign-in calls it', async () => {
    for (const [options, messageId, message] of [
      [{ graphVersion: '24' }, 'oauth_api_version', 'An API version such as v24.0'],
      [{ graphVersion: 'https://graph.facebook.com/v24.0' }, 'oauth_api_version', 'An API version such as v24.0'],
      // An address option does not take a version: each is checked by what its name holds.
      [{ apiUrl: 'v25.0' }, 'oauth_option_url', 'Must be a web address such as https://example.com'],
    ] as const) {
      const refused = await save({ options });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.errors[0]).toMatchObject({ path: ['options', Object.keys(options)[0]], messageId, message });
    }
    const saved = await save({ clientId: 'meta-app-id', options: { graphVersion: ' v25.0 ' } });
    expect(saved.status).toBe(200);
    expect(saved.body.data.options.graphVersion).toEqual({ value: 'v25.0', source: 'settings', env: 'CM_OAUTH_FACEBOOK_GRAPH_VERSION' });
    // Used by the next sign-in: Facebook Login's consent page is under that version (the callback stores it on the account).
    const start = await app.http.post('/community-manager/oauth/facebook/authorize').set(auth()).send({ name: 'Versioned page' });
    expect(start.status).toBe(200);
    expect(new URL(start.body.data.url).pathname).toBe('/v25.0/dialog/oauth');
    const removed = await save({ clientId: null, options: { graphVersion: null } });
    expect(removed.body.data.options.graphVersion).toMatchObject({ value: null, source: null });
  });

  it('a new Graph API version reaches the accounts already connected through that sign-in, not the others', async () => {
    const accounts = app.strapi.db.query('plugin::community-manager.social-account');
    const make = (name: string, network: string, settings: object) =>
      accounts.create({ data: { documentId: `graph-${name}`, name, network, status: 'connected', settings } });
    await make('page', 'facebook', { oauth: true, page: '101', graphVersion: 'v24.0' });
    await make('by-instagram-login', 'instagram', { oauth: true, signIn: 'instagram-login', graphVersion: 'v24.0' });
    const settingsOf = async (name: string) =>
      ((await accounts.findOne({ where: { documentId: `graph-${name}` }, select: ['settings'] })) as { settings: Record<string, unknown> })
        .settings;
    expect((await save({ options: { graphVersion: 'v25.0' } })).status).toBe(200);
    expect(await settingsOf('page')).toEqual({ oauth: true, page: '101', graphVersion: 'v25.0' });
    // Instagram Login is another sign-in, with its own version.
    expect((await settingsOf('by-instagram-login')).graphVersion).toBe('v24.0');
    // Unset: the adapter's default version, for that sign-in's accounts.
    await save({ options: { graphVersion: null } });
    expect(await settingsOf('page')).toEqual({ oauth: true, page: '101' });
    await accounts.deleteMany({ where: { documentId: { $startsWith: 'graph-' } } });
  });
});
