/**
 * Runs `fn` over `items` with at most `limit` at a time, in order. A rejected
 * call rejects the whole run (callers catch per item when one failure must
 * not stop the others).
 */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

/**
 * Slot counts for a worker pool with two caps: at most `limit` jobs running
 * at once, and at most `perKey` of one key (an account), so a slow key
 * cannot take every slot while the others' jobs wait behind it.
 */
export function createSlots(limit: number, perKey: number) {
  let inFlight = 0;
  const byKey = new Map<string, number>();

  return {
    get limit() {
      return limit;
    },
    get inFlight() {
      return inFlight;
    },
    /** Slots left under the global cap. */
    get free() {
      return limit - inFlight;
    },
    busy(key: string) {
      return byKey.get(key) ?? 0;
    },
    take(key: string) {
      inFlight++;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    },
    give(key: string) {
      inFlight--;
      const left = (byKey.get(key) ?? 1) - 1;
      if (left > 0) byKey.set(key, left);
      else byKey.delete(key);
    },
    /**
     * Positions in `items` (in their order) that may start now: at most `max`,
     * none beyond a key's cap counting those already running, stopping at the
     * first item `eligible` refuses (items are sorted by when they may start).
     */
    pick<T>(items: readonly T[], keyOf: (item: T) => string, max: number, eligible: (item: T) => boolean = () => true): number[] {
      const picked: number[] = [];
      const added = new Map<string, number>();
      for (let i = 0; i < items.length && picked.length < max && eligible(items[i]); i++) {
        const key = keyOf(items[i]);
        const busy = (byKey.get(key) ?? 0) + (added.get(key) ?? 0);
        if (busy >= perKey) continue;
        added.set(key, (added.get(key) ?? 0) + 1);
        picked.push(i);
      }
      return picked;
    },
  };
}

export type Slots = ReturnType<typeof createSlots>;
