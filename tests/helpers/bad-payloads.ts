/**
 * Generates payloads that are invalid by construction, from a valid one:
 * unknown fields, wrong types, over-long strings, invalid URLs and enums,
 * missing required fields, broken nested items. A seeded generator keeps a
 * failure reproducible.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface PayloadShape {
  valid: Record<string, Json>;
  required: string[];
  strings: Record<string, number>; // field -> max length
  urls: string[];
  enums: string[];
  /** extra mutations specific to the route (e.g. pillar shares over 100 %) */
  special?: Array<(base: Record<string, Json>) => Json>;
}

export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BAD_URLS = ['not a url', 'javascript:alert(1)', 'ftp://example.com/x', 'http://', 'file:///etc/passwd', 'http://user:pass@example.com/', 'gopher://127.0.0.1:70/'];
const WRONG_VALUES: Json[] = [42, -1, true, [], {}, ['a'], { nested: 'object' }, 1.5];

export function generateBadPayloads(shape: PayloadShape, count: number, seed = 2026): Json[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const fields = Object.keys(shape.valid);
  const mutations: Array<() => Json> = [
    () => ({ ...shape.valid, [`unknown_${Math.floor(random() * 1e6)}`]: pick(['x', 1, true]) }),
    () => {
      const field = pick(Object.keys(shape.strings).length ? Object.keys(shape.strings) : fields);
      return { ...shape.valid, [field]: pick(WRONG_VALUES.filter((v) => typeof v !== 'string')) };
    },
    () => {
      const field = pick(Object.keys(shape.strings));
      return { ...shape.valid, [field]: 'x'.repeat(shape.strings[field] + 1 + Math.floor(random() * 5000)) };
    },
    () => (shape.urls.length ? { ...shape.valid, [pick(shape.urls)]: pick(BAD_URLS) } : { ...shape.valid, zzz: 1 }),
    () => (shape.enums.length ? { ...shape.valid, [pick(shape.enums)]: pick(['myspace', '', 'MASTODON', 7]) } : { ...shape.valid, zzz: 2 }),
    () => {
      if (!shape.required.length) return { ...shape.valid, zzz: 3 };
      const copy = { ...shape.valid };
      delete copy[pick(shape.required)];
      return copy;
    },
    () => pick<Json>([null, [], 'a string', 12, [shape.valid]]),
    ...(shape.special ?? []).map((fn) => () => fn(shape.valid)),
  ];
  return Array.from({ length: count }, () => pick(mutations)());
}
