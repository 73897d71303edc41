import { startLocalPds, type LocalPds } from '../fakes/bluesky-pds';

/**
 * Smoke test of the local Bluesky PDS (the real @atproto/pds 0.4.217 with an
 * in-process PLC directory), spoken to with plain fetch, the way the plugin
 * speaks to Bluesky.
 *
 * Error shapes observed on this PDS (the plugin maps them):
 *
 * - createSession, wrong password (or unknown handle):
 *     401 {"error":"AuthenticationRequired","message":"Invalid identifier or password"}
 * - any authenticated call with an invalid / tampered / foreign Bearer token:
 *     400 {"error":"InvalidToken","message":"Token could not be verified"}
 *   NOTE: 400, not 401.
 * - refreshSession with the ACCESS jwt (or an authenticated call with the
 *   REFRESH jwt):
 *     400 {"error":"InvalidToken","message":"Invalid token type"}
 * - no Authorization header:
 *     401 {"error":"AuthMissing","message":"Authentication Required"}
 * - expired access token (from the PDS source, auth-verifier.js, not
 *   observed here: access tokens live 2 hours):
 *     400 {"error":"ExpiredToken","message":"Token has expired"}
 * - createRecord of an app.bsky.feed.post with an rkey that is not a TID:
 *     400 {"error":"InvalidRequest","message":"Invalid record key for app.bsky.feed.post: Invalid TID string (got \"…\") at $"}
 * - post text over 3000 bytes:
 *     400 {"error":"InvalidRequest","message":"Invalid app.bsky.feed.post record: string too big (maximum 3000, got 3001) at $.record.text"}
 * - anything needing the AppView (app.bsky.actor.getProfile, feeds...):
 *     400 {"error":"InvalidRequest","message":"No service configured for app.bsky.actor.getProfile"}
 */

const S32 = '234567abcdefghijklmnopqrstuvwxyz';

/** A record key in TID form (what app.bsky.feed.post requires): 53-bit µs timestamp + 10-bit clock id, base32-sortable. */
function tid(date = new Date(), clockId = 7): string {
  let n = ((BigInt(date.getTime()) * 1000n) << 10n) | BigInt(clockId);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

async function xrpc(pds: LocalPds, nsid: string, init: { body?: unknown; token?: string; method?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${pds.url}/xrpc/${nsid}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let pds: LocalPds;
let account: { did: string; handle: string; appPassword: string };

beforeAll(async () => {
  pds = await startLocalPds();
  account = await pds.createAccount('alice.test', 'main-password-not-for-apps');
});
afterAll(async () => pds?.stop());

describe('local Bluesky PDS', () => {
  it('listens on loopback and hands out an app password', () => {
    expect(pds.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(account.did).toMatch(/^did:plc:[a-z2-7]{24}$/);
    expect(account.handle).toBe('alice.test');
    expect(account.appPassword).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
  });

  it('logs in with handle + app password, refuses a wrong password, posts, reads back and refreshes', async () => {
    const session = await xrpc(pds, 'com.atproto.server.createSession', {
      body: { identifier: account.handle, password: account.appPassword },
    });
    expect(session.status).toBe(200);
    expect(session.body).toEqual(
      expect.objectContaining({
        did: account.did,
        handle: account.handle,
        accessJwt: expect.any(String),
        refreshJwt: expect.any(String),
      })
    );
    // as on bsky.social, the DID document says where the account's PDS is
    expect(session.body.didDoc.service).toEqual([{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: pds.url }]);

    const wrong = await xrpc(pds, 'com.atproto.server.createSession', {
      body: { identifier: account.handle, password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'AuthenticationRequired', message: 'Invalid identifier or password' });

    const badToken = await xrpc(pds, 'com.atproto.server.getSession', { token: 'not-a-jwt' });
    expect(badToken.status).toBe(400);
    expect(badToken.body).toEqual({ error: 'InvalidToken', message: 'Token could not be verified' });

    const rkey = tid();
    const record = { $type: 'app.bsky.feed.post', text: 'Hello from the community manager', createdAt: new Date().toISOString() };
    const created = await xrpc(pds, 'com.atproto.repo.createRecord', {
      token: session.body.accessJwt,
      body: { repo: account.did, collection: 'app.bsky.feed.post', rkey, record },
    });
    expect(created.status).toBe(200);
    expect(created.body.uri).toBe(`at://${account.did}/app.bsky.feed.post/${rkey}`);
    expect(created.body.cid).toEqual(expect.any(String));

    expect(await pds.getRecord(account.did, 'app.bsky.feed.post', rkey)).toEqual(record);
    expect(await pds.getRecord(account.did, 'app.bsky.feed.post', tid(new Date(0)))).toBeNull();

    const refreshed = await xrpc(pds, 'com.atproto.server.refreshSession', {
      method: 'POST',
      token: session.body.refreshJwt,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual(
      expect.objectContaining({ did: account.did, accessJwt: expect.any(String), refreshJwt: expect.any(String) })
    );
    const me = await xrpc(pds, 'com.atproto.server.getSession', { token: refreshed.body.accessJwt });
    expect(me.status).toBe(200);
    expect(me.body.did).toBe(account.did);

    const accessAsRefresh = await xrpc(pds, 'com.atproto.server.refreshSession', {
      method: 'POST',
      token: session.body.accessJwt,
    });
    expect(accessAsRefresh.status).toBe(400);
    expect(accessAsRefresh.body).toEqual({ error: 'InvalidToken', message: 'Invalid token type' });
  });
});
