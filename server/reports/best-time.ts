import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { engagements, POST_FIGURES, type PostFigures } from '../../shared/reports/kpis';
import { latestPostSnapshots } from './snapshots';
import {
  BEST_TIME_AGE_HOURS,
  SLOT_WEEKS,
  bestSlots,
  heatmap,
  nextFreeSlots,
  type BestTime,
  type BestTimeSlots,
  type TimedPost,
} from '../../shared/reports/best-time';

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
  const posts = await timedPosts(strapi, query, now);
  const cells = heatmap(posts, query.timezone);
  return {
    accountId: query.accountId,
    timezone: query.timezone,
    from: new Date(now - query.days * DAY).toISOString(),
    to: new Date(now).toISOString(),
    ageHours: BEST_TIME_AGE_HOURS,
    posts: posts.length,
    cells,
    best: bestSlots(cells),
  };
}

/** Post plans that hold a time and will not lose it by themselves: a cancelled or failed one frees its hour. */
const PLANNED = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'partially_published'];

/**
 * The composer's suggestions: the account's heatmap (as above) and its
 * planned posts over the next SLOT_WEEKS weeks (every post plan of the
 * account with a time, but `exclude`, the one being edited), given to
 * `nextFreeSlots`.
 */
export async function readBestTimeSlots(
  strapi: Strapi,
  query: { accountId: string; timezone: string; days: number; from?: string; exclude?: string },
  now: number
): Promise<BestTimeSlots> {
  const fromMs = query.from ? Date.parse(query.from) : now;
  const posts = await timedPosts(strapi, query, now);
  const planned = (await strapi.db.query(UID.postPlan as never).findMany({
    where: {
      accounts: { documentId: query.accountId },
      status: { $in: PLANNED },
      scheduledAt: { $gte: new Date(fromMs - DAY).toISOString(), $lt: new Date(fromMs + (SLOT_WEEKS * 7 + 2) * DAY).toISOString() },
      ...(query.exclude ? { documentId: { $ne: query.exclude } } : {}),
    },
    select: ['scheduledAt'],
  } as never)) as Row[];
  const taken = planned.map((p) => new Date(p.scheduledAt as string).getTime());
  return {
    accountId: query.accountId,
    timezone: query.timezone,
    from: new Date(fromMs).toISOString(),
    posts: posts.length,
    slots: nextFreeSlots(heatmap(posts, query.timezone), { fromMs, zone: query.timezone, taken }),
  };
}

/** The account's published posts of the last `days` days with their engagements at about a day old. */
async function timedPosts(strapi: Strapi, query: { accountId: string; days: number }, now: number): Promise<TimedPost[]> {
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
  return posts;
}
