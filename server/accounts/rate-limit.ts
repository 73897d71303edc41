import { profileOf } from '../../shared/networks';

/**
 * The rate-limit state every instance shares, in the account's `rateLimit`
 * column: when a network answered 429 (or said its window is spent), no one
 * calls it for that work before `until`.
 *
 * Networks count calls in one of two ways. Most give the account one budget
 * (Mastodon's 300 calls per 5 minutes, Bluesky's points, Meta's usage per app
 * and account): a 429 anywhere holds every call, publishing included. X
 * counts each endpoint apart (its `x-rate-limit-*` windows) and LinkedIn
 * each resource (daily limits): a 429 on the mentions or on the figures says
 * nothing about `POST /2/tweets`, so it holds only the work that met it
 * (profile `rateLimits: 'perEndpoint'`), and the posts still go out.
 */
export type RateLimitedWork = 'publish' | 'metrics' | 'inbox';

export interface RateLimitWait {
  until: number;
  reason: string;
}

/** The column: the account-wide wait (`until`, `reason`: the shape before per-work waits, still read) and each work's own. */
export interface RateLimitState extends Partial<RateLimitWait> {
  work?: Partial<Record<RateLimitedWork, RateLimitWait>>;
}

const perEndpoint = (network: string) => profileOf(network)?.rateLimits === 'perEndpoint';

/** Until when `work` must not call the account (epoch ms; 0: now). */
export function limitedUntil(state: RateLimitState | null | undefined, work: RateLimitedWork): number {
  if (!state) return 0;
  return Math.max(Number(state.until ?? 0), Number(state.work?.[work]?.until ?? 0));
}

/**
 * The state after a 429 met by `work` (null `wait`: that wait is over): the
 * work's own on a network that counts endpoints apart, else the account's.
 * Waits already over are dropped.
 */
export function withWait(
  state: RateLimitState | null | undefined,
  network: string,
  work: RateLimitedWork,
  wait: RateLimitWait | null,
  now: number
): RateLimitState | null {
  const live = (w: RateLimitWait | undefined) => (w && Number(w.until) > now ? w : undefined);
  const works: Partial<Record<RateLimitedWork, RateLimitWait>> = {};
  for (const [name, w] of Object.entries(state?.work ?? {}) as Array<[RateLimitedWork, RateLimitWait]>) {
    if (live(w)) works[name] = w;
  }
  let account = live(state?.until ? { until: Number(state.until), reason: String(state.reason ?? '') } : undefined);
  if (perEndpoint(network)) {
    if (wait) works[work] = wait;
    else delete works[work];
  } else {
    account = wait ?? undefined;
  }
  const next: RateLimitState = { ...(account ?? {}), ...(Object.keys(works).length ? { work: works } : {}) };
  return Object.keys(next).length ? next : null;
}
