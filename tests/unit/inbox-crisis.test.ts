import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  coolingDown,
  crisisSettingsSchema,
  detectCrisis,
  poissonTail,
  SENSITIVITY_P,
  type CrisisSettings,
} from '../../shared/inbox/crisis';
import { figuresQuery, replyCountsQuery } from '../../shared/inbox/figures';
import { aggregateFigures, percentile, responseTimes, type FigureRow } from '../../server/inbox/insights';
import { INBOX_EMAIL_FR, inboxText } from '../../server/inbox/emails';

/**
 * The crisis detector (shared/inbox/crisis.ts, method in docs/inbox.md) over
 * synthetic series: quiet weeks at several volumes must stay (nearly) silent,
 * a burst of complaints must be caught, and each condition must hold on its
 * own. Plus the figures' percentiles and aggregation, and the e-mails' French.
 */

const defaults = (): CrisisSettings => crisisSettingsSchema.parse({});

/** A seeded generator (mulberry32): the series are the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by inversion (Knuth for small means, normal approximation above 50). */
function poisson(random: () => number, lambda: number): number {
  if (lambda > 50) {
    const u = Math.max(1e-12, random());
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(lambda + z * Math.sqrt(lambda)));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/**
 * Hour-long windows over `days`; `negatives(i)` and `total(i)` the mean
 * counts of window i. Each window is evaluated against the sum of the
 * previous seven days' negatives, as the server's counts give it.
 */
function run(days: number, mean: (i: number) => { negative: number; other: number }, settings: CrisisSettings, seed = 1) {
  const random = rng(seed);
  const windows = (days * 1440) / settings.windowMinutes;
  const baselineWindows = (settings.baselineDays * 1440) / settings.windowMinutes;
  const negatives: number[] = [];
  const alerts: number[] = [];
  let lastAlert: number | null = null;
  for (let i = 0; i < windows; i++) {
    const m = mean(i);
    const neg = poisson(random, m.negative);
    const other = poisson(random, m.other);
    const baseline = negatives.slice(Math.max(0, i - baselineWindows), i).reduce((a, b) => a + b, 0);
    negatives.push(neg);
    const at = i * settings.windowMinutes * 60_000;
    const verdict = detectCrisis(
      {
        windowNegatives: neg,
        windowTotal: neg + other,
        baselineNegatives: baseline,
        baselineMinutes: Math.min(i, baselineWindows) * settings.windowMinutes,
      },
      settings
    );
    if (verdict.alert && !coolingDown(lastAlert, at, settings.cooldownMinutes)) {
      alerts.push(i);
      lastAlert = at;
    }
  }
  return alerts;
}

describe('the Poisson tail', () => {
  it.each([
    [0, 3, 1],
    [1, 0.5, 1 - Math.exp(-0.5)],
    [5, 1, 0.00365984682734371],
    [6, 1, 0.000594184817581],
    [20, 10, 0.00345434197586],
  ])('P(X ≥ %d | λ=%d) = %d', (n, lambda, expected) => {
    expect(poissonTail(n, lambda)).toBeCloseTo(expected, 9);
  });

  it('matches 1 − the summed probabilities below n, and stays accurate far in the tail', () => {
    for (const lambda of [0.3, 2, 7.5, 40]) {
      let below = 0;
      let pmf = Math.exp(-lambda);
      for (let n = 0; n < 60; n++) {
        if (1 - below > 1e-9) expect(poissonTail(n, lambda)).toBeCloseTo(1 - below, 9);
        below += pmf;
        pmf *= lambda / (n + 1);
      }
    }
    const far = poissonTail(100, 1);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-150);
  });

  it('is 0 with no expected events and anything above zero observed', () => {
    expect(poissonTail(3, 0)).toBe(0);
  });
});

describe('one verdict', () => {
  const s = defaults();

  it('alerts on many negatives against a quiet baseline, and says what it compared', () => {
    const v = detectCrisis({ windowNegatives: 12, windowTotal: 20, baselineNegatives: 168 }, s);
    expect(v).toMatchObject({ alert: true, reason: null, expected: 1, share: 0.6 });
    expect(v.pValue).toBeLessThan(SENSITIVITY_P.medium);
  });

  it('needs the minimum count, even far above the baseline', () => {
    expect(detectCrisis({ windowNegatives: 4, windowTotal: 4, baselineNegatives: 0 }, s)).toMatchObject({
      alert: false,
      reason: 'too_few',
    });
  });

  it('needs the negative share: a busy launch with a few more complaints is not a crisis', () => {
    expect(detectCrisis({ windowNegatives: 30, windowTotal: 400, baselineNegatives: 168 }, s)).toMatchObject({
      alert: false,
      reason: 'share_too_low',
    });
  });

  it('follows the baseline: what is usual for a busy inbox does not alert', () => {
    // 20 negatives an hour for a week: 25 in an hour is within the usual.
    expect(detectCrisis({ windowNegatives: 25, windowTotal: 50, baselineNegatives: 20 * 168 }, s)).toMatchObject({
      alert: false,
      reason: 'within_baseline',
    });
    expect(detectCrisis({ windowNegatives: 45, windowTotal: 60, baselineNegatives: 20 * 168 }, s).alert).toBe(true);
  });

  it('is more eager as sensitivity rises', () => {
    const counts = { windowNegatives: 7, windowTotal: 10, baselineNegatives: 2 * 168 };
    const at = (sensitivity: CrisisSettings['sensitivity']) => detectCrisis(counts, { ...s, sensitivity }).alert;
    expect([at('low'), at('medium'), at('high')]).toEqual([false, false, true]);
  });

  it('says nothing when disabled', () => {
    expect(detectCrisis({ windowNegatives: 99, windowTotal: 99, baselineNegatives: 0 }, { ...s, enabled: false }).reason).toBe('disabled');
  });

  it('cools down from the last alert', () => {
    expect(coolingDown(null, 1_000, 120)).toBe(false);
    expect(coolingDown(0, 119 * 60_000, 120)).toBe(true);
    expect(coolingDown(0, 120 * 60_000, 120)).toBe(false);
  });
});

describe('over synthetic series', () => {
  const s = defaults();

  it.each([0.2, 1, 3, 10, 40])('a quiet month at %d negatives an hour raises at most one alert', (rate) => {
    const alerts = run(30, () => ({ negative: rate, other: rate * 3 }), s, Math.round(rate * 100));
    expect(alerts.length).toBeLessThanOrEqual(1);
  });

  it.each([0.5, 2, 10])('a burst of complaints (×5 for two hours) at %d an hour is caught within its first window', (rate) => {
    const burstAt = 24 * 20; // day 20, once the baseline is a week old
    const alerts = run(30, (i) => ({ negative: i >= burstAt && i < burstAt + 2 ? Math.max(rate * 5, 12) : rate, other: rate * 3 }), s, 7);
    expect(alerts).toContain(burstAt);
    // Only the burst, then the cooldown: no alert storm.
    expect(alerts.filter((i) => i >= burstAt && i < burstAt + 2)).toEqual([burstAt]);
  });

  it('a steady rise of volume (positive and negative alike) does not alert: the share floor holds', () => {
    const alerts = run(30, (i) => ({ negative: 1 + i / 60, other: 6 * (1 + i / 60) }), s, 3);
    expect(alerts).toEqual([]);
  });
});

describe('the settings', () => {
  it('have defaults', () => {
    expect(defaults()).toMatchObject({
      windowMinutes: 60,
      baselineDays: 7,
      sensitivity: 'medium',
      cooldownMinutes: 120,
      minNegatives: 5,
      minShare: 0.3,
    });
    expect(defaults().holdingStatement.fr).toMatch(/patience/);
  });

  it('refuse what makes no sense, naming the field', () => {
    const r = crisisSettingsSchema.safeParse({ windowMinutes: 1, minShare: 2, sensitivity: 'max' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['minShare', 'sensitivity', 'windowMinutes']);
  });
});

describe('the figures', () => {
  it('take the nearest rank for the median and the 90th percentile', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([5], 0.9)).toBe(5);
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(responseTimes(ten)).toEqual({ responded: 10, medianMs: 5, p90Ms: 9 });
    expect(responseTimes([1, 2, 3])).toEqual({ responded: 3, medianMs: 2, p90Ms: 3 });
  });

  it('split volume, response times and sentiment by source and by the person who answered first', () => {
    const row = (over: Partial<FigureRow>): FigureRow => ({
      sourceRef: 'acc1',
      network: 'mastodon',
      assigneeId: null,
      sentiment: 'neutral',
      firstResponseMs: null,
      replies: [],
      ...over,
    });
    const rows = [
      row({
        sentiment: 'negative',
        assigneeId: 1,
        firstResponseMs: 60_000,
        replies: [
          { by: 1, at: '2026-01-01T00:01:00Z' },
          { by: 2, at: '2026-01-01T00:05:00Z' },
        ],
      }),
      row({ sentiment: 'positive', firstResponseMs: 120_000, replies: [{ by: 2, at: '2026-01-01T00:02:00Z' }] }),
      row({ sourceRef: 'site', network: 'site', sentiment: 'negative' }),
      row({ sourceRef: 'site', network: 'site', assigneeId: 2 }),
      // Two labels chosen by a person: one that differs from the scorer's, one that agrees.
      row({ sourceRef: 'site', network: 'site', sentiment: 'positive', computed: 'negative' }),
      row({ sentiment: 'neutral', computed: 'neutral' }),
    ];
    const f = aggregateFigures(rows, { source: (ref) => `name:${ref}`, member: (id) => `user${id}` });
    expect(f.total).toMatchObject({ volume: 6, responded: 2, medianMs: 60_000, p90Ms: 120_000 });
    expect(f.total.sentiment).toEqual({
      positive: { count: 2, share: 0.333 },
      neutral: { count: 2, share: 0.333 },
      negative: { count: 2, share: 0.333 },
    });
    expect(f.total.sentimentOverrides).toEqual({ count: 2, changed: 1 });
    expect(f.sources.map((s) => [s.source, s.name, s.volume, s.responded, s.sentimentOverrides])).toEqual([
      ['acc1', 'name:acc1', 3, 2, { count: 1, changed: 0 }],
      ['site', 'name:site', 3, 0, { count: 1, changed: 1 }],
    ]);
    expect(f.members).toEqual([
      { userId: 2, name: 'user2', assigned: 1, replies: 2, responded: 1, medianMs: 120_000, p90Ms: 120_000 },
      { userId: 1, name: 'user1', assigned: 1, replies: 1, responded: 1, medianMs: 60_000, p90Ms: 60_000 },
    ]);
  });

  it('refuse a period backwards or longer than a year, naming `to`', () => {
    const bad = (from: string, to: string) => figuresQuery.safeParse({ from, to }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(bad('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z')).toEqual([['to', 'period_order']]);
    expect(bad('2024-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toEqual([['to', 'period_too_long']]);
    expect(figuresQuery.safeParse({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }).success).toBe(true);
  });

  it('read a post list for the reply counts, without duplicates', () => {
    expect(replyCountsQuery.safeParse({ plans: 'Not-An-Id' }).success).toBe(false);
    expect(replyCountsQuery.safeParse({ plans: ',' }).success).toBe(false);
    const ok = replyCountsQuery.parse({ plans: 'abcdefghijklmnopqrstuvwx,abcdefghijklmnopqrstuvwx' });
    expect(ok.plans).toHaveLength(1);
  });
});

describe('the e-mails', () => {
  const fr = JSON.parse(readFileSync(join(__dirname, '..', '..', 'admin', 'translations', 'fr.json'), 'utf8')) as Record<string, string>;

  it('their French is the admin catalogue’s', () => {
    for (const [code, text] of Object.entries(INBOX_EMAIL_FR)) expect([code, text]).toEqual([code, fr[`server.${code}`]]);
  });

  it('are filled in the recipient’s language', () => {
    const params = { by: 'Ann', author: 'Bob', source: 'Brand', text: 'Hello' };
    expect(inboxText('inbox_assigned_email_subject', 'en', params)).toBe('[Community Manager] Ann assigned you an inbox item');
    expect(inboxText('inbox_assigned_email_subject', 'fr', params)).toBe('[Community Manager] Ann vous a confié un message');
  });
});
