import type { CampaignComparison, Report } from '../../shared/reports/contract';
import {
  KPIS,
  durationParts,
  type CommunityFigures,
  type KpiId,
  type KpiValue,
  type NetworkRow,
  type PillarRow,
  type PostRow,
} from '../../shared/reports/kpis';
import { SITE_SOURCE } from '../../shared/inbox/contract';
import type { SourceFigures } from '../../shared/inbox/figures';
import { label, type PdfLabel, type PdfLanguage } from './pdf-labels';

/** What a report's PDF is made of besides the report itself. */
export interface PdfOptions {
  language: PdfLanguage;
  /** the zone its dates are written in */
  timeZone: string;
  /** the site's name (settings), on the first page and in the document's properties */
  siteName: string | null;
  /** the logo's bytes (settings, from the media library): PNG or JPEG, else left out */
  logo: Buffer | null;
  /** where the report opens in the admin, linked under the title */
  link: string | null;
}

type PdfDoc = PDFKit.PDFDocument;
type PdfCtor = new (options?: PDFKit.PDFDocumentOptions) => PdfDoc;

let loading: Promise<PdfCtor> | null = null;

/**
 * pdfkit (and its font engine) is loaded on the first export, not at Strapi's
 * start: boot time is measured (bench/boot) and most instances never export.
 */
function loadPdfKit(): Promise<PdfCtor> {
  loading ??= import('pdfkit').then((mod) => ((mod as { default?: PdfCtor }).default ?? mod) as unknown as PdfCtor);
  return loading;
}

// --- text ------------------------------------------------------------------------------------

/** The characters the standard PDF fonts draw besides Latin-1 (WinAnsiEncoding's 0x80–0x9F). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = {
  '\u2212': '-',
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u2192': '->',
  '\u2190': '<-',
  '\u03a3': 'Sum ',
  '\u2265': '>=',
  '\u2264': '<=',
};

/**
 * Text the standard fonts can draw (WinAnsiEncoding): French and the Latin
 * languages as they are; a few signs spelled out; anything else (emoji,
 * other scripts) becomes "?" rather than a wrong glyph. Embedding a Unicode
 * font would mean shipping one: a limit written in docs/reports.md.
 */
export function pdfText(value: string): string {
  let out = '';
  for (const char of value.replace(/\r\n?/g, '\n')) {
    if (char in REPLACEMENTS) {
      out += REPLACEMENTS[char];
      continue;
    }
    const code = char.codePointAt(0)!;
    const drawable = char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
    out += drawable ? char : '?';
  }
  return out;
}

/** Numbers, percents and dates in the report's language. */
export function formatters(language: PdfLanguage, timeZone: string) {
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const short = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone });
  const calendar = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  const n = (value: number | null | undefined) => (value === null || value === undefined ? '—' : pdfText(number.format(value)));
  return {
    n,
    pct: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : language === 'fr' ? `${n(value)}\u00a0%` : `${n(value)}%`,
    signed: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${language === 'fr' ? `${n(value)}\u00a0%` : `${n(value)}%`}`,
    day: (iso: string | number) => pdfText(day.format(new Date(iso))),
    /** a period's last day: its end is exclusive */
    lastDay: (iso: string) => pdfText(day.format(new Date(Date.parse(iso) - 1))),
    short: (iso: string | number) => pdfText(short.format(new Date(iso))),
    /** a duration in milliseconds, in minutes, hours or days ("3,5 h") */
    duration: (ms: number | null | undefined) => {
      if (ms === null || ms === undefined) return '—';
      const { value, unit } = durationParts(ms);
      return pdfText(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value));
    },
    /** a calendar day (YYYY-MM-DD, already counted in some zone) written short, whatever the report's zone */
    calendarDay: (day: string) => pdfText(calendar.format(new Date(`${day}T12:00:00Z`))),
  };
}

// --- layout ------------------------------------------------------------------------------------

const INK = '#212134';
const MUTED = '#666687';
const ACTUAL = '#4945ff';
const TARGET = '#c0c0cf';
const RULE = '#dcdce4';
/** One colour per series, in the order the admin's follower chart uses (the design system's primary600, success500…). */
const SERIES = ['#4945ff', '#5cb176', '#f29d41', '#ee5e52', '#66b7f1', '#ac73e6', '#8e8ea9', '#271fe0'];
const MARGIN = 48;

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** A report's body: sections, tables and charts, from the top of the page down, a new page when one is full. */
function layout(doc: PdfDoc) {
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 24;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(pdfText(text), MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };
  const paragraph = (text: string, size = 9, color = MUTED) => {
    doc.font('Helvetica').fontSize(size).fillColor(color).text(pdfText(text), MARGIN, doc.y, { width });
  };

  function table(columns: Column[], rows: string[][]) {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * width);
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
      const heights = cells.map((cell, i) => doc.heightOfString(pdfText(cell), { width: widths[i] - 6 }));
      const height = Math.max(...heights, 10) + 6;
      if (doc.y + height > bottom()) {
        doc.addPage();
        if (!bold)
          drawRow(
            columns.map((c) => c.header),
            true
          );
      }
      const top = doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        doc
          .fillColor(bold ? INK : INK)
          .text(pdfText(cell), x + 3, top + 3, { width: widths[i] - 6, align: columns[i].align ?? 'left', lineBreak: true });
        x += widths[i];
      });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + width, top + height)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.x = MARGIN;
      doc.y = top + height;
    };
    drawRow(
      columns.map((c) => c.header),
      true
    );
    for (const row of rows) drawRow(row, false);
  }

  /** Paired horizontal bars: the actual value (dark) against its target (light), on one scale. */
  function bars(
    title: string,
    items: Array<{ name: string; actual: number; target: number | null; text: string }>,
    legend: [string, string?]
  ) {
    heading(title);
    if (!items.length) return;
    const rowHeight = 22;
    ensure(items.length * rowHeight + 20);
    const labelWidth = width * 0.3;
    const chartWidth = width * 0.55;
    const max = Math.max(1, ...items.map((i) => Math.max(i.actual, i.target ?? 0)));
    let y = doc.y;
    doc.font('Helvetica').fontSize(8);
    for (const item of items) {
      doc.fillColor(INK).text(pdfText(item.name), MARGIN, y + 4, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
      const x = MARGIN + labelWidth;
      doc
        .rect(x, y + 2, Math.max(0.5, (item.actual / max) * chartWidth), 8)
        .fillColor(ACTUAL)
        .fill();
      if (item.target !== null) {
        doc
          .rect(x, y + 11, Math.max(0.5, (item.target / max) * chartWidth), 6)
          .fillColor(TARGET)
          .fill();
      }
      doc
        .fillColor(MUTED)
        .text(pdfText(item.text), x + chartWidth + 6, y + 4, { width: width - labelWidth - chartWidth - 6, lineBreak: false });
      y += rowHeight;
    }
    // The legend: a swatch for each bar (one without targets has only the actual).
    doc
      .rect(MARGIN, y + 3, 8, 8)
      .fillColor(ACTUAL)
      .fill();
    doc.fillColor(MUTED).text(pdfText(legend[0]), MARGIN + 12, y + 3, { lineBreak: false });
    if (legend[1] !== undefined) {
      doc
        .rect(MARGIN + 90, y + 3, 8, 8)
        .fillColor(TARGET)
        .fill();
      doc.fillColor(MUTED).text(pdfText(legend[1]), MARGIN + 102, y + 3, { lineBreak: false });
    }
    doc.x = MARGIN;
    doc.y = y + 18;
  }

  /** A line over the period's days (a vector path) on an axis from zero, its highest point labelled. */
  function line(title: string, points: Array<{ at: number; value: number }>, dayLabel: (at: number) => string, n: (v: number) => string) {
    if (points.length < 2) return heading(title);
    lines(
      title,
      points.map((p) => dayLabel(p.at)),
      [{ name: '', values: points.map((p) => p.value) }],
      n,
      { fromZero: true }
    );
  }

  /**
   * Several lines on one axis that need not start at zero (followers: a small growth on a large audience stays
   * visible), a null value a gap in its line, never a zero or a bridge; a legend of the series' names under it.
   */
  function lines(
    title: string,
    labels: string[],
    series: Array<{ name: string; values: Array<number | null> }>,
    n: (v: number) => string,
    /** `note`: a line of explanation under the legend; `fromZero`: the axis from zero (a count), with no legend */
    options: { note?: string; fromZero?: boolean } = {}
  ) {
    heading(title);
    const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
    if (!all.length || labels.length < 1) return;
    const height = options.fromZero ? 110 : 120;
    const legendRows = options.fromZero ? 0 : Math.ceil(series.length / 3);
    ensure(height + 40 + legendRows * 12);
    const top = doc.y + 6;
    const left = MARGIN + 40;
    const chartWidth = width - 40;
    let low = options.fromZero ? 0 : Math.min(...all);
    let high = options.fromZero ? Math.max(1, ...all) : Math.max(...all);
    // A flat line sits in the middle of a small band rather than on an axis.
    if (!options.fromZero && high - low < 2) [low, high] = [Math.max(0, low - 1), high + 1];
    const xOf = (i: number) => left + (labels.length === 1 ? chartWidth / 2 : (i / (labels.length - 1)) * chartWidth);
    const yOf = (v: number) => top + height - ((v - low) / (high - low)) * height;
    doc.lineWidth(0.5).strokeColor(RULE);
    doc
      .moveTo(left, top)
      .lineTo(left, top + height)
      .lineTo(left + chartWidth, top + height)
      .stroke();
    doc.font('Helvetica').fontSize(7).fillColor(MUTED);
    doc.text(n(high), MARGIN, top - 3, { width: 36, align: 'right', lineBreak: false });
    doc.text(n(low), MARGIN, top + height - 4, { width: 36, align: 'right', lineBreak: false });
    series.forEach((s, k) => {
      const colour = SERIES[k % SERIES.length];
      // Each run of consecutive readings is one path; a lone reading between gaps is a dot.
      for (const run of runsOf(s.values)) {
        if (run.length === 1) {
          doc.circle(xOf(run[0]), yOf(s.values[run[0]]!), 1.6).fillColor(colour).fill();
          continue;
        }
        doc.moveTo(xOf(run[0]), yOf(s.values[run[0]]!));
        for (const i of run.slice(1)) doc.lineTo(xOf(i), yOf(s.values[i]!));
        doc.lineWidth(1.5).strokeColor(colour).stroke();
      }
    });
    doc.font('Helvetica').fontSize(7).fillColor(MUTED);
    const ticks = Math.min(labels.length, 8);
    for (let t = 0; t < ticks; t++) {
      const i = Math.round((t / Math.max(1, ticks - 1)) * (labels.length - 1));
      doc.text(pdfText(labels[i]), xOf(i) - 20, top + height + 4, { width: 40, align: 'center', lineBreak: false });
    }
    let y = top + height + 18;
    const column = width / 3;
    if (options.fromZero) {
      doc.x = MARGIN;
      doc.y = top + height + 20;
      return;
    }
    series.forEach((s, k) => {
      const x = MARGIN + (k % 3) * column;
      if (k > 0 && k % 3 === 0) y += 12;
      doc
        .rect(x, y + 3, 10, 2)
        .fillColor(SERIES[k % SERIES.length])
        .fill();
      doc
        .fontSize(8)
        .fillColor(INK)
        .text(pdfText(s.name), x + 14, y, { width: column - 18, lineBreak: false, ellipsis: true });
    });
    doc.x = MARGIN;
    doc.y = y + 14;
    if (options.note) paragraph(options.note, 7.5);
  }

  return { width, heading, paragraph, table, bars, line, lines, ensure };
}

const isTarget = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/** The indexes of a series' runs of values between its gaps (nulls): each run is drawn as one line. */
export function runsOf(values: ReadonlyArray<number | null>): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((v, i) => {
    if (v !== null) run.push(i);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length) runs.push(run);
  return runs;
}

/** Engagements of the posts published each day of the period, in the report's zone-free UTC days. */
export function engagementsByDay(rows: readonly PostRow[], period: { from: string; to: string }): Array<{ at: number; value: number }> {
  const DAY = 86_400_000;
  const start = Date.parse(period.from);
  const days = Math.min(400, Math.max(1, Math.ceil((Date.parse(period.to) - start) / DAY)));
  const points = Array.from({ length: days }, (_, i) => ({ at: start + i * DAY, value: 0 }));
  for (const row of rows) {
    const i = Math.floor((Date.parse(row.publishedAt) - start) / DAY);
    if (i >= 0 && i < days && row.engagements !== null) points[i].value += row.engagements;
  }
  return points;
}

const isImage = (bytes: Buffer | null): bytes is Buffer =>
  !!bytes &&
  bytes.length > 8 &&
  ((bytes[0] === 0x89 && bytes.toString('latin1', 1, 4) === 'PNG') || (bytes[0] === 0xff && bytes[1] === 0xd8));

/** A document begun: pdfkit's, its layout, the words and formats of its language, and how it ends. */
interface Drawing {
  doc: PdfDoc;
  l: ReturnType<typeof layout>;
  t: (key: PdfLabel, params?: Record<string, string | number>) => string;
  f: ReturnType<typeof formatters>;
  /** "Page n of N" (and the site's name) at the foot of every page, then the bytes */
  finish(): Promise<Buffer>;
}

/**
 * Begins an A4 document: its properties, the logo and the site's name, the
 * title and, under it, a link to where it opens in the admin (`options.link`)
 * once the caller has written its own lines (`link()`).
 */
async function startPdf(title: string, createdAt: string, options: PdfOptions): Promise<Drawing & { link(): void }> {
  const PDFDocument = await loadPdfKit();
  const { language } = options;
  const t = (key: PdfLabel, params?: Record<string, string | number>) => label(language, key, params);
  const f = formatters(language, options.timeZone);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: language === 'fr' ? 'fr-FR' : 'en-GB',
    info: {
      Title: pdfText(title),
      Author: pdfText(options.siteName ?? 'Community Manager'),
      Creator: 'strapi-plugin-community-manager',
      CreationDate: new Date(createdAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const l = layout(doc);

  // Header: the logo and the site's name, then the title and the period.
  let headerBottom = MARGIN;
  if (isImage(options.logo)) {
    try {
      doc.image(options.logo, MARGIN, MARGIN, { fit: [120, 40] });
      headerBottom = MARGIN + 44;
    } catch {
      // An image pdfkit cannot read is left out: the report matters more than its logo.
    }
  }
  if (options.siteName) {
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(MUTED)
      .text(pdfText(options.siteName), MARGIN + 130, MARGIN + 12, { width: l.width - 130, align: 'right' });
  }
  doc.x = MARGIN;
  doc.y = Math.max(headerBottom, doc.y) + 8;
  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(pdfText(title), MARGIN, doc.y, { width: l.width });
  doc.moveDown(0.3);
  const link = () => {
    if (!options.link) return;
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(ACTUAL)
      .text(options.link, MARGIN, doc.y, { width: l.width, link: options.link, underline: true });
  };
  const finish = () => {
    // "Page n of N" at the foot of every page, once the count is known.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(MUTED)
        .text(pdfText(t('reports.pdf.page', { page: i + 1, pages: range.count })), MARGIN, doc.page.height - MARGIN + 10, {
          width: l.width,
          align: 'center',
          lineBreak: false,
        });
      if (options.siteName) {
        doc.text(pdfText(options.siteName), MARGIN, doc.page.height - MARGIN + 10, { width: l.width, align: 'left', lineBreak: false });
      }
      doc.page.margins.bottom = margin;
    }
    doc.end();
    return done;
  };
  return { doc, l, t, f, finish, link };
}

/** A column of a titled table: its label, its share of the width, its alignment, and its cell for a row. */
type TableColumn<R> = readonly [label: PdfLabel, width: number, align: 'left' | 'right', cell: (row: R) => string];

/** A table under its heading: its columns' labels in the document's language, then a line per row. */
function titledTable<R>(draw: Drawing, title: string, rows: readonly R[], columns: ReadonlyArray<TableColumn<R>>) {
  draw.l.heading(title);
  draw.l.table(
    columns.map(([key, width, align]) => ({ header: draw.t(key), width, align })),
    rows.map((row) => columns.map(([, , , cell]) => cell(row)))
  );
}

/** The inbox's side: each source's volume, response times and mood, then each team member's share of the work. */
function communityTables(draw: Drawing, community: CommunityFigures) {
  const { t, f, l } = draw;
  const share = (s: SourceFigures, label: 'positive' | 'negative') =>
    s.volume ? f.pct(Math.round(s.sentiment[label].share * 1000) / 10) : '—';
  const times = (r: { responded: number; medianMs: number | null; p90Ms: number | null }) =>
    r.responded ? `${f.duration(r.medianMs)} · ${f.duration(r.p90Ms)}` : '—';
  if (!community.total.volume) {
    l.heading(t('reports.community.title'));
    l.paragraph(t('reports.community.none'));
    return;
  }
  titledTable(
    draw,
    t('reports.community.title'),
    [community.total, ...community.sources],
    [
      [
        'reports.col.source',
        3,
        'left',
        (s) =>
          s.source === '*'
            ? t('reports.community.all')
            : s.source === SITE_SOURCE
              ? t('reports.community.site')
              : `${s.name} (${s.network})`,
      ],
      ['reports.col.received', 1.3, 'right', (s) => f.n(s.volume)],
      ['reports.col.answered', 1.3, 'right', (s) => f.n(s.responded)],
      ['reports.col.firstResponse', 2.4, 'right', times],
      ['reports.col.positive', 1.3, 'right', (s) => share(s, 'positive')],
      ['reports.col.negative', 1.3, 'right', (s) => share(s, 'negative')],
    ]
  );
  l.paragraph(t('reports.community.note'), 7.5);
  if (!community.members.length) return;
  titledTable(draw, t('reports.team.title'), community.members, [
    ['reports.col.member', 3, 'left', (m) => m.name],
    ['reports.col.assigned', 1.3, 'right', (m) => f.n(m.assigned)],
    ['reports.col.repliesSent', 1.3, 'right', (m) => f.n(m.replies)],
    ['reports.col.firstResponse', 2.4, 'right', times],
  ]);
}

/** Per network: posts against the target, engagements, the rate and its basis written out. */
function networkTable(draw: Drawing, networks: readonly NetworkRow[]) {
  const { t, f } = draw;
  titledTable(draw, t('reports.networks.title'), networks, [
    ['reports.col.network', 2, 'left', (n) => n.network],
    ['reports.col.postsTarget', 2, 'right', (n) => (n.targetPosts === null ? f.n(n.posts) : `${f.n(n.posts)} (${f.n(n.targetPosts)})`)],
    ['reports.col.engagements', 1.6, 'right', (n) => f.n(n.engagements)],
    [
      'reports.col.rateTarget',
      1.8,
      'right',
      (n) => (isTarget(n.targetRate) ? `${f.pct(n.rate.value)} (${f.pct(n.targetRate)})` : f.pct(n.rate.value)),
    ],
    [
      'reports.col.basis',
      4,
      'left',
      (n) =>
        t(n.rate.basis === 'impressions' ? 'reports.basis.impressions' : 'reports.basis.followers', {
          num: f.n(n.rate.numerator),
          den: f.n(n.rate.denominator),
        }),
    ],
  ]);
}

/** Per pillar: posts, share against the target share, engagements, per post. */
function pillarTable(draw: Drawing, pillars: readonly PillarRow[]) {
  const { t, f } = draw;
  titledTable(draw, t('reports.pillars.title'), pillars, [
    ['reports.col.pillar', 3, 'left', (p) => p.pillar || t('reports.pillars.none')],
    ['reports.col.posts', 1.4, 'right', (p) => f.n(p.posts)],
    ['reports.col.share', 2, 'right', (p) => (p.targetShare === null ? f.pct(p.share) : `${f.pct(p.share)} (${f.pct(p.targetShare)})`)],
    ['reports.col.engagements', 1.6, 'right', (p) => f.n(p.engagements)],
    [
      'reports.col.perPostTarget',
      2,
      'right',
      (p) =>
        p.targetEngagementPerPost === null || p.targetEngagementPerPost === undefined
          ? f.n(p.engagementPerPost)
          : `${f.n(p.engagementPerPost)} (${f.n(p.targetEngagementPerPost)})`,
    ],
  ]);
}

/** Posts with their account, day and engagements (none: no table). */
function postTable(draw: Drawing, title: string, rows: readonly PostRow[], accountNames: Record<string, string>) {
  const { f } = draw;
  if (!rows.length) return;
  titledTable(draw, title, rows, [
    ['reports.col.post', 4, 'left', (p) => p.title],
    ['reports.col.account', 2, 'left', (p) => accountNames[p.accountId] ?? p.network],
    ['reports.col.published', 1.6, 'left', (p) => f.day(p.publishedAt)],
    ['reports.col.engagements', 1.4, 'right', (p) => f.n(p.engagements)],
  ]);
}

/**
 * A KPI report as a PDF, drawn on the server without a browser: the site's
 * name and logo, the title and period, the KPI table against the previous
 * period and the targets, vector charts (bars per network and per pillar, a
 * line of engagements by day), the tables, the commentary as text, and "page
 * n of N" on every page. Everything comes from the report's frozen figures.
 */
export async function renderReportPdf(report: Report, options: PdfOptions): Promise<Buffer> {
  const draw = await startPdf(report.title, report.generatedAt, options);
  const { l, t, f } = draw;
  const d = report.figures;
  const c = d.current;
  l.paragraph(t('reports.pdf.period', { from: f.day(report.from), to: f.lastDay(report.to) }), 10, INK);
  l.paragraph(t('reports.pdf.previous', { from: f.day(d.previous.period.from), to: f.lastDay(d.previous.period.to) }));
  if (d.yearAgo) l.paragraph(t('reports.pdf.yearAgo', { from: f.day(d.yearAgo.period.from), to: f.lastDay(d.yearAgo.period.to) }));
  l.paragraph(t('reports.pdf.line', { line: report.editorialLineName ?? t('reports.line.all') }));
  l.paragraph(t('reports.pdf.generated', { date: f.day(report.generatedAt), name: report.generatedBy ?? '—' }));
  draw.link();

  // The KPIs.
  const unit = (id: KpiId) => KPIS.find((k) => k.id === id)!.unit;
  // A report holding both comparisons gives the year-ago value and its change beside the previous period's.
  const yearAgo = d.yearAgo ? new Map(d.yearAgo.kpis.map((k) => [k.id, k])) : null;
  const v = (k: KpiValue) => (unit(k.id) === 'percent' ? f.pct : unit(k.id) === 'duration' ? f.duration : f.n);
  const year: Array<TableColumn<KpiValue>> = yearAgo
    ? [
        ['reports.pdf.col.yearAgo', 1.6, 'right', (k) => v(k)(yearAgo.get(k.id)?.previous ?? null)],
        ['reports.pdf.col.change', 1.3, 'right', (k) => f.signed(yearAgo.get(k.id)?.change ?? null)],
      ]
    : [];
  titledTable(draw, t('reports.pdf.kpis'), d.kpis, [
    ['reports.pdf.col.kpi', 3, 'left', (k) => t(`reports.kpi.${k.id}` as PdfLabel)],
    ['reports.pdf.col.value', 1.4, 'right', (k) => v(k)(k.value)],
    ['reports.pdf.col.previous', 1.6, 'right', (k) => v(k)(k.previous)],
    ['reports.pdf.col.change', 1.3, 'right', (k) => f.signed(k.change)],
    ...year,
    ['reports.pdf.col.target', 1.3, 'right', (k) => v(k)(k.target)],
    ['reports.pdf.col.attainment', 1.3, 'right', (k) => f.pct(k.attainment)],
  ]);

  // The charts: vector paths, no image.
  l.bars(
    t('reports.pdf.chart.networks'),
    c.networks.map((n) => ({
      name: n.network,
      actual: n.posts,
      target: n.targetPosts,
      text: n.targetPosts === null ? f.n(n.posts) : `${f.n(n.posts)} / ${f.n(n.targetPosts)}`,
    })),
    [t('reports.pdf.legend.actual'), t('reports.pdf.legend.target')]
  );
  const pillarName = (name: string) => name || t('reports.pillars.none');
  l.bars(
    t('reports.pillars.chart'),
    c.pillars.map((p) => ({
      name: pillarName(p.pillar),
      actual: p.share,
      target: p.targetShare,
      text: p.targetShare === null ? f.pct(p.share) : `${f.pct(p.share)} / ${f.pct(p.targetShare)}`,
    })),
    [t('reports.pdf.legend.actual'), t('reports.pdf.legend.target')]
  );
  l.line(t('reports.pdf.chart.days'), engagementsByDay(c.postRows, c.period), f.short, (v) => f.n(v));
  // Followers per day (a week past 120 days) of each account, as the dashboard drew them when the report was made.
  const growth = d.followerGrowth;
  if (growth && growth.accounts.length) {
    l.lines(
      t('reports.growth.chart'),
      growth.days.map((day) => f.calendarDay(day)),
      growth.accounts.map((a) => ({ name: a.name, values: a.followers })),
      (v) => f.n(v),
      { note: t(growth.step === 'week' ? 'reports.growth.legendWeek' : 'reports.growth.legend', { zone: growth.timezone }) }
    );
  }

  // The tables.
  networkTable(draw, c.networks);
  pillarTable(draw, c.pillars);
  // An account without figures says so across its row.
  titledTable(draw, t('reports.accounts.title'), c.accounts, [
    ['reports.col.account', 3, 'left', (a) => a.name],
    ['reports.col.network', 1.6, 'left', (a) => a.network],
    [
      'reports.col.followers',
      2.4,
      'right',
      (a) => (a.metrics ? `${f.n(a.followersStart)} → ${f.n(a.followersEnd)}` : t('reports.accounts.noMetrics')),
    ],
    ['reports.col.growth', 1.4, 'right', (a) => (a.metrics ? f.n(a.growth) : '')],
    [
      'reports.col.growthPctTarget',
      1.8,
      'right',
      (a) => (!a.metrics ? '' : isTarget(a.targetGrowthPct) ? `${f.pct(a.growthPct)} (${f.pct(a.targetGrowthPct)})` : f.pct(a.growthPct)),
    ],
  ]);
  if (c.community) communityTables(draw, c.community);
  postTable(draw, t('reports.top.title'), d.top, d.accountNames);
  postTable(draw, t('reports.bottom.title'), d.bottom, d.accountNames);

  // The commentary: plain text, as written.
  l.heading(t('reports.commentary'));
  if (report.commentary.trim()) l.paragraph(report.commentary, 10, INK);
  else l.paragraph(t('reports.commentary.none'));

  return draw.finish();
}

/**
 * Campaigns side by side as a PDF (GET /reports/campaigns/pdf), with the
 * report's own pieces: the header, a table of the campaigns' figures, a
 * vector chart of their engagements, then each campaign's networks (the
 * rates' bases written out), pillars and best posts, and the page numbers.
 */
export async function renderCampaignsPdf(comparison: CampaignComparison, options: PdfOptions): Promise<Buffer> {
  const draw = await startPdf(label(options.language, 'reports.pdf.campaigns.title'), comparison.asOf, options);
  const { l, t, f } = draw;
  l.paragraph(
    comparison.period
      ? t('reports.pdf.period', { from: f.day(comparison.period.from), to: f.lastDay(comparison.period.to) })
      : t('reports.pdf.campaigns.wholeLife'),
    10,
    INK
  );
  l.paragraph(t('reports.pdf.campaigns.asOf', { date: f.day(comparison.asOf) }));
  draw.link();
  const day = (iso: string | null) => (iso ? f.day(iso) : '—');
  // A figure against the campaign's goal, "120 / 200": the chart below draws engagements against theirs.
  const goal = (value: string, target: { target: number } | null | undefined) => (target ? `${value} / ${f.n(target.target)}` : value);
  titledTable(draw, t('reports.campaigns.table'), comparison.campaigns, [
    ['reports.campaigns.campaign', 3, 'left', (k) => k.campaign],
    ['reports.kpi.posts', 1.4, 'right', (k) => goal(f.n(k.posts), k.targets?.posts)],
    ['reports.campaigns.withFigures', 1.5, 'right', (k) => f.n(k.postsWithFigures)],
    ['reports.kpi.engagements', 1.5, 'right', (k) => goal(f.n(k.engagements), k.targets?.engagements)],
    ['reports.kpi.engagementPerPost', 1.6, 'right', (k) => goal(f.n(k.engagementPerPost), k.targets?.engagementPerPost)],
    ['reports.kpi.engagementRate', 1.5, 'right', (k) => f.pct(k.engagementRate)],
    ['reports.campaigns.first', 2, 'left', (k) => day(k.firstAt)],
    ['reports.campaigns.last', 2, 'left', (k) => day(k.lastAt)],
  ]);
  l.bars(
    t('reports.pdf.campaigns.chart'),
    comparison.campaigns.map((k) => {
      const target = k.targets?.engagements?.target ?? null;
      return { name: k.campaign, actual: k.engagements, target, text: goal(f.n(k.engagements), k.targets?.engagements) };
    }),
    comparison.campaigns.some((k) => k.targets?.engagements)
      ? [t('reports.pdf.legend.actual'), t('reports.pdf.legend.target')]
      : [t('reports.kpi.engagements')]
  );
  for (const k of comparison.campaigns) {
    l.heading(k.campaign);
    networkTable(draw, k.networks);
    pillarTable(draw, k.pillars);
    postTable(draw, t('reports.campaigns.top', { campaign: k.campaign }), k.top, comparison.accountNames);
  }
  return draw.finish();
}
