import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../shared/reports/contract';
import { kpiValues, periodFigures, topAndBottom, type PostInput } from '../../shared/reports/kpis';
import { PDF_LABELS } from '../../server/reports/pdf-labels';
import { engagementsByDay, pdfText, renderReportPdf, runsOf } from '../../server/reports/pdf';
import { readPdf } from '../helpers/pdf-reader';
import { PNG } from '../helpers/images';
import { aggregateFigures } from '../../server/inbox/insights';

/**
 * A report's PDF, read back with a real PDF reader (pdf.js): the title, the
 * figures as the report holds them, "page n of N" on every page, the words in
 * the report's language, charts drawn as vector paths and the logo as the one
 * image. The API test (tests/api/reports.test.ts) does the same through the
 * route with figures collected from the fakes.
 */
const ROOT = join(__dirname, '..', '..');
const en = JSON.parse(readFileSync(join(ROOT, 'admin/translations/en.json'), 'utf8')) as Record<string, string>;
const fr = JSON.parse(readFileSync(join(ROOT, 'admin/translations/fr.json'), 'utf8')) as Record<string, string>;

const period = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };
const previous = { from: '2026-10-26T00:00:00.000Z', to: period.from };
const post = (i: number, over: Partial<PostInput> = {}): PostInput => ({
  publicationId: `p${i}`,
  accountId: i % 2 ? 'a1' : 'a2',
  network: i % 2 ? 'mastodon' : 'bluesky',
  title: `Post number ${i}`,
  pillar: i % 3 ? 'Tutorials' : 'Community',
  campaign: null,
  publishedAt: new Date(Date.parse(period.from) + (i % 7) * 86_400_000 + 3_600_000).toISOString(),
  url: null,
  figures: { likes: i * 3, reposts: i, replies: 1, quotes: 0 },
  followersAtPost: 500,
  ...over,
});

function report(posts: PostInput[], over: Partial<Report> = {}): Report {
  const targets = {
    pillars: [
      { name: 'Tutorials', targetShare: 60 },
      { name: 'Community', targetShare: 40 },
    ],
    frequency: [{ network: 'mastodon', perWeek: 5 }],
  };
  const accounts = [
    { accountId: 'a1', name: 'Brand Mastodon', network: 'mastodon', metrics: true, followersStart: 500, followersEnd: 540 },
    { accountId: 'a2', name: 'Brand Bluesky', network: 'bluesky', metrics: true, followersStart: 200, followersEnd: 190 },
  ];
  const current = periodFigures(period, posts, accounts, targets);
  const before = periodFigures(previous, posts.slice(0, 2), accounts, targets);
  return {
    documentId: 'r1',
    title: 'Week 45 report',
    from: period.from,
    to: period.to,
    status: 'shared',
    editorialLineName: 'Brand line',
    generatedAt: '2026-11-09T08:00:00.000Z',
    generatedBy: 'Camille Martin',
    sharedAt: null,
    sharedBy: null,
    commentary: 'Tutorials carry the week.\n<b>Not HTML</b>',
    figures: {
      scope: { editorialLineId: 'l1', editorialLineName: 'Brand line', accountIds: [] },
      current,
      previous: before,
      kpis: kpiValues(current, before),
      ...topAndBottom(current.postRows),
      withoutMetrics: [],
      accountNames: { a1: 'Brand Mastodon', a2: 'Brand Bluesky' },
      asOf: '2026-11-09T08:00:00.000Z',
      lines: [],
    },
    ...over,
  };
}

const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('a report’s PDF', () => {
  const posts = Array.from({ length: 12 }, (_, i) => post(i + 1));

  it('holds the title, the site, the KPIs as the report has them, and page n of N on every page (English)', async () => {
    const r = report(posts);
    const bytes = await renderReportPdf(r, {
      language: 'en',
      timeZone: 'UTC',
      siteName: 'Acme Blog',
      logo: PNG,
      link: 'https://cms.example/admin/x',
    });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(bytes);
    const text = squash(pdf.pages.join('\n'));
    expect(pdf.title).toBe('Week 45 report');
    expect(text).toContain('Week 45 report');
    expect(text).toContain('Acme Blog');
    expect(text).toContain('Period: 2 November 2026 – 8 November 2026');
    expect(text).toContain('Figures frozen on 9 November 2026 by Camille Martin.');
    // Every KPI with its value from the report's figures.
    const kpis = Object.fromEntries(r.figures.kpis.map((k) => [k.id, k]));
    expect(text).toContain(`Posts published ${r.figures.current.posts} 2`);
    expect(text).toContain(`Engagements ${kpis.engagements.value}`);
    expect(text).toContain('Engagement per post');
    expect(text).toContain('Pillar mix fit');
    // Growth: 540 + 190 − (500 + 200) = +30.
    expect(kpis.followerGrowth.value).toBe(30);
    expect(text).toContain('Follower growth 30');
    expect(text).toContain('Brand Mastodon mastodon 500 -> 540 40 8%');
    expect(text).toContain('Tutorials carry the week. <b>Not HTML</b>');
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    pdf.pages.forEach((page, i) => expect(squash(page)).toContain(`Page ${i + 1} of ${pdf.pages.length}`));
    // Charts are vector paths; the only image is the logo.
    expect(pdf.images).toBe(1);
    expect(pdf.paths).toBeGreaterThan(40);
  });

  it('is written in French for a French report, its figures formatted the French way', async () => {
    const many = Array.from({ length: 12 }, (_, i) => post(i + 1, { figures: { likes: 1200 + i, reposts: 0, replies: 0, quotes: 0 } }));
    const r = report(many, { title: 'Rapport de la semaine 45' });
    const pdf = await readPdf(await renderReportPdf(r, { language: 'fr', timeZone: 'UTC', siteName: null, logo: null, link: null }));
    const text = squash(pdf.pages.join('\n'));
    expect(text).toContain('Rapport de la semaine 45');
    expect(text).toContain('Période : du 2 novembre 2026 au 8 novembre 2026');
    expect(text).toContain('Ligne éditoriale : Brand line');
    expect(text).toContain('Indicateurs clés');
    expect(text).toContain('Interactions par publication');
    expect(text).toContain('Respect du mix de piliers');
    expect(text).toContain('Meilleures publications');
    // 12 posts × ~1 206 likes: the French thousands separator, drawn with a font that has it.
    expect(text).toContain(`Interactions ${squash(new Intl.NumberFormat('fr-FR').format(r.figures.current.engagements))}`);
    expect(text).not.toContain('Posts published');
    pdf.pages.forEach((page, i) => expect(squash(page)).toContain(`Page ${i + 1} sur ${pdf.pages.length}`));
    expect(pdf.images).toBe(0);
  });

  it('draws each account’s followers per day as a line, its axis, its legend and how days are counted', async () => {
    const growth = {
      step: 'day' as const,
      timezone: 'Europe/Paris',
      days: ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08'],
      accounts: [
        { accountId: 'a1', name: 'Brand Mastodon', network: 'mastodon', followers: [500, 505, null, 520, 530, 535, 540] },
        { accountId: 'a2', name: 'Brand Bluesky', network: 'bluesky', followers: [200, 198, 196, 195, 193, 191, 190] },
      ],
    };
    const base = report(posts);
    const options = { language: 'en' as const, timeZone: 'UTC', siteName: null, logo: null, link: null };
    const without = await readPdf(await renderReportPdf(base, options));
    const withGrowth = await readPdf(await renderReportPdf({ ...base, figures: { ...base.figures, followerGrowth: growth } }, options));
    const text = squash(withGrowth.pages.join('\n'));
    expect(text).toContain('Followers per day of each account over the period');
    // The axis runs from the lowest reading to the highest, not from zero; the days are the series' own.
    expect(text).toMatch(/540 .*190/);
    expect(text).toContain('02/11');
    expect(text).toContain('08/11');
    expect(text).toContain('Brand Mastodon Brand Bluesky');
    expect(text).toContain('days counted in Europe/Paris. A day without one is left as a gap.');
    expect(squash(without.pages.join('\n'))).not.toContain('Followers per day');
    expect(withGrowth.paths).toBeGreaterThan(without.paths);
    // A gap splits the line: the 4th of November is not bridged.
    expect(runsOf(growth.accounts[0].followers)).toEqual([
      [0, 1],
      [3, 4, 5, 6],
    ]);
    expect(runsOf([null, 3, null, null, 4, 5, null])).toEqual([[1], [4, 5]]);
    expect(runsOf([null, null])).toEqual([]);

    const french = await readPdf(
      await renderReportPdf(
        { ...base, figures: { ...base.figures, followerGrowth: { ...growth, step: 'week' } } },
        { ...options, language: 'fr' }
      )
    );
    expect(squash(french.pages.join('\n'))).toContain('Abonnés au dernier relevé de chaque semaine, jours comptés en Europe/Paris.');
  });

  it('tables the community: each source’s volume, response times and mood, then the team, in the report’s language', async () => {
    const row = (sourceRef: string, sentiment: 'positive' | 'negative', minutes: number | null) => ({
      sourceRef,
      network: sourceRef === 'site' ? 'site' : 'mastodon',
      assigneeId: 3,
      sentiment,
      firstResponseMs: minutes === null ? null : minutes * 60_000,
      replies: minutes === null ? [] : [{ by: 3, at: '2026-11-03T10:00:00.000Z' }],
    });
    const community = aggregateFigures([row('a1', 'positive', 45), row('a1', 'negative', 150), row('site', 'positive', null)], {
      source: (ref) => (ref === 'a1' ? 'Brand Mastodon' : ref),
      member: () => 'Camille Martin',
    });
    const base = report(posts);
    const r = { ...base, figures: { ...base.figures, current: { ...base.figures.current, community } } };
    const en = squash(
      (await readPdf(await renderReportPdf(r, { language: 'en', timeZone: 'UTC', siteName: null, logo: null, link: null }))).pages.join(
        '\n'
      )
    );
    expect(en).toContain('All sources 3 2 45 mins · 2.5 hrs 66.7% 33.3%');
    expect(en).toContain('Brand Mastodon (mastodon) 2 2');
    expect(en).toContain('Site comments 1 0 —');
    expect(en).toContain('Camille Martin 3 2 45 mins · 2.5 hrs');
    const fr = squash(
      (await readPdf(await renderReportPdf(r, { language: 'fr', timeZone: 'UTC', siteName: null, logo: null, link: null }))).pages.join(
        '\n'
      )
    );
    expect(fr).toContain('Toutes les sources 3 2 45 min · 2,5 h');
    expect(fr).toContain('Commentaires du site');
    expect(fr).toContain('Équipe');
  });

  it('leaves out a logo that is not an image, and draws text the standard fonts cannot as "?"', async () => {
    const r = report([post(1, { title: 'Launch 🚀 day — 東京' })]);
    const pdf = await readPdf(
      await renderReportPdf(r, { language: 'en', timeZone: 'UTC', siteName: 'Site', logo: Buffer.from('<svg/>'), link: null })
    );
    expect(pdf.images).toBe(0);
    expect(squash(pdf.pages.join(' '))).toContain('Launch ? day — ??');
  });
});

describe('the PDF’s text and charts', () => {
  it('keeps French and Latin-1, spells out a few signs, and replaces the rest', () => {
    expect(pdfText('Période : 1\u202f000 − 3 → Σ ≥ « é » ’')).toBe('Période : 1\u00a0000 - 3 -> Sum  >= « é » ’');
    expect(pdfText('a\r\nb 😀')).toBe('a\nb ?');
  });

  it('sums engagements per day of publication over the whole period', () => {
    const rows = [post(1), post(8), post(3)].map((p) => ({ ...p, engagements: 10, figures: p.figures }));
    const points = engagementsByDay(rows as never, period);
    expect(points).toHaveLength(7);
    expect(points.map((p) => p.value)).toEqual([0, 20, 0, 10, 0, 0, 0]);
  });

  it('uses the admin’s own words, in English and French', () => {
    for (const [key, text] of Object.entries(PDF_LABELS)) {
      expect([key, en[key]]).toEqual([key, text.en]);
      expect([key, fr[key]]).toEqual([key, text.fr]);
    }
  });
});
