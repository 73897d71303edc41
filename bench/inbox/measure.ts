import { scoreSentiment, lexiconValence } from '../../shared/inbox/sentiment';
import { LABELS, evaluate, type Evaluation } from './metrics';
import { loadCorpus, type LabelledReply } from './corpus';

/**
 * The inbox's sentiment (shared/inbox/sentiment.ts) on the labelled corpus,
 * against two baselines: the majority class of the dev half, and a plain word
 * count over the same lexicon (each positive word +1, each negative word −1:
 * no negation, intensity, emoji, phrase or plural).
 */
export function wordCount(text: string) {
  let sum = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) sum += Math.sign(lexiconValence(word) ?? 0);
  return sum > 0 ? 'positive' : sum < 0 ? 'negative' : 'neutral';
}

export type Slices = Record<'all' | 'dev' | 'test' | 'en' | 'fr' | 'testEn' | 'testFr', Evaluation>;

export function classifiers(corpus: LabelledReply[]): Array<{ name: string; classify: (text: string) => string }> {
  const dev = corpus.filter((c) => c.split === 'dev');
  const count = (label: string) => dev.filter((c) => c.label === label).length;
  // Ties: the first in LABELS order.
  const majority = LABELS.reduce<string>((best, l) => (count(l) > count(best) ? l : best), LABELS[0]);
  return [
    { name: `majority class (${majority})`, classify: () => majority },
    { name: 'word count (same lexicon)', classify: wordCount },
    { name: 'plugin (shared/inbox/sentiment.ts)', classify: (text) => scoreSentiment(text).label },
  ];
}

export function measure(corpus = loadCorpus()): Array<{ name: string; slices: Slices }> {
  return classifiers(corpus).map(({ name, classify }) => {
    const predicted = corpus.map((c) => ({ ...c, predicted: classify(c.text) }));
    const slice = (keep: (c: LabelledReply) => boolean) =>
      evaluate(predicted.filter(keep).map((c) => ({ gold: c.label, predicted: c.predicted })));
    return {
      name,
      slices: {
        all: slice(() => true),
        dev: slice((c) => c.split === 'dev'),
        test: slice((c) => c.split === 'test'),
        en: slice((c) => c.language === 'en'),
        fr: slice((c) => c.language === 'fr'),
        testEn: slice((c) => c.split === 'test' && c.language === 'en'),
        testFr: slice((c) => c.split === 'test' && c.language === 'fr'),
      },
    };
  });
}
