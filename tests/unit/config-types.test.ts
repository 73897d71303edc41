import path from 'node:path';
import ts from 'typescript';
import type { z } from 'zod';
import type { CommunityManagerConfig } from '../../config';
import { type configSchema } from '../../server/core/config';

/**
 * config.d.ts, the type apps check their `config/plugins.ts` against, is
 * written by hand (so editors show its comments). These checks make it follow
 * the zod schema the server validates with: a key added, removed, renamed or
 * retyped on one side only fails `tsc -p tests` (npm run typecheck) and the
 * compiler run below.
 */

/** What an app may write: the schema's input with every key optional (Strapi fills the rest with the defaults). */
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? string extends keyof T
      ? T // a record (encryption.keys): its entries are not "optional keys"
      : { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Strict type identity (optional modifiers and nullability included), not mere assignability. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Flattens mapped and interface types into one plain shape, so only the structure is compared. */
type Plain<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;

export type SchemaConfig = Plain<DeepPartial<z.input<typeof configSchema>>>;
export const declaredMatchesSchema: Equal<Plain<CommunityManagerConfig>, SchemaConfig> = true;

const ROOT = path.resolve(__dirname, '..', '..');

/** Type-checks a small program beside the repository's files, as an app's compiler would. */
function diagnostics(source: string): string[] {
  const file = path.join(ROOT, 'tests', 'unit', '__config-types-probe.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? source : readFile(name));
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName && path.resolve(d.file.fileName) === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('config.d.ts (CommunityManagerConfig)', () => {
  // One compiler run (about 3 CPU-seconds: zod's types) for the comparison and the app-side checks.
  jest.setTimeout(60_000);

  it('is the schema the server validates with, key for key, and catches what an app gets wrong', () => {
    const errors = diagnostics(`
      import type { z } from 'zod';
      import type { CommunityManagerConfig } from '../../config';
      import type { configSchema } from '../../server/core/config';
      type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? string extends keyof T ? T : { [K in keyof T]?: DeepPartial<T[K]> } : T;
      type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
      type Plain<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
      export const same: Equal<Plain<CommunityManagerConfig>, Plain<DeepPartial<z.input<typeof configSchema>>>> = true;
      export const fine = { outbound: { allowedHosts: ['10.0.0.0/8'] }, publishing: { scheduler: false } } satisfies CommunityManagerConfig;
      export const typo = { outbound: { alowedHosts: [] } } satisfies CommunityManagerConfig;
      export const wrongType = { watch: { tickSeconds: '30' } } satisfies CommunityManagerConfig;
      // The comparison itself can fail: a key missing on one side, a key optional on one side only.
      export const missingKey: Equal<{ a?: { b?: number; c?: string } }, { a?: { b?: number } }> = true;
      export const notOptional: Equal<{ a?: { b?: number } }, { a?: { b: number } }> = true;
    `);
    // Exactly the four mistakes, in order; nothing on the `same` and `fine` lines.
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain("'alowedHosts' does not exist");
    expect(errors[1]).toMatch(/'string' is not assignable to type 'number'/);
    expect(errors[2]).toMatch(/'true' is not assignable to type 'false'/);
    expect(errors[3]).toMatch(/'true' is not assignable to type 'false'/);
  });
});
