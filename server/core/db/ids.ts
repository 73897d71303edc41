import { randomBytes } from 'node:crypto';

/**
 * A document id for rows written through the query engine instead of the
 * document service (the watch's items in bulk, auto-share's claim): 24
 * lower-case base-36 characters, like Strapi's own.
 */
export function newDocumentId(): string {
  const bytes = randomBytes(24);
  let id = '';
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
