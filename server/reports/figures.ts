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
  type LineTargets,
  type Period,
  type PostFigures,
  type PostInput,
} from '../../shared/reports/kpis';
import type { Dashboard } from '../../shared/reports/contract';

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

const num = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

const figuresOf = <K extends string>(row: Row, keys: readonly K[]): Partial<Record<K, number>> => {
  const out: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const v = num(row[key]);
    if (v !== null) out[key] = v;
  }
  return out;
};

/** The latest account snapshot at or before `at`, else the earliest after it (an account first read after the post). */
function followersAt(series: Row[], at: number): number | null {
  let before: Row | null = null;
  let after: Row | null = null;
  for (const s of series) {
    const t = num(s.takenMs)!;
    if (t <= at) {
      if (!before || t > num(before.takenMs)!) before = s;
    } else if (!after || t < num(after.takenMs)!) after = s;
  }
  return num((before ?? after)?.followers);
}

/** Followers at the start (latest ≤ from, else the first in the period) and at the end (latest ≤ to). */
function followersOver(series: Row[], period: Period): { start: number | null; end: number | null } {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const inOrBefore = series.filter((s) => num(s.takenMs)! <= to && num(s.followers) !== null);
  if (!inOrBefore.length) return { start: null, end: null };
  const sorted = [...inOrBefore].sort((a, b) => num(a.takenMs)! - num(b.takenMs)!);
  const before = sorted.filter((s) => num(s.takenMs)! <= from);
  const startRow = before.length ? before[before.length - 1] : sorted[0];
  const endRow = sorted[sorted.length - 1];
  // One reading only (or none since the period began): no growth can be told.
  return { start: num(startRow.followers), end: startRow === endRow ? null : num(endRow.followers) };
}

export async function readDashboard(strapi: Strapi, period: Period, scope: Scope, asOf: number): Promise<Dashboard> {
  // 1. The scope: an editorial line's accounts (and its targets), or the accounts named, or every account.
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
  const accountIds = accountRows.map((a) => a.documentId);
  // Every account and a single editorial line (the usual install): that line's targets are the targets.
  let targetLine = line;
  if (!line && !scope.accountIds?.length) {
    const lines = (await strapi.db.query(UID.editorialLine as never).findMany({ limit: 2 } as never)) as Row[];
    if (lines.length === 1) targetLine = lines[0];
  }
  const targets: LineTargets = {
    pillars: Array.isArray(targetLine?.pillars) ? (targetLine!.pillars as LineTargets['pillars']) : [],
    frequency: Array.isArray(targetLine?.frequencyTargets) ? (targetLine!.frequencyTargets as LineTargets['frequency']) : [],
  };

  // 2. Both periods' posts, their plans and snapshots, in a few reads.
  const previous = previousPeriod(period);
  const fromMs = Date.parse(previous.from);
  const toMs = Date.parse(period.to);
  const publications = accountIds.length
    ? ((await strapi.db.query(UID.publication as never).findMany({
        where: { state: 'published', accountDocumentId: { $in: accountIds }, publishedMs: { $gte: fromMs, $lt: toMs } },
        select: ['documentId', 'planDocumentId', 'accountDocumentId', 'network', 'publishedMs', 'externalUrl'],
      } as never)) as Row[])
    : [];
  const planIds = [...new Set(publications.map((p) => String(p.planDocumentId)))];
  const plans = new Map<string, Row>();
  for (let i = 0; i < planIds.length; i += 500) {
    const rows = (await strapi.db.query(UID.postPlan as never).findMany({
      where: { documentId: { $in: planIds.slice(i, i + 500) } },
      select: ['documentId', 'title', 'pillar', 'campaign'],
    } as never)) as Row[];
    for (const r of rows) plans.set(r.documentId, r);
  }
  const latest = new Map<string, Row>();
  const pubIds = publications.map((p) => p.documentId);
  for (let i = 0; i < pubIds.length; i += 500) {
    const rows = (await strapi.db.query(UID.metricSnapshot as never).findMany({
      where: { kind: 'post', publicationDocumentId: { $in: pubIds.slice(i, i + 500) }, takenMs: { $lte: asOf } },
    } as never)) as Row[];
    for (const r of rows) {
      const key = String(r.publicationDocumentId);
      const seen = latest.get(key);
      if (!seen || num(r.takenMs)! > num(seen.takenMs)!) latest.set(key, r);
    }
  }
  const accountSnapshots = accountIds.length
    ? ((await strapi.db.query(UID.metricSnapshot as never).findMany({
        where: { kind: 'account', accountDocumentId: { $in: accountIds }, takenMs: { $lte: Math.min(asOf, toMs) } },
        select: ['accountDocumentId', 'takenMs', ...ACCOUNT_FIGURES],
      } as never)) as Row[])
    : [];
  const seriesOf = (accountId: string) => accountSnapshots.filter((s) => s.accountDocumentId === accountId);

  const postsIn = (p: Period): PostInput[] =>
    publications
      .filter((pub) => num(pub.publishedMs)! >= Date.parse(p.from) && num(pub.publishedMs)! < Date.parse(p.to))
      .map((pub) => {
        const plan = plans.get(String(pub.planDocumentId));
        const snap = latest.get(pub.documentId);
        const publishedMs = num(pub.publishedMs)!;
        return {
          publicationId: pub.documentId,
          accountId: String(pub.accountDocumentId),
          network: String(pub.network),
          title: String(plan?.title ?? ''),
          pillar: (plan?.pillar as string | null) || null,
          campaign: (plan?.campaign as string | null) || null,
          publishedAt: new Date(publishedMs).toISOString(),
          url: (pub.externalUrl as string | null) ?? null,
          figures: snap ? (figuresOf(snap, POST_FIGURES) as PostFigures) : null,
          followersAtPost: followersAt(seriesOf(String(pub.accountDocumentId)), publishedMs),
        };
      });
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

  const current = periodFigures(period, postsIn(period), accountsIn(period), targets);
  const before = periodFigures(previous, postsIn(previous), accountsIn(previous), targets);
  const { top, bottom } = topAndBottom(current.postRows);
  const withoutMetrics = accountsIn(period)
    .filter((a) => !a.metrics)
    .map((a) => ({ accountId: a.accountId, name: a.name, network: a.network }));
  return {
    scope: { editorialLineId: line?.documentId ?? null, editorialLineName: (line?.name as string) ?? null, accountIds },
    current,
    previous: before,
    kpis: kpiValues(current, before),
    top,
    bottom,
    withoutMetrics,
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
