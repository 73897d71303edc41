import { byNetwork, MB, type MediaKind, type MediaRule, type Network } from './index';

/**
 * The media check: each network's rule lives in its profile (from the
 * network's own documentation). Pure, with no Node import: the composer runs
 * the same check live that the server runs before scheduling.
 */
export type { MediaKind, MediaRule };

export interface MediaFileFacts {
  id: number;
  name: string;
  mime: string;
  /** bytes */
  size: number;
}

/** What each network takes, from its profile. */
export const MEDIA_RULES: Record<Network, MediaRule> = byNetwork((profile) => profile.media);

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
  if (mime.toLowerCase() === 'application/pdf') return 'document';
  return top === 'image' || top === 'video' || top === 'audio' ? top : null;
}

const KIND_WORDS: Record<MediaKind, string> = { image: 'images', video: 'videos', audio: 'audio files', document: 'PDF documents' };
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
