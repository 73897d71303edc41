import { z } from 'zod';
import type { AdapterContext, MetricValues } from '../types';
import { failure, graphError, graphGet } from './graph';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Media insights, once for Instagram and Threads
 * (developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights,
 * developers.facebook.com/docs/threads/insights): `GET /{media}/insights?metric=a,b`
 * answers `{data: [{name, period, values: [{value}]}]}` (or `total_value`).
 * One metric the API version no longer knows fails the whole request (code
 * 100, "metric[i] must be one of the following values" — Instagram's
 * `impressions` and `plays` became `views` in 2025): that metric is dropped,
 * remembered for the process, and the rest asked again. A figure lost must
 * never lose the others.
 */

const answer = lazySchema(() =>
  z.object({
    data: z.array(
      z.object({
        name: z.string(),
        values: z.array(z.object({ value: z.unknown() })).optional(),
        total_value: z.object({ value: z.unknown() }).optional(),
      })
    ),
  })
);

/** Metrics a network's API said it does not know, by network: not asked again in this process. */
const unknown = new Map<string, Set<string>>();

/** The metrics still asked of a network. */
export const knownMetrics = (label: string, wanted: readonly string[]) => wanted.filter((m) => !unknown.get(label)?.has(m));

/** Forgets what was learnt (a test that changes the fake's version). */
export const forgetUnknownMetrics = () => unknown.clear();

const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The metric's value from a `data` item: `values[0].value`, else `total_value.value`. */
export function parseInsights(body: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of answer.safeParse(body).data?.data ?? []) {
    const value = number(item.values?.[0]?.value) ?? number(item.total_value?.value);
    if (value !== null) out.set(item.name, value);
  }
  return out;
}

/** The index of the metric an error answer refuses, or null when it is not that error. */
export function refusedMetric(body: unknown): number | null {
  const error = graphError(body);
  if (error?.code !== 100) return null;
  const match = /metric\[(\d{1,2})\]/.exec(error.message ?? '');
  return match ? Number(match[1]) : null;
}

/** Graph's "this object does not exist" (a post deleted since). */
export const isMissing = (status: number, body: unknown) => {
  const error = graphError(body);
  return status === 404 || (error?.code === 100 && (error.error_subcode === 33 || /does not exist/i.test(error.message ?? '')));
};

/**
 * A media's insights: null when the media no longer exists. `url` is the
 * insights edge (`…/{media}/insights`) without its query.
 */
export async function readInsights(
  ctx: AdapterContext,
  url: string,
  token: string | undefined,
  label: string,
  wanted: readonly string[]
): Promise<Map<string, number> | null> {
  let metrics = knownMetrics(label, wanted);
  while (metrics.length) {
    const res = await graphGet(ctx, `${url}?metric=${metrics.join(',')}`, token);
    if (res.status === 200) return parseInsights(res.data);
    const refused = refusedMetric(res.data);
    if (refused !== null && refused < metrics.length) {
      const set = unknown.get(label) ?? new Set<string>();
      set.add(metrics[refused]);
      unknown.set(label, set);
      metrics = metrics.filter((_, i) => i !== refused);
      continue;
    }
    if (isMissing(res.status, res.data)) return null;
    throw failure(res, ctx.now(), `${label} insights`);
  }
  return new Map();
}

/**
 * The insights of each of our media (Instagram and Threads read them the
 * same way, one media a call): `toValues` maps a media's figures to ours. A
 * media deleted since is left out, so its track stops.
 */
export async function insightsForPosts(
  ctx: AdapterContext,
  posts: ReadonlyArray<{ externalId: string }>,
  api: { graph: string; token: string; label: string },
  wanted: readonly string[],
  toValues: (found: Map<string, number>) => MetricValues
): Promise<Map<string, MetricValues>> {
  const out = new Map<string, MetricValues>();
  for (const id of new Set(posts.map((p) => p.externalId).filter((id) => /^\d{1,30}$/.test(id)))) {
    const found = await readInsights(ctx, `${api.graph}/${id}/insights`, api.token, api.label, wanted);
    if (found) out.set(id, toValues(found));
  }
  return out;
}
