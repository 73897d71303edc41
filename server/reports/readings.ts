import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { notFound } from '../core/errors';
import { POST_FIGURES, engagements, type PostFigures } from '../../shared/reports/kpis';
import type { PostReadings } from '../../shared/reports/contract';
import { figuresOf, num } from './figures';

/** More than a post's schedule ever takes (six ages, and a catch-up or two): a guard, not a page. */
const MAX_READINGS = 100;

/**
 * One post's readings over time (docs/reports.md, "A post's figures"): every
 * snapshot of the publication taken up to now, oldest first, each with the age
 * it stands for and its engagements by the KPI table's formula; and how many
 * inbox items answer it (replies, mentions, quotes linked to this
 * publication), with its plan for the inbox's `?plan=` view.
 */
export async function readPostReadings(strapi: Strapi, publicationId: string, asOf: number): Promise<PostReadings> {
  const publication = (await strapi.db.query(UID.publication as never).findOne({
    where: { documentId: publicationId },
    select: ['documentId', 'planDocumentId', 'network', 'publishedMs'],
  } as never)) as Row | null;
  if (!publication) throw notFound('Publication');
  const rows = (await strapi.db.query(UID.metricSnapshot as never).findMany({
    where: { kind: 'post', publicationDocumentId: publicationId, takenMs: { $lte: asOf } },
    select: ['takenMs', 'slotHours', ...POST_FIGURES],
    orderBy: [{ takenMs: 'asc' }, { id: 'asc' }],
    limit: MAX_READINGS,
  } as never)) as Row[];
  const items = await strapi.db.query(UID.inboxItem as never).count({ where: { publicationId } } as never);
  return {
    publicationId,
    planId: (publication.planDocumentId as string | null) ?? null,
    network: String(publication.network),
    publishedAt: num(publication.publishedMs) === null ? null : new Date(num(publication.publishedMs)!).toISOString(),
    readings: rows.map((row) => {
      const figures = figuresOf(row, POST_FIGURES) as PostFigures;
      return {
        takenAt: new Date(num(row.takenMs)!).toISOString(),
        slotHours: num(row.slotHours),
        figures,
        engagements: engagements(figures),
      };
    }),
    conversation: { items: Number(items) },
  };
}
