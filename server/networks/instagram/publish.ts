import type { AdapterContext, MediaRef, PostDraft, PublishPort, PublishResult } from '../types';
import { lint, loadTwitterText } from '../../../shared/linter';
import { instagram as profile } from '../../../shared/networks/instagram';
import { permanent, unknownOutcome } from '../errors';
import { createdId, failure, graphPost } from '../meta/graph';
import {
  AHEAD_MS,
  buildCarousel,
  createContainer,
  fingerprint,
  findPublished,
  prepareAhead,
  publicMediaUrl,
  publishOnce,
  type ContainerApi,
} from '../meta/containers';
import { containerApi } from './api';

/**
 * Instagram content publishing: one image, a carousel of up to 10 images
 * and videos, or a reel (one video). Each file is fetched by Instagram from
 * the site's public address; the caption goes on the single container or the
 * carousel's. The first comment is a comment on the media, as the account.
 */

/** Instagram takes JPEG images (its documentation names no other format) and MP4 or MOV videos. */
const IMAGE_TYPES = ['image/jpeg'];
const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];
/** Instagram's limit on an image's alternative text (`alt_text`). */
const ALT_MAX = 1000;

const isVideo = (item: { mime: string }) => VIDEO_TYPES.includes(item.mime);

function itemParams(ctx: AdapterContext, item: MediaRef, child: boolean): Record<string, string> {
  const url = publicMediaUrl(ctx, item, item.filename);
  if (isVideo(item)) return { media_type: child ? 'VIDEO' : 'REELS', video_url: url, ...(child ? { is_carousel_item: 'true' } : {}) };
  const alt = item.alt.trim();
  return { image_url: url, ...(alt ? { alt_text: alt.slice(0, ALT_MAX) } : {}), ...(child ? { is_carousel_item: 'true' } : {}) };
}

/** The post's container: the file's own, or a carousel made of one container per file (each processed first). */
async function build(api: ContainerApi, ctx: AdapterContext, text: string, media: readonly MediaRef[]): Promise<string> {
  if (media.length === 1) return createContainer(api, { ...itemParams(ctx, media[0], false), caption: text });
  return buildCarousel(
    api,
    media.map((item) => itemParams(ctx, item, true)),
    { caption: text }
  );
}

/** What the post's container is made from: a container of another version (edited since) is not reused. */
const made = (content: PostDraft) => fingerprint([content.text, content.media.map((item) => [item.url, item.alt])]);

export const publish: PublishPort = {
  async validate(_ctx, content) {
    await loadTwitterText();
    const result = lint({ text: content.text, network: profile.id });
    const problem = result.findings.find((f) => f.code === 'too_long' || f.code === 'too_many_hashtags');
    if (problem) throw permanent(problem.code, problem.message);
    if (!content.media.length) throw permanent('media_required', 'An Instagram post needs an image or a video');
    if (content.media.length > profile.media.max)
      throw permanent('too_many_media', `An Instagram carousel takes at most ${profile.media.max} items`);
    for (const item of content.media) {
      if (!IMAGE_TYPES.includes(item.mime) && !isVideo(item))
        throw permanent('media_kind_unsupported', `${item.filename}: Instagram takes JPEG images and MP4 or MOV videos (${item.mime})`);
    }
    if (content.firstComment && [...content.firstComment].length > profile.length.limit)
      throw permanent('first_comment_too_long', `First comment: at most ${profile.length.limit} characters`);
  },

  /** The container made and processing before the due time, so that at the instant only `media_publish` is left. */
  ahead: {
    ms: AHEAD_MS,
    async prepare(ctx, content) {
      const api = containerApi(ctx);
      for (const item of content.media) publicMediaUrl(ctx, item, item.filename);
      await prepareAhead(api, () => build(api, ctx, content.text, content.media), made(content));
    },
  },

  async publish(ctx, content) {
    const api = containerApi(ctx);
    // Checked before any container is made: without a public address Instagram cannot fetch the files.
    for (const item of content.media) publicMediaUrl(ctx, item, item.filename);
    return publishOnce(api, content.text, () => build(api, ctx, content.text, content.media), made(content));
  },

  /** The first comment: `POST /{media}/comments` as the account. */
  async reply(ctx, parent, text): Promise<PublishResult> {
    const api = containerApi(ctx);
    const res = await graphPost(ctx, `${api.graph}/${encodeURIComponent(parent.externalId)}/comments`, api.token, { message: text });
    if (res.status !== 200) throw failure(res, ctx.now(), 'Instagram comment', { write: true });
    const id = createdId(res.data);
    if (!id) throw unknownOutcome('unexpected_answer', 'Instagram created the comment without naming it');
    return { externalId: id, url: parent.url, ref: { parent: parent.externalId } };
  },

  findExisting(ctx, content, _attemptId, since) {
    return findPublished(containerApi(ctx), content, since);
  },
};
