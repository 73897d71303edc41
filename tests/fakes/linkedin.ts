import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startRecordingServer, type RecordedRequest } from './recording-server';

/**
 * A local LinkedIn for organization pages, following the documented contract
 * (learn.microsoft.com/linkedin):
 *
 * - OAuth 2.0 (shared/authentication/authorization-code-flow):
 *   `GET /oauth/v2/authorization` redirects back with `code` and `state`;
 *   `POST /oauth/v2/accessToken` takes the client id and secret in the form
 *   body and answers `{access_token, expires_in: 5184000, scope}` (60 days, no
 *   `token_type`, as documented); a partner app (`partner: true`) also gets
 *   `refresh_token` with `refresh_token_expires_in` (365 days from the first
 *   sign-in, not extended by refreshing: programmatic-refresh-tokens);
 * - `/rest`: `LinkedIn-Version` is required (400 `VERSION_MISSING` without it,
 *   426 `NONEXISTENT_VERSION` for a version not served) and
 *   `X-Restli-Protocol-Version: 2.0.0`; errors as `{status, serviceErrorCode,
 *   code, message}`; 401 for an expired or unknown token; 429 with no
 *   rate-limit header (the limits are daily and unpublished);
 * - `organizationAcls?q=roleAssignee`, `organizations/{id}`,
 *   `images?action=initializeUpload` -> PUT -> `images/{urn}` (WAITING_UPLOAD,
 *   PROCESSING for a few polls, AVAILABLE), `videos?action=initializeUpload` ->
 *   PUT each part (ETag) -> `finalizeUpload` with the ETags in order ->
 *   `videos/{urn}`, `documents?action=initializeUpload` -> PUT -> `documents/{urn}`
 *   (a PDF; PROCESSING for a few polls, then AVAILABLE), `posts` (201 with `x-restli-id`;
 *   a document post needs `content.media.title`;
 *   the `q=author` finder newest first, paged by `start` and `count`), `socialActions/{urn}/comments`
 *   (create under a post or a comment, list, delete by its author),
 *   `organizationalEntityShareStatistics` (per share or for the page) and
 *   `networkSizes` (followers).
 *
 * Faults: `rateLimited` (the next N `/rest` calls answer 429), `resetAfterPost`
 * (the next post is stored, then the connection is cut: an unknown outcome),
 * `expireTokens()`, `activeVersions`, `accessTokenSeconds` (a shorter token lifetime);
 * `fault` decides per `POST /rest/posts` (an error in LinkedIn's body, a reset
 * before or after the post is stored, or an answer that never comes: the
 * reliability suite's 30 %); `organizationErrors` (one page's lookup answers
 * an error); `revokeAfter` revokes every token once the pages hold that many
 * posts, and `revokeAll()` at once: 401 `REVOKED_ACCESS_TOKEN`
 * (serviceErrorCode 65602) from then on, and the refresh tokens refused.
 */

export type LinkedInFault =
  /** an error answer in LinkedIn's body (`{status, serviceErrorCode, code, message}`), nothing stored */
  | { kind: 'status'; status: number; code?: string; message?: string; serviceErrorCode?: number; headers?: Record<string, string> }
  /** the connection dropped before anything is stored */
  | { kind: 'reset' }
  /** the post is stored, then the connection is dropped */
  | { kind: 'apply-then-reset' }
  /** the post is stored, and the answer never comes (the caller's deadline ends it) */
  | { kind: 'apply-then-hang' };

export interface FakeLinkedInPost {
  id: string;
  author: string;
  commentary: string;
  content?: { media?: { id: string; altText?: string; title?: string }; multiImage?: { images: Array<{ id: string; altText?: string }> } };
  createdAt: number;
  lifecycleState: string;
  raw: Record<string, unknown>;
}

export interface FakeLinkedIn {
  url: string;
  clientId: string;
  clientSecret: string;
  requests: RecordedRequest[];
  /** the `/rest` calls, without the OAuth ones */
  rest(): RecordedRequest[];
  posts: FakeLinkedInPost[];
  comments: Array<{ id: string; object: string; actor: string; text: string; parentComment?: string; time: number; deleted?: boolean }>;
  /** a member's comment under a post (or under a comment, with `parentComment`) */
  addComment(object: string, actor: string, text: string, parentComment?: string): string;
  images: Map<string, { owner: string; status: string; bytes: number; polls: number }>;
  /** PDFs uploaded with the Documents API */
  documents: Map<string, { owner: string; status: string; bytes: number; polls: number }>;
  videos: Map<
    string,
    {
      owner: string;
      status: string;
      size: number;
      parts: Array<{ etag: string | null; bytes: number }>;
      uploadToken: string;
      polls: number;
    }
  >;
  issuedAccessTokens: string[];
  options: {
    /** a partner app: refresh tokens are issued */
    partner: boolean;
    /** the member administers these pages (id -> name, vanity name) */
    pages: Array<{ id: number; name: string; vanityName: string }>;
    /** versions served; anything else is 426 */
    activeVersions: string[];
    /** how many status polls an uploaded image or video stays PROCESSING */
    processingPolls: number;
    /** the size of the parts a video upload is cut into */
    videoPartBytes: number;
    /** the next N /rest calls answer 429 */
    rateLimited: number;
    /** the next post is stored, then the connection is cut before the answer */
    resetAfterPost: number;
    /** the next post answers 201 without x-restli-id */
    omitRestliId: number;
    /** the lifetime of the access tokens issued next, seconds (LinkedIn's: 60 days) */
    accessTokenSeconds: number;
    /** how long each post takes to be made (POST /rest/posts), ms: a crash can land while one is on the wire */
    latencyMs: number;
    /** `GET /rest/organizations/{id}` answers this error for these pages (by id): one lookup among several failing */
    organizationErrors: Record<number, { status: number; code: string; message: string }>;
  };
  /** a post's organic statistics, as LinkedIn counts them */
  statistics: Map<string, Record<string, number>>;
  /** the page's followers */
  followers: number;
  expireTokens(): void;
  /** decides, per POST /rest/posts, whether to misbehave */
  fault: ((req: RecordedRequest) => LinkedInFault | null) | null;
  /** every token revoked once the pages hold this many posts (the member removed the app mid-schedule) */
  revokeAfter: { posts: number } | null;
  /** every token revoked now: 401 REVOKED_ACCESS_TOKEN */
  revokeAll(): void;
  /** issues an access token outright, as a sign-in would (a test that does not need the consent page) */
  grant(): string;
  stop(): Promise<void>;
}

const ORG = 'urn:li:organization:';
const token = (prefix: string) => `${prefix}-${randomBytes(16).toString('hex')}`;
const DAY_S = 86_400;

function liError(res: ServerResponse, status: number, code: string, message: string, serviceErrorCode = 100) {
  sendJson(res, status, { status, serviceErrorCode, code, message });
}

export async function startFakeLinkedIn(): Promise<FakeLinkedIn> {
  const clientId = 'li-test-client';
  const clientSecret = `li-secret-${randomBytes(8).toString('hex')}`;
  const codes = new Map<string, { redirectUri: string; used: boolean }>();
  const access = new Map<string, { expiresAt: number; revoked?: boolean }>();
  const state = { fault: null as FakeLinkedIn['fault'], revokeAfter: null as FakeLinkedIn['revokeAfter'] };
  const refresh = new Map<string, { expiresAt: number }>();
  // The member removed the app: its access tokens answer 401 REVOKED_ACCESS_TOKEN, and its refresh tokens are refused.
  const revokeAll = () => {
    for (const t of access.values()) t.revoked = true;
    refresh.clear();
  };
  const issuedAccessTokens: string[] = [];
  const posts: FakeLinkedInPost[] = [];
  const comments: FakeLinkedIn['comments'] = [];
  const images: FakeLinkedIn['images'] = new Map();
  const documents: FakeLinkedIn['documents'] = new Map();
  const videos: FakeLinkedIn['videos'] = new Map();
  const fakeStatistics: FakeLinkedIn['statistics'] = new Map();
  const counts = { followers: 1234 };
  let nextId = 7_000_000_000_000_000_000n;
  const options: FakeLinkedIn['options'] = {
    partner: false,
    pages: [
      { id: 2414183, name: 'Acme Corporation', vanityName: 'acme-corp' },
      { id: 5515715, name: 'Acme Labs', vanityName: 'acme-labs' },
    ],
    activeVersions: ['202601', '202603', '202606', '202610'],
    processingPolls: 1,
    videoPartBytes: 4 * 1024 * 1024,
    rateLimited: 0,
    resetAfterPost: 0,
    omitRestliId: 0,
    accessTokenSeconds: 60 * DAY_S,
    latencyMs: 0,
    organizationErrors: {},
  };
  const administers = (urn: unknown) => typeof urn === 'string' && options.pages.some((p) => `${ORG}${p.id}` === urn);

  function issue(refreshExpiresAt: number | null) {
    const accessToken = token('li-at');
    access.set(accessToken, { expiresAt: Date.now() + options.accessTokenSeconds * 1000 });
    issuedAccessTokens.push(accessToken);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: options.accessTokenSeconds,
      scope: 'r_organization_social,rw_organization_admin,w_organization_social',
    };
    if (options.partner) {
      const refreshToken = token('li-rt');
      const end = refreshExpiresAt ?? Date.now() + 365 * DAY_S * 1000;
      refresh.set(refreshToken, { expiresAt: end });
      Object.assign(body, { refresh_token: refreshToken, refresh_token_expires_in: Math.floor((end - Date.now()) / 1000) });
    }
    return body;
  }

  function addComment(object: string, actor: string, text: string, parentComment?: string) {
    const id = `urn:li:comment:(${object},${(nextId++).toString()})`;
    // Strictly increasing times, so a cursor on them is exact even within one millisecond.
    const time = Math.max(Date.now(), (comments.at(-1)?.time ?? 0) + 1);
    comments.push({ id, object, actor, text, time, ...(parentComment ? { parentComment } : {}) });
    return id;
  }

  const server = await startRecordingServer(async (req, res) => {
    const url = new URL(req.path, 'http://fake');
    const path = url.pathname;

    // --- OAuth (www.linkedin.com) --------------------------------------------------
    if (req.method === 'GET' && path === '/oauth/v2/authorization') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri');
      if (q.get('client_id') !== clientId || !redirectUri) return liError(res, 400, 'invalid_request', 'unknown client or redirect_uri');
      const back = new URL(redirectUri);
      if (q.get('state')) back.searchParams.set('state', q.get('state')!);
      if (q.get('response_type') !== 'code' || !q.get('scope')) back.searchParams.set('error', 'invalid_request');
      else {
        const code = token('li-code');
        codes.set(code, { redirectUri, used: false });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { Location: back.toString() });
      res.end();
      return;
    }
    if (req.method === 'POST' && path === '/oauth/v2/accessToken') {
      const form = new URLSearchParams(req.body);
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
        return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      if (form.get('grant_type') === 'authorization_code') {
        const code = codes.get(form.get('code') ?? '');
        if (!code || code.used || code.redirectUri !== form.get('redirect_uri'))
          return sendJson(res, 400, {
            error: 'invalid_request',
            error_description: 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code',
          });
        code.used = true;
        return sendJson(res, 200, issue(null));
      }
      if (form.get('grant_type') === 'refresh_token') {
        const stored = refresh.get(form.get('refresh_token') ?? '');
        if (!options.partner || !stored || stored.expiresAt < Date.now())
          return sendJson(res, 400, { error: 'invalid_request', error_description: 'The provided refresh token is invalid or expired' });
        // The refresh token's lifetime is fixed at the first sign-in.
        return sendJson(res, 200, issue(stored.expiresAt));
      }
      return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type' });
    }

    // --- uploads (the upload URL LinkedIn hands out) --------------------------------
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    const tokenOk = () => {
      const t = access.get(bearer);
      return Boolean(t && !t.revoked && t.expiresAt > Date.now());
    };
    const videoPart = /^\/video-uploads\/([^/]+)\/(\d+)$/.exec(path);
    if (videoPart) {
      const video = videos.get(decodeURIComponent(videoPart[1]));
      const part = video?.parts[Number(videoPart[2])];
      if (req.method !== 'PUT' || !video || !part) return liError(res, 404, 'NOT_FOUND', 'No upload here');
      if (!tokenOk()) return liError(res, 401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
      if (Buffer.byteLength(req.body) !== part.bytes)
        return liError(res, 400, 'ILLEGAL_ARGUMENT', `Part ${videoPart[2]} must be ${part.bytes} bytes`);
      part.etag = `/ambry-video/signedId/${randomBytes(6).toString('hex')}`;
      res.writeHead(200, { etag: part.etag });
      res.end();
      return;
    }
    if (path.startsWith('/document-uploads/')) {
      const doc = documents.get(decodeURIComponent(path.slice('/document-uploads/'.length)));
      if (req.method !== 'PUT' || !doc) return liError(res, 404, 'NOT_FOUND', 'No upload here');
      if (!tokenOk()) return liError(res, 401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
      // Documents API: PDF, PPT(X), DOC(X); this fake checks the PDF signature it is given.
      if (!req.body.startsWith('%PDF-')) return liError(res, 400, 'ILLEGAL_ARGUMENT', 'The document is not a supported file');
      doc.bytes = Buffer.byteLength(req.body);
      doc.status = 'PROCESSING';
      res.writeHead(201);
      res.end();
      return;
    }
    if (path.startsWith('/dms-uploads/')) {
      const image = images.get(decodeURIComponent(path.slice('/dms-uploads/'.length)));
      if (req.method !== 'PUT' || !image) return liError(res, 404, 'NOT_FOUND', 'No upload here');
      if (!tokenOk()) return liError(res, 401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
      image.bytes = Buffer.byteLength(req.body);
      image.status = 'PROCESSING';
      res.writeHead(201);
      res.end();
      return;
    }

    // --- /rest --------------------------------------------------------------------------
    if (!path.startsWith('/rest/')) return liError(res, 404, 'NOT_FOUND', 'Not found');
    const version = req.headers['linkedin-version'];
    if (!version)
      return liError(
        res,
        400,
        'VERSION_MISSING',
        'A version must be present. Please specify a version by adding the LinkedIn-Version header.'
      );
    if (!options.activeVersions.includes(String(version)))
      return liError(res, 426, 'NONEXISTENT_VERSION', `Requested version ${String(version)} is not active`);
    if (req.headers['x-restli-protocol-version'] !== '2.0.0')
      return liError(res, 400, 'ILLEGAL_ARGUMENT', 'This API requires X-Restli-Protocol-Version: 2.0.0');
    if (!access.has(bearer)) return liError(res, 401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
    // Revoked by the member (or a lost role, a changed password): LinkedIn's 401 names it.
    if (access.get(bearer)!.revoked)
      return liError(res, 401, 'REVOKED_ACCESS_TOKEN', 'The token used in the request has been revoked by the user', 65602);
    if (!tokenOk()) return liError(res, 401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65601);
    if (options.rateLimited > 0) {
      options.rateLimited--;
      return liError(
        res,
        429,
        'TOO_MANY_REQUESTS',
        'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
        101
      );
    }

    if (req.method === 'GET' && path === '/rest/organizationAcls') {
      const q = url.searchParams;
      if (q.get('q') !== 'roleAssignee') return liError(res, 400, 'ILLEGAL_ARGUMENT', 'Unknown finder');
      const elements = options.pages
        .filter(() => (q.get('role') ?? 'ADMINISTRATOR') === 'ADMINISTRATOR' && (q.get('state') ?? 'APPROVED') === 'APPROVED')
        .map((p) => ({ roleAssignee: 'urn:li:person:member1', state: 'APPROVED', role: 'ADMINISTRATOR', organization: `${ORG}${p.id}` }));
      return sendJson(res, 200, { paging: { count: 100, start: 0, total: elements.length }, elements });
    }
    const org = /^\/rest\/organizations\/(\d+)$/.exec(path);
    if (req.method === 'GET' && org) {
      const page = options.pages.find((p) => String(p.id) === org[1]);
      if (!page) return liError(res, 404, 'NOT_FOUND', 'Organization not found');
      const error = options.organizationErrors[page.id];
      if (error) return liError(res, error.status, error.code, error.message);
      return sendJson(res, 200, { id: page.id, localizedName: page.name, vanityName: page.vanityName });
    }

    if (req.method === 'POST' && path === '/rest/images' && url.searchParams.get('action') === 'initializeUpload') {
      const owner = (JSON.parse(req.body || '{}') as { initializeUploadRequest?: { owner?: string } }).initializeUploadRequest?.owner;
      if (!administers(owner)) return liError(res, 403, 'ACCESS_DENIED', `Not enough permissions to upload for ${String(owner)}`);
      const urn = `urn:li:image:D4E10AQ${randomBytes(8).toString('hex')}`;
      images.set(urn, { owner: owner!, status: 'WAITING_UPLOAD', bytes: 0, polls: 0 });
      return sendJson(res, 200, {
        value: {
          uploadUrlExpiresAt: Date.now() + 3_600_000,
          uploadUrl: `${server.url}/dms-uploads/${encodeURIComponent(urn)}`,
          image: urn,
        },
      });
    }
    if (req.method === 'POST' && path === '/rest/documents' && url.searchParams.get('action') === 'initializeUpload') {
      const owner = (JSON.parse(req.body || '{}') as { initializeUploadRequest?: { owner?: string } }).initializeUploadRequest?.owner;
      if (!administers(owner)) return liError(res, 403, 'ACCESS_DENIED', `Not enough permissions to upload for ${String(owner)}`);
      const urn = `urn:li:document:D4D10AQ${randomBytes(8).toString('hex')}`;
      documents.set(urn, { owner: owner!, status: 'WAITING_UPLOAD', bytes: 0, polls: 0 });
      return sendJson(res, 200, {
        value: {
          uploadUrlExpiresAt: Date.now() + 3_600_000,
          uploadUrl: `${server.url}/document-uploads/${encodeURIComponent(urn)}`,
          document: urn,
        },
      });
    }
    const documentStatus = /^\/rest\/documents\/(.+)$/.exec(path);
    if (req.method === 'GET' && documentStatus) {
      const urn = decodeURIComponent(documentStatus[1]);
      const stored = documents.get(urn);
      if (!stored) return liError(res, 404, 'NOT_FOUND', 'Document not found');
      if (stored.status === 'PROCESSING' && ++stored.polls > options.processingPolls) stored.status = 'AVAILABLE';
      return sendJson(res, 200, { id: urn, owner: stored.owner, status: stored.status });
    }
    if (req.method === 'POST' && path === '/rest/videos' && url.searchParams.get('action') === 'initializeUpload') {
      const ask = (JSON.parse(req.body || '{}') as { initializeUploadRequest?: { owner?: string; fileSizeBytes?: number } })
        .initializeUploadRequest;
      if (!administers(ask?.owner)) return liError(res, 403, 'ACCESS_DENIED', `Not enough permissions to upload for ${String(ask?.owner)}`);
      const size = ask?.fileSizeBytes;
      if (!Number.isInteger(size) || size! <= 0 || size! > 500 * 1024 * 1024)
        return liError(res, 422, 'UNPROCESSABLE_ENTITY', 'fileSizeBytes must be between 1 byte and 500 MB');
      const urn = `urn:li:video:C5F10AQ${randomBytes(8).toString('hex')}`;
      const parts: Array<{ etag: string | null; bytes: number }> = [];
      const uploadInstructions = [];
      for (let first = 0, i = 0; first < size!; first += options.videoPartBytes, i++) {
        const last = Math.min(first + options.videoPartBytes, size!) - 1;
        parts.push({ etag: null, bytes: last - first + 1 });
        uploadInstructions.push({
          uploadUrl: `${server.url}/video-uploads/${encodeURIComponent(urn)}/${i}`,
          firstByte: first,
          lastByte: last,
        });
      }
      const uploadToken = parts.length > 1 ? token('li-ut') : '';
      videos.set(urn, { owner: ask!.owner!, status: 'WAITING_UPLOAD', size: size!, parts, uploadToken, polls: 0 });
      return sendJson(res, 200, { value: { uploadUrlsExpireAt: Date.now() + 3_600_000, video: urn, uploadInstructions, uploadToken } });
    }
    if (req.method === 'POST' && path === '/rest/videos' && url.searchParams.get('action') === 'finalizeUpload') {
      const ask = (
        JSON.parse(req.body || '{}') as { finalizeUploadRequest?: { video?: string; uploadToken?: string; uploadedPartIds?: string[] } }
      ).finalizeUploadRequest;
      const video = videos.get(ask?.video ?? '');
      if (!video) return liError(res, 404, 'NOT_FOUND', 'Video not found');
      const etags = video.parts.map((p) => p.etag);
      if (ask?.uploadToken !== video.uploadToken || JSON.stringify(ask?.uploadedPartIds) !== JSON.stringify(etags) || etags.includes(null))
        return liError(res, 400, 'ILLEGAL_ARGUMENT', 'uploadedPartIds must be every part’s ETag, in order, with the uploadToken');
      video.status = 'PROCESSING';
      res.writeHead(200);
      res.end();
      return;
    }
    const videoStatus = /^\/rest\/videos\/(.+)$/.exec(path);
    if (req.method === 'GET' && videoStatus) {
      const urn = decodeURIComponent(videoStatus[1]);
      const stored = videos.get(urn);
      if (!stored) return liError(res, 404, 'NOT_FOUND', 'Video not found');
      if (stored.status === 'PROCESSING' && ++stored.polls > options.processingPolls) stored.status = 'AVAILABLE';
      return sendJson(res, 200, { id: urn, owner: stored.owner, status: stored.status });
    }
    if (req.method === 'GET' && path === '/rest/organizationalEntityShareStatistics') {
      const q = url.searchParams;
      const org = q.get('organizationalEntity');
      if (q.get('q') !== 'organizationalEntity' || !administers(org)) return liError(res, 403, 'ACCESS_DENIED', 'Not an administered page');
      // Rest.li 2.0 lists arrive as List(urn1,urn2), each URN encoded (decoded once by URLSearchParams).
      const listed = (name: string) =>
        /^List\((.*)\)$/
          .exec(q.get(name) ?? '')?.[1]
          ?.split(',')
          .filter(Boolean) ?? null;
      const shares = listed('shares');
      const ugc = listed('ugcPosts');
      const zero = {
        impressionCount: 0,
        uniqueImpressionsCount: 0,
        clickCount: 0,
        likeCount: 0,
        commentCount: 0,
        shareCount: 0,
        engagement: 0,
      };
      if (!shares && !ugc) {
        const total = { ...zero };
        for (const p of posts.filter((x) => x.author === org))
          for (const [k, v] of Object.entries(fakeStatistics.get(p.id) ?? {})) total[k as keyof typeof zero] += v;
        return sendJson(res, 200, { elements: [{ organizationalEntity: org, totalShareStatistics: total }] });
      }
      const elements = [
        ...(shares ?? []).map((id) => ({
          organizationalEntity: org,
          share: id,
          totalShareStatistics: { ...zero, ...fakeStatistics.get(id) },
        })),
        ...(ugc ?? []).map((id) => ({
          organizationalEntity: org,
          ugcPost: id,
          totalShareStatistics: { ...zero, ...fakeStatistics.get(id) },
        })),
      ].filter((e) => posts.some((p) => p.id === (e as { share?: string }).share || p.id === (e as { ugcPost?: string }).ugcPost));
      return sendJson(res, 200, { paging: { start: 0, count: elements.length }, elements });
    }
    const size = /^\/rest\/networkSizes\/(.+)$/.exec(path);
    if (req.method === 'GET' && size) {
      if (url.searchParams.get('edgeType') !== 'COMPANY_FOLLOWED_BY_MEMBER') return liError(res, 400, 'ILLEGAL_ARGUMENT', 'edgeType');
      return sendJson(res, 200, { firstDegreeSize: counts.followers });
    }
    const image = /^\/rest\/images\/(.+)$/.exec(path);
    if (req.method === 'GET' && image) {
      const urn = decodeURIComponent(image[1]);
      const stored = images.get(urn);
      if (!stored) return liError(res, 404, 'NOT_FOUND', 'Image not found');
      if (stored.status === 'PROCESSING' && ++stored.polls > options.processingPolls) stored.status = 'AVAILABLE';
      return sendJson(res, 200, { id: urn, owner: stored.owner, status: stored.status });
    }

    if (req.method === 'POST' && path === '/rest/posts') {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const fault = state.fault?.(req) ?? null;
      if (fault?.kind === 'status')
        return sendJson(
          res,
          fault.status,
          {
            status: fault.status,
            serviceErrorCode: fault.serviceErrorCode ?? 100,
            code: fault.code ?? 'INTERNAL_SERVER_ERROR',
            message: fault.message ?? 'Internal Server Error',
          },
          fault.headers
        );
      if (fault?.kind === 'reset') return void res.socket?.destroy();
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return liError(res, 400, 'ILLEGAL_ARGUMENT', 'Body is not JSON');
      }
      if (!administers(body.author)) return liError(res, 403, 'ACCESS_DENIED', `Not enough permissions to post as ${String(body.author)}`);
      const distribution = body.distribution as { feedDistribution?: string } | undefined;
      if (
        typeof body.commentary !== 'string' ||
        body.visibility !== 'PUBLIC' ||
        !distribution?.feedDistribution ||
        body.lifecycleState !== 'PUBLISHED'
      )
        return liError(res, 422, 'UNPROCESSABLE_ENTITY', 'commentary, visibility, distribution and lifecycleState are required');
      if ([...body.commentary].length > 3000) return liError(res, 422, 'UNPROCESSABLE_ENTITY', 'commentary is longer than 3000 characters');
      const content = body.content as FakeLinkedInPost['content'];
      const ids = [content?.media?.id, ...(content?.multiImage?.images ?? []).map((i) => i.id)].filter((id): id is string => Boolean(id));
      if (content?.multiImage && content.multiImage.images.length < 2)
        return liError(res, 422, 'UNPROCESSABLE_ENTITY', 'multiImage needs at least 2 images');
      if (content?.media?.id.startsWith('urn:li:document:') && !content.media.title)
        return liError(res, 422, 'UNPROCESSABLE_ENTITY', 'A document post needs content.media.title');
      for (const id of ids) {
        const media = id.startsWith('urn:li:video:')
          ? videos.get(id)
          : id.startsWith('urn:li:document:')
            ? documents.get(id)
            : images.get(id);
        if (media?.status !== 'AVAILABLE') return liError(res, 400, 'ILLEGAL_ARGUMENT', `Media ${id} is not AVAILABLE`);
      }
      const id = `urn:li:share:${(nextId++).toString()}`;
      posts.push({
        id,
        author: String(body.author),
        commentary: body.commentary,
        content,
        createdAt: Date.now(),
        lifecycleState: 'PUBLISHED',
        raw: body,
      });
      const revoke = state.revokeAfter;
      if (revoke && posts.length >= revoke.posts) revokeAll();
      if (fault?.kind === 'apply-then-reset') return void res.socket?.destroy();
      if (fault?.kind === 'apply-then-hang') return;
      if (options.resetAfterPost > 0) {
        options.resetAfterPost--;
        res.socket?.destroy();
        return;
      }
      if (options.omitRestliId > 0) {
        options.omitRestliId--;
        res.writeHead(201);
        res.end();
        return;
      }
      res.writeHead(201, { 'x-restli-id': id });
      res.end();
      return;
    }
    if (req.method === 'GET' && path === '/rest/posts') {
      const q = url.searchParams;
      if (q.get('q') !== 'author' || !q.get('author')) return liError(res, 400, 'ILLEGAL_ARGUMENT', 'Unknown finder');
      const count = Math.min(Number(q.get('count') ?? 10), 100);
      const start = Math.max(0, Number(q.get('start') ?? 0) || 0);
      const elements = posts
        .filter((p) => p.author === q.get('author'))
        // Newest first; posts made in the same millisecond keep their order of creation (newest first too).
        .map((p, i) => ({ p, i }))
        .sort((a, b) => b.p.createdAt - a.p.createdAt || b.i - a.i)
        .map(({ p }) => p)
        .slice(start, start + count)
        .map((p) => ({
          id: p.id,
          author: p.author,
          commentary: p.commentary,
          createdAt: p.createdAt,
          publishedAt: p.createdAt,
          lifecycleState: p.lifecycleState,
          visibility: 'PUBLIC',
        }));
      return sendJson(res, 200, { paging: { start, count, links: [] }, elements });
    }
    const social = /^\/rest\/socialActions\/([^/]+)\/comments$/.exec(path);
    if (req.method === 'POST' && social) {
      // Under a post, or under a comment (a nested reply names its post as `object`, the comment as `parentComment`).
      const target = decodeURIComponent(social[1]);
      const body = JSON.parse(req.body || '{}') as { actor?: string; object?: string; parentComment?: string; message?: { text?: string } };
      const parent = comments.find((c) => c.id === target && !c.deleted);
      const object = parent ? parent.object : target;
      if (!posts.some((p) => p.id === object)) return liError(res, 404, 'NOT_FOUND', `No post ${object}`);
      if (!administers(body.actor)) return liError(res, 403, 'ACCESS_DENIED', `Not enough permissions to comment as ${String(body.actor)}`);
      if (body.object !== object || !body.message?.text || (parent && body.parentComment !== parent.id))
        return liError(res, 422, 'UNPROCESSABLE_ENTITY', 'object, parentComment (for a reply) and message.text are required');
      const id = addComment(object, body.actor!, body.message.text, parent?.id);
      res.writeHead(201, { 'x-restli-id': id, 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: id.slice(id.lastIndexOf(',') + 1, -1), object, actor: body.actor, message: body.message, $URN: id }));
      return;
    }
    if (req.method === 'GET' && social) {
      const object = decodeURIComponent(social[1]);
      const elements = comments
        .filter((c) => c.object === object && !c.deleted)
        .map((c) => ({
          id: c.id.slice(c.id.lastIndexOf(',') + 1, -1),
          commentUrn: c.id,
          $URN: c.id,
          actor: c.actor,
          object: c.object,
          message: { text: c.text, attributes: [] },
          created: { actor: c.actor, time: c.time },
          ...(c.parentComment ? { parentComment: c.parentComment } : {}),
        }));
      return sendJson(res, 200, { paging: { start: 0, count: elements.length, total: elements.length }, elements });
    }
    const one = /^\/rest\/socialActions\/([^/]+)\/comments\/(\d+)$/.exec(path);
    if (req.method === 'DELETE' && one) {
      const c = comments.find((x) => x.id === `urn:li:comment:(${decodeURIComponent(one[1])},${one[2]})` && !x.deleted);
      if (!c) return liError(res, 404, 'NOT_FOUND', 'Comment not found');
      if (url.searchParams.get('actor') !== c.actor) return liError(res, 403, 'ACCESS_DENIED', 'Only its author may delete this comment');
      c.deleted = true;
      res.writeHead(204);
      res.end();
      return;
    }
    liError(res, 404, 'NOT_FOUND', `No route ${req.method} ${path}`);
  });

  return {
    url: server.url,
    clientId,
    clientSecret,
    requests: server.requests,
    rest: () => server.requests.filter((r) => r.path.startsWith('/rest/')),
    posts,
    comments,
    addComment,
    images,
    documents,
    videos,
    issuedAccessTokens,
    options,
    statistics: fakeStatistics,
    get followers() {
      return counts.followers;
    },
    set followers(value: number) {
      counts.followers = value;
    },
    get fault() {
      return state.fault;
    },
    set fault(value) {
      state.fault = value;
    },
    get revokeAfter() {
      return state.revokeAfter;
    },
    set revokeAfter(value) {
      state.revokeAfter = value;
    },
    revokeAll,
    expireTokens() {
      for (const t of access.values()) t.expiresAt = 0;
    },
    grant: () => String(issue(null).access_token),
    stop: server.stop,
  };
}
