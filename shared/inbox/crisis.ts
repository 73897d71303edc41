import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { m } from '../core/messages';

/**
 * The crisis alert and crisis mode (docs/inbox.md, "Crisis"): the settings'
 * schema, the routes' answers, and the detector itself — a pure function over
 * three counts, so it is tested over synthetic series without a database.
 *
 * Method: the negative items of the last `windowMinutes` are compared with
 * what the baseline (the `baselineDays` before that window) predicts for one
 * window, as a Poisson count. An alert needs all of: at least `minNegatives`
 * negative items in the window, a negative share of at least `minShare` of
 * the window's items, and a count so unlikely under the baseline that its
 * upper tail probability is at most the sensitivity's threshold. The expected
 * count never goes below `MIN_EXPECTED` (a quiet inbox with no history would
 * otherwise alert on its first few complaints).
 */

export const CRISIS_SENSITIVITIES = ['low', 'medium', 'high'] as const;
export type CrisisSensitivity = (typeof CRISIS_SENSITIVITIES)[number];

/** The largest probability, under the baseline, of a window at least this negative that still alerts. */
export const SENSITIVITY_P: Record<CrisisSensitivity, number> = { low: 1e-4, medium: 1e-3, high: 1e-2 };

/** The floor on the expected negatives per window: one per window, whatever the history says. */
export const MIN_EXPECTED = 1;

export const CRISIS_TAG = 'crisis';

export const HOLDING_STATEMENTS = {
  en: 'We are aware of the issue some of you are reporting and we are looking into it. We will share an update here as soon as we know more. Thank you for your patience.',
  fr: 'Nous avons connaissance du problème que certains d’entre vous signalent et nous l’étudions. Nous donnerons des nouvelles ici dès que nous en saurons plus. Merci de votre patience.',
} as const;

export const crisisSettingsSchema = lazySchema(() =>
  z.strictObject({
    /** false: no alert is computed (crisis mode still works) */
    enabled: z.boolean().default(true),
    windowMinutes: z.number().int().min(5, m('too_low')).max(1440, m('too_high')).default(60),
    baselineDays: z.number().int().min(1, m('too_low')).max(60, m('too_high')).default(7),
    sensitivity: z.enum(CRISIS_SENSITIVITIES).default('medium'),
    cooldownMinutes: z.number().int().min(5, m('too_low')).max(10_080, m('too_high')).default(120),
    minNegatives: z.number().int().min(1, m('too_low')).max(10_000, m('too_high')).default(5),
    /** 0–1: the negative items' share of the window's items */
    minShare: z.number().min(0, m('too_low')).max(1, m('too_high')).default(0.3),
    holdingStatement: z
      .strictObject({
        en: z.string().trim().min(1, m('required')).max(5000, m('too_long')),
        fr: z.string().trim().min(1, m('required')).max(5000, m('too_long')),
      })
      .default(HOLDING_STATEMENTS),
  })
);
export type CrisisSettings = z.infer<typeof crisisSettingsSchema>;

export const crisisStartInput = lazySchema(() =>
  z.strictObject({
    /** the holding statement's language; the person's admin language otherwise */
    language: z.enum(['en', 'fr']).optional(),
    note: z.string().trim().max(500, m('too_long')).optional(),
  })
);

export const crisisEndInput = lazySchema(() => z.strictObject({ note: z.string().trim().max(500, m('too_long')).optional() }));

export const timelineQuery = lazySchema(() =>
  z.object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
);

/** What the detector reads: three counts. */
export interface CrisisCounts {
  /** negative items posted within the window */
  windowNegatives: number;
  /** all items posted within the window */
  windowTotal: number;
  /** negative items posted within the baseline period before the window */
  baselineNegatives: number;
  /**
   * how much of the baseline period the inbox's history covers, in minutes
   * (less than `baselineDays` after a fresh install); the whole period if absent
   */
  baselineMinutes?: number;
}

export interface CrisisVerdict {
  alert: boolean;
  /** the negatives one window is expected to hold, after the floor */
  expected: number;
  /** P(X ≥ windowNegatives) for X ~ Poisson(expected) */
  pValue: number;
  share: number;
  /** why not, when no alert: the first condition that failed */
  reason: 'disabled' | 'too_few' | 'share_too_low' | 'within_baseline' | null;
}

/** P(X ≥ n) for X ~ Poisson(lambda), summed from n upwards in log space (accurate for tiny tails). */
export function poissonTail(n: number, lambda: number): number {
  if (n <= 0) return 1;
  if (lambda <= 0) return 0;
  let logFact = 0;
  for (let k = 2; k <= n; k++) logFact += Math.log(k);
  let term = Math.exp(-lambda + n * Math.log(lambda) - logFact);
  let sum = 0;
  for (let k = n; k < n + 100_000; k++) {
    sum += term;
    term *= lambda / (k + 1);
    if (k > lambda && term < sum * 1e-15) break;
  }
  return Math.min(1, sum);
}

type DetectorSettings = Pick<CrisisSettings, 'enabled' | 'windowMinutes' | 'baselineDays' | 'sensitivity' | 'minNegatives' | 'minShare'>;

/** The verdict for one evaluation. Cooldown is the caller's (it needs the last alert's time). */
export function detectCrisis(counts: CrisisCounts, settings: DetectorSettings): CrisisVerdict {
  const span = Math.min(settings.baselineDays * 1440, counts.baselineMinutes ?? Infinity);
  // Less than one window of history says nothing of the rate: the floor decides.
  const windowsInBaseline = Math.max(1, span / settings.windowMinutes);
  const expected = Math.max(MIN_EXPECTED, counts.baselineNegatives / windowsInBaseline);
  const share = counts.windowTotal > 0 ? counts.windowNegatives / counts.windowTotal : 0;
  const pValue = poissonTail(counts.windowNegatives, expected);
  const verdict = (reason: CrisisVerdict['reason']): CrisisVerdict => ({ alert: reason === null, expected, pValue, share, reason });
  if (!settings.enabled) return verdict('disabled');
  if (counts.windowNegatives < settings.minNegatives) return verdict('too_few');
  if (share < settings.minShare) return verdict('share_too_low');
  if (pValue > SENSITIVITY_P[settings.sensitivity]) return verdict('within_baseline');
  return verdict(null);
}

/** No new alert while the last one is younger than the cooldown. */
export const coolingDown = (lastAlertAt: number | null, now: number, cooldownMinutes: number) =>
  lastAlertAt !== null && now - lastAlertAt < cooldownMinutes * 60_000;

// --- the routes' answers -------------------------------------------------------------------------

export type CrisisEventKind = 'alert' | 'start' | 'end';

export interface CrisisEvent {
  documentId: string;
  kind: CrisisEventKind;
  at: string;
  by: { id: number; name: string } | null;
  /** alert: the counts and verdict; start/end: what was paused and restored, the holding statement's post */
  details: {
    counts?: CrisisCounts;
    expected?: number;
    pValue?: number;
    share?: number;
    windowMinutes?: number;
    /** alert: how many were e-mailed, or why nobody was */
    emailed?: number;
    emailProblem?: 'not_configured' | 'no_recipients' | 'failed' | 'in_crisis_mode' | null;
    pausedPublishing?: boolean;
    restoredPublishing?: boolean;
    planDocumentId?: string | null;
    note?: string | null;
  };
}

export interface CrisisMode {
  on: boolean;
  since: string | null;
  by: { id: number; name: string } | null;
  /** true when turning it on paused publishing (and ending it will resume) */
  pausedPublishing: boolean;
  /** the holding statement's draft post */
  planDocumentId: string | null;
}

/** `GET /inbox/crisis`: what the banner shows. */
export interface CrisisOverview {
  mode: CrisisMode;
  /** the latest alert of the last 24 hours, if any */
  alert: CrisisEvent | null;
  settings: CrisisSettings;
}
