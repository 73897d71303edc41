import type { AdapterContext, MediaRef, PostDraft, PublishPort } from '../types';
import { lint, loadTwitterText } from '../../../shared/linter';
import { threads as profile } from '../../../shared/networks/threads';
import { permanent } from '../errors';
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
 * Threads posts (developers.facebook.com/docs/threads/posts): text, one
 * image or video, or a carousel of 2 to 20; each a container, processed,
 * then `threads_publish`. The first comment is a reply (`reply_to_id`),
 * through the same flow.
 */

const IMAGE_TYPES = ['image/jpeg', 'image/png'];
const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];
const ALT_MAX = 1000;
const isVideo = (item: { mime: string }) => VIDEO_TYPES.includes(item.mime);

function itemParams(ctx: AdapterContext, item: MediaRef, child: boolean): Record<string, string> {
  const url = publicMediaUrl(ctx, item, item.filename);
  const alt = item.alt.trim();
  return {
    ...(isVideo(item) ? { media_type: 'VIDEO', video_url: url } : { media_type: 'IMAGE', image_url: url }),
    ...(alt ? { alt_text: alt.slice(0, ALT_MAX) } : {}),
    ...(child ? { is_carousel_item: 'true' } : {}),
  };
}

async function build(api: ContainerApi, ctx: AdapterContext, text: string, media: readonly MediaRef[]): Promise<string> {
  if (!media.length) return createContainer(api, { media_type: 'TEXT', text });
  if (media.length === 1) return createContainer(api, { ...itemParams(ctx, media[0], false), text });
  return buildCarousel(
    api,
    media.map((item) => itemParams(ctx, item, true)),
    { text }
  );
}

/** What the post's container is made from: a container of another version (edited since) is not reused. */
const made = (content: PostDraft) => fingerprint([content.text, content.media.map((item) => [item.url, item.alt])]);

export const publish: PublishPort = {
  async validate(_ctx, content) {
    await loadTwitterText();
    const result = lint({ text: content.text, network: profile.id });
    const problem = result.findings.find((f) => f.code === 'too_long' || f.code === 'empty');
    if (problem && !(problem.code === 'empty' && content.media.length)) throw permanent(problem.code, problem.message);
    if (content.media.length > profile.media.max)
      throw permanent('too_many_media', `A Threads carousel takes at most ${profile.media.max} items`);
    for (const item of content.media) {
      if (!IMAGE_TYPES.includes(item.mime) && !isVideo(item))
        throw permanent(
          'media_kind_unsupported',
          `${item.filename}: Threads takes JPEG or PNG images and MP4 or MOV videos (${item.mime})`
        );
    }
    if (content.firstComment && [...content.firstComment].length > profile.length.limit)
      throw permanent('first_comment_too_long', `First comment: at most ${profile.length.limit} characters`);
  },

  /** The container made and processing before the due time, so that at the instant only `threads_publish` is left. */
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
    for (const item of content.media) publicMediaUrl(ctx, item, item.filename);
    return publishOnce(api, content.text, () => build(api, ctx, content.text, content.media), made(content));
  },

  /** The first comment: a text reply to the post, its own container, published once. */
  async reply(ctx, parent, text) {
    const api = containerApi(ctx);
    const result = await publishOnce(
      api,
      text,
      () => createContainer(api, { media_type: 'TEXT', text, reply_to_id: parent.externalId }),
      fingerprint([text, parent.externalId]),
      'reply'
    );
    return { ...result, ref: { parent: parent.externalId } };
  },

  findExisting(ctx, content, _attemptId, since) {
    return findPublished(containerApi(ctx), content, since);
  },
};
