import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KPIS, POST_FIGURES } from '../../shared/reports/kpis';

/**
 * The Reports page names its messages through `t('id', 'English')` (ids under
 * `reports.`), which the generic translation check cannot read: this one does,
 * and checks the ids built from the KPI table too.
 */
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const en = JSON.parse(read('admin/translations/en.json')) as Record<string, string>;
const fr = JSON.parse(read('admin/translations/fr.json')) as Record<string, string>;
const sources = [
  'admin/pages/Reports/Figures.tsx',
  'admin/pages/Reports/ReportsPage.tsx',
  'admin/pages/Reports/Schedules.tsx',
  'admin/pages/Reports/PostFigures.tsx',
  'admin/pages/Reports/charts.tsx',
].map(read);
const pairs = sources.flatMap((text) =>
  [...text.matchAll(/\bt\(\s*'([^']+)',\s*'((?:\\.|[^'\\])*)'/g)].map((m) => [`reports.${m[1]}`, m[2].replace(/\\(.)/g, '$1')])
);

describe('the Reports page’s messages', () => {
  it('are in en.json as the source writes them, and in fr.json', () => {
    expect(pairs.length).toBeGreaterThan(50);
    expect(pairs.filter(([id, message]) => en[id] !== message)).toEqual([]);
    expect(pairs.filter(([id]) => !fr[id])).toEqual([]);
  });

  it('name every figure of a post, as its figures window shows them', () => {
    for (const figure of POST_FIGURES) {
      expect(en[`reports.post.figure.${figure}`]).toBeTruthy();
      expect(fr[`reports.post.figure.${figure}`]).toBeTruthy();
    }
  });

  it('include every KPI’s label and formula as the shared table states them', () => {
    for (const kpi of KPIS) {
      expect([kpi.id, en[`reports.kpi.${kpi.id}`], en[`reports.kpi.${kpi.id}.formula`]]).toEqual([kpi.id, kpi.label, kpi.formula]);
      expect(fr[`reports.kpi.${kpi.id}`]).toBeTruthy();
      expect(fr[`reports.kpi.${kpi.id}.formula`]).toBeTruthy();
    }
  });
});
