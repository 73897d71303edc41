/**
 * When a post's figures are collected: at fixed ages after it went out
 * (+1 h, +6 h, +24 h, +3 d, +7 d, +30 d by default, plugin config
 * `reports.postOffsetsHours`), then never again. After a downtime the missed
 * ages are not replayed one by one: one snapshot is taken at once, labelled
 * with the latest age that has passed, and the next age still ahead follows.
 */

export const DEFAULT_POST_OFFSETS_HOURS: readonly number[] = [1, 6, 24, 72, 168, 720];

const HOUR = 3_600_000;

/*
 * `hourMs`: how long one hour of the schedule lasts, an hour everywhere but
 * in the reliability suite, which shortens it (`reports.hourMs`) so a post's
 * ages come within a scenario of real processes; the labels stay in hours.
 */

/** Offsets as the config gives them: positive, sorted, without duplicates. */
export function normalizeOffsets(hours: readonly number[]): number[] {
  return [...new Set(hours.filter((h) => Number.isFinite(h) && h > 0))].sort((a, b) => a - b);
}

/** The first collection of a post: at its first age. */
export function firstDue(publishedMs: number, offsetsHours: readonly number[], hourMs = HOUR): number | null {
  const offsets = normalizeOffsets(offsetsHours);
  return offsets.length ? publishedMs + offsets[0] * hourMs : null;
}

export interface Collected {
  /** the age this snapshot stands for, in hours (the latest one that has passed) */
  slotHours: number;
  /** when the next one is due; null: the post's collection is over */
  nextMs: number | null;
}

/**
 * A snapshot taken `now` of a post published at `publishedMs`: which age it
 * stands for and when the next is due. Null when no age has passed yet (the
 * caller came too early and should wait until `firstDue`).
 */
export function afterCollection(publishedMs: number, now: number, offsetsHours: readonly number[], hourMs = HOUR): Collected | null {
  const offsets = normalizeOffsets(offsetsHours);
  const passed = offsets.filter((h) => publishedMs + h * hourMs <= now);
  if (!passed.length) return null;
  const ahead = offsets.find((h) => publishedMs + h * hourMs > now);
  return { slotHours: passed[passed.length - 1], nextMs: ahead === undefined ? null : publishedMs + ahead * hourMs };
}

/** Every instant a post is collected at, when nothing is missed. */
export function collectionInstants(publishedMs: number, offsetsHours: readonly number[]): number[] {
  return normalizeOffsets(offsetsHours).map((h) => publishedMs + h * HOUR);
}
