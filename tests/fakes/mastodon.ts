import { startRecordingServer, sendJson, type RecordingServer } from './recording-server';

/**
 * A Mastodon server as PLATFORMS.md describes it: Bearer tokens checked on
 * every call (401 `{"error": …}`), verify_credentials, the v2 instance
 * document with the instance's own post length, and rate-limit headers
 * (X-RateLimit-Reset is an ISO time).
 */
export interface FakeMastodon extends RecordingServer {
  /** token -> account; revoke a token by deleting it */
  tokens: Map<string, { id: string; username: string; displayName: string }>;
  maxCharacters: number;
}

export async function startFakeMastodon(options: { maxCharacters?: number } = {}): Promise<FakeMastodon> {
  const tokens: FakeMastodon['tokens'] = new Map();
  const state = { maxCharacters: options.maxCharacters ?? 500 };
  const limit = 300;
  let remaining = limit;
  const server = await startRecordingServer((req, res) => {
    const url = new URL(req.path, 'http://fake');
    const rate = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, --remaining)),
      'x-ratelimit-reset': new Date(Date.now() + 5 * 60_000).toISOString(),
    };
    if (req.method === 'GET' && url.pathname === '/api/v2/instance') {
      return sendJson(res, 200, { domain: new URL(fake.url).host, title: 'Fake Mastodon', version: '4.3.0', configuration: { statuses: { max_characters: state.maxCharacters, max_media_attachments: 4, characters_reserved_per_url: 23 } } }, rate);
    }
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const account = token ? tokens.get(token) : undefined;
    if (!account) return sendJson(res, 401, { error: 'The access token is invalid' }, rate);
    if (req.method === 'GET' && url.pathname === '/api/v1/accounts/verify_credentials') {
      return sendJson(res, 200, {
        id: account.id,
        username: account.username,
        acct: account.username,
        display_name: account.displayName,
        avatar: `${fake.url}/avatars/${account.id}.png`,
        url: `${fake.url}/@${account.username}`,
        followers_count: 42,
      }, rate);
    }
    return sendJson(res, 404, { error: 'Record not found' }, rate);
  });
  // Accessors, not Object.assign: assign would copy the getter's value once and the setter would never reach the route.
  const fake = Object.defineProperties(server, {
    tokens: { value: tokens },
    maxCharacters: { get: () => state.maxCharacters, set: (value: number) => (state.maxCharacters = value), enumerable: true },
  }) as FakeMastodon;
  return fake;
}
