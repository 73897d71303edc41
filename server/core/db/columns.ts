import type { Strapi } from '../strapi';

interface Meta {
  tableName: string;
  attributes: Record<string, { columnName?: string }>;
}

/**
 * A content type's table and its attributes' column names, from Strapi's own
 * metadata, for the few reads and writes done in plain knex (the calendar's
 * range read, the publication claims, the plans' roll-up): a renamed
 * attribute cannot silently drift from the SQL.
 */
export function tableOf(strapi: Strapi, uid: string) {
  const meta = strapi.db.metadata.get(uid as never) as unknown as Meta;
  return {
    name: meta.tableName,
    col: (field: string) => meta.attributes[field]?.columnName ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
  };
}
