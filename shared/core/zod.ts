import { z } from 'zod';

/**
 * Zod pieces more than one route contract uses. The server parses every request
 * with them; the admin derives its request types from the same schemas.
 */

/** A Strapi 5 document id, as it appears in a route or a body. */
export const documentIdParam = z.string().regex(/^[a-z0-9]{1,64}$/, 'Must be a document id');
