import type { Network } from './rules';

/**
 * What each network accepts as attachments, from the networks' own documentation.
 * Pure data and a checker with no Node import: the composer runs
 * the same check live that the server runs before scheduling.
 */
export type MediaKind = 'image' | 'video' | 'audio';

export interface MediaFileFacts {
  id: number;
  name: string;
  mime: string;
  /** bytes */
  size: number;
}

export interface MediaRule {
  /** most attachments in one post */
  max: number;
  /** the network refuses a post without media (Instagram) */
  required: boolean;
  kinds: readonly MediaKind[];
  /** largest file per kind, in bytes */
  maxBytes: Partial<Record<MediaKind, number>>;
  /** a video (or audio) must be the post's only attachment */
  videoAlone: boolean;
}

const MB = 1024 * 1024;

export const MEDIA_RULES: Record<Network, MediaRule> = {
  // Up to 4 attachments; images 16 MB, video and audio 99 MB on a stock instance; video/audio alone.
  mastodon: {
    max: 4,
    required: false,
    kinds: ['image', 'video', 'audio'],
    maxBytes: { image: 16 * MB, video: 99 * MB, audio: 99 * MB },
    videoAlone: true,
  },
  // app.bsky.embed.images holds 4 images of at most 1 MB (the PDS blob limit for images); one video up to 50 MB.
  bluesky: { max: 4, required: false, kinds: ['image', 'video'], maxBytes: { image: 1_000_000, video: 50 * MB }, videoAlone: true },
  // 4 images of 5 MB or one video of 512 MB; no audio.
  x: { max: 4, required: false, kinds: ['image', 'video'], maxBytes: { image: 5 * MB, video: 512 * MB }, videoAlone: true },
  // multiImage takes up to 20 images; one video; no audio.
  linkedin: { max: 20, required: false, kinds: ['image', 'video'], maxBytes: { image: 36 * MB, video: 500 * MB }, videoAlone: true },
  facebook: { max: 10, required: false, kinds: ['image', 'video'], maxBytes: { image: 10 * MB, video: 1024 * MB }, videoAlone: true },
  // A carousel mixes up to 10 images and videos; a post without media is refused; JPEG up to 8 MB.
  instagram: { max: 10, required: true, kinds: ['image', 'video'], maxBytes: { image: 8 * MB, video: 300 * MB }, videoAlone: false },
  threads: { max: 20, required: false, kinds: ['image', 'video'], maxBytes: { image: 8 * MB, video: 1024 * MB }, videoAlone: false },
  // A webhook carries links to the files, whatever they are.
  webhook: { max: 10, required: false, kinds: ['image', 'video', 'audio'], maxBytes: {}, videoAlone: false },
  sandbox: { max: 10, required: false, kinds: ['image', 'video', 'audio'], maxBytes: {}, videoAlone: false },
};

export type MediaProblemCode = 'media_required' | 'too_many_media' | 'media_kind_refused' | 'media_too_large' | 'media_video_alone';

export interface MediaProblem {
  code: MediaProblemCode;
  network: Network;
  /** the file the problem is about, when there is one */
  fileId?: number;
  fileName?: string;
  message: string;
  params: Record<string, string | number>;
}

export function mediaKind(mime: string): MediaKind | null {
  const top = mime.split('/')[0]?.toLowerCase();
  return top === 'image' || top === 'video' || top === 'audio' ? top : null;
}

const KIND_WORDS: Record<MediaKind, string> = { image: 'images', video: 'videos', audio: 'audio files' };
const megabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** Every reason `network` would refuse these files, first the post-wide ones, then file by file. */
export function checkMedia(network: Network, files: readonly MediaFileFacts[], label: string = network): MediaProblem[] {
  const rule = MEDIA_RULES[network];
  const problems: MediaProblem[] = [];
  if (rule.required && files.length === 0) {
    problems.push({ code: 'media_required', network, message: `${label} needs at least one image or video`, params: { network: label } });
  }
  if (files.length > rule.max) {
    problems.push({
      code: 'too_many_media',
      network,
      message: `${label} takes at most ${rule.max} files; this post has ${files.length}`,
      params: { network: label, max: rule.max, count: files.length },
    });
  }
  for (const file of files) {
    const kind = mediaKind(file.mime);
    const base = { network, fileId: file.id, fileName: file.name };
    if (!kind || !rule.kinds.includes(kind)) {
      const what = kind ? KIND_WORDS[kind] : file.mime;
      problems.push({
        ...base,
        code: 'media_kind_refused',
        message: `${label} does not take ${what}: remove ${file.name}`,
        params: { network: label, file: file.name, kind: kind ?? file.mime },
      });
      continue;
    }
    const limit = rule.maxBytes[kind];
    if (limit !== undefined && file.size > limit) {
      problems.push({
        ...base,
        code: 'media_too_large',
        message: `${label} takes ${KIND_WORDS[kind]} up to ${megabytes(limit)} MB; ${file.name} is ${megabytes(file.size)} MB`,
        params: { network: label, file: file.name, limit: megabytes(limit), size: megabytes(file.size) },
      });
      continue;
    }
    if (rule.videoAlone && kind !== 'image' && files.length > 1) {
      problems.push({
        ...base,
        code: 'media_video_alone',
        message: `${label} takes a video or audio file only on its own: ${file.name} must be the post's only file`,
        params: { network: label, file: file.name },
      });
    }
  }
  return problems;
}
