import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AdapterContext, Existing, MediaRef, PostDraft, PublishResult } from '../types';
import { messageText } from '../../../shared/core/messages';
import { NetworkError, permanent, retryable, unknownOutcome } from '../errors';
import { sleep } from '../http';
import { ALREADY_PUBLISHED_SUBCODE, comparable, createdId, failure, graphError, graphGet, graphPost } from './graph';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * The container flow Instagram and Threads share
 * (developers.facebook.com/docs/instagram-platform/content-publishing,
 * developers.facebook.com/docs/threads/posts): a media container is created
 * from a public URL the network fetches, polled until its status is
 * FINISHED (IN_PROGRESS while the network processes it; ERROR and EXPIRED —
 * 24 hours unpublished — end it), then published with `creation_id`. A
 * container can be published once: publishing the same container again
 * cannot make a second post, which is what makes a resend after an unknown
 * outcome safe — provided the container's id was kept. It is saved in the
 * publication's steps (`ctx.steps`) before each call that may publish.
 */

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface ContainerApi {
  ctx: AdapterContext;
  /** the Graph base with its version */
  graph: string;
  /** the Instagram or Threads user the containers belong to */
  owner: string;
  token: string;
  /** `media` (Instagram) or `threads` */
  edge: string;
  /** `media_publish` or `threads_publish` */
  publishEdge: string;
  /** `status_code` (Instagram) or `status` (Threads) */
  statusField: 'status_code' | 'status';
  /** `content_publishing_limit` or `threads_publishing_limit` */
  limitEdge: string;
  /** the network's name, in messages */
  label: string;
  /** the recent posts' text field: `caption` (Instagram) or `text` (Threads) */
  textField: 'caption' | 'text';
}

/** The steps a publication keeps between attempts (server/publishing/steps.ts); absent in a preview. */
const stepsOf = (ctx: AdapterContext) => ctx.steps ?? null;

/** What a container was made from, to tell a container of the post as it is now from one of an older version. */
export const fingerprint = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);

/** Waits between status polls: an image is ready in seconds, a video in up to about two minutes. */
export const POLL_WAITS_MS = [250, 500, 750, 1000, 1500, 2000, 3000, ...Array.from({ length: 22 }, () => 5000)];

const status = lazySchema(() =>
  z.object({ status_code: z.string().optional(), status: z.string().optional(), error_message: z.string().optional() })
);

/** A container's status, or null when the network no longer knows it. */
export async function statusOf(api: ContainerApi, id: string): Promise<{ status: ContainerStatus | null; detail: string }> {
  const res = await graphGet(api.ctx, `${api.graph}/${encodeURIComponent(id)}?fields=${api.statusField},error_message`, api.token);
  if (res.status === 404 || (res.status === 400 && /does not exist|unsupported get request/i.test(JSON.stringify(res.data)))) {
    return { status: null, detail: '' };
  }
  if (res.status !== 200) throw failure(res, api.ctx.now(), `${api.label} container status`);
  const parsed = status.safeParse(res.data);
  // Instagram's `status` holds a sentence ("Finished: Media has been uploaded…"); `status_code` the state.
  const raw = (parsed.data?.[api.statusField] ?? '').split(':')[0].trim().toUpperCase();
  const known = ['IN_PROGRESS', 'FINISHED', 'ERROR', 'EXPIRED', 'PUBLISHED'].includes(raw) ? (raw as ContainerStatus) : null;
  return { status: known, detail: parsed.data?.error_message ?? parsed.data?.status ?? '' };
}

/** Polls until FINISHED (or PUBLISHED); ERROR fails the post, EXPIRED and a lost container are made again by a retry. */
export async function waitReady(
  api: ContainerApi,
  id: string,
  waits: readonly number[] = POLL_WAITS_MS
): Promise<'FINISHED' | 'PUBLISHED'> {
  for (const wait of [0, ...waits]) {
    if (wait) await sleep(wait);
    const { status: state, detail } = await statusOf(api, id);
    if (state === 'FINISHED' || state === 'PUBLISHED') return state;
    if (state === 'ERROR')
      throw permanent('media_rejected', `${api.label} could not process the media${detail ? `: ${detail.slice(0, 300)}` : ''}`);
    if (state === 'EXPIRED' || state === null)
      throw retryable('meta_container_expired', `${api.label} no longer holds the media container ${id}`);
  }
  throw retryable('media_processing_timeout', `${api.label} did not finish processing the media in time`);
}

/** Creates one container. Nothing is published yet: a lost answer is safe to retry (an orphan container expires in 24 h). */
export async function createContainer(api: ContainerApi, params: Record<string, string>): Promise<string> {
  let res;
  try {
    res = await graphPost(api.ctx, `${api.graph}/${encodeURIComponent(api.owner)}/${api.edge}`, api.token, params, 'media');
  } catch (err) {
    if (err instanceof NetworkError && err.kind === 'unknown') throw retryable(err.code, err.message, err.retryAfterMs);
    throw err;
  }
  if (res.status !== 200) {
    const err = failure(res, api.ctx.now(), `${api.label} media container`);
    throw err.kind === 'unknown' ? retryable(err.code, err.message, err.retryAfterMs) : err;
  }
  const id = createdId(res.data);
  if (!id) throw retryable('unexpected_answer', `${api.label} created a container without naming it`);
  return id;
}

/**
 * A carousel: its items' containers (each saved in the steps as soon as it
 * exists, so a retry reuses the ones still FINISHED instead of making them
 * again), each processed, then the carousel container over them.
 */
export async function buildCarousel(
  api: ContainerApi,
  items: Array<Record<string, string>>,
  parent: Record<string, string>
): Promise<string> {
  const steps = stepsOf(api.ctx);
  const saved = (await steps?.load()) ?? {};
  const made = fingerprint(items);
  const prior = saved.childrenOf === made ? (saved.children ?? '').split(',').filter(Boolean) : [];
  let children: string[] = [];
  if (prior.length === items.length) {
    const states = await Promise.all(prior.map((id) => statusOf(api, id)));
    if (states.every((s) => s.status === 'FINISHED')) children = prior;
  }
  if (!children.length) {
    await steps?.save('childrenOf', made);
    for (const item of items) {
      children.push(await createContainer(api, { ...item, is_carousel_item: 'true' }));
      await steps?.save('children', children.join(','));
    }
  }
  for (const child of children) await waitReady(api, child);
  return createContainer(api, { ...parent, media_type: 'CAROUSEL', children: children.join(',') });
}

const usage = () => z.coerce.number().optional();
const total = () => z.object({ quota_total: z.coerce.number().optional() }).optional();
const limit = lazySchema(() =>
  z.object({
    data: z.array(z.object({ quota_usage: usage(), config: total(), reply_quota_usage: usage(), reply_config: total() })),
  })
);

/**
 * The day's publishing quota, read before publishing: a spent one waits an
 * hour rather than failing the post. Threads counts its replies apart (1,000
 * a day beside 250 posts, `reply_quota_usage` and `reply_config`): a first
 * comment or an answer from the inbox reads that one.
 */
export async function checkQuota(api: ContainerApi, of: 'posts' | 'replies' = 'posts'): Promise<{ used: number; total: number } | null> {
  const fields = of === 'replies' ? 'reply_quota_usage,reply_config' : 'quota_usage,config';
  const res = await graphGet(api.ctx, `${api.graph}/${encodeURIComponent(api.owner)}/${api.limitEdge}?fields=${fields}`, api.token);
  if (res.status !== 200) throw failure(res, api.ctx.now(), `${api.label} publishing limit`);
  const first = limit.safeParse(res.data).data?.data[0];
  const used = of === 'replies' ? first?.reply_quota_usage : first?.quota_usage;
  const quotaTotal = (of === 'replies' ? first?.reply_config : first?.config)?.quota_total;
  if (used === undefined || quotaTotal === undefined) return null;
  const quota = { used, total: quotaTotal };
  if (quota.used >= quota.total) {
    throw retryable(
      'meta_publishing_limit',
      `${api.label}: the account has published its ${quota.total} ${of} of the last 24 hours`,
      api.ctx.now() + 3600_000
    );
  }
  return quota;
}

/** The public address the network fetches a file from; refused when the site has none. */
export function publicMediaUrl(ctx: AdapterContext, item: MediaRef, label: string): string {
  const url = item.url;
  if (url && /^https?:\/\//i.test(url)) return url;
  // The site's short-lived signed address for the file (the publishing runner's); else the site's own path (a preview, a test).
  const signed = url && ctx.mediaUrl ? ctx.mediaUrl(url) : undefined;
  if (signed) return signed;
  if (signed === null) throw permanent('meta_public_url_missing', `${label}: ${messageText('meta_public_url_missing')}`);
  const site = ctx.publicUrl;
  if (!site || !url) throw permanent('meta_public_url_missing', `${label}: ${messageText('meta_public_url_missing')}`);
  return `${site.replace(/\/+$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
}

const media = lazySchema(() =>
  z.object({
    data: z.array(
      z.object({
        id: z.string(),
        caption: z.string().optional(),
        text: z.string().optional(),
        timestamp: z.string().optional(),
        permalink: z.string().optional(),
      })
    ),
  })
);

/** How many of the account's latest posts are compared after an unknown outcome. */
const RECENT = 25;
/** Clock skew allowed between the network's timestamps and ours. */
const SKEW_MS = 5 * 60_000;

/** The account's latest posts with the same words, made since the attempt began: found; the list reaching back before it: absent. */
export async function findRecent(api: ContainerApi, text: string, since: number): Promise<Existing> {
  const fields = `id,${api.textField},timestamp,permalink`;
  const res = await graphGet(
    api.ctx,
    `${api.graph}/${encodeURIComponent(api.owner)}/${api.edge}?fields=${fields}&limit=${RECENT}`,
    api.token
  );
  if (res.status !== 200) throw failure(res, api.ctx.now(), `${api.label} recent posts`);
  const parsed = media.safeParse(res.data);
  if (!parsed.success) return 'cannot_tell';
  const wanted = comparable(text);
  const window = since - SKEW_MS;
  for (const post of parsed.data.data) {
    const at = post.timestamp ? Date.parse(post.timestamp) : Number.NaN;
    if (!Number.isNaN(at) && at < window) continue;
    if (comparable(post[api.textField] ?? '') === wanted) return { found: { externalId: post.id, url: post.permalink ?? null } };
  }
  const oldest = parsed.data.data.at(-1);
  const reachesBack = parsed.data.data.length < RECENT || (oldest?.timestamp !== undefined && Date.parse(oldest.timestamp) < window);
  return reachesBack ? 'absent' : 'cannot_tell';
}

const permalinkOf = lazySchema(() => z.object({ permalink: z.string().optional() }));

/** The published post's public link (a read: its failure does not undo the post). */
export async function permalink(api: ContainerApi, id: string): Promise<string | null> {
  try {
    const res = await graphGet(api.ctx, `${api.graph}/${encodeURIComponent(id)}?fields=permalink`, api.token);
    return res.status === 200 ? (permalinkOf.safeParse(res.data).data?.permalink ?? null) : null;
  } catch {
    return null;
  }
}

/** How long before its instant a post's container is made: an image is processed in seconds, a video in up to about two minutes. */
export const AHEAD_MS = 5 * 60_000;

/**
 * Before the instant (`PublishPort.ahead`): the post's container made, and
 * its children for a carousel, kept in the publication's ahead store
 * (`ctx.steps` there) — once per version of the post: a post changed since
 * gets a new one (the old one expires unused). Nothing is published; the
 * publish at the instant adopts the container if the post is still the same.
 */
export async function prepareAhead(api: ContainerApi, build: () => Promise<string>, made: string): Promise<void> {
  const steps = stepsOf(api.ctx);
  if (!steps) return;
  const saved = await steps.load();
  if (saved.container && saved.containerOf === made) return;
  // Another version's: forgotten first, so a container is never paired with the fingerprint of another.
  if (Object.keys(saved).length) await steps.clear();
  const container = await build();
  await steps.save('container', container);
  await steps.save('containerOf', made);
}

/**
 * Publishes a post through its container, once: the container made by an
 * earlier attempt (kept in the steps), or else the one made ahead of the
 * instant from the same post, is checked first — PUBLISHED means the
 * post exists and is looked up, never made again; FINISHED is published as
 * is; expired or lost, a new one is made. `build` makes the container (and
 * its children) and returns its id.
 */
export async function publishOnce(
  api: ContainerApi,
  text: string,
  build: () => Promise<string>,
  /** what the container is made from (the text, the files' addresses): a container of another version is not reused */
  made: string,
  /** the step's name: the post's container, or a reply's (a first comment, a thread's next part) */
  key = 'container',
  options: {
    /** a thread's part: the steps stay (the next part needs to know this one is out); the thread clears them */
    keepSteps?: boolean;
    /** where a reply published already is looked for (Threads lists an account's replies apart from its posts) */
    lookup?: ContainerApi;
  } = {}
): Promise<PublishResult> {
  const steps = stepsOf(api.ctx);
  const saved = (await steps?.load()) ?? {};
  let container: string | null = saved[key] ?? null;
  let sameVersion = saved[`${key}Of`] === made;
  let finished = false;
  if (!container && key === 'container') {
    // Made before the instant from the post as it is now (prepareAhead): adopted, stored as this attempt's own before any call.
    const ahead = (await api.ctx.prepared?.load()) ?? {};
    if (ahead.container && ahead.containerOf === made) {
      container = ahead.container;
      sameVersion = true;
      await steps?.save(`${key}Of`, made);
      await steps?.save(key, container);
    }
  }
  if (container) {
    const { status: state } = await statusOf(api, container);
    // Ours for certain: the newest post with these words, whenever it was stamped.
    if (state === 'PUBLISHED') return publishedAlready(options.lookup ?? api, text, container);
    // Not published: reused only when made from the post as it is now and not expired; else made again (it expires unused).
    if ((state !== 'FINISHED' && state !== 'IN_PROGRESS') || !sameVersion) container = null;
    // Processed already (made ahead of the instant, or by an earlier attempt): no second status read.
    else finished = state === 'FINISHED';
  }
  if (!container) {
    await steps?.save(`${key}Of`, made);
    container = await build();
    await steps?.save(key, container);
  }
  if (!finished) await waitReady(api, container);
  // A reply (Threads' first comment, a thread's next part) spends the replies' quota.
  await checkQuota(api, key === 'container' ? 'posts' : 'replies');
  // Still this attempt's to publish (its saves were fenced, the processing wait was not): else another attempt decides.
  await steps?.fence?.();
  // Sent and no answer (a timeout, a reset): published or not, only the container's status can tell (unknown).
  const res = await graphPost(api.ctx, `${api.graph}/${encodeURIComponent(api.owner)}/${api.publishEdge}`, api.token, {
    creation_id: container,
  });
  if (res.status !== 200) {
    // The container was published by an earlier call still on the wire when its attempt died (its answer never came,
    // the lookup saw FINISHED): the post is ours, found among the latest as for a PUBLISHED status — not a failure.
    if (graphError(res.data)?.error_subcode === ALREADY_PUBLISHED_SUBCODE) return publishedAlready(options.lookup ?? api, text, container);
    throw failure(res, api.ctx.now(), `${api.label} publish`, { write: true });
  }
  const id = createdId(res.data);
  if (!id) throw unknownOutcome('unexpected_answer', `${api.label} answered the publish without the post's id`);
  // Published: nothing left to carry on (a later lookup compares the latest posts).
  if (!options.keepSteps) await steps?.clear();
  if (key === 'container') await api.ctx.prepared?.clear();
  return { externalId: id, url: await permalink(api, id) };
}

/** A container published already: the post is ours, the newest with these words whenever it was stamped. */
async function publishedAlready(api: ContainerApi, text: string, container: string): Promise<PublishResult> {
  const existing = await findRecent(api, text, 0);
  if (typeof existing === 'object') return existing.found;
  throw unknownOutcome('meta_container_published', `${api.label} published container ${container}, but the post is not among the latest`);
}

/**
 * After an unknown outcome: the container kept in the steps says whether the
 * post was published (PUBLISHED: it is looked for among the latest); any
 * other state means it was not, and a resend publishes that same container.
 * Without a kept container, the latest posts are compared with ours.
 */
export async function findPublished(api: ContainerApi, content: PostDraft, since: number): Promise<Existing> {
  const saved = (await stepsOf(api.ctx)?.load()) ?? {};
  if (saved.container) {
    const { status: state } = await statusOf(api, saved.container);
    if (state === 'PUBLISHED') {
      const existing = await findRecent(api, content.text, 0);
      return typeof existing === 'object' ? existing : 'cannot_tell';
    }
    if (state === 'FINISHED' || state === 'IN_PROGRESS') return 'absent';
  }
  return findRecent(api, content.text, since);
}
