import { guardedFetch } from '../../server/core/http/guarded-fetch';
import type { AdapterContext, NetworkFetch, PostContent } from '../../server/networks/types';
import { NetworkError } from '../../server/networks/errors';
import { linkedin } from '../../server/networks/linkedin';
import { littleText, plainText, VERSION_ENV } from '../../server/networks/linkedin/api';
import { authorizationUrl, exchangeCode, refreshTokens } from '../../server/core/oauth/tokens';
import { startFakeLinkedIn, type FakeLinkedIn } from '../fakes/linkedin';

/**
 * The LinkedIn adapter against a local LinkedIn that follows the documented
 * contract (tests/fakes/linkedin.ts): sign-in, the pages a member
 * administers, publishing with images, first comment, the error kinds, and
 * reconciliation after an unknown outcome.
 */
let fake: FakeLinkedIn;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });
const provider = () =>
  linkedin.auth.oauth!.provider({
    options: { apiBaseUrl: fake.url, authorizeUrl: `${fake.url}/oauth/v2/authorization`, tokenUrl: `${fake.url}/oauth/v2/accessToken` },
  })!;
const app = () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret });
const REDIRECT = 'https://cms.example.com/api/community-manager/oauth/callback';

/** The browser's trip through the consent page: the code LinkedIn hands back. */
async function signIn() {
  const url = new URL(authorizationUrl(provider(), app(), REDIRECT, 'state-1', null));
  const res = await globalThis.fetch(url, { redirect: 'manual' });
  const back = new URL(res.headers.get('location')!);
  return exchangeCode({ provider: provider(), app: app(), fetch, now: Date.now }, back.searchParams.get('code')!, REDIRECT, null);
}

let accessToken: string;
function ctx(overrides: Partial<AdapterContext['account']> = {}): AdapterContext {
  return {
    account: {
      documentId: 'acc1',
      network: 'linkedin',
      instanceUrl: fake.url,
      networkAccountId: 'urn:li:organization:2414183',
      handle: 'acme-corp',
      settings: { organization: 'urn:li:organization:2414183' },
      limits: null,
      ...overrides,
    },
    secrets: { accessToken },
    saveSecrets: async () => undefined,
    fetch,
    now: Date.now,
    publicationId: 'pub1',
  };
}
const png = (name: string, alt = ''): PostContent['media'][number] => ({
  mime: 'image/png',
  alt,
  filename: name,
  bytes: Buffer.from(`PNG-${name}`),
});
const post = (text: string, media: PostContent['media'] = []): PostContent => ({ text, firstComment: null, media });

async function failure(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NetworkError) return err;
    throw err;
  }
  throw new Error('expected a NetworkError');
}

beforeAll(async () => {
  fake = await startFakeLinkedIn();
  accessToken = (await signIn()).accessToken;
});
afterAll(() => fake.stop());
afterEach(() => {
  delete process.env[VERSION_ENV];
  fake.options.processingPolls = 1;
});

describe('sign in with LinkedIn', () => {
  it('asks for the organization scopes, without PKCE, and sends the client secret in the body', async () => {
    const url = new URL(authorizationUrl(provider(), app(), REDIRECT, 'state-1', null));
    expect(url.origin + url.pathname).toBe(`${fake.url}/oauth/v2/authorization`);
    expect(url.searchParams.get('scope')!.split(' ').sort()).toEqual([
      'r_organization_social',
      'rw_organization_admin',
      'w_organization_social',
    ]);
    expect(url.searchParams.has('code_challenge')).toBe(false);
    const before = fake.requests.length;
    const tokens = await signIn();
    const exchange = fake.requests.slice(before).find((r) => r.path === '/oauth/v2/accessToken')!;
    expect(new URLSearchParams(exchange.body).get('client_secret')).toBe(fake.clientSecret);
    expect(exchange.headers.authorization).toBeUndefined();
    // 60 days, no refresh token for an app outside the partner programme: the core warns before this date.
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.expiresAt! - Date.now()).toBeGreaterThan(59 * 86_400_000);
  });

  it('a partner app gets a refresh token whose end does not move when it is used', async () => {
    fake.options.partner = true;
    try {
      const first = await signIn();
      expect(first.refreshToken).toBeTruthy();
      expect(first.refreshExpiresAt! - Date.now()).toBeGreaterThan(364 * 86_400_000);
      const again = await refreshTokens({ provider: provider(), app: app(), fetch, now: Date.now }, first.refreshToken!);
      expect(again.accessToken).not.toBe(first.accessToken);
      expect(Math.abs(again.refreshExpiresAt! - first.refreshExpiresAt!)).toBeLessThan(2000);
    } finally {
      fake.options.partner = false;
    }
  });

  it('the account is a page the member administers, the others listed for the picker', async () => {
    const account = await provider().readAccount({ tokens: { accessToken } as never, fetch });
    expect(account).toMatchObject({
      networkAccountId: 'urn:li:organization:2414183',
      handle: 'acme-corp',
      displayName: 'Acme Corporation',
      profileUrl: 'https://www.linkedin.com/company/acme-corp/',
      instanceUrl: fake.url,
      settings: {
        organization: 'urn:li:organization:2414183',
        pages: [
          { urn: 'urn:li:organization:2414183', name: 'Acme Corporation' },
          { urn: 'urn:li:organization:5515715', name: 'Acme Labs' },
        ],
      },
    });
    const acl = fake.rest().find((r) => r.path.startsWith('/rest/organizationAcls'))!;
    const q = new URL(acl.path, 'http://x').searchParams;
    expect([q.get('q'), q.get('role'), q.get('state')]).toEqual(['roleAssignee', 'ADMINISTRATOR', 'APPROVED']);
  });

  it('a member who administers no page cannot connect one', async () => {
    const pages = fake.options.pages;
    fake.options.pages = [];
    try {
      expect((await failure(provider().readAccount({ tokens: { accessToken } as never, fetch }))).code).toBe('linkedin_no_page');
    } finally {
      fake.options.pages = pages;
    }
  });

  it('the connection check keeps the page, and says when the member no longer administers it', async () => {
    const args = { instanceUrl: fake.url, settings: { organization: 'urn:li:organization:2414183' }, secrets: { accessToken }, fetch };
    expect(await linkedin.auth.check(args)).toMatchObject({
      status: 'connected',
      profile: { networkAccountId: 'urn:li:organization:2414183' },
    });
    const gone = await linkedin.auth.check({ ...args, settings: { organization: 'urn:li:organization:1' } });
    expect(gone).toMatchObject({ status: 'needs_reauth', reason: { code: 'oauth_grant_refused' } });
    expect((await linkedin.auth.check({ ...args, secrets: { accessToken: 'nope' } })).status).toBe('needs_reauth');
  });
});

describe('publishing to a LinkedIn page', () => {
  it('posts text with the version headers; the URN comes from x-restli-id, with its permalink', async () => {
    const before = fake.rest().length;
    const result = await linkedin.publish.publish(ctx(), post('Launch day (at last) #NewRelease @team'), 'a1');
    expect(result.externalId).toMatch(/^urn:li:share:\d+$/);
    expect(result.url).toBe(`https://www.linkedin.com/feed/update/${result.externalId}/`);
    const stored = fake.posts.find((p) => p.id === result.externalId)!;
    expect(stored.author).toBe('urn:li:organization:2414183');
    // Little text: reserved characters escaped, the hashtag as LinkedIn's template.
    expect(stored.commentary).toBe('Launch day \\(at last\\) {hashtag|\\#|NewRelease} \\@team');
    expect(stored.raw).toMatchObject({
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
      distribution: { feedDistribution: 'MAIN_FEED' },
    });
    for (const r of fake.rest().slice(before)) {
      expect(r.headers['linkedin-version']).toBe('202610');
      expect(r.headers['x-restli-protocol-version']).toBe('2.0.0');
    }
  });

  it('an image is registered, uploaded, waited for until AVAILABLE, and posted with its alt text', async () => {
    fake.options.processingPolls = 2;
    const result = await linkedin.publish.publish(ctx(), post('With a picture', [png('a.png', 'A red kite over the dunes')]), 'a2');
    const stored = fake.posts.find((p) => p.id === result.externalId)!;
    const imageUrn = stored.content!.media!.id;
    expect(stored.content!.media!.altText).toBe('A red kite over the dunes');
    expect(fake.images.get(imageUrn)).toMatchObject({
      status: 'AVAILABLE',
      bytes: 'PNG-a.png'.length,
      owner: 'urn:li:organization:2414183',
    });
    const polls = fake.rest().filter((r) => r.method === 'GET' && r.path === `/rest/images/${encodeURIComponent(imageUrn)}`);
    expect(polls.length).toBe(3);
  });

  it('several images go out as a multiImage post, each with its alt text', async () => {
    const result = await linkedin.publish.publish(ctx(), post('Two', [png('b.png', 'First'), png('c.png', 'Second')]), 'a3');
    const images = fake.posts.find((p) => p.id === result.externalId)!.content!.multiImage!.images;
    expect(images.map((i) => i.altText)).toEqual(['First', 'Second']);
  });

  it('a video is uploaded in the parts LinkedIn asks for, finalized with their ETags, and waited for', async () => {
    fake.options.videoPartBytes = 10;
    const bytes = Buffer.from('MP4-bytes-0123456789-abcdefghij-xyz');
    const film = { mime: 'video/mp4', alt: 'Not used', filename: 'film.mp4', bytes };
    const result = await linkedin.publish.publish(ctx(), post('A film', [film]), 'v1');
    const media = fake.posts.find((p) => p.id === result.externalId)!.content!.media!;
    expect(media).toEqual({ id: expect.stringMatching(/^urn:li:video:/) });
    const video = fake.videos.get(media.id)!;
    expect(video).toMatchObject({ status: 'AVAILABLE', size: bytes.length, owner: 'urn:li:organization:2414183' });
    expect(video.parts.map((p) => p.bytes)).toEqual([10, 10, 10, 5]);
    expect(video.parts.every((p) => p.etag)).toBe(true);
  });

  it('a PDF from the media library goes out as a document carousel: registered, uploaded, AVAILABLE, posted with its title', async () => {
    fake.options.processingPolls = 2;
    const pdf = { mime: 'application/pdf', alt: '', filename: 'Q3-report.pdf', bytes: Buffer.from('%PDF-1.7 three pages') };
    const result = await linkedin.publish.publish(ctx(), post('Our quarter, in slides', [pdf]), 'd1');
    const media = fake.posts.find((p) => p.id === result.externalId)!.content!.media!;
    expect(media).toEqual({ id: expect.stringMatching(/^urn:li:document:/), title: 'Q3-report' });
    expect(fake.documents.get(media.id)).toMatchObject({
      status: 'AVAILABLE',
      bytes: pdf.bytes.length,
      owner: 'urn:li:organization:2414183',
    });
    const polls = fake.rest().filter((r) => r.method === 'GET' && r.path === `/rest/documents/${encodeURIComponent(media.id)}`);
    expect(polls.length).toBe(3);
    // A PDF goes alone; a file LinkedIn cannot read is refused for good, not retried.
    const mixed = await failure(linkedin.publish.validate(ctx(), { text: 'd', firstComment: null, media: [pdf, png('i.png')] }));
    expect(mixed.code).toBe('document_not_alone');
    const broken = { ...pdf, filename: 'broken.pdf', bytes: Buffer.from('not a pdf') };
    expect((await failure(linkedin.publish.publish(ctx(), post('Broken', [broken]), 'd2'))).kind).toBe('permanent');
  });

  it('the first comment goes under the post as the page', async () => {
    const parent = await linkedin.publish.publish(ctx(), post('Comment below'), 'a4');
    const reply = await linkedin.publish.reply!(ctx(), parent, 'Sign up at https://example.com', 'a4');
    expect(reply.externalId).toMatch(/^urn:li:comment:\(urn:li:share:\d+,\d+\)$/);
    expect(fake.comments.at(-1)).toMatchObject({
      object: parent.externalId,
      actor: 'urn:li:organization:2414183',
      text: 'Sign up at https://example.com',
    });
  });

  it('validate refuses, before any call, what LinkedIn would: over 3000 characters, a video with more, audio, more than 20 images', async () => {
    const before = fake.requests.length;
    expect((await failure(linkedin.publish.validate(ctx(), { text: 'x'.repeat(3001), firstComment: null, media: [] }))).code).toBe(
      'too_long'
    );
    await expect(linkedin.publish.validate(ctx(), { text: '😀'.repeat(3000), firstComment: null, media: [] })).resolves.toBeUndefined();
    const video = { mime: 'video/mp4', alt: '', filename: 'v.mp4' };
    const image = { mime: 'image/png', alt: '', filename: 'i.png' };
    await expect(linkedin.publish.validate(ctx(), { text: 'v', firstComment: null, media: [video] })).resolves.toBeUndefined();
    const mixed = await failure(linkedin.publish.validate(ctx(), { text: 'v', firstComment: null, media: [video, image] }));
    expect(mixed.code).toBe('video_not_alone');
    const audio = { mime: 'audio/mpeg', alt: '', filename: 'a.mp3' };
    const sound = await failure(linkedin.publish.validate(ctx(), { text: 'a', firstComment: null, media: [audio] }));
    expect(sound.code).toBe('media_kind_unsupported');
    const many = Array.from({ length: 21 }, (_, i) => ({ mime: 'image/png', alt: '', filename: `${i}.png` }));
    expect((await failure(linkedin.publish.validate(ctx(), { text: 'm', firstComment: null, media: many }))).code).toBe('too_many_media');
    expect(fake.requests.length).toBe(before);
  });
});

describe('comments on the page’s posts', () => {
  it('lists members’ comments since the cursor, answers one as the page, deletes that answer; nothing to hide', async () => {
    const first = await linkedin.publish.publish(ctx(), post('Tell us what you think'), 'c1');
    const start = await linkedin.comments!.listSince(ctx(), null);
    const question = fake.addComment(first.externalId, 'urn:li:person:abc', 'Where is the office?');

    const page = await linkedin.comments!.listSince(ctx(), start.cursor);
    expect(page.comments).toEqual([
      expect.objectContaining({
        externalId: question,
        parentId: first.externalId,
        text: 'Where is the office?',
        author: expect.objectContaining({ id: 'urn:li:person:abc' }),
      }),
    ]);
    const answer = await linkedin.comments!.reply(ctx(), page.comments[0], 'Rue de la Paix, Paris', 'c2');
    expect(fake.comments.find((c) => c.id === answer.externalId)).toMatchObject({
      object: first.externalId,
      parentComment: question,
      actor: 'urn:li:organization:2414183',
    });
    // The page's own answer is not listed back; nothing new since the last cursor.
    expect((await linkedin.comments!.listSince(ctx(), page.cursor)).comments).toEqual([]);

    await linkedin.comments!.remove!(ctx(), { ...page.comments[0], externalId: answer.externalId });
    expect(fake.comments.find((c) => c.id === answer.externalId)!.deleted).toBe(true);
    expect(linkedin.comments!.hide).toBeUndefined();
    expect(linkedin.profile.capabilities.hide).toBe(false);
  });
});

describe('statistics', () => {
  it('per post in one batched call, and for the page with its followers', async () => {
    const a = await linkedin.publish.publish(ctx(), post('Counted one'), 's1');
    const b = await linkedin.publish.publish(ctx(), post('Counted two'), 's2');
    fake.statistics.set(a.externalId, {
      impressionCount: 120,
      uniqueImpressionsCount: 90,
      clickCount: 7,
      likeCount: 5,
      commentCount: 2,
      shareCount: 1,
    });
    fake.statistics.set(b.externalId, { impressionCount: 30, likeCount: 1 });
    const before = fake.rest().length;
    const byPost = await linkedin.metrics!.forPosts(ctx(), [a, b]);
    expect(fake.rest().length - before).toBe(1);
    expect(byPost.get(a.externalId)).toEqual({ impressions: 120, reach: 90, clicks: 7, likes: 5, replies: 2, reposts: 1 });
    expect(byPost.get(b.externalId)).toMatchObject({ impressions: 30, likes: 1, replies: 0 });
    const account = await linkedin.metrics!.forAccount(ctx());
    expect(account).toMatchObject({ followers: 1234, impressions: 150, likes: 6 });
  });
});

describe('LinkedIn refusals, each in its kind', () => {
  it('a retired LinkedIn-Version (426 NONEXISTENT_VERSION) fails at once, naming the setting', async () => {
    process.env[VERSION_ENV] = '202401';
    const before = fake.rest().length;
    const err = await failure(linkedin.publish.publish(ctx(), post('Too old'), 'v1'));
    expect([err.kind, err.code]).toEqual(['permanent', 'linkedin_version_retired']);
    expect(err.message).toContain('202401');
    expect(err.message).toContain(VERSION_ENV);
    expect(fake.rest().length - before).toBe(1);
  });

  it('the fake refuses a call without LinkedIn-Version, as LinkedIn does', async () => {
    const res = await fetch(`${fake.url}/rest/posts?q=author&author=x`, {
      headers: { authorization: `Bearer ${accessToken}`, 'x-restli-protocol-version': '2.0.0' },
    });
    expect([res.status, (res.json() as { code: string }).code]).toEqual([400, 'VERSION_MISSING']);
  });

  it('429 is retried later; an expired token holds the posts for a new sign-in', async () => {
    fake.options.rateLimited = 1;
    const limited = await failure(linkedin.publish.publish(ctx(), post('Busy'), 'r1'));
    expect([limited.kind, limited.code]).toEqual(['retryable', 'rate_limited']);
    const expired = await failure(
      linkedin.publish.publish({ ...ctx(), secrets: { accessToken: 'li-at-unknown' } }, post('Old token'), 'r2')
    );
    expect([expired.kind, expired.code]).toEqual(['auth', 'token_refused']);
  });

  it('a page the member no longer administers is an authorization problem, not a retry', async () => {
    const err = await failure(
      linkedin.publish.publish(ctx({ settings: { organization: 'urn:li:organization:1' } }), post('Not mine'), 'f1')
    );
    expect([err.kind, err.code]).toEqual(['auth', 'linkedin_forbidden']);
  });
});

describe('after an unknown outcome', () => {
  it('a cut connection after the post is unknown; the page’s recent posts find it', async () => {
    fake.options.resetAfterPost = 1;
    const since = Date.now();
    const content = post(`Did it go? (${since})`);
    const err = await failure(linkedin.publish.publish(ctx(), content, 'u1'));
    expect(err.kind).toBe('unknown');
    const found = await linkedin.publish.findExisting(ctx(), content, 'u1', since);
    expect(found).toEqual({
      found: { externalId: fake.posts.at(-1)!.id, url: `https://www.linkedin.com/feed/update/${fake.posts.at(-1)!.id}/` },
    });
  });

  it('a 201 without x-restli-id is unknown too, never a second post', async () => {
    fake.options.omitRestliId = 1;
    expect((await failure(linkedin.publish.publish(ctx(), post('Nameless'), 'u2'))).kind).toBe('unknown');
  });

  it('more posts since the attempt than one page holds: the lookup reads further back, finds it or says absent', async () => {
    fake.options.resetAfterPost = 1;
    const since = Date.now();
    const content = post(`Lost in the crowd (${since})`);
    expect((await failure(linkedin.publish.publish(ctx(), content, 'p1'))).kind).toBe('unknown');
    const ours = fake.posts.at(-1)!;
    // A busy page: 60 more posts after ours (other instances went on while this one crashed).
    for (let i = 0; i < 60; i++) await linkedin.publish.publish(ctx(), post(`Crowd ${since} ${i}`), `c${i}`);
    expect(await linkedin.publish.findExisting(ctx(), content, 'p1', since)).toEqual({
      found: { externalId: ours.id, url: `https://www.linkedin.com/feed/update/${ours.id}/` },
    });
    expect(await linkedin.publish.findExisting(ctx(), post(`Never among them (${since})`), 'p2', since)).toBe('absent');
    const pages = fake.rest().filter((r) => r.method === 'GET' && r.path.startsWith('/rest/posts?'));
    expect(pages.some((r) => new URL(r.path, fake.url).searchParams.get('start') === '50')).toBe(true);
  });

  it('a post that is not there is absent when the list reaches back before the attempt', async () => {
    expect(await linkedin.publish.findExisting(ctx(), post('Never sent'), 'u3', Date.now())).toBe('absent');
  });
});

describe('an ended sign-in', () => {
  it('a retired version makes the check an error naming the setting; an expired token makes it needs_reauth and holds posts', async () => {
    const args = { instanceUrl: fake.url, settings: { organization: 'urn:li:organization:2414183' }, secrets: { accessToken }, fetch };
    process.env[VERSION_ENV] = '202401';
    const retired = await linkedin.auth.check(args);
    expect(retired).toMatchObject({ status: 'error', reason: { code: 'unexpected_status', params: { status: 426 } } });
    expect(String(retired.reason!.params.message)).toContain(VERSION_ENV);
    delete process.env[VERSION_ENV];

    // Last in the file: every token the fake issued ends here.
    fake.expireTokens();
    expect(await linkedin.auth.check(args)).toMatchObject({ status: 'needs_reauth', reason: { code: 'oauth_grant_refused' } });
    const err = await failure(linkedin.publish.publish(ctx(), post('After the end'), 'e1'));
    expect([err.kind, err.code]).toEqual(['auth', 'token_refused']);
    expect(err.message).toContain('expired');
  });
});

describe('little text', () => {
  it('escapes reserved characters, makes hashtags, and reads back as typed', () => {
    const text = 'Prices (2026) *rise* by 5% — see [docs] <here> #Q4_results #2026 & C# ~ok~ a_b | {x}';
    const little = littleText(text);
    expect(little).toContain('{hashtag|\\#|Q4\\_results}');
    expect(little).toContain('\\#2026');
    expect(little).toContain('C\\#');
    expect(plainText(little)).toBe(text);
  });
});
