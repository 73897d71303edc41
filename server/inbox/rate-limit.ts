/**
 * The signed site endpoint's rate limit (docs/inbox.md): a token bucket per
 * key (a source IP, a secret), `perMinute` tokens that refill continuously,
 * pure and clock-driven so it is tested alone. A refused request learns when
 * the next token comes (`Retry-After`, whole seconds). The buckets live in
 * this instance's memory: with n instances behind a balancer a sender gets up
 * to n times the limit, which is what a limit against floods needs (the
 * database is what the limit protects).
 */

export type Taken = { ok: true } | { ok: false; retryAfterS: number };

interface Bucket {
  tokens: number;
  at: number;
  capacity: number;
}

export function createRateLimiter(options: { now: () => number; maxKeys?: number }) {
  const buckets = new Map<string, Bucket>();
  const maxKeys = options.maxKeys ?? 10_000;

  const refill = (b: Bucket, t: number, perMinute: number) => {
    b.capacity = perMinute;
    b.tokens = Math.min(perMinute, b.tokens + (Math.max(0, t - b.at) * perMinute) / 60_000);
    b.at = Math.max(b.at, t);
  };

  /** Forgets the buckets that are full again; the oldest ones if that is not enough. */
  const prune = (t: number) => {
    for (const [key, b] of buckets) if (b.tokens + ((t - b.at) * b.capacity) / 60_000 >= b.capacity) buckets.delete(key);
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    /** One request for `key`; `perMinute` ≤ 0 turns the limit off. */
    take(key: string, perMinute: number): Taken {
      if (perMinute <= 0) return { ok: true };
      const t = options.now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) prune(t);
        b = { tokens: perMinute, at: t, capacity: perMinute };
        buckets.set(key, b);
      } else refill(b, t, perMinute);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterS: Math.max(1, Math.ceil(((1 - b.tokens) * 60_000) / perMinute / 1000)) };
    },
    get size() {
      return buckets.size;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
