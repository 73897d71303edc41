import type { Strapi } from '../core/strapi';
import { ensureIndex } from '../core/db/indexes';

/**
 * One auto-share record per entry and locale (its key), as a unique index:
 * the record is the claim taken before any post is made (service.ts), so two
 * instances handling the same publish cannot both make the posts.
 */
export const ensureAutoShareKeyIndex = (strapi: Strapi) =>
  ensureIndex(strapi, 'cm_auto_shares', 'cm_auto_shares_key_uq', ['key'], { unique: true });
