import { z } from 'zod';
import type { AdapterContext, Existing, PostContent, PublishPort, PublishResult } from '../types';
import type { OutboundPurpose } from '../../core/http/guarded-fetch';
import { lint, loadTwitterText } from '../../../shared/linter';
import { authFailure, fromStatus, permanent, retryAfterFrom, unknownOutcome, type NetworkError } from '../errors';
import { call, errorMessage } from '../http';
import { detect, newTid, openGraph, toFacets } from './richtext';
import { createSessionRequest, passwordRefused, session, xrpcUrl, type Session } from './session';
import { bluesky as profile } from '../../../shared/networks/bluesky';
import { lazySchema } from '../../../shared/core/lazy-schema';

const POST = 'app.bsky.feed.post';
const created = lazySchema(() => z.object({ uri: z.string(), cid: z.string() }));
const blob = lazySchema(() => z.object({ blob: z.record(z.string(), z.unknown()) }));

const xrpc = (ctx: AdapterContext, nsid: string, query = '') => xrpcUrl(ctx.account.instanceUrl, nsid, query);

const isTokenError = (data: unknown) => /ExpiredToken|InvalidToken|AuthenticationRequired/.test(JSON.stringify(data ?? ''));

/** Seconds left on a JWT, read without verifying (the server verifies). */
function expiresIn(jwt: string | undefined, now: number): number {
  if (!jwt) return -1;
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { exp?: number };
    return payload.exp ? payload.exp - now / 1000 : 60;
  } catch {
    return -1;
  }
}

/**
 * A usable session: the stored access token while it has a minute left, else
 * refreshSession (a POST with the refresh JWT and no body), else a new
 * createSession with the app password. New tokens are stored encrypted.
 */
async function openSession(ctx: AdapterContext, force = false): Promise<{ did: string; handle: string; accessJwt: string }> {
  const { secrets } = ctx;
  if (!force && expiresIn(secrets.accessJwt, ctx.now()) > 60 && secrets.did) {
    return { did: secrets.did, handle: secrets.handle ?? '', accessJwt: secrets.accessJwt };
  }
  if (secrets.refreshJwt && expiresIn(secrets.refreshJwt, ctx.now()) > 60) {
    const res = await call(ctx, xrpc(ctx, 'com.atproto.server.refreshSession'), {
      method: 'POST',
      headers: { authorization: `Bearer ${secrets.refreshJwt}`, accept: 'application/json' },
    });
    const parsed = session.safeParse(res.data);
    if (res.status === 200 && parsed.success) return store(ctx, parsed.data);
  }
  const res = await call(
    ctx,
    xrpc(ctx, 'com.atproto.server.createSession'),
    createSessionRequest(ctx.account.settings.identifier, secrets.appPassword)
  );
  const parsed = session.safeParse(res.data);
  if (res.status === 200 && parsed.success) return store(ctx, parsed.data);
  if (passwordRefused(res.status, res.data)) {
    throw authFailure('app_password_refused', errorMessage(res.data) ?? 'Bluesky refused the app password');
  }
  throw fromStatus(res.status, errorMessage(res.data) ?? `createSession answered ${res.status}`, retryAfterFrom(res.headers, ctx.now()));
}

async function store(ctx: AdapterContext, s: Session) {
  ctx.secrets = { ...ctx.secrets, accessJwt: s.accessJwt, refreshJwt: s.refreshJwt, did: s.did, handle: s.handle };
  await ctx.saveSecrets(ctx.secrets);
  return { did: s.did, handle: s.handle, accessJwt: s.accessJwt };
}

/** An authenticated XRPC call that refreshes the session once when the token has expired. */
export async function authed(
  ctx: AdapterContext,
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string | Buffer; purpose?: OutboundPurpose }
) {
  let s = await openSession(ctx);
  let res = await call(ctx, url, {
    ...init,
    headers: { ...init.headers, authorization: `Bearer ${s.accessJwt}`, accept: 'application/json' },
  });
  if ((res.status === 400 || res.status === 401) && isTokenError(res.data)) {
    s = await openSession(ctx, true);
    res = await call(ctx, url, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${s.accessJwt}`, accept: 'application/json' },
    });
    if ((res.status === 400 || res.status === 401) && isTokenError(res.data))
      throw authFailure('token_refused', errorMessage(res.data) ?? 'Bluesky refused the session');
  }
  return { res, session: s };
}

export function failure(
  res: { status: number; headers: Record<string, string | string[] | undefined>; data: unknown },
  ctx: AdapterContext,
  what: string
): NetworkError {
  const message = errorMessage(res.data) ?? `${what}: the server answered ${res.status}`;
  if (res.status === 400) return permanent('network_rejected', message);
  return fromStatus(res.status, message, retryAfterFrom(res.headers, ctx.now()));
}

async function uploadBlob(ctx: AdapterContext, bytes: Buffer, mime: string) {
  const { res } = await authed(ctx, xrpc(ctx, 'com.atproto.repo.uploadBlob'), {
    purpose: 'media',
    method: 'POST',
    headers: { 'content-type': mime },
    body: bytes,
  });
  if (res.status !== 200) {
    if (res.status === 400 || res.status === 413) throw permanent('media_rejected', errorMessage(res.data) ?? 'Bluesky refused the file');
    throw failure(res, ctx, 'uploadBlob');
  }
  return blob.parse(res.data).blob;
}

/** The link card of the first link, from the page's OpenGraph fetched through the guarded fetcher; none when the page will not tell. */
async function linkCard(ctx: AdapterContext, url: string) {
  try {
    const page = await ctx.fetch(url, { purpose: 'linkPreview', headers: { accept: 'text/html' }, maxBytes: 1024 * 1024 });
    if (page.status !== 200) return null;
    const og = openGraph(page.text());
    if (!og.title && !og.description) return null;
    const external: Record<string, unknown> = { uri: url, title: og.title ?? '', description: og.description ?? '' };
    if (og.image) {
      const image = await ctx.fetch(new URL(og.image, url).toString(), { purpose: 'media', maxBytes: 1_000_000 });
      const mime = String(image.headers['content-type'] ?? '').split(';')[0];
      if (image.status === 200 && mime.startsWith('image/')) external.thumb = await uploadBlob(ctx, image.body, mime);
    }
    return { $type: 'app.bsky.embed.external', external };
  } catch {
    // A card is a nicety: the post goes out with its link facet.
    return null;
  }
}

async function resolveMentions(ctx: AdapterContext, handles: string[]) {
  const dids = new Map<string, string>();
  for (const handle of new Set(handles)) {
    const res = await call(ctx, xrpc(ctx, 'com.atproto.identity.resolveHandle', `?handle=${encodeURIComponent(handle)}`), {
      headers: { accept: 'application/json' },
    });
    const did = (res.data as { did?: string } | null)?.did;
    if (res.status === 200 && did) dids.set(handle, did);
  }
  return dids;
}

async function buildRecord(ctx: AdapterContext, text: string, media: PostContent['media']) {
  const found = detect(text);
  const dids = await resolveMentions(
    ctx,
    // Handles are case-insensitive; the detection keeps them as typed.
    found.filter((f) => f.kind === 'mention').map((f) => f.value.toLowerCase())
  );
  const record: Record<string, unknown> = { $type: POST, text, createdAt: new Date(ctx.now()).toISOString() };
  const facets = toFacets(found, dids);
  if (facets.length) record.facets = facets;
  if (media.length) {
    const images = [];
    for (const item of media) images.push({ alt: item.alt, image: await uploadBlob(ctx, item.bytes, item.mime) });
    record.embed = { $type: 'app.bsky.embed.images', images };
  } else {
    const link = found.find((f) => f.kind === 'link');
    const card = link ? await linkCard(ctx, link.value) : null;
    if (card) record.embed = card;
  }
  return record;
}

async function createRecord(ctx: AdapterContext, rkey: string, record: Record<string, unknown>): Promise<PublishResult> {
  const { res, session: s } = await authed(ctx, xrpc(ctx, 'com.atproto.repo.createRecord'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ repo: repoOf(ctx), collection: POST, rkey, record }),
  });
  if (res.status !== 200) throw failure(res, ctx, 'createRecord');
  const parsed = created.safeParse(res.data);
  if (!parsed.success) throw unknownOutcome('unexpected_answer', 'createRecord answered 200 without a uri');
  const handle = s.handle || ctx.account.handle?.replace(/^@/, '') || s.did;
  return {
    externalId: parsed.data.uri,
    url: `https://bsky.app/profile/${handle}/post/${rkey}`,
    ref: { uri: parsed.data.uri, cid: parsed.data.cid },
  };
}

/** The repo is the account's DID, known from the connection check or the session. */
export const repoOf = (ctx: AdapterContext) => ctx.secrets.did ?? ctx.account.networkAccountId ?? '';

export const publish: PublishPort = {
  // The record key is chosen here and stored before the call: after a crash, getRecord says whether it exists.
  newAttemptId: (now) => newTid(now),

  async validate(_ctx, content) {
    await loadTwitterText();
    const result = lint({ text: content.text, network: profile.id });
    const problem = result.findings.find((f) => f.code === 'too_long' || f.code === 'too_many_bytes' || f.code === 'empty');
    if (problem && !(problem.code === 'empty' && content.media.length)) throw permanent(problem.code, problem.message);
    if (content.media.length > profile.media.max) throw permanent('too_many_media', `Bluesky takes ${profile.media.max} images per post`);
  },

  async publish(ctx, content, attemptId) {
    await openSession(ctx);
    return createRecord(ctx, attemptId, await buildRecord(ctx, content.text, content.media));
  },

  async reply(ctx, parent, text) {
    const record = await buildRecord(ctx, text, []);
    const ref = { uri: parent.ref?.uri ?? parent.externalId, cid: parent.ref?.cid ?? '' };
    record.reply = { root: ref, parent: ref };
    return createRecord(ctx, newTid(ctx.now()), record);
  },

  findExisting: (ctx, _content, attemptId) => findPost(ctx, attemptId),
};

/**
 * A reply under `parent` in the thread started by `root` (strong refs: uri and
 * cid), with the attempt's record key: sent again with the same key after an
 * unknown outcome, the PDS refuses a second record under that key and the one
 * already there is answered instead, so it exists once.
 */
export async function replyWithRefs(
  ctx: AdapterContext,
  refs: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } },
  text: string,
  attemptId: string
): Promise<PublishResult> {
  const record = await buildRecord(ctx, text, []);
  record.reply = { root: refs.root, parent: refs.parent };
  try {
    return await createRecord(ctx, attemptId, record);
  } catch (err) {
    const existing = await findPost(ctx, attemptId).catch(() => 'cannot_tell' as const);
    if (typeof existing === 'object') return existing.found;
    throw err;
  }
}

async function findPost(ctx: AdapterContext, attemptId: string): Promise<Existing> {
  const repo = repoOf(ctx);
  if (!repo) return 'cannot_tell';
  const res = await call(
    ctx,
    xrpc(ctx, 'com.atproto.repo.getRecord', `?repo=${encodeURIComponent(repo)}&collection=${POST}&rkey=${encodeURIComponent(attemptId)}`),
    {
      headers: { accept: 'application/json' },
    }
  );
  if (res.status === 200) {
    const parsed = z.object({ uri: z.string(), cid: z.string().optional() }).safeParse(res.data);
    if (parsed.success) {
      const handle = ctx.secrets.handle || ctx.account.handle?.replace(/^@/, '') || repo;
      return {
        found: {
          externalId: parsed.data.uri,
          url: `https://bsky.app/profile/${handle}/post/${attemptId}`,
          ref: { uri: parsed.data.uri, cid: parsed.data.cid ?? '' },
        },
      };
    }
  }
  if (res.status === 400 && /RecordNotFound|Could not locate record/.test(JSON.stringify(res.data))) return 'absent';
  return 'cannot_tell';
}
