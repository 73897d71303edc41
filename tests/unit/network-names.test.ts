import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { NETWORKS } from '../../shared/networks';

/**
 * Services and the admin ask a network's capabilities, never its name: a
 * network is named (as a string, a literal type or an object key) only in its
 * own module — `server/networks/<network>/`, `shared/networks/<network>.ts`,
 * the admin's credential form `admin/pages/Accounts/networks/<network>.tsx` —
 * and in the translations (JSON, not scanned). Everything else reads the
 * registries (shared/networks/index.ts, server/networks/registry.ts).
 */
const ROOT = join(__dirname, '..', '..');

/**
 * Names that are not a network's: the outbound purpose `webhook` is a kind of
 * request with its own deadline, a public setting (`CM_OUTBOUND_DEADLINE_WEBHOOK_MS`).
 */
const NOT_A_NETWORK: ReadonlyArray<{ file: string; name: string }> = [
  { file: 'server/core/config.ts', name: 'webhook' },
  { file: 'server/core/http/guarded-fetch.ts', name: 'webhook' },
];
const SCANNED = ['server', 'shared', 'admin'];
const NAMES = new Set<string>(NETWORKS);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The one network a file may name, from where it lives; null: none. */
export function ownNetwork(file: string): string | null {
  const parts = file.split(sep).join('/');
  const match =
    /^server\/networks\/([^/]+)\//.exec(parts) ??
    /^shared\/networks\/([^/]+)\.ts$/.exec(parts) ??
    /^admin\/pages\/Accounts\/networks\/([^/]+)\.tsx?$/.exec(parts);
  return match && NAMES.has(match[1]) ? match[1] : null;
}

/** A one-letter network id ('x') also names a placeholder character: `'x'.repeat(n)`, `.replace(re, 'x')`. */
function isPlaceholderText(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node && parent.name.text === 'repeat') return true;
  return (
    ts.isCallExpression(parent) &&
    parent.arguments.includes(node as ts.Expression) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    /^replace(All)?$/.test(parent.expression.name.text)
  );
}

export interface Naming {
  file: string;
  line: number;
  name: string;
}

/** Every place a source text names a network: string literals, literal types, property names. */
export function networkNamings(file: string, text: string): Naming[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Naming[] = [];
  const own = ownNetwork(file);
  const visit = (node: ts.Node) => {
    let name: string | null = null;
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && NAMES.has(node.text)) {
      const parent = node.parent;
      const moduleSpecifier = (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node;
      if (!moduleSpecifier && !isPlaceholderText(node)) name = node.text;
    } else if (
      ts.isIdentifier(node) &&
      NAMES.has(node.text) &&
      (ts.isPropertyAssignment(node.parent) || ts.isPropertySignature(node.parent) || ts.isShorthandPropertyAssignment(node.parent)) &&
      node.parent.name === node
    ) {
      name = node.text;
    }
    if (name && name !== own && !NOT_A_NETWORK.some((allowed) => allowed.file === file && allowed.name === name)) {
      found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, name });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('network names', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)));

  it('appear only in the network’s own files', () => {
    expect(files.length).toBeGreaterThan(100);
    const namings = files.flatMap((path) => networkNamings(relative(ROOT, path), readFileSync(path, 'utf8')));
    expect(namings.map((n) => `${n.file}:${n.line} ${n.name}`)).toEqual([]);
  });

  // The scan itself, on made-up sources: a check that finds nothing proves nothing.
  it('finds a name as a string, a literal type or an object key, and lets a network’s own module name it', () => {
    const [first, second] = NETWORKS;
    const text = [
      `if (account.network === '${first}') run();`,
      `type Input = { network: \`${second}\` };`,
      `const COLORS = { ${first}: '#000' };`,
      `import { thing } from './${first}';`,
      `const masked = 'x'.repeat(3) + url.replace(/y/g, 'x');`,
    ].join('\n');
    expect(networkNamings('server/publishing/runner.ts', text).map((n) => `${n.line} ${n.name}`)).toEqual([
      `1 ${first}`,
      `2 ${second}`,
      `3 ${first}`,
    ]);
    expect(networkNamings(`server/networks/${first}/index.ts`, text).map((n) => n.name)).toEqual([second]);
    expect(networkNamings(`shared/networks/${second}.ts`, text).map((n) => n.name)).toEqual([first, first]);
    expect(networkNamings(`admin/pages/Accounts/networks/${first}.tsx`, text).map((n) => n.name)).toEqual([second]);
  });
});
