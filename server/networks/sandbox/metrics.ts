import { createHash } from 'node:crypto';
import type { MetricValues, MetricsPort } from '../types';

/**
 * The sandbox publishes nowhere, so nobody likes its posts: its figures are
 * made up, deterministic and plausible, so the demo and the tests have
 * reports. A post's figures grow with its age towards a ceiling drawn from
 * its id (most of a post's life is its first day, as on the real networks);
 * an account's followers grow a little every day from a base drawn from its
 * id. The same post at the same age always gives the same figures.
 */

const HOUR = 3_600_000;

/** A number in [0, 1) drawn from a text, the same every time. */
function draw(text: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${text}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** How much of its final figures a post has at this age: 1 − e^(−age/8 h). */
const grown = (ageMs: number) => (ageMs <= 0 ? 0 : 1 - Math.exp(-ageMs / (8 * HOUR)));

export function sandboxPostFigures(externalId: string, ageMs: number): MetricValues {
  const reach = 300 + Math.floor(draw(externalId, 'reach') * 2700);
  const appeal = 0.01 + draw(externalId, 'appeal') * 0.06;
  const g = grown(ageMs);
  const likes = Math.round(reach * appeal * g);
  return {
    impressions: Math.round(reach * g),
    likes,
    reposts: Math.round(likes * (0.1 + draw(externalId, 'reposts') * 0.25)),
    replies: Math.round(likes * (0.05 + draw(externalId, 'replies') * 0.2)),
    quotes: Math.round(likes * draw(externalId, 'quotes') * 0.05),
    clicks: Math.round(reach * g * draw(externalId, 'clicks') * 0.03),
  };
}

/** Days since 2024-10-04 (day 20,000 of the epoch): the made-up audience's age. */
const ageDays = (now: number) => Math.max(0, Math.floor(now / (24 * HOUR)) - 20_000);

export function sandboxAccountFigures(accountId: string, now: number): MetricValues {
  const base = 500 + Math.floor(draw(accountId, 'followers') * 1500);
  const perDay = 1 + draw(accountId, 'growth') * 6;
  return {
    followers: base + Math.floor(ageDays(now) * perDay),
    following: 80 + Math.floor(draw(accountId, 'following') * 200),
    posts: 40 + Math.floor(ageDays(now) * 0.7),
  };
}

export const metrics: MetricsPort = {
  async forPosts(ctx, posts) {
    const out = new Map<string, MetricValues>();
    for (const post of posts) {
      const published = Date.parse(post.ref?.publishedAt ?? '');
      out.set(post.externalId, sandboxPostFigures(post.externalId, Number.isNaN(published) ? 0 : ctx.now() - published));
    }
    return out;
  },
  async forAccount(ctx) {
    return sandboxAccountFigures(ctx.account.documentId, ctx.now());
  },
};
