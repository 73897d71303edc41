import { z } from 'zod';
import { lazySchema } from '../../shared/core/lazy-schema';

/**
 * JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), read by hand since
 * rss-parser knows XML only. The feed's envelope must hold; each item is
 * checked on its own so one bad item never rejects the others.
 */
const str = lazySchema(() => z.string().max(100_000).optional().catch(undefined));
const url = lazySchema(() => z.string().max(2048).optional().catch(undefined));
const author = lazySchema(() =>
  z
    .object({ name: z.string().max(300).optional().catch(undefined) })
    .loose()
    .optional()
    .catch(undefined)
);

export const jsonFeedEnvelope = lazySchema(() =>
  z
    .object({
      version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/, 'Not a JSON Feed version'),
      title: z.string().max(1000).optional().catch(undefined),
      home_page_url: url,
      author,
      authors: z.array(z.unknown()).max(50).optional().catch(undefined),
      items: z.array(z.unknown()).max(5000),
    })
    .loose()
);

export const jsonFeedItem = lazySchema(() =>
  z
    .object({
      // Required by the spec, yet real feeds omit it (feed-rs reads them): such an item is known by its url (feed-parser.ts).
      id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
      url,
      external_url: url,
      title: str,
      content_html: str,
      content_text: str,
      summary: str,
      image: url,
      banner_image: url,
      date_published: z.string().max(64).optional().catch(undefined),
      date_modified: z.string().max(64).optional().catch(undefined),
      author,
      authors: z.array(z.unknown()).max(50).optional().catch(undefined),
      tags: z.array(z.string().max(200)).max(100).optional().catch(undefined),
    })
    .loose()
);

export type JsonFeedItem = z.infer<typeof jsonFeedItem>;

export function looksLikeJson(text: string, contentType?: string): boolean {
  return /json/i.test(contentType ?? '') || /^\s*\{/.test(text);
}
