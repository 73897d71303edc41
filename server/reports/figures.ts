import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { adapterFor } from '../networks/registry';
import {
  ACCOUNT_FIGURES,
  POST_FIGURES,
  kpiValues,
  periodFigures,
  previousPeriod,
  topAndBottom,
  type AccountFigures,
  type AccountInput,
  type CommunityFigures,
  type LineTargets,
  type Period,
  type PostFigures,
  type PostInput,
} from '../../shared/reports/kpis';
import type { Dashboard } from '../../shared/reports/contract';
import { followerSeries } from '../../shared/reports/growth';
import { CHUNK, latestPostSnapshots, selectRows } from './snapshots';
import { getService } from '../core/services';
import { toEditorialLine } from '../strategy/service';
import { SITE_SOURCE } from '../../shared/inbox/contract';

/**
 * A dashboard's figures, read from the database: the scope's accounts, the
 * posts published in the period and the one before, each post's latest
 * snapshot (taken no later than `asOf`) and the accounts' follower counts at
 * the periods' edges. The KPI arithmetic itself is shared/reports/kpis.ts.
 */

export interface Scope {
  editorialLineId?: string | null;
  accountIds?: string[];
}

export const num = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

export const figuresOf = <K extends string>(row: Row, keys: readonly K[]): Partial<Record<K, number>> => {
  const out: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const v = num(row[key]);
    if (v !== null) out[key] = v;
  }
  return out;
};

/** An account's follower readings, oldest first. */
export type Series = Array<{ t: number; followers: number | null }>;

/** Index of the last reading at or before `at` (-1: none). */
function lastAtOrBefore(series: Series, at: number): number {
  let lo = 0;
  let hi = series.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (series[mid].t <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The latest account reading at or before `at`, else the earliest after it (an account first read after the post). */
export function followersAt(series: Series, at: number): number | null {
  const i = lastAtOrBefore(series, at);
  return (i >= 0 ? series[i] : series[0])?.followers ?? null;
}

/** Followers at the start (latest ≤ from, else the first in the period) and at the end (latest ≤ to). */
function followersOver(series: Series, period: Period): { start: number | null; end: number | null } {
  const counted = series.filter((s) => s.followers !== null);
  const last = lastAtOrBefore(counted, Date.parse(period.to));
  if (last < 0) return { start: null, end: null };
  const start = Math.max(0, lastAtOrBefore(counted, Date.parse(period.from)));
  // One reading only (or none since the period began): no growth can be told.
  return { start: counted[start].followers, end: start === last ? null : counted[last].followers };
}

/** Each account's readings, sorted once: a year's dashboard looks one up per post. */
/**
 * A published post as the KPI arithmetic reads it: its plan's labels, its
 * latest reading (`snap`, none yet: null figures) and its account's
 * followers when it went out. The dashboard and the campaign comparison
 * build their posts with this one function, so both count alike.
 */
export function postInput(pub: Row, plan: Row | undefined, snap: Row | undefined, series: Series): PostInput {
  const publishedMs = num(pub.publishedMs)!;
  return {
    publicationId: String(pub.documentId),
    accountId: String(pub.accountDocumentId),
    network: String(pub.network),
    title: String(plan?.title ?? ''),
    pillar: (plan?.pillar as string | null) || null,
    campaign: (plan?.campaign as string | null) || null,
    publishedAt: new Date(publishedMs).toISOString(),
    url: (pub.externalUrl as string | null) ?? null,
    figures: snap ? (figuresOf(snap, POST_FIGURES) as PostFigures) : null,
    figuresAt: snap && num(snap.takenMs) !== null ? new Date(num(snap.takenMs)!).toISOString() : null,
    followersAtPost: followersAt(series, publishedMs),
  };
}

export function seriesByAccount(rows: Row[]): Map<string, Series> {
  const out = new Map<string, Series>();
  for (const row of rows) {
    const key = String(row.accountDocumentId);
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push({ t: num(row.takenMs)!, followers: num(row.followers) });
  }
  for (const series of out.values()) series.sort((a, b) => a.t - b.t);
  return out;
}

/** The scope: an editorial line's accounts (and its targets), or the accounts named, or every account. */
export async function readScope(strapi: Strapi, scope: Scope): Promise<{ line: Row | null; accountRows: Row[]; targets: LineTargets }> {
  let line: Row | null = null;
  if (scope.editorialLineId) {
    line = (await strapi.db
      .query(UID.editorialLine as never)
      .findOne({ where: { documentId: scope.editorialLineId } } as never)) as Row | null;
    if (!line) throw notFound('Editorial line', serverMessage('line_not_found'));
  }
  const accountWhere: Record<string, unknown> = {};
  if (scope.accountIds?.length) accountWhere.documentId = { $in: scope.accountIds };
  if (line) accountWhere.editorialLine = { id: line.id };
  const accountRows = (await strapi.db.query(UID.socialAccount as never).findMany({
    where: accountWhere,
    select: ['documentId', 'name', 'network'],
    orderBy: { name: 'asc' },
  } as never)) as Row[];
  // Every account and a single editorial line (the usual install): that line's targets are the targets.
  let targetLine = line;
  if (!line && !scope.accountIds?.length) {
    const lines = (await strapi.db.query(UID.editorialLine as never).findMany({ limit: 2 } as never)) as Row[];
    if (lines.length === 1) targetLine = lines[0];
  }
  // The line's targets read as the editorial lines' service reads the row (the same defaults for a missing field).
  const read = targetLine ? toEditorialLine(targetLine) : null;
  const targets: LineTargets = {
    pillars: read?.pillars ?? [],
    frequency: read?.frequencyTargets ?? [],
    kpis: read?.kpiTargets ?? {},
    campaigns: read?.campaignTargets ?? [],
  };
  return { line, accountRows, targets };
}

/** `compare`: the period to compare with, when not the same length just before (the calendar month before a month). */
export async function readDashboard(
  strapi: Strapi,
  period: Period,
  scope: Scope,
  asOf: number,
  compare?: Period,
  /** a second comparison, the same days a year earlier (`compare: both`) */
  yearAgo?: Period,
  /** the editor's zone: the follower-growth chart's days are counted on its calendar */
  timezone = 'UTC'
): Promise<Dashboard> {
  // 1. The scope, and its targets.
  const { line, accountRows, targets } = await readScope(strapi, scope);
  const accountIds = accountRows.map((a) => a.documentId);

  // 2. Both periods' posts, their plans and snapshots, in a few reads.
  const previous = compare ?? previousPeriod(period);
  const periods = [period, previous, ...(yearAgo ? [yearAgo] : [])];
  const toMs = Math.max(...periods.map((p) => Date.parse(p.to)));
  const publications = accountIds.length
    ? await selectRows(
        strapi,
        UID.publication,
        ['documentId', 'planDocumentId', 'accountDocumentId', 'network', 'publishedMs', 'externalUrl'],
        (q, col) =>
          q
            .where(col('state'), 'published')
            .whereIn(col('accountDocumentId'), accountIds)
            // Each period on its own: a year-ago comparison does not read the year between.
            .andWhere((w) => {
              for (const p of periods) {
                w.orWhere((one) =>
                  one.where(col('publishedMs'), '>=', Date.parse(p.from)).andWhere(col('publishedMs'), '<', Date.parse(p.to))
                );
              }
            })
      )
    : [];
  const planIds = [...new Set(publications.map((p) => String(p.planDocumentId)))];
  const plans = new Map<string, Row>();
  for (let i = 0; i < planIds.length; i += CHUNK) {
    const rows = await selectRows(strapi, UID.postPlan, ['documentId', 'title', 'pillar', 'campaign'], (q, col) =>
      q.whereIn(col('documentId'), planIds.slice(i, i + CHUNK))
    );
    for (const r of rows) plans.set(String(r.documentId), r);
  }
  const latest = await latestPostSnapshots(
    strapi,
    publications.map((p) => String(p.documentId)),
    { select: [...POST_FIGURES, 'takenMs'], takenMsMax: asOf }
  );
  const accountSnapshots = accountIds.length
    ? ((await strapi.db.query(UID.metricSnapshot as never).findMany({
        where: { kind: 'account', accountDocumentId: { $in: accountIds }, takenMs: { $lte: Math.min(asOf, toMs) } },
        select: ['accountDocumentId', 'takenMs', ...ACCOUNT_FIGURES],
      } as never)) as Row[])
    : [];
  const series = seriesByAccount(accountSnapshots);
  const seriesOf = (accountId: string): Series => series.get(accountId) ?? [];

  const postsIn = (p: Period): PostInput[] =>
    publications
      .filter((pub) => num(pub.publishedMs)! >= Date.parse(p.from) && num(pub.publishedMs)! < Date.parse(p.to))
      .map((pub) =>
        postInput(pub, plans.get(String(pub.planDocumentId)), latest.get(pub.documentId), seriesOf(String(pub.accountDocumentId)))
      );
  const accountsIn = (p: Period): AccountInput[] =>
    accountRows.map((a) => {
      const metrics = Boolean(adapterFor(String(a.network))?.profile.capabilities.metrics);
      const { start, end } = followersOver(seriesOf(a.documentId), p);
      return {
        accountId: a.documentId,
        name: String(a.name),
        network: String(a.network),
        metrics,
        followersStart: start,
        followersEnd: end,
      };
    });

  // The inbox's side (docs/reports.md, "Community"): what the scope's accounts received, and the site's comments,
  // which belong to the site every line publishes for.
  const inbox = getService(strapi, 'inbox');
  const communityOf = async (p: Period): Promise<CommunityFigures> => {
    const { from: _from, to: _to, ...rest } = await inbox.figures(p, [...accountIds, SITE_SOURCE]);
    return rest;
  };
  const [currentCommunity, previousCommunity, yearAgoCommunity] = await Promise.all(
    [period, previous, ...(yearAgo ? [yearAgo] : [])].map(communityOf)
  );
  const current = { ...periodFigures(period, postsIn(period), accountsIn(period), targets), community: currentCommunity };
  const before = { ...periodFigures(previous, postsIn(previous), accountsIn(previous), targets), community: previousCommunity };
  const { top, bottom } = topAndBottom(current.postRows);
  // The year-ago period's own figures, without its posts' rows: a report keeps the posts of its own period only.
  const yearEarlier = yearAgo
    ? { ...periodFigures(yearAgo, postsIn(yearAgo), accountsIn(yearAgo), targets), community: yearAgoCommunity }
    : null;
  const accountsNow = accountsIn(period);
  const withoutMetrics = accountsNow.filter((a) => !a.metrics).map((a) => ({ accountId: a.accountId, name: a.name, network: a.network }));
  // The chart's lines: the readings already read for the tiles, one point a day (shared/reports/growth.ts).
  const followerGrowth = followerSeries(
    period,
    timezone,
    accountsNow.filter((a) => a.metrics).map((a) => ({ ...a, readings: seriesOf(a.accountId) }))
  );
  return {
    scope: { editorialLineId: line?.documentId ?? null, editorialLineName: (line?.name as string) ?? null, accountIds },
    current,
    previous: before,
    kpis: kpiValues(current, before, targets.kpis),
    ...(yearEarlier
      ? {
          yearAgo: {
            period: yearEarlier.period,
            figures: (({ postRows: _rows, ...rest }) => rest)(yearEarlier),
            kpis: kpiValues(current, yearEarlier, targets.kpis),
          },
        }
      : {}),
    top,
    bottom,
    withoutMetrics,
    followerGrowth,
    accountNames: Object.fromEntries(accountRows.map((a) => [a.documentId, String(a.name)])),
    asOf: new Date(asOf).toISOString(),
    lines: (
      (await strapi.db
        .query(UID.editorialLine as never)
        .findMany({ select: ['documentId', 'name'], orderBy: { name: 'asc' } } as never)) as Row[]
    ).map((l) => ({ documentId: l.documentId, name: String(l.name) })),
  };
}

export type { AccountFigures };
