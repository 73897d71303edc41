import type { ListQuery } from '../../shared/planning/contract';

/**
 * The post list's query string turned into Document Service filters and sort.
 * Kept apart from the service so the calendar and the posts page read the same
 * filters the same way.
 */
export function listFilters(query: Partial<ListQuery>): Record<string, unknown> {
  const and: Array<Record<string, unknown>> = [];
  if (query.status?.length) and.push({ status: { $in: query.status } });
  if (query.from || query.to) {
    and.push({ scheduledAt: { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) } });
  }
  if (query.q) and.push({ $or: [{ title: { $containsi: query.q } }, { body: { $containsi: query.q } }] });
  if (query.accountId) and.push({ accounts: { documentId: { $eq: query.accountId } } });
  if (query.network) and.push({ accounts: { network: { $eq: query.network } } });
  if (query.pillar) and.push({ pillar: { $eq: query.pillar } });
  if (query.campaign) and.push({ campaign: { $eq: query.campaign } });
  if (query.entryUid) and.push({ entryUid: { $eq: query.entryUid } });
  if (query.entryDocumentId) and.push({ entryDocumentId: { $eq: query.entryDocumentId } });
  return and.length ? { $and: and } : {};
}

/** Ties broken by newest first, then id, so pages never repeat or skip a post. */
export function listSort(query: Pick<ListQuery, 'sort' | 'order'>): string[] {
  return [`${query.sort}:${query.order}`, 'createdAt:desc', 'id:desc'];
}
