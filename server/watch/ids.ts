import { randomBytes } from 'node:crypto';

/**
 * Items are written in bulk through the query engine (not the document
 * service, which inserts one row at a time), so they get their document id
 * here: 24 lower-case base-36 characters, like Strapi's own.
 */
export function newDocumentId(): string {
  const bytes = randomBytes(24);
  let id = '';
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
