import type { Strapi } from '../core/strapi';
import { ensureIndex } from '../core/db/indexes';
import { ensureInboxSearchIndexes } from './search-indexes';

/**
 * The inbox's guarantees as unique indexes (server/core/db/indexes.ts): an
 * item is stored once per (source, external id) whoever reads it, one cursor
 * per source, a signed delivery is accepted once, and an auto-reply's
 * (source, thread, author) has one row, claimed at most once a day.
 */
export const ITEM_TABLE = 'cm_inbox_items';
export const ITEM_INDEX = 'cm_inbox_items_source_ext_uq';

export async function ensureInboxIndexes(strapi: Strapi) {
  await ensureIndex(strapi, ITEM_TABLE, ITEM_INDEX, ['source_ref', 'external_id'], { unique: true });
  await ensureIndex(strapi, ITEM_TABLE, 'cm_inbox_items_status_posted', ['status', 'posted_at']);
  await ensureIndex(strapi, 'cm_inbox_cursors', 'cm_inbox_cursors_source_uq', ['source_ref'], { unique: true });
  // The crisis detector counts by time; the posts' reply counts by plan.
  await ensureIndex(strapi, ITEM_TABLE, 'cm_inbox_items_posted', ['posted_at']);
  await ensureIndex(strapi, ITEM_TABLE, 'cm_inbox_items_plan', ['plan_document_id']);
  // The list's folders' counts under the assignee and source filters, counted from the index alone.
  await ensureIndex(strapi, ITEM_TABLE, 'cm_inbox_items_assignee_status', ['assignee_id', 'status']);
  await ensureIndex(strapi, ITEM_TABLE, 'cm_inbox_items_source_status', ['source_ref', 'status', 'posted_at']);
  // The sentiment filter (a person's label first, else the computed one) is
  // `override = x OR (override IS NULL AND sentiment = x)`: both branches are a
  // prefix of this index, and the folders' counts under it read the index alone.
  await ensureIndex(strapi, ITEM_TABLE, 'cm_inbox_items_sentiment', ['sentiment_override', 'sentiment', 'status']);
  // The tag and words filters, each engine its own way (server/inbox/search-indexes.ts).
  await ensureInboxSearchIndexes(strapi, ITEM_TABLE);
  // One alert per cooldown slot, one start per crisis, whoever evaluates (server/inbox/crisis.ts).
  await ensureIndex(strapi, 'cm_crisis_events', 'cm_crisis_events_dedupe_uq', ['dedupe_key'], { unique: true });
  await ensureIndex(strapi, 'cm_inbox_deliveries', 'cm_inbox_deliveries_id_uq', ['delivery_id'], { unique: true });
  await ensureIndex(strapi, 'cm_inbox_auto_replies', 'cm_inbox_auto_replies_key_uq', ['reply_key'], { unique: true });
}
