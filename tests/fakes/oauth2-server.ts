import { createHash, randomBytes } from 'node:crypto';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from './recording-server';

/**
 * A local OAuth 2.0 authorization server that follows RFC 6749 and RFC 7636:
 *
 * - `GET /authorize`: checks the client, the redirect URI and the PKCE
 *   challenge (S256 only), then redirects back with `code` and `state` (or
 *   `error=access_denied` when told to deny);
 * - `POST /token`: `authorization_code` (code single use and short lived,
 *   same redirect URI, `code_verifier` checked against the challenge) and
 *   `refresh_token` (rotation optional: the old one then stops working);
 *   client authentication by HTTP Basic or in the body; errors as §5.2 JSON
 *   (`invalid_request`, `invalid_client`, `invalid_grant`,
 *   `unsupported_grant_type`); 503 on demand;
 * - `GET /userinfo`: who the bearer token belongs to.
 *
 * Every request is logged, so a test counts refreshes.
 */

export interface FakeOAuth2 {
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
  clientId: string;
  clientSecret: string;
  requests: RecordedRequest[];
  /** the token endpoint's calls by grant type */
  grants(type: 'authorization_code' | 'refresh_token'): RecordedRequest[];
  /** the access tokens the server issued, in order */
  issuedAccessTokens: string[];
  /** the access token each /userinfo call carried */
  userinfoTokens: string[];
  options: {
    /** expires_in of the next tokens issued (seconds) */
    expiresIn: number;
    /** refresh_token_expires_in of the next tokens (seconds), as networks whose refresh tokens end send it; null: not sent */
    refreshTokenExpiresIn: number | null;
    /** a refresh issues a new refresh token and revokes the old one */
    rotate: boolean;
    /** the next N refresh calls answer 503 */
    unavailable: number;
    /** every token call waits this long before answering (lets two refreshes overlap) */
    tokenDelayMs: number;
    /** the next authorization is denied by the user */
    deny: boolean;
    /** how long a code lives (ms) */
    codeTtlMs: number;
    /** false: a sign-in issues no refresh token (as LinkedIn without refresh tokens: the access token is all there is) */
    issueRefreshToken: boolean;
    /** who the next sign-ins are (another network account); null: the server's user */
    nextUser: { sub: string; preferred_username: string; name: string } | null;
  };
  /** the token endpoint's error answers, in order (`error: description`) */
  tokenErrors: string[];
  /** revokes every refresh token (the user removed the app at the network) */
  revokeAll(): void;
  stop(): Promise<void>;
}

interface Code {
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  user: string;
  expiresAt: number;
  used: boolean;
}

const b64url = (buf: Buffer) => buf.toString('base64url');
const s256 = (verifier: string) => b64url(createHash('sha256').update(verifier, 'ascii').digest());
const token = (prefix: string) => `${prefix}-${randomBytes(16).toString('hex')}`;

export async function startFakeOAuth2(user = { sub: 'u-42', preferred_username: 'acme', name: 'Acme OAuth' }): Promise<FakeOAuth2> {
  const clientId = 'cm-test-client';
  const clientSecret = `secret-${randomBytes(8).toString('hex')}`;
  const codes = new Map<string, Code>();
  const refreshTokens = new Map<string, { user: string; revoked: boolean }>();
  const accessTokens = new Map<string, string>();
  const issuedAccessTokens: string[] = [];
  const userinfoTokens: string[] = [];
  const options: FakeOAuth2['options'] = {
    expiresIn: 3600,
    rotate: true,
    unavailable: 0,
    refreshTokenExpiresIn: null,
    tokenDelayMs: 0,
    deny: false,
    codeTtlMs: 60_000,
    issueRefreshToken: true,
    nextUser: null,
  };
  const people = new Map<string, typeof user>([[user.sub, user]]);

  const json = (res: import('node:http').ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };
  const tokenErrors: string[] = [];
  const oauthError = (res: import('node:http').ServerResponse, status: number, error: string, description: string) => {
    tokenErrors.push(`${error}: ${description}`);
    json(res, status, { error, error_description: description }, status === 401 ? { 'WWW-Authenticate': 'Basic realm="fake"' } : {});
  };

  function issue(userId: string) {
    const access = token('at');
    accessTokens.set(access, userId);
    issuedAccessTokens.push(access);
    return access;
  }

  const server: RecordingServer = await startRecordingServer(async (req, res): Promise<void> => {
    const url = new URL(req.path, 'http://fake');
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri');
      // RFC 6749 §4.1.2.1: a bad client or redirect URI is never redirected to.
      if (q.get('client_id') !== clientId || !redirectUri) return oauthError(res, 400, 'invalid_request', 'unknown client or redirect_uri');
      const back = new URL(redirectUri);
      const state = q.get('state');
      if (state) back.searchParams.set('state', state);
      const challenge = q.get('code_challenge');
      if (q.get('response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
      else if (!challenge || q.get('code_challenge_method') !== 'S256') back.searchParams.set('error', 'invalid_request');
      else if (options.deny) {
        options.deny = false;
        back.searchParams.set('error', 'access_denied');
      } else {
        const code = token('code');
        const who = options.nextUser ?? user;
        people.set(who.sub, who);
        codes.set(code, { clientId, redirectUri, challenge, user: who.sub, expiresAt: Date.now() + options.codeTtlMs, used: false });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { Location: back.toString() });
      res.end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      if (options.tokenDelayMs) await new Promise((r) => setTimeout(r, options.tokenDelayMs));
      const form = new URLSearchParams(req.body);
      // RFC 6749 §2.3.1: Basic, or the client's credentials in the body; never both.
      let id = form.get('client_id');
      let secret = form.get('client_secret');
      const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
      if (basic) {
        const [u, p] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
        id = decodeURIComponent(u.replace(/\+/g, ' '));
        secret = decodeURIComponent((p ?? '').replace(/\+/g, ' '));
      }
      if (id !== clientId || secret !== clientSecret) return oauthError(res, 401, 'invalid_client', 'client authentication failed');
      const grant = form.get('grant_type');
      if (options.unavailable > 0 && grant === 'refresh_token') {
        options.unavailable--;
        return json(res, 503, { error: 'temporarily_unavailable' }, { 'Retry-After': '0' });
      }
      if (grant === 'authorization_code') {
        const code = codes.get(form.get('code') ?? '');
        if (!code) return oauthError(res, 400, 'invalid_grant', 'unknown code');
        if (code.used) return oauthError(res, 400, 'invalid_grant', 'code already used');
        code.used = true;
        if (code.expiresAt < Date.now()) return oauthError(res, 400, 'invalid_grant', 'code expired');
        if (form.get('redirect_uri') !== code.redirectUri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri mismatch');
        const verifier = form.get('code_verifier');
        if (!verifier) return oauthError(res, 400, 'invalid_request', 'code_verifier missing');
        if (code.challenge && s256(verifier) !== code.challenge) return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
        const refresh = options.issueRefreshToken ? token('rt') : null;
        if (refresh) refreshTokens.set(refresh, { user: code.user, revoked: false });
        return json(res, 200, {
          access_token: issue(code.user),
          token_type: 'Bearer',
          expires_in: options.expiresIn,
          ...(refresh ? { refresh_token: refresh } : {}),
          scope: 'profile publish',
          ...(options.refreshTokenExpiresIn ? { refresh_token_expires_in: options.refreshTokenExpiresIn } : {}),
        });
      }
      if (grant === 'refresh_token') {
        const presented = form.get('refresh_token') ?? '';
        const stored = refreshTokens.get(presented);
        if (!stored || stored.revoked) return oauthError(res, 400, 'invalid_grant', 'refresh token revoked or unknown');
        const body: Record<string, unknown> = { access_token: issue(stored.user), token_type: 'Bearer', expires_in: options.expiresIn };
        if (options.rotate) {
          stored.revoked = true;
          const next = token('rt');
          refreshTokens.set(next, { user: stored.user, revoked: false });
          body.refresh_token = next;
        }
        return json(res, 200, body);
      }
      return oauthError(res, 400, grant ? 'unsupported_grant_type' : 'invalid_request', 'grant_type');
    }
    if (req.method === 'GET' && url.pathname === '/userinfo') {
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      userinfoTokens.push(bearer);
      if (!accessTokens.has(bearer))
        return json(res, 401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return json(res, 200, people.get(accessTokens.get(bearer)!) ?? user);
    }
    json(res, 404, { error: 'not_found' });
  });

  return {
    url: server.url,
    authorizeUrl: `${server.url}/authorize`,
    tokenUrl: `${server.url}/token`,
    userinfoUrl: `${server.url}/userinfo`,
    clientId,
    clientSecret,
    requests: server.requests,
    grants: (type) => server.requests.filter((r) => r.path === '/token' && new URLSearchParams(r.body).get('grant_type') === type),
    issuedAccessTokens,
    userinfoTokens,
    options,
    tokenErrors,
    revokeAll() {
      for (const entry of refreshTokens.values()) entry.revoked = true;
    },
    stop: server.stop,
  };
}
