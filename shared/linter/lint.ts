import { countLength, findHashtags, type LengthCount } from './count';
import { NETWORK_LABELS, type Network } from '../networks/rules';
import { profileOf } from '../networks';
import { threadParts } from '../networks/thread';

export interface LintRules {
  bannedWords: string[];
  requiredHashtags: string[];
  suggestedHashtags?: string[];
}

/** Every finding the linter gives; the admin translates each (`lint.finding.<code>`). */
export const FINDING_CODES = [
  'too_long',
  'too_many_bytes',
  'too_many_hashtags',
  'banned_word',
  'missing_hashtag',
  'suggested_hashtag',
  'empty',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning' | 'info';
  /** English, human readable; the admin builds its translated text from `params`. */
  message: string;
  params: Record<string, string | number>;
  /** UTF-16 offsets in the original text, for highlighting. */
  ranges?: Array<{ start: number; end: number }>;
}

export interface LintResult {
  network: Network;
  length: LengthCount;
  findings: Finding[];
  /** True when no finding has error severity. */
  ok: boolean;
}

type Range = { start: number; end: number };

/**
 * Text folded for accent- and case-insensitive matching, with the original UTF-16 span of
 * the code point behind every folded unit so matches can be highlighted in the original.
 */
interface FoldedText {
  text: string;
  starts: number[];
  ends: number[];
}

const COMBINING_MARKS = /\p{M}/gu;
// French typography uses ’ where people type ', so "l'offre" must catch "l’offre".
const APOSTROPHES = /[’ʼ]/gu;
const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const WHITESPACE_RUN = /\s+/u;
const TAG_SIGNS = /^[#＃]+/u;

function foldChar(char: string): string {
  return char.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(APOSTROPHES, "'");
}

// Folds one code point at a time so every folded unit knows where it came from.
function fold(text: string): FoldedText {
  const folded: FoldedText = { text: '', starts: [], ends: [] };
  let offset = 0;
  for (const char of text) {
    const piece = foldChar(char);
    folded.text += piece;
    for (let i = 0; i < piece.length; i++) {
      folded.starts.push(offset);
      folded.ends.push(offset + char.length);
    }
    offset += char.length;
  }
  return folded;
}

function originalRange(folded: FoldedText, sourceLength: number, start: number, end: number): Range {
  // Combining marks were folded away; those after the match belong to its last letter, so extend over them.
  const nextStart = end < folded.starts.length ? folded.starts[end] : sourceLength;
  return { start: folded.starts[start], end: Math.max(nextStart, folded.ends[end - 1]) };
}

// \b only knows ASCII, so boundaries are Unicode letter/number lookarounds; inner spaces match any whitespace run
// (French puts no-break spaces in phrases).
function bannedPattern(foldedWord: string): RegExp {
  const body = foldedWord
    .split(WHITESPACE_RUN)
    .map((part) => part.replace(REGEXP_SYNTAX, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'gu');
}

function bannedWordFindings(text: string, bannedWords: string[]): Finding[] {
  const folded = fold(text);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const raw of bannedWords) {
    const word = raw.trim();
    const key = fold(word).text.trim();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);

    const ranges = [...folded.text.matchAll(bannedPattern(key))].map((match) =>
      originalRange(folded, text.length, match.index, match.index + match[0].length)
    );
    if (ranges.length === 0) continue;
    const count = ranges.length;
    findings.push({
      code: 'banned_word',
      severity: 'error',
      message: `Banned word "${word}" (used ${count} ${count === 1 ? 'time' : 'times'})`,
      params: { word, count },
      ranges,
    });
  }
  return findings;
}

// Tags differ on networks by accent (#cafe is not #café) but not by case; NFC makes typed-decomposed tags equal.
function tagKey(tag: string): string {
  return tag.normalize('NFC').toLowerCase();
}

/** Configured tags may be stored with or without their sign; returns them bare, trimmed, deduplicated. */
function configuredTags(tags: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of tags) {
    const tag = raw.trim().replace(TAG_SIGNS, '');
    if (tag !== '' && !byKey.has(tagKey(tag))) byKey.set(tagKey(tag), tag);
  }
  return [...byKey.values()];
}

function hashtagFindings(text: string, network: Network, rules: LintRules): Finding[] {
  // The tags the network itself will link: a tag it would cut short or not link at all is not there.
  const used = new Set(findHashtags(text, network).map(({ tag }) => tagKey(tag)));
  const required = configuredTags(rules.requiredHashtags);
  const findings: Finding[] = required
    .filter((tag) => !used.has(tagKey(tag)))
    .map((tag) => ({
      code: 'missing_hashtag',
      severity: 'error',
      message: `Required hashtag #${tag} is missing`,
      params: { tag: `#${tag}` },
    }));

  // A required tag is already reported as an error when missing; suggesting it too would be noise.
  const requiredKeys = new Set(required.map(tagKey));
  const unusedSuggestions = configuredTags(rules.suggestedHashtags ?? [])
    .filter((tag) => !used.has(tagKey(tag)) && !requiredKeys.has(tagKey(tag)))
    .map((tag) => `#${tag}`);
  if (unusedSuggestions.length > 0) {
    const tags = unusedSuggestions.join(', ');
    findings.push({
      code: 'suggested_hashtag',
      severity: 'info',
      message: `Suggested hashtags not used: ${tags}`,
      params: { tags, count: unusedSuggestions.length },
    });
  }
  return findings;
}

function lengthFindings(text: string, network: Network, length: LengthCount): Finding[] {
  const label = NETWORK_LABELS[network];
  const findings: Finding[] = [];
  if (text.trim() === '') {
    findings.push({ code: 'empty', severity: 'error', message: 'Post is empty', params: { network } });
  }
  if (length.counted > length.limit) {
    findings.push({
      code: 'too_long',
      severity: 'error',
      message: `Too long for ${label} (${length.counted}/${length.limit})`,
      params: { network, counted: length.counted, limit: length.limit, unit: length.unit },
    });
  }
  if (length.bytes !== undefined && length.byteLimit !== undefined && length.bytes > length.byteLimit) {
    findings.push({
      code: 'too_many_bytes',
      severity: 'error',
      message: `Too many bytes for ${label} (${length.bytes}/${length.byteLimit})`,
      params: { network, bytes: length.bytes, byteLimit: length.byteLimit },
    });
  }
  if (length.hashtags !== undefined && length.maxHashtags !== undefined && length.hashtags > length.maxHashtags) {
    findings.push({
      code: 'too_many_hashtags',
      severity: 'error',
      message: `Too many hashtags for ${label} (${length.hashtags}/${length.maxHashtags})`,
      params: { network, hashtags: length.hashtags, maxHashtags: length.maxHashtags },
      // Highlight the tags past the limit: those are the ones to remove.
      ranges: findHashtags(text, network)
        .slice(length.maxHashtags)
        .map(({ start, end }) => ({ start, end })),
    });
  }
  return findings;
}

export function lint(input: { text: string; network: Network; rules?: LintRules | null; limit?: number }): LintResult {
  const { text, network, rules } = input;
  // A network that posts threads (X) measures each part on its own: the longest one is what must fit.
  const parts = profileOf(network).thread ? threadParts(text) : [text];
  const length = parts
    .map((part) => countLength(part, network, { limit: input.limit }))
    .reduce((longest, count) => (count.counted > longest.counted ? count : longest));
  const findings = [
    ...lengthFindings(text, network, length),
    ...(rules ? [...bannedWordFindings(text, rules.bannedWords), ...hashtagFindings(text, network, rules)] : []),
  ];
  return { network, length, findings, ok: findings.every((finding) => finding.severity !== 'error') };
}
