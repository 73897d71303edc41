/**
 * Gathers calls made within `delayMs` of each other (or `max` of them, if that
 * comes first) into one `flush`, and gives each caller its own item's answer:
 * many rows settled by one statement instead of one each. `flush` answers in
 * the order of the items it was given; if it throws, every caller of that
 * flush gets the error.
 */
export function coalesce<T, R>(flush: (items: T[]) => Promise<R[]>, options: { max: number; delayMs: number }): (item: T) => Promise<R> {
  let pending: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  let timer: NodeJS.Timeout | null = null;
  const run = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const taken = pending;
    pending = [];
    try {
      const results = await flush(taken.map((p) => p.item));
      taken.forEach((p, i) => p.resolve(results[i]));
    } catch (err) {
      for (const p of taken) p.reject(err);
    }
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= options.max) void run();
      else timer ??= setTimeout(() => void run(), options.delayMs);
    });
}
