import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { engagements, POST_FIGURES, type PostFigures } from '../../shared/reports/kpis';
import { latestPostSnapshots } from './snapshots';
import { BEST_TIME_AGE_HOURS, bestSlots, heatmap, type BestTime, type TimedPost } from '../../shared/reports/best-time';

const DAY = 86_400_000;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * One account's posts of the last `days` days, each with its engagements at
 * about a day old (its latest snapshot taken at an age of at most
 * BEST_TIME_AGE_HOURS), on the weekday × hour grid of `timezone`.
 */
export async function readBestTime(
  strapi: Strapi,
  query: { accountId: string; timezone: string; days: number },
  now: number
): Promise<BestTime> {
  const account = await strapi.db
    .query(UID.socialAccount as never)
    .findOne({ where: { documentId: query.accountId }, select: ['id'] } as never);
  if (!account) throw notFound('Social account', serverMessage('account_not_found'));
  const from = now - query.days * DAY;
  const publications = (await strapi.db.query(UID.publication as never).findMany({
    where: { state: 'published', accountDocumentId: query.accountId, publishedMs: { $gte: from, $lt: now } },
    select: ['documentId', 'publishedMs'],
  } as never)) as Row[];
  // Each post's latest snapshot taken at an age of at most BEST_TIME_AGE_HOURS.
  const byPub = await latestPostSnapshots(
    strapi,
    publications.map((p) => String(p.documentId)),
    { select: POST_FIGURES, slotHoursMax: BEST_TIME_AGE_HOURS }
  );
  const posts: TimedPost[] = [];
  for (const pub of publications) {
    const snap = byPub.get(pub.documentId);
    if (!snap) continue;
    const figures: PostFigures = {};
    for (const f of POST_FIGURES) if (snap[f] !== null && snap[f] !== undefined) figures[f] = Number(snap[f]);
    posts.push({ publishedMs: num(pub.publishedMs)!, engagements: engagements(figures) });
  }
  const cells = heatmap(posts, query.timezone);
  return {
    accountId: query.accountId,
    timezone: query.timezone,
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    ageHours: BEST_TIME_AGE_HOURS,
    posts: posts.length,
    cells,
    best: bestSlots(cells),
  };
}
