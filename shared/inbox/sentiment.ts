/**
 * A small, deterministic, offline sentiment scorer for short social texts in
 * English and French: a hand-written lexicon (valences −3…+3, in the manner
 * of AFINN and VADER, words chosen for comments and replies), negation
 * ("not good", "pas bon du tout", "ne … jamais"), intensifiers and
 * downtoners ("very", "vraiment", "un peu"), and emoji. No model, no
 * download, the same answer everywhere (the admin's preview and the server's
 * ingest run this very code). A person's manual override on an item always
 * wins over this score (server/inbox). The lexicon is ours; its limits are
 * written in docs/inbox.md.
 */

export type SentimentLabel = 'positive' | 'neutral' | 'negative';
export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const satisfies readonly SentimentLabel[];

export interface Sentiment {
  label: SentimentLabel;
  /** −1 (most negative) … +1 (most positive), rounded to 3 decimals */
  score: number;
}

const EN: Record<string, number> = {
  love: 3,
  loved: 3,
  loving: 2,
  awesome: 3,
  amazing: 3,
  excellent: 3,
  fantastic: 3,
  wonderful: 3,
  brilliant: 3,
  perfect: 3,
  great: 3,
  outstanding: 3,
  superb: 3,
  best: 3,
  good: 2,
  nice: 2,
  cool: 1,
  happy: 2,
  glad: 2,
  thanks: 2,
  thank: 2,
  thx: 2,
  like: 1,
  liked: 2,
  enjoy: 2,
  enjoyed: 2,
  helpful: 2,
  useful: 2,
  beautiful: 3,
  fun: 2,
  pleased: 2,
  impressive: 3,
  recommend: 2,
  congrats: 3,
  congratulations: 3,
  bravo: 3,
  kudos: 3,
  fast: 1,
  easy: 1,
  clear: 1,
  works: 1,
  fixed: 1,
  solved: 2,
  yay: 2,
  wow: 2,
  bad: -2,
  worse: -3,
  worst: -3,
  terrible: -3,
  awful: -3,
  horrible: -3,
  hate: -3,
  hated: -3,
  sucks: -3,
  useless: -2,
  broken: -2,
  disappointed: -2,
  disappointing: -2,
  disappointment: -2,
  annoying: -2,
  angry: -3,
  furious: -3,
  scam: -3,
  fraud: -3,
  fake: -2,
  poor: -2,
  slow: -1,
  bug: -1,
  bugs: -1,
  buggy: -2,
  crash: -2,
  crashes: -2,
  error: -1,
  fail: -2,
  failed: -2,
  fails: -2,
  wrong: -2,
  problem: -1,
  problems: -1,
  issue: -1,
  issues: -1,
  sad: -2,
  unhappy: -2,
  ridiculous: -2,
  shame: -2,
  shameful: -3,
  refund: -1,
  complaint: -2,
  never: 0,
  rude: -2,
  waste: -2,
  boring: -2,
  ugly: -2,
  stupid: -2,
  lies: -3,
  liar: -3,
  disgusting: -3,
  // Added after the first measurement (docs/moderation.md): the words of replies and complaints
  // the first lexicon lacked, each with its family.
  lovely: 3,
  patient: 1,
  pleasure: 2,
  nailed: 3,
  impressed: 2,
  delighted: 3,
  smooth: 2,
  smoothly: 2,
  solid: 2,
  appreciated: 2,
  appreciate: 2,
  charm: 2,
  fan: 2,
  polished: 2,
  work: 1,
  worked: 1,
  working: 1,
  worth: 1,
  sense: 1,
  cares: 1,
  crashing: -2,
  slower: -1,
  refuse: -2,
  refused: -2,
  refuses: -2,
  crashed: -2,
  broke: -2,
  breaks: -2,
  damaged: -2,
  misleading: -2,
  overpriced: -2,
  underwhelming: -2,
  regret: -2,
  lost: -2,
  lose: -2,
  dies: -2,
  died: -2,
  dead: -2,
  joke: -2,
  outage: -2,
  down: -1,
  late: -1,
  delayed: -1,
  cancelled: -1,
  canceled: -1,
  unacceptable: -3,
  insane: -2,
  expensive: -1,
  unusable: -3,
  confusing: -2,
  pathetic: -3,
  worthless: -3,
  mess: -2,
  nightmare: -3,
  unreliable: -2,
};

const FR: Record<string, number> = {
  adore: 3,
  adoré: 3,
  aime: 2,
  aimé: 2,
  génial: 3,
  geniale: 3,
  géniale: 3,
  excellent: 3,
  excellente: 3,
  parfait: 3,
  parfaite: 3,
  super: 3,
  top: 2,
  magnifique: 3,
  superbe: 3,
  formidable: 3,
  merveilleux: 3,
  merveilleuse: 3,
  incroyable: 2,
  bravo: 3,
  félicitations: 3,
  merci: 2,
  bon: 2,
  bonne: 2,
  bien: 2,
  belle: 2,
  beau: 2,
  content: 2,
  contente: 2,
  heureux: 2,
  heureuse: 2,
  ravi: 3,
  ravie: 3,
  utile: 2,
  pratique: 1,
  efficace: 2,
  rapide: 1,
  facile: 1,
  clair: 1,
  claire: 1,
  sympa: 2,
  chouette: 2,
  impressionnant: 3,
  recommande: 2,
  réussi: 2,
  réussie: 2,
  résolu: 2,
  plaisir: 2,
  mieux: 1,
  meilleur: 3,
  meilleure: 3,
  mauvais: -2,
  mauvaise: -2,
  nul: -3,
  nulle: -3,
  horrible: -3,
  affreux: -3,
  affreuse: -3,
  déteste: -3,
  déçu: -2,
  déçue: -2,
  décevant: -2,
  décevante: -2,
  déception: -2,
  pire: -3,
  inutile: -2,
  cassé: -2,
  cassée: -2,
  panne: -2,
  bug: -1,
  bugs: -1,
  bogue: -1,
  erreur: -1,
  problème: -1,
  problèmes: -1,
  lent: -1,
  lente: -1,
  arnaque: -3,
  escroquerie: -3,
  honte: -3,
  honteux: -3,
  honteuse: -3,
  scandale: -3,
  scandaleux: -3,
  inadmissible: -3,
  inacceptable: -3,
  énervé: -2,
  énervée: -2,
  colère: -3,
  furieux: -3,
  furieuse: -3,
  triste: -2,
  ridicule: -2,
  remboursement: -1,
  plainte: -2,
  ennuyeux: -2,
  moche: -2,
  idiot: -2,
  mensonge: -3,
  menteur: -3,
  dégoûtant: -3,
  catastrophe: -3,
  catastrophique: -3,
  lamentable: -3,
  raté: -2,
  ratée: -2,
  // Added after the first measurement (docs/moderation.md).
  impeccable: 3,
  irréprochable: 3,
  passionnant: 2,
  passionnante: 2,
  agréable: 2,
  aidé: 2,
  aidée: 2,
  hâte: 2,
  nickel: 2,
  fan: 2,
  conforme: 1,
  intérêt: 1,
  marche: 1,
  fonctionne: 1,
  tient: 1,
  correspond: 1,
  vaut: 1,
  plante: -2,
  refusé: -2,
  refusée: -2,
  planté: -2,
  plantage: -2,
  illisible: -2,
  abusé: -2,
  abusés: -2,
  abusif: -2,
  désagréable: -2,
  regrette: -2,
  insupportable: -3,
  dégoûté: -3,
  dégoûtée: -3,
  perdu: -2,
  perdue: -2,
  blague: -2,
  cher: -1,
  chère: -1,
  inutilisable: -3,
  pénible: -2,
  mensongère: -3,
  mensonger: -3,
  lamentables: -3,
  injoignable: -2,
  déçus: -2,
  déçues: -2,
  annulée: -1,
  annulé: -1,
  retard: -1,
  galère: -2,
};

const EMOJI: Record<string, number> = {
  '😀': 2,
  '😃': 2,
  '😄': 2,
  '😁': 2,
  '😊': 2,
  '🙂': 1,
  '😍': 3,
  '🥰': 3,
  '😘': 2,
  '👍': 2,
  '👏': 2,
  '🙏': 1,
  '🎉': 2,
  '❤': 3,
  '💯': 2,
  '🔥': 1,
  '✨': 1,
  '😂': 1,
  '🤩': 3,
  '💪': 1,
  '🥳': 2,
  '😞': -2,
  '😟': -2,
  '😠': -3,
  '😡': -3,
  '🤬': -3,
  '😢': -2,
  '😭': -2,
  '👎': -2,
  '💩': -3,
  '🙄': -1,
  '😒': -1,
  '😤': -2,
  '🤮': -3,
  '😩': -2,
  '😫': -2,
  '💔': -2,
};

/** Words that turn the next sentiment word around (within three words). */
const NEGATORS = new Set([
  'not',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "didn't",
  'didnt',
  "isn't",
  'isnt',
  "wasn't",
  'wasnt',
  "aren't",
  "won't",
  "can't",
  'cant',
  'cannot',
  'never',
  'no',
  'nothing',
  'hardly',
  'without',
  'nobody',
  // French negation is "ne … pas": the verb sits between, so ne/n' alone turns it ("ne marche pas").
  'ne',
  'pas',
  'jamais',
  'plus',
  'aucun',
  'aucune',
  'rien',
  'sans',
  'ni',
  'guère',
]);

/** Multipliers of the next sentiment word. */
const INTENSIFIERS: Record<string, number> = {
  very: 1.5,
  really: 1.5,
  so: 1.3,
  extremely: 1.8,
  totally: 1.5,
  absolutely: 1.6,
  super: 1.5,
  incredibly: 1.7,
  too: 1.3,
  most: 1.3,
  completely: 1.5,
  truly: 1.4,
  très: 1.5,
  vraiment: 1.5,
  trop: 1.4,
  tellement: 1.6,
  extrêmement: 1.8,
  totalement: 1.5,
  complètement: 1.5,
  absolument: 1.6,
  hyper: 1.5,
  franchement: 1.3,
  grave: 1.3,
  slightly: 0.6,
  somewhat: 0.7,
  kinda: 0.7,
  bit: 0.6,
  peu: 0.6,
  assez: 0.8,
  plutôt: 0.8,
};

/** Two-word phrases whose meaning is not the sum of their words. */
const PHRASES: Record<string, number> = {
  'pas mal': 2,
  'not bad': 2,
  'à chier': -3,
  'de la merde': -3,
  'top notch': 3,
  'well done': 3,
  'no problem': 1,
  'pas de problème': 1,
  'sans problème': 1,
  'bien joué': 3,
  'quelle horreur': -3,
  'thanks for nothing': -3,
  'merci pour rien': -3,
  'never again': -2,
  'plus jamais': -2,
  'ne importe quoi': -2,
  'mieux avant': -2,
  'better before': -2,
  'price increase': -2,
  'hausse de prix': -2,
  'still waiting': -2,
  'attend toujours': -2,
  'what a joke': -3,
  'no reply': -2,
  'sans réponse': -2,
  'pire en pire': -3,
  'worse and worse': -3,
  'rien à redire': 2,
  'rien à dire': 2,
  // "Still no refund": a refund is what people ask for, its absence the complaint (negation alone would praise it).
  'toujours pas': -1,
  'still no': -1,
  'no refund': -2,
  'pas de remboursement': -2,
  'aucun remboursement': -2,
};

/** French plus also means "more" ("plus rapide"): it negates only after ne/n'. */
const AFTER_NE_ONLY = new Set(['plus']);

const normalise = (text: string) => text.toLowerCase().replace(/[’‘`]/g, "'");

/** Words (letters, digits, in-word apostrophes and hyphens), emoji, and the sentence breaks that end a negation. */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|\p{Extended_Pictographic}|[.!?;]/gu;
  for (const match of normalise(text).matchAll(re)) {
    const word = match[0];
    // French elision: "n'est" -> "n'", "est"; "l'appli" -> "appli". English contractions stay whole ("don't").
    const elided = /^(n|l|d|j|m|t|s|c|qu)'(.+)$/.exec(word);
    if (elided && !/^(n't|t)$/.test(elided[2])) {
      if (elided[1] === 'n') out.push('ne');
      out.push(elided[2]);
    } else out.push(word);
  }
  return out;
}

/** A word of the lexicon, else its singular ("insupportables", "crashes"): plurals need no entry of their own. */
function lookup(table: (word: string) => number | undefined, word: string): number | undefined {
  const found = table(word);
  if (found !== undefined || word.length < 4) return found;
  return /[sx]$/.test(word) ? table(word.slice(0, -1)) : undefined;
}

const valence = (word: string): number | undefined => lookup((w) => EN[w] ?? FR[w] ?? EMOJI[w], word);

/** "but", "mais": what follows weighs more than what came before (as VADER does). */
const CONTRASTS = new Set(['but', 'however', 'mais', 'cependant', 'pourtant']);

/** An eye-roll says the praise around it is ironic ("bravo le suivi 🙄"). */
const IRONY = new Set(['🙄', '😒']);

/**
 * A word's valence in the lexicon alone (no emoji, negation, intensity or
 * phrase, plural): what a plain word-count baseline sees (bench/inbox/measure.ts).
 */
export const lexiconValence = (word: string): number | undefined => EN[word] ?? FR[word];

/** The score and label of a text. Deterministic: same text, same answer. */
export function scoreSentiment(text: string): Sentiment {
  const words = tokens(text.slice(0, 5000));
  let sum = 0;
  let exclamations = 0;
  const ironic = words.some((w) => IRONY.has(w));
  let weight = 1;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '!') exclamations++;
    if (CONTRASTS.has(word)) {
      sum *= 0.5;
      weight = 1.5;
      continue;
    }
    const pair = i + 1 < words.length ? `${word} ${words[i + 1]}` : '';
    const triple = i + 2 < words.length ? `${pair} ${words[i + 2]}` : '';
    let value: number | undefined;
    let width = 1;
    if (triple && PHRASES[triple] !== undefined) [value, width] = [PHRASES[triple], 3];
    else if (pair && PHRASES[pair] !== undefined) [value, width] = [PHRASES[pair], 2];
    else value = valence(word);
    if (value === undefined || value === 0) continue;
    // Praise next to an eye-roll is irony: it counts against.
    if (ironic && value > 0 && !EMOJI[word]) value = -value * 0.5;
    let factor = weight;
    // Look back up to three words, stopping at a sentence break.
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      const before = words[j];
      if (/^[.!?;]$/.test(before)) break;
      if (NEGATORS.has(before) && (!AFTER_NE_ONLY.has(before) || words.slice(Math.max(0, j - 3), j).includes('ne'))) {
        // A negated word flips and weakens: "not great" is not as bad as "awful".
        factor *= -0.6;
        break;
      }
      if (INTENSIFIERS[before] !== undefined && j === i - 1) factor *= INTENSIFIERS[before];
    }
    // "pas bon du tout", "not good at all": the negation is stronger.
    const tail = words.slice(i + width, i + width + 3).join(' ');
    if (factor < 0 && /^(pas )?(du tout|at all)\b/.test(tail)) factor *= 1.5;
    sum += value * factor;
    i += width - 1;
  }
  // A question with one mild positive word asks something ("does it work with Android?"); a complaint
  // asked as a question ("why is it broken again?") keeps its weight.
  if (/\?\s*$/.test(text) && sum > 0 && sum <= 1.5) sum = 0;
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 3) * 0.3;
  // VADER's normalisation: bounded in (−1, 1), a few words already count.
  const score = Math.round((sum / Math.sqrt(sum * sum + 15)) * 1000) / 1000;
  const label: SentimentLabel = score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral';
  return { label, score };
}
