/**
 * The OAuth core's timings, from the environment (docs/accounts.md, "Sign in
 * with OAuth"). Read when used, so a test can boot with its own.
 */
const int = (name: string, fallback: number, min: number) => {
  const raw = Number(process.env[name]);
  return Number.isFinite(raw) && raw >= min ? Math.floor(raw) : fallback;
};

export function oauthTimings() {
  return {
    /** false on secondary instances that should not refresh on a timer (the claim makes it safe either way) */
    enabled: process.env.CM_OAUTH_REFRESH_ENABLED !== 'false',
    tickMs: int('CM_OAUTH_REFRESH_TICK_SECONDS', 60, 1) * 1000,
    /** a token is refreshed this long before it ends */
    aheadMs: int('CM_OAUTH_REFRESH_AHEAD_SECONDS', 600, 0) * 1000,
    /** first wait after a transient refresh failure, doubled each time, at most 15 minutes */
    backoffMs: int('CM_OAUTH_REFRESH_BACKOFF_MS', 30_000, 10),
    /** how long a refresh may hold the account row before another instance may take it */
    leaseMs: int('CM_OAUTH_REFRESH_LEASE_MS', 60_000, 1000),
    /** how long a sign-in may take between the click and the callback */
    stateTtlMs: int('CM_OAUTH_STATE_TTL_SECONDS', 600, 1) * 1000,
    /** notice and e-mail this many days before a sign-in that cannot be refreshed ends */
    noticeDays: int('CM_OAUTH_NOTICE_DAYS', 7, 0),
  };
}

export const MAX_BACKOFF_MS = 15 * 60_000;
