import type { Strapi } from '../core/strapi';

interface EntryLink {
  uid: string;
  documentId: string;
}

/** The attribute that names an entry: the content manager's usual picks, else the first short text. */
function titleFieldOf(strapi: Strapi, uid: string): string | null {
  const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as
    { attributes: Record<string, { type: string }> } | undefined;
  if (!contentType) return null;
  const attributes = contentType.attributes;
  for (const name of ['title', 'name', 'label', 'subject']) if (attributes[name]?.type === 'string') return name;
  return Object.keys(attributes).find((name) => attributes[name].type === 'string') ?? null;
}

/** The content manager's edit page of an entry, under the admin's own path. */
export function entryEditUrl(strapi: Strapi, link: EntryLink): string {
  const admin = String(strapi.config.get('admin.url', '/admin')).replace(/\/$/, '');
  return `${admin}/content-manager/collection-types/${link.uid}/${link.documentId}`;
}

/**
 * The current titles of the entries posts link to: one query per content type,
 * whatever the number of posts (a month of posts about twenty articles is twenty
 * lookups otherwise).
 */
export async function entryTitles(strapi: Strapi, links: EntryLink[]) {
  const byType = new Map<string, Set<string>>();
  for (const link of links) byType.set(link.uid, (byType.get(link.uid) ?? new Set()).add(link.documentId));
  const titles = new Map<string, string | null>();
  await Promise.all(
    [...byType.entries()].map(async ([uid, ids]) => {
      const field = titleFieldOf(strapi, uid);
      if (!field) return;
      const rows = (await strapi.documents(uid as never).findMany({
        filters: { documentId: { $in: [...ids] } } as never,
        fields: [field] as never,
        limit: ids.size,
      })) as unknown as Array<Record<string, unknown>>;
      for (const row of rows)
        titles.set(`${uid}/${String(row.documentId)}`, typeof row[field] === 'string' ? (row[field] as string) : null);
    })
  );
  return {
    lookup: (link: EntryLink) => ({ title: titles.get(`${link.uid}/${link.documentId}`) ?? null, editUrl: entryEditUrl(strapi, link) }),
  };
}
