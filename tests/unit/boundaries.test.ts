import { join } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The folder boundaries are lint rules (eslint.config.js): the admin imports
 * nothing from server/, server/ nothing from admin/, and shared/ (which runs in
 * the browser and in Node) neither of them, nor Node's modules, nor React.
 * Each rule is checked both ways: it fires on a forbidden import and stays
 * quiet on an allowed one, from a file at the path the rule applies to.
 */
const root = join(__dirname, '..', '..');
// The project's own config, handed over as an object: ESLint would load the file with a
// dynamic import(), which Jest's module sandbox refuses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(join(root, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

describe('admin/ imports only itself and shared/', () => {
  it.each([
    ['admin/index.ts', "export { ACTIONS } from '../server/core/permissions';"],
    ['admin/api/x.ts', "import { toOutcome } from '../../server/publishing/dto';\nexport const f = toOutcome;"],
    ['admin/pages/Composer/x.tsx', "import type { PostPlan } from '../../../server/planning/dto';\nexport type P = PostPlan;"],
    ['admin/pages/Watch/sources/x.ts', "import '../../../../server';"],
  ])('%s cannot import from server/: %s', async (file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/never from server\//);
  });

  it.each([
    ['admin/index.ts', "export { ACTIONS } from '../shared/core/permissions';"],
    ['admin/api/x.ts', "import type { PostPlan } from '../../shared/planning/contract';\nexport type P = PostPlan;"],
    [
      'admin/pages/x.tsx',
      "import { Button } from '@strapi/design-system';\nimport { client } from '../api/client';\nexport { Button, client };",
    ],
  ])('%s may import shared/, its own files and packages: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('the admin imports only types from a route contract (its zod schemas stay out of the bundle)', () => {
  it('fires on a run-time import of a contract', async () => {
    const errors = await boundaryErrors(
      'admin/api/x.ts',
      "import { postPlanInput } from '../../shared/planning/contract';\nexport const s = postPlanInput;"
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/types only from a route contract/);
  });

  it.each([
    "import { mastodonCredentials } from '../../shared/networks/mastodon.credentials';\nexport const s = mastodonCredentials;",
    "import { httpUrl } from '../../shared/networks/fields';\nexport const s = httpUrl;",
  ])('fires on a run-time import of a network’s credential schemas: %s', async (code) => {
    const errors = await boundaryErrors('admin/api/x.ts', code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/types only from a route contract or a credentials schema/);
  });

  it('stays quiet on a type import of a contract and a run-time import of another shared module', async () => {
    const code = [
      "import type { PostPlan, postPlanInput } from '../../shared/planning/contract';",
      "import { toOutcome } from '../../shared/publishing/outcome';",
      'export type P = PostPlan | typeof postPlanInput;',
      'export { toOutcome };',
    ].join('\n');
    expect(await boundaryErrors('admin/api/x.ts', code)).toEqual([]);
  });
});

describe('recharts is loaded with the Reports page only', () => {
  it.each([
    ['admin/pages/EntryPanel/x.tsx', "import { LineChart } from 'recharts';\nexport { LineChart };"],
    ['admin/components/x.tsx', "import { Bar } from 'recharts/lib/cartesian/Bar';\nexport { Bar };"],
    ['admin/pages/Reports/Figures.tsx', "import { BarChart } from 'recharts';\nexport { BarChart };"],
  ])('%s cannot import recharts itself: %s', async (file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/recharts is loaded with the Reports page only/);
  });

  it.each([
    ['admin/pages/Composer/x.tsx', "import { PillarChart } from '../Reports/charts';\nexport { PillarChart };"],
    ['admin/pages/Composer/x.tsx', "import { Figures } from '../Reports/Figures';\nexport { Figures };"],
    ['admin/index.ts', "import { ReportsPage } from './pages/Reports/ReportsPage';\nexport { ReportsPage };"],
  ])('%s cannot import the Reports page’s drawing modules: %s', async (file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/import only Reports\/api/);
  });

  it.each([
    ['admin/pages/Reports/charts.tsx', "import { BarChart } from 'recharts';\nexport { BarChart };"],
    ['admin/pages/Reports/Figures.tsx', "import { PillarChart } from './charts';\nexport { PillarChart };"],
    ['admin/pages/Composer/x.tsx', "import { useBestTimeSlots } from '../Reports/api';\nexport { useBestTimeSlots };"],
    ['admin/pages/App.tsx', "export const load = () => import('./Reports/ReportsPage');"],
  ])('%s may: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  it('leaves the Reports page’s files under the rule against server/', async () => {
    const errors = await boundaryErrors('admin/pages/Reports/charts.tsx', "import '../../../server';");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/never from server\//);
  });
});

describe('server/ imports nothing from admin/', () => {
  it('fires on an import from admin/', async () => {
    const errors = await boundaryErrors('server/planning/x.ts', "export { getTrad } from '../../admin/utils/getTrad';");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Nothing imports from admin\//);
  });

  it('stays quiet on shared/, server/ and Node imports', async () => {
    const code = [
      "import { readFile } from 'node:fs/promises';",
      "import { ACTIONS } from '../../shared/core/permissions';",
      "import { getService } from '../core/services';",
      'export { readFile, ACTIONS, getService };',
    ].join('\n');
    expect(await boundaryErrors('server/planning/x.ts', code)).toEqual([]);
  });
});

describe('shared/ runs in the browser and in Node', () => {
  it.each([
    "import { getService } from '../../server/core/services';",
    "import { getTrad } from '../../admin/utils/getTrad';",
    "import { readFileSync } from 'node:fs';",
    "import { readFileSync } from 'fs';",
    "import { readFile } from 'fs/promises';",
    "import { join } from 'path';",
    "import { createHash } from 'crypto';",
    "import { request } from 'http';",
    "import { Buffer } from 'node:buffer';",
    "import * as React from 'react';",
    "import { jsx } from 'react/jsx-runtime';",
    "import { Button } from '@strapi/design-system';",
  ])('fires on %s', async (code) => {
    const errors = await boundaryErrors('shared/planning/x.ts', code);
    // `fs/promises` is both a listed module and under the `fs/*` pattern: one or two reports.
    expect(errors).not.toEqual([]);
    for (const message of errors) expect(message).toMatch(/no Node API, no React, no server or admin code/);
  });

  it('stays quiet on zod, twitter-text and shared/ itself', async () => {
    const code = [
      "import { z } from 'zod';",
      "import type twitterText from 'twitter-text';",
      "import { documentIdParam } from '../core/zod';",
      "import { POST_STATUSES } from './workflow';",
      'export { z, documentIdParam, POST_STATUSES };',
      'export type T = typeof twitterText;',
    ].join('\n');
    expect(await boundaryErrors('shared/planning/x.ts', code)).toEqual([]);
  });
});
