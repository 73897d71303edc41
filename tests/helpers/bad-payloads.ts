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

const BAD_URLS = [
  'not a url',
  'javascript:alert(1)',
  'ftp://example.com/x',
  'http://',
  'file:///etc/passwd',
  'http://user:pass@example.com/',
  'gopher://127.0.0.1:70/',
];
const WRONG_VALUES: Json[] = [42, -1, true, [], {}, ['a'], { nested: 'object' }, 1.5];
const BAD_ENUM_VALUES: Json[] = ['myspace', '', 'MASTODON', 7];
const notObjects = (shape: PayloadShape): Json[] => [null, [], 'a string', 12, [shape.valid]];

/** What makes a payload bad, so a sample can hold every kind and the unit suite can tell which ones only the server can refuse. */
export type FailureKind =
  'unknown-field' | 'wrong-type' | 'too-long' | 'bad-url' | 'bad-enum' | 'missing-required' | 'not-an-object' | 'special';

export interface BadPayload {
  kind: FailureKind;
  /** the field the mutation aimed at, when there is one */
  field?: string;
  /** for `special`: its index in the shape's `special` list */
  special?: number;
  payload: Json;
}

export function generateBadPayloads(shape: PayloadShape, count: number, seed = 2026): Json[] {
  return generateLabelledBadPayloads(shape, count, seed).map((p) => p.payload);
}

/** The same payloads as generateBadPayloads (same seed, same order), each with what makes it bad. */
export function generateLabelledBadPayloads(shape: PayloadShape, count: number, seed = 2026): BadPayload[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const fields = Object.keys(shape.valid);
  const mutations: Array<() => BadPayload> = [
    () => {
      const field = `unknown_${Math.floor(random() * 1e6)}`;
      return { kind: 'unknown-field', field, payload: { ...shape.valid, [field]: pick(['x', 1, true]) } };
    },
    () => {
      const field = pick(Object.keys(shape.strings).length ? Object.keys(shape.strings) : fields);
      return { kind: 'wrong-type', field, payload: { ...shape.valid, [field]: pick(WRONG_VALUES.filter((v) => typeof v !== 'string')) } };
    },
    () => {
      const field = pick(Object.keys(shape.strings));
      return {
        kind: 'too-long',
        field,
        payload: { ...shape.valid, [field]: 'x'.repeat(shape.strings[field] + 1 + Math.floor(random() * 5000)) },
      };
    },
    () => {
      if (!shape.urls.length) return { kind: 'unknown-field', field: 'zzz', payload: { ...shape.valid, zzz: 1 } };
      const field = pick(shape.urls);
      return { kind: 'bad-url', field, payload: { ...shape.valid, [field]: pick(BAD_URLS) } };
    },
    () => {
      if (!shape.enums.length) return { kind: 'unknown-field', field: 'zzz', payload: { ...shape.valid, zzz: 2 } };
      const field = pick(shape.enums);
      return { kind: 'bad-enum', field, payload: { ...shape.valid, [field]: pick(BAD_ENUM_VALUES) } };
    },
    () => {
      if (!shape.required.length) return { kind: 'unknown-field', field: 'zzz', payload: { ...shape.valid, zzz: 3 } };
      const copy = { ...shape.valid };
      const field = pick(shape.required);
      delete copy[field];
      return { kind: 'missing-required', field, payload: copy };
    },
    () => ({ kind: 'not-an-object', payload: pick<Json>(notObjects(shape)) }),
    ...(shape.special ?? []).map((fn, special) => (): BadPayload => ({ kind: 'special', special, payload: fn(shape.valid) })),
  ];
  return Array.from({ length: count }, () => pick(mutations)());
}

/**
 * A deterministic sample that still holds every field and every failure kind
 * of the shape: an unknown field, each string field with a wrong type and
 * over its limit, each URL field with every bad URL, each enum field with
 * every bad value, each required field missing, every non-object body and
 * every special case. Tens of payloads per route instead of a thousand: what
 * the HTTP suite sends on each database to prove the wiring, while the unit
 * suite runs the full generated set through the same schemas.
 */
export function sampleBadPayloads(shape: PayloadShape): BadPayload[] {
  const strings = Object.keys(shape.strings).length ? Object.keys(shape.strings) : Object.keys(shape.valid);
  const wrong = WRONG_VALUES.filter((v) => typeof v !== 'string');
  const withField = (field: string, value: Json): Json => ({ ...shape.valid, [field]: value });
  return [
    { kind: 'unknown-field', field: 'unknown_field', payload: withField('unknown_field', 'x') },
    // Each field gets a different wrong type, so the sample also spans the types.
    ...strings.map((field, i): BadPayload => ({ kind: 'wrong-type', field, payload: withField(field, wrong[i % wrong.length]) })),
    ...Object.entries(shape.strings).map(([field, max]): BadPayload => ({
      kind: 'too-long',
      field,
      payload: withField(field, 'x'.repeat(max + 1)),
    })),
    ...shape.urls.flatMap((field) => BAD_URLS.map((url): BadPayload => ({ kind: 'bad-url', field, payload: withField(field, url) }))),
    ...shape.enums.flatMap((field) =>
      BAD_ENUM_VALUES.map((value): BadPayload => ({ kind: 'bad-enum', field, payload: withField(field, value) }))
    ),
    ...shape.required.map((field): BadPayload => {
      const copy = { ...shape.valid };
      delete copy[field];
      return { kind: 'missing-required', field, payload: copy };
    }),
    ...notObjects(shape).map((payload): BadPayload => ({ kind: 'not-an-object', payload })),
    ...(shape.special ?? []).map((fn, special): BadPayload => ({ kind: 'special', special, payload: fn(shape.valid) })),
  ];
}
