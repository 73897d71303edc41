import fs from 'node:fs/promises';
import path from 'node:path';
import type { GuardedRequest, GuardedResponse } from '../core/http/guarded-fetch';
import type { MediaItem, MediaRef } from '../networks/types';

/** A post plan's file as the upload plugin stores it, with this post's own alt text if it has one. */
export interface PlanFile {
  id: number;
  url: string;
  mime: string;
  name: string;
  alternativeText?: string | null;
}

/** A plan's file as the post will carry it: where to read it, and what the network is told about it. */
export interface PlanMedia extends MediaRef {
  url: string;
}

/** The plan's files with this post's alt text, checked before sending; nothing is read yet. */
export function mediaRefs(files: readonly PlanFile[] | null | undefined, alts: Record<string, string>): PlanMedia[] {
  return (files ?? []).map((file) => ({
    url: file.url,
    mime: file.mime,
    alt: alts[String(file.id)] ?? file.alternativeText ?? '',
    filename: file.name,
  }));
}

/**
 * The bytes of a post's media, read at the moment of sending (the file may
 * have been replaced in the library since it was scheduled, and a post claimed
 * ahead of its time holds no bytes while it waits). Files of the local upload
 * provider are read from the public folder, never outside it; a provider that
 * stores elsewhere (S3, Cloudinary…) gives an absolute URL, fetched through
 * the guarded fetcher like any other outbound request.
 */
export async function readMedia(
  refs: readonly PlanMedia[],
  publicDir: string,
  fetch: (url: string, req?: GuardedRequest) => Promise<GuardedResponse>
): Promise<MediaItem[]> {
  const items: MediaItem[] = [];
  for (const ref of refs) items.push({ ...ref, bytes: await readBytes(ref.url, publicDir, fetch) });
  return items;
}

async function readBytes(
  url: string,
  publicDir: string,
  fetch: (url: string, req?: GuardedRequest) => Promise<GuardedResponse>
): Promise<Buffer> {
  if (/^https?:\/\//i.test(url)) {
    const res = await fetch(url, { purpose: 'media' });
    if (res.status !== 200) throw new Error(`The media file ${url} answered ${res.status}`);
    return res.body;
  }
  const root = path.resolve(publicDir);
  const file = path.resolve(root, `.${decodeURIComponent(url.split('?')[0])}`);
  if (!file.startsWith(root + path.sep)) throw new Error(`The media file ${url} is outside the public folder`);
  return fs.readFile(file);
}
