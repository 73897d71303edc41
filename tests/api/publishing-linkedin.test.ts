import vm from 'node:vm';
import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startFakeLinkedIn, type FakeLinkedIn } from '../fakes/linkedin';
import { publicationsOf, schedulePlan, snapshotsOf, tickAt, tickDueThenLater, uploadFile } from '../helpers/publishing';
import { PNG } from '../helpers/images';

/**
 * A LinkedIn page end to end, against a local LinkedIn (tests/fakes/linkedin.ts):
 * signed in through the OAuth core over HTTP (the browser played by hand, as
 * in oauth.test.ts), then a scheduled post with an image, its alt text and a
 * first comment, published exactly once. One Strapi boot for the file.
 */
let app: TestApp;
let linkedin: FakeLinkedIn;
let accountId: string;
/** every answer this suite received: no token may be in one */
const seen: string[] = [];
const year = new Date().getUTCFullYear() + 1;
/** When the reports collect in this file: a day after the posts of 2 April. */
const COLLECTED_AT = Date.UTC(year, 3, 3, 12);
/** Strapi reads Node's own process.env, not jest's copy (tests/helpers/strapi.ts). */
const strapiEnv = (vm.runInThisContext('process') as NodeJS.Process).env;

beforeAll(async () => {
  linkedin = await startFakeLinkedIn();
  app = await startApp({
    CM_SCHEDULER_ENABLED: 'false',
    CM_OAUTH_LINKEDIN_CLIENT_ID: linkedin.clientId,
    CM_OAUTH_LINKEDIN_CLIENT_SECRET: linkedin.clientSecret,
    CM_OAUTH_LINKEDIN_AUTHORIZE_URL: `${linkedin.url}/oauth/v2/authorization`,
    CM_OAUTH_LINKEDIN_TOKEN_URL: `${linkedin.url}/oauth/v2/accessToken`,
    CM_OAUTH_LINKEDIN_API_BASE_URL: linkedin.url,
  });
});
afterAll(async () => {
  delete strapiEnv.CM_OAUTH_LINKEDIN_VERSION;
  await app?.stop();
  await linkedin?.stop();
});

async function api(method: 'get' | 'post', path: string, body?: object) {
  const req = app.http[method](`/community-manager${path}`).set(bearer(app.token));
  const res = body ? await req.send(body) : await req;
  seen.push(JSON.stringify(res.body), JSON.stringify(res.headers));
  return res;
}

/** "Sign in with LinkedIn" over HTTP: the authorize call, LinkedIn's consent page, the callback; the account's id. */
async function signIn(name: string): Promise<string> {
  const start = await api('post', '/oauth/linkedin/authorize', { name });
  const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cm_oauth='))!.split(';')[0];
  const consent = await fetch(new URL(start.body.data.url as string), { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  const landing = await app.http.get(`${callback.pathname}${callback.search}`).set('Cookie', cookie);
  seen.push(JSON.stringify(landing.headers));
  const back = new URL(landing.headers.location, app.url);
  expect(back.searchParams.get('oauth')).toBe('connected');
  return back.searchParams.get('account')!;
}

/** The refresh grants LinkedIn's token endpoint received. */
const refreshGrants = () =>
  linkedin.requests.filter((r) => r.path === '/oauth/v2/accessToken' && new URLSearchParams(r.body).get('grant_type') === 'refresh_token');

type Reports = { collect(): Promise<Record<string, number>>; useClock(fn: (() => number) | null): void };
/** One collection pass of the reports, its clock at `at` (posts are tracked from their publication on, for a month). */
async function collectAt(at: number) {
  const reports = app.strapi.plugin('community-manager').service('reports') as unknown as Reports;
  try {
    reports.useClock(() => at);
    return await reports.collect();
  } finally {
    reports.useClock(null);
  }
}

describe('a LinkedIn page', () => {
  it('connects by signing in with LinkedIn: the first page the member administers, its token end date stored', async () => {
    expect((await api('get', '/oauth/networks')).body.data).toContainEqual({ network: 'linkedin' });
    const start = await api('post', '/oauth/linkedin/authorize', { name: 'Acme on LinkedIn' });
    expect(start.status).toBe(200);
    const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cm_oauth='))!.split(';')[0];
    const url = new URL(start.body.data.url as string);
    expect(url.origin + url.pathname).toBe(`${linkedin.url}/oauth/v2/authorization`);
    expect(url.searchParams.get('scope')).toBe('r_organization_social w_organization_social rw_organization_admin');

    const consent = await fetch(url, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location')!);
    const landing = await app.http.get(`${callback.pathname}${callback.search}`).set('Cookie', cookie);
    seen.push(JSON.stringify(landing.headers));
    const back = new URL(landing.headers.location, app.url);
    expect(back.searchParams.get('oauth')).toBe('connected');
    accountId = back.searchParams.get('account')!;

    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account).toMatchObject({
      network: 'linkedin',
      name: 'Acme on LinkedIn',
      status: 'connected',
      handle: 'acme-corp',
      displayName: 'Acme Corporation',
    });
    // 60 days and no refresh token (not a partner app): the sign-in ends with the token, and the core warns before.
    expect(Date.parse(account.tokenExpiresAt)).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    const row = await app.strapi.db.query('plugin::community-manager.social-account').findOne({ where: { documentId: accountId } });
    expect(Date.parse(row.oauthGrantEndsAt)).toBe(Date.parse(account.tokenExpiresAt));
    expect(row.oauthRefreshAt).toBeNull();
    expect((await api('post', `/accounts/${accountId}/check`)).body.data).toMatchObject({ status: 'connected', handle: 'acme-corp' });
  });

  it('the page picker lists the member’s other pages; a chosen one becomes its own account, its token sealed apart', async () => {
    const acme = { urn: 'urn:li:organization:2414183', name: 'Acme Corporation', vanityName: 'acme-corp' };
    const labs = { urn: 'urn:li:organization:5515715', name: 'Acme Labs', vanityName: 'acme-labs' };
    const list = await api('get', `/linkedin/accounts/${accountId}/pages`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual({
      accountId,
      pages: [
        { ...acme, profileUrl: 'https://www.linkedin.com/company/acme-corp/', accountId },
        { ...labs, profileUrl: 'https://www.linkedin.com/company/acme-labs/', accountId: null },
      ],
    });

    // Not a page URN, or a page the member does not administer: 400 naming the entry, nothing connected.
    const malformed = await api('post', `/linkedin/accounts/${accountId}/pages`, { urns: ['acme-labs'] });
    expect([malformed.status, malformed.body.error.details.errors[0].path]).toEqual([400, ['urns', 0]]);
    const foreign = await api('post', `/linkedin/accounts/${accountId}/pages`, { urns: [labs.urn, 'urn:li:organization:999'] });
    expect([foreign.status, foreign.body.error.details.errors[0].path]).toEqual([400, ['urns', 1]]);
    expect(foreign.body.error.details.messageId).toBe('linkedin_page_not_administered');
    const accounts = () => app.strapi.db.query('plugin::community-manager.social-account').findMany({ where: { network: 'linkedin' } });
    expect(await accounts()).toHaveLength(1);

    const connected = await api('post', `/linkedin/accounts/${accountId}/pages`, { urns: [labs.urn] });
    expect(connected.status).toBe(200);
    const labsId = connected.body.data.pages[1].accountId as string;
    expect(labsId).toEqual(expect.any(String));
    expect(labsId).not.toBe(accountId);
    // Picking it again renews its token; it never makes a second account.
    expect((await api('post', `/linkedin/accounts/${accountId}/pages`, { urns: [labs.urn] })).body.data.pages[1].accountId).toBe(labsId);
    expect(await accounts()).toHaveLength(2);

    const account = (await api('get', `/accounts/${labsId}`)).body.data;
    const signIn = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account).toMatchObject({ network: 'linkedin', name: 'Acme Labs', status: 'connected', handle: 'acme-labs' });
    expect(account.tokenExpiresAt).toBe(signIn.tokenExpiresAt);
    // The same member's token, sealed under each account's own key.
    const rows = await accounts();
    const [a, b] = [rows.find((r) => r.documentId === accountId)!, rows.find((r) => r.documentId === labsId)!];
    expect(a.vaultKey).not.toBe(b.vaultKey);
    expect(a.credentials).not.toBe(b.credentials);
    expect(String(b.credentials)).not.toContain('li-at-');
    expect((await api('post', `/accounts/${labsId}/check`)).body.data).toMatchObject({ status: 'connected', handle: 'acme-labs' });

    // It publishes as its own page.
    const plan = await schedulePlan(app, [labsId], { body: 'From the lab', local: `${year}-04-01T09:00` });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('published');
    expect(linkedin.posts.find((p) => p.commentary === 'From the lab')?.author).toBe(labs.urn);
  });

  it('one page whose lookup LinkedIn refuses is listed as not available, with why; the others still load and connect', async () => {
    const ventures = { id: 6616616, name: 'Acme Ventures', vanityName: 'acme-ventures' };
    const urn = `urn:li:organization:${ventures.id}`;
    const accounts = () => app.strapi.db.query('plugin::community-manager.social-account').findMany({ where: { network: 'linkedin' } });
    linkedin.options.pages.push(ventures);
    try {
      linkedin.options.organizationErrors[ventures.id] = {
        status: 403,
        code: 'ACCESS_DENIED',
        message: 'Not enough permissions to access: organizations.GET.20261001',
      };
      const list = await api('get', `/linkedin/accounts/${accountId}/pages`);
      expect(list.status).toBe(200);
      const pages = list.body.data.pages as Array<{ urn: string; name: string; unavailable?: unknown }>;
      expect(pages.map((p) => p.urn)).toEqual(['urn:li:organization:2414183', 'urn:li:organization:5515715', urn]);
      expect(pages.filter((p) => p.unavailable === undefined).map((p) => p.name)).toEqual(['Acme Corporation', 'Acme Labs']);
      expect(pages[2]).toEqual({
        urn,
        name: `LinkedIn page ${ventures.id}`,
        vanityName: null,
        profileUrl: `https://www.linkedin.com/company/${ventures.id}/`,
        accountId: null,
        unavailable: {
          messageId: 'linkedin_page_unavailable',
          params: { message: 'organization: Not enough permissions to access: organizations.GET.20261001' },
          message:
            'Not available: LinkedIn did not give this page’s details (organization: Not enough permissions to access: organizations.GET.20261001)',
        },
      });
      // Not connectable: refused at its place in the list, nothing connected (not even the page beside it).
      const before = (await accounts()).length;
      const refused = await api('post', `/linkedin/accounts/${accountId}/pages`, { urns: ['urn:li:organization:5515715', urn] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject({ code: 'unavailable', messageId: 'linkedin_page_unavailable' });
      expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['urns', 1], code: 'unavailable' })]);
      expect(await accounts()).toHaveLength(before);

      // A 500 for that page: the same; the others still connect (Labs, its account renewed).
      linkedin.options.organizationErrors[ventures.id] = { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error' };
      const connected = await api('post', `/linkedin/accounts/${accountId}/pages`, { urns: ['urn:li:organization:5515715'] });
      expect(connected.status).toBe(200);
      expect(connected.body.data.pages[1].accountId).toEqual(expect.any(String));
      expect(connected.body.data.pages[2]).toMatchObject({ accountId: null, unavailable: { messageId: 'linkedin_page_unavailable' } });
      expect(await accounts()).toHaveLength(before);

      // Once LinkedIn answers for it again, it is listed as any other.
      linkedin.options.organizationErrors = {};
      const again = (await api('get', `/linkedin/accounts/${accountId}/pages`)).body.data.pages;
      expect(again[2]).toEqual({
        urn,
        name: ventures.name,
        vanityName: ventures.vanityName,
        profileUrl: expect.any(String),
        accountId: null,
      });
    } finally {
      linkedin.options.organizationErrors = {};
      linkedin.options.pages.pop();
    }
  });

  it('the account form cannot add one: LinkedIn pages sign in', async () => {
    const res = await api('post', '/accounts', { network: 'linkedin', name: 'By hand' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['network']);
  });

  it('publishes a scheduled post with its image, alt text and first comment, exactly once', async () => {
    const upload = await uploadFile(app, PNG, 'kite.png', 'image/png');
    const plan = await schedulePlan(app, [accountId], {
      body: 'Our new office (finally) #Opening',
      firstComment: 'Directions: https://example.com/office',
      local: `${year}-04-02T09:00`,
      more: { media: [{ id: upload.id, alt: 'A red kite over the new office' }] },
    });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    const posts = linkedin.posts.filter((p) => p.commentary.startsWith('Our new office'));
    expect(posts).toHaveLength(1);
    expect(row).toMatchObject({
      state: 'published',
      externalId: posts[0].id,
      externalUrl: `https://www.linkedin.com/feed/update/${posts[0].id}/`,
    });
    expect(posts[0].commentary).toBe('Our new office \\(finally\\) {hashtag|\\#|Opening}');
    const image = linkedin.images.get(posts[0].content!.media!.id)!;
    expect(posts[0].content!.media!.altText).toBe('A red kite over the new office');
    expect(image).toMatchObject({ status: 'AVAILABLE', owner: 'urn:li:organization:2414183' });
    expect(image.bytes).toBeGreaterThan(0);
    expect(linkedin.comments.filter((c) => c.object === posts[0].id).map((c) => c.text)).toEqual([
      'Directions: https://example.com/office',
    ]);
    expect(row.history.map((h) => h.event)).toContain('first_comment');

    // Later passes find nothing more to send.
    await tickAt(app, due + 60_000);
    await tickAt(app, due + 600_000);
    expect(linkedin.posts.filter((p) => p.commentary.startsWith('Our new office'))).toHaveLength(1);
    expect(linkedin.comments.filter((c) => c.object === posts[0].id)).toHaveLength(1);
  });

  it('a PDF from the media library goes out as a document carousel, titled with its alt text', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const upload = await uploadFile(app, pdf, 'season-deck.pdf', 'application/pdf');
    const plan = await schedulePlan(app, [accountId], {
      body: 'The season in ten slides',
      local: `${year}-04-02T11:00`,
      more: { media: [{ id: upload.id, alt: 'Our 2027 season' }] },
    });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    const post = linkedin.posts.find((p) => p.commentary === 'The season in ten slides')!;
    expect(row).toMatchObject({ state: 'published', externalId: post.id });
    expect(post.content!.media).toEqual({ id: expect.stringMatching(/^urn:li:document:/), title: 'Our 2027 season' });
    expect(linkedin.documents.get(post.content!.media!.id)).toMatchObject({ status: 'AVAILABLE', bytes: pdf.length });
  });

  it('a video LinkedIn is still processing when due fails once with the reason stored, its checks bounded by the lease', async () => {
    const upload = await uploadFile(app, Buffer.from('not really an mp4, LinkedIn only counts the bytes'), 'tour.mp4', 'video/mp4');
    // LinkedIn keeps it PROCESSING far longer than the wait allowed; a 4 s lease leaves 3 s for that wait (not 90 s).
    const setLease = (ms: number) => app.strapi.config.set('plugin::community-manager.publishing.leaseMs', ms);
    const lease = app.strapi.config.get('plugin::community-manager.publishing.leaseMs') as number;
    linkedin.options.processingPolls = 10_000;
    setLease(4_000);
    try {
      const plan = await schedulePlan(app, [accountId], {
        body: 'A tour of the workshop',
        local: `${year}-04-02T15:00`,
        more: { media: [{ id: upload.id, alt: 'The workshop' }] },
      });
      const before = new Set(linkedin.videos.keys());
      // Later passes neither upload it again nor poll it again: failed is final until a person retries.
      const { row, elapsed } = await tickDueThenLater(app, plan);
      expect(row).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'media_processing_timeout' } });
      expect(row.error!.message).toMatch(
        /^tour\.mp4: LinkedIn was still processing the video after \d+ s \(3 checks\); the post was not sent/
      );
      const uploaded = [...linkedin.videos.entries()].filter(([id]) => !before.has(id)).map(([, v]) => v);
      expect(uploaded).toHaveLength(1);
      expect(uploaded[0]).toMatchObject({ status: 'PROCESSING', polls: 3 });
      expect(linkedin.posts.filter((p) => p.commentary === 'A tour of the workshop')).toHaveLength(0);
      expect(elapsed).toBeGreaterThanOrEqual(1_500);
      expect(elapsed).toBeLessThan(4_000);
    } finally {
      setLease(lease);
      linkedin.options.processingPolls = 1;
    }
  });

  it('a retired LinkedIn-Version fails the post once, with the setting to change, not a retry loop', async () => {
    strapiEnv.CM_OAUTH_LINKEDIN_VERSION = '202401';
    try {
      const plan = await schedulePlan(app, [accountId], { body: 'Sent with an old version', local: `${year}-04-03T09:00` });
      const due = Date.parse(plan.scheduledAt);
      const before = linkedin.rest().length;
      await tickAt(app, due + 1);
      await tickAt(app, due + 3_600_000);
      const [row] = await publicationsOf(app, plan.documentId);
      expect(row).toMatchObject({ state: 'failed', error: { code: 'linkedin_version_retired' } });
      expect(row.error!.message).toContain('CM_OAUTH_LINKEDIN_VERSION');
      expect(linkedin.rest().length - before).toBe(1);
    } finally {
      delete strapiEnv.CM_OAUTH_LINKEDIN_VERSION;
    }
  });

  it('a token LinkedIn no longer takes holds the post and asks for a new sign-in, not a hand-made token', async () => {
    linkedin.expireTokens();
    const plan = await schedulePlan(app, [accountId], { body: 'Sent after the token ended', local: `${year}-04-04T09:00` });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('held');
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account).toMatchObject({ status: 'needs_reauth', statusCode: 'oauth_grant_refused' });
    expect(JSON.stringify(account)).not.toContain('write:statuses');
  });

  it('a partner app: a comment read into the inbox and answered, figures collected; each path renews an expired token once', async () => {
    // A partner app's sign-in holds a refresh token (365 days from the first sign-in): the same page, signed in again.
    linkedin.options.partner = true;
    expect(await signIn('Acme on LinkedIn')).toBe(accountId);
    const post = linkedin.posts.find((p) => p.commentary.startsWith('Our new office'))!;
    const question = linkedin.addComment(post.id, 'urn:li:person:ada', 'Is there parking?');
    const grants = refreshGrants().length;

    // The token ended before the refresh job renewed it: the inbox's pass renews it once and reads on.
    linkedin.expireTokens();
    const polled = await api('post', '/inbox/poll');
    expect(polled.status).toBe(200);
    expect(refreshGrants().length - grants).toBe(1);
    const items = (await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>;
    const item = items.find((i) => i.externalId === question)!;
    expect(item).toMatchObject({ kind: 'reply', source: accountId, text: 'Is there parking?', can: { reply: true, hide: false } });

    // Answered from the inbox with a token that ended meanwhile: renewed once, the reply made once, as the page.
    linkedin.expireTokens();
    const replyCalls = () =>
      linkedin.requests.filter((r) => r.method === 'POST' && r.path === `/rest/socialActions/${encodeURIComponent(question)}/comments`);
    const sent = await api('post', `/inbox/items/${item.documentId as string}/reply`, { text: 'Yes, behind the building' });
    expect(sent.status).toBe(200);
    expect(refreshGrants().length - grants).toBe(2);
    expect(replyCalls()).toHaveLength(2);
    expect(linkedin.comments.filter((c) => c.parentComment === question).map((c) => [c.actor, c.text])).toEqual([
      ['urn:li:organization:2414183', 'Yes, behind the building'],
    ]);
    // Our answer is not read back as a comment to handle.
    expect((await api('post', '/inbox/poll')).body.data.created).toBe(0);

    // The figures: organic statistics per post and the page's followers, the token renewed once on the way.
    linkedin.statistics.set(post.id, {
      impressionCount: 900,
      uniqueImpressionsCount: 700,
      clickCount: 40,
      likeCount: 25,
      commentCount: 3,
      shareCount: 2,
    });
    linkedin.followers = 4321;
    linkedin.expireTokens();
    // A day after the two posts of 2 April went out (the page's; Labs waits for a new sign-in of its own).
    expect(await collectAt(COLLECTED_AT)).toMatchObject({ posts: 2, accounts: 1, failed: 0 });
    expect(refreshGrants().length - grants).toBe(3);
    const snapshots = await snapshotsOf(app, post.id, accountId);
    expect(snapshots.post).toMatchObject({ impressions: 900, reach: 700, clicks: 40, likes: 25, replies: 3, reposts: 2 });
    expect(snapshots.account).toMatchObject({ followers: 4321 });
    expect((await api('get', `/accounts/${accountId}`)).body.data.status).toBe('connected');
  });

  it('a partner app: a post with an image whose token ended is renewed once and published once', async () => {
    const upload = await uploadFile(app, PNG, 'renewed.png', 'image/png');
    const plan = await schedulePlan(app, [accountId], {
      body: 'Sent with a renewed token',
      local: `${year}-04-05T09:00`,
      more: { media: [{ id: upload.id, alt: 'The office at night' }] },
    });
    const grants = refreshGrants().length;
    const registrations = () => linkedin.requests.filter((r) => r.path === '/rest/images?action=initializeUpload').length;
    const before = registrations();
    linkedin.expireTokens();
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    const posts = linkedin.posts.filter((p) => p.commentary === 'Sent with a renewed token');
    expect(posts).toHaveLength(1);
    expect(row).toMatchObject({ state: 'published', externalId: posts[0].id });
    // The first call (the image's registration) was refused and sent again once with the renewed token.
    expect(refreshGrants().length - grants).toBe(1);
    expect(registrations() - before).toBe(2);
    expect(linkedin.images.get(posts[0].content!.media!.id)).toMatchObject({ status: 'AVAILABLE' });
    expect((await api('get', `/accounts/${accountId}`)).body.data.status).toBe('connected');
  });

  it('the member removed the app: a reply and a collection each ask one refresh, refused; a new sign-in is asked, nothing loops', async () => {
    const item = ((await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>).find(
      (i) => i.text === 'Is there parking?'
    )!;
    const grants = refreshGrants().length;
    linkedin.revokeAll();
    let calls = linkedin.rest().length;
    const sent = await api('post', `/inbox/items/${item.documentId as string}/reply`, { text: 'And bikes at the front' });
    expect([sent.status, sent.body.error.details.code]).toEqual([502, 'reply_failed']);
    expect(refreshGrants().length - grants).toBe(1);
    expect(linkedin.rest().length - calls).toBe(1);
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account).toMatchObject({ status: 'needs_reauth' });
    expect(account.statusReason).toContain('The provided refresh token is invalid or expired');
    expect(linkedin.comments.filter((c) => c.text === 'And bikes at the front')).toHaveLength(0);
    // Waiting for a person: the inbox reads nothing from it meanwhile.
    calls = linkedin.rest().length;
    await api('post', '/inbox/poll');
    expect(linkedin.rest().length).toBe(calls);

    // Signed in again, then removed again: the collection asks one refresh, refused, and stops there.
    expect(await signIn('Acme on LinkedIn')).toBe(accountId);
    linkedin.revokeAll();
    calls = linkedin.rest().length;
    // The page's own figures are due again a day later (its posts' next age is further ahead).
    const after = COLLECTED_AT + 25 * 3_600_000;
    expect(await collectAt(after)).toMatchObject({ accounts: 0, failed: 1 });
    expect(refreshGrants().length - grants).toBe(2);
    expect(linkedin.rest().length - calls).toBe(1);
    expect((await api('get', `/accounts/${accountId}`)).body.data.status).toBe('needs_reauth');
    expect(await collectAt(after + 3 * 3_600_000)).toMatchObject({ accounts: 0, failed: 0 });
    expect(linkedin.rest().length - calls).toBe(1);
    linkedin.options.partner = false;
  });

  it('no answer ever held a token or the client secret', () => {
    const all = seen.join('\n');
    for (const secret of [...linkedin.issuedAccessTokens, linkedin.clientSecret]) expect(all).not.toContain(secret);
  });
});
