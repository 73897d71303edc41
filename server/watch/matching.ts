import { compileUserRegex, type UserRegex } from '../../shared/core/safe-regex';

/** Characters of an item that keywords and alerts read: a feed item can be megabytes of HTML. */
export const MAX_INPUT = 10_000;

/**
 * Keyword matching and relevance: which of a source's keywords an item
 * mentions, which alert rules it trips, and how close it is to the editorial
 * lines' pillars and hashtags. Pure, so the scoring is unit-tested.
 */
export interface EditorialTerms {
  pillars: Array<{ name: string; terms: string[] }>;
  hashtags: string[];
}

export interface AlertRule {
  documentId: string;
  kind: 'keyword' | 'regex';
  pattern: string;
}

const stripMarks = (value: string) => value.normalize('NFKD').replace(/\p{M}/gu, '');
const fold = (value: string) => stripMarks(value).toLowerCase();

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A whole-word, accent- and case-insensitive keyword test ("IA" does not match "via"). */
export function mentions(haystack: string, keyword: string): boolean {
  const needle = fold(keyword.trim());
  if (!needle) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegex(needle)}($|[^\\p{L}\\p{N}])`, 'u').test(haystack);
}

export const searchableText = (item: { title: string; summary: string; content?: string; author?: string | null }) =>
  fold([item.title, item.author ?? '', item.summary, (item.content ?? '').replace(/<[^>]*>/g, ' ')].join(' \n ')).slice(0, MAX_INPUT);

export function matchKeywords(text: string, keywords: string[]): string[] {
  return keywords.filter((k) => mentions(text, k));
}

/** Words of a pillar's name and description worth matching (4+ letters). */
export function pillarTerms(name: string, description = ''): string[] {
  const words = `${name} ${description}`.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
  return [...new Set([name.trim(), ...words].filter(Boolean).map((w) => w.toLowerCase()))];
}

/**
 * 0-100: the pillar names count most (a pillar named in full), then words of a
 * pillar's description, hashtags and the source's own keywords.
 */
export function relevance(text: string, terms: EditorialTerms, keywordHits: number): { score: number; pillars: string[] } {
  let score = Math.min(30, keywordHits * 15);
  const pillars: string[] = [];
  for (const pillar of terms.pillars) {
    const [name, ...words] = pillar.terms;
    const full = name ? mentions(text, name) : false;
    const wordHits = words.filter((w) => mentions(text, w)).length;
    if (full || wordHits >= 2) pillars.push(pillar.name);
    score += (full ? 30 : 0) + Math.min(20, wordHits * 7);
  }
  score += Math.min(20, terms.hashtags.filter((h) => mentions(text, h)).length * 10);
  return { score: Math.min(100, Math.round(score)), pillars };
}

// Every stored item is matched against every active rule: compile each pattern once, not once per item.
const compiled = new Map<string, UserRegex | null>();
const MAX_COMPILED = 1_000;

function userRegex(pattern: string): UserRegex | null {
  const key = stripMarks(pattern);
  let regex = compiled.get(key);
  if (regex === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    // A rule saved before the linear-time engine with syntax it refuses (lookaround) matches nothing.
    regex = compileUserRegex(key).regex ?? null;
    compiled.set(key, regex);
  }
  return regex;
}

/** Regex rules run on the linear-time engine; accents are stripped from pattern and text alike. */
export function matchAlerts(text: string, rules: AlertRule[]): string[] {
  return rules
    .filter((rule) => (rule.kind === 'keyword' ? mentions(text, rule.pattern) : (userRegex(rule.pattern)?.test(text) ?? false)))
    .map((rule) => rule.documentId);
}
