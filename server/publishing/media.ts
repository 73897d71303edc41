import fs from 'node:fs/promises';
import path from 'node:path';
import type { GuardedRequest, GuardedResponse } from '../core/http/guarded-fetch';
import type { MediaItem } from './platforms';

/** A post plan's file as the upload plugin stores it, with this post's own alt text if it has one. */
export interface PlanFile {
  id: number;
  url: string;
  mime: string;
  name: string;
  alternativeText?: string | null;
}

/**
 * The bytes of a plan's media, read at the moment of sending (the file may
 * have been replaced in the library since it was scheduled). Files of the
 * local upload provider are read from the public folder, never outside it;
 * a provider that stores elsewhere (S3, Cloudinary…) gives an absolute URL,
 * fetched through the guarded fetcher like any other outbound request.
 */
export async function readMedia(
  files: readonly PlanFile[],
  alts: Record<string, string>,
  publicDir: string,
  fetch: (url: string, req?: GuardedRequest) => Promise<GuardedResponse>
): Promise<MediaItem[]> {
  const items: MediaItem[] = [];
  for (const file of files) {
    items.push({
      bytes: await readBytes(file.url, publicDir, fetch),
      mime: file.mime,
      alt: alts[String(file.id)] ?? file.alternativeText ?? '',
      filename: file.name,
    });
  }
  return items;
}

async function readBytes(url: string, publicDir: string, fetch: (url: string, req?: GuardedRequest) => Promise<GuardedResponse>): Promise<Buffer> {
  if (/^https?:\/\//i.test(url)) {
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`The media file ${url} answered ${res.status}`);
    return res.body;
  }
  const root = path.resolve(publicDir);
  const file = path.resolve(root, `.${decodeURIComponent(url.split('?')[0])}`);
  if (!file.startsWith(root + path.sep)) throw new Error(`The media file ${url} is outside the public folder`);
  return fs.readFile(file);
}
