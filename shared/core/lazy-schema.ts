/**
 * A zod schema built the first time it is used instead of when its module
 * loads.
 *
 * The server bundle declares about a hundred module-level schemas (the route
 * contracts of shared/*\/contract.ts). zod 4 does real work for each one it
 * constructs (every chained `.max()`, `.optional()` builds a new schema), and
 * all of it ran while Strapi required the plugin: about half of the bundle's
 * module load, which every app pays at every boot although a boot parses
 * nothing (docs/benchmarks.md, issue 19). Wrapped in `lazySchema`, a schema
 * is built on its first parse, property read or composition into another
 * schema, once, and is the same object afterwards.
 *
 * The value returned stands in for the schema itself: same type (so
 * `z.infer<typeof x>` and every call site are unchanged), same methods, same
 * `instanceof`; it forwards every operation to the built schema. Nothing else
 * changes: the route still parses its input with this zod schema, refusing
 * what it refused before with the same issues.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The proxy's own target stays an empty object: every trap answers from the built schema.
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(schema(), key),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    has: (_target, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      // A proxy may not report a property its (empty) target lacks as non-configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
