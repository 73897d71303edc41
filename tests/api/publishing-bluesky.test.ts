import { startApp, type TestApp } from '../helpers/strapi';
import { startLocalPds, type LocalPds } from '../fakes/bluesky-pds';
import { startRecordingServer, type RecordingServer } from '../fakes/recording-server';
import { createAccount, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';
import { publish as bluesky } from '../../server/networks/bluesky/publish';
import { newTid } from '../../server/networks/bluesky/richtext';
import type { AdapterContext } from '../../server/networks/types';
import { guardedFetch } from '../../server/core/http/guarded-fetch';

/** Bluesky publishing against a REAL PDS (@atproto/pds) on loopback: records read back with getRecord. */
let app: TestApp;
let pds: LocalPds;
let site: RecordingServer;
let alice: { did: string; handle: string; appPassword: string };
let bob: { did: string };
let accountId: string;

// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  [app, pds, site] = await Promise.all([
    startApp({ CM_SCHEDULER_ENABLED: 'false' }),
    startLocalPds(),
    startRecordingServer((req, res) => {
      if (req.path === '/card.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<html><head><title>Fallback</title><meta property="og:title" content="Spring launch &amp; more"><meta property="og:description" content="All the news"><meta property="og:image" content="/card.png"></head><body>Hi</body></html>'
        );
    }),
  ]);
  alice = await pds.createAccount('alice.test', 'alice-main-password');
  bob = await pds.createAccount('bob.test', 'bob-main-password');
  accountId = (
    await createAccount(app, {
      network: 'bluesky',
      name: 'Alice',
      identifier: 'alice.test',
      service: pds.url,
      appPassword: alice.appPassword,
    })
  ).documentId;
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await pds?.stop();
  await site?.stop();
});

const rkeyOf = (uri: string) => uri.split('/').pop()!;

describe('publishing to Bluesky', () => {
  it('publishes a post with a link card, link/mention/tag facets at byte offsets, and the first comment as a self-reply', async () => {
    const link = `${site.url}/article`;
    const text = `Café ☕ news: ${link} with @bob.test #launch`;
    const plan = await schedulePlan(app, [accountId], { body: text, firstComment: 'Thread below 👇' });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('published');
    expect(row.externalId).toMatch(new RegExp(`^at://${alice.did}/app.bsky.feed.post/`));

    const record = (await pds.getRecord(alice.did, 'app.bsky.feed.post', rkeyOf(row.externalId!))) as {
      text: string;
      facets: Array<{ index: { byteStart: number; byteEnd: number }; features: Array<Record<string, string>> }>;
      embed: { $type: string; external: { uri: string; title: string; thumb?: unknown } };
    };
    expect(record.text).toBe(text);
    const bytes = Buffer.from(text, 'utf8');
    const slice = (f: { index: { byteStart: number; byteEnd: number } }) =>
      bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8');
    expect(record.facets.map((f) => [slice(f), f.features[0].$type])).toEqual([
      [link, 'app.bsky.richtext.facet#link'],
      ['@bob.test', 'app.bsky.richtext.facet#mention'],
      ['#launch', 'app.bsky.richtext.facet#tag'],
    ]);
    expect(record.facets[1].features[0].did).toBe(bob.did);
    expect(record.embed).toMatchObject({ $type: 'app.bsky.embed.external', external: { uri: link, title: 'Spring launch & more' } });
    expect(record.embed.external.thumb).toBeDefined();

    const page = await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${alice.did}&collection=app.bsky.feed.post&limit=10`);
    const replies = (
      (await page.json()) as { records: Array<{ uri: string; value: { text: string; reply?: { parent: { uri: string } } } }> }
    ).records.filter((r) => r.value.reply);
    expect(replies).toHaveLength(1);
    expect(replies[0].value).toMatchObject({ text: 'Thread below 👇', reply: { parent: { uri: row.externalId } } });
  });

  it('uploads an image with its alt text, with the record key chosen before the call, and reconciles with getRecord', async () => {
    const secrets: Record<string, string> = { appPassword: alice.appPassword };
    const ctx: AdapterContext = {
      account: {
        documentId: 'x',
        network: 'bluesky',
        instanceUrl: pds.url,
        networkAccountId: alice.did,
        handle: '@alice.test',
        settings: { identifier: 'alice.test' },
        limits: null,
      },
      secrets,
      saveSecrets: async (next) => void Object.assign(secrets, next),
      fetch: (url, req = {}) => guardedFetch(url, { timeoutMs: 10_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } }),
      now: () => Date.now(),
      publicationId: 'test',
    };
    const content = {
      text: 'A tiny picture',
      firstComment: null,
      media: [{ bytes: PNG, mime: 'image/png', alt: 'One red pixel', filename: 'pixel.png' }],
    };
    const rkey = bluesky.newAttemptId!(Date.now());
    expect(await bluesky.findExisting(ctx, content, rkey, Date.now())).toBe('absent');
    const result = await bluesky.publish(ctx, content, rkey);
    expect(rkeyOf(result.externalId)).toBe(rkey);
    expect(secrets.accessJwt).toBeTruthy();
    const record = (await pds.getRecord(alice.did, 'app.bsky.feed.post', rkey)) as {
      embed: { $type: string; images: Array<{ alt: string; image: { mimeType: string } }> };
    };
    expect(record.embed).toMatchObject({
      $type: 'app.bsky.embed.images',
      images: [{ alt: 'One red pixel', image: { mimeType: 'image/png' } }],
    });
    expect(await bluesky.findExisting(ctx, content, rkey, Date.now())).toMatchObject({ found: { externalId: result.externalId } });
    expect(await bluesky.findExisting(ctx, content, newTid(Date.now()), Date.now())).toBe('absent');
  });

  it('a post over 300 graphemes that reaches the publisher is refused before any call, with the reason stored', async () => {
    const plan = await schedulePlan(app, [accountId], { body: 'Short for now', local: `${new Date().getUTCFullYear() + 1}-06-12T09:00` });
    // The planner checks lengths when scheduling; a text changed behind its back is caught at publish time.
    await app.strapi.db
      .query('plugin::community-manager.post-plan')
      .update({ where: { documentId: plan.documentId }, data: { body: 'é'.repeat(301) } });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'too_long' } });
  });
});
