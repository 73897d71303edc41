import { z } from 'zod';
import { m } from './messages';

/**
 * Zod pieces more than one route contract uses. The server parses every request
 * with them; the admin derives its request types from the same schemas.
 */

/** A Strapi 5 document id, as it appears in a route or a body. */
export const documentIdParam = z.string().regex(/^[a-z0-9]{1,64}$/, m('document_id'));

/** A site content type's uid, the kind the plugin can share from. */
export const contentTypeUid = z.string().regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, m('content_type_uid'));

/** A free text with an upper bound, the message every form shows. */
export const text = (max: number) => z.string().max(max, m('too_long'));
