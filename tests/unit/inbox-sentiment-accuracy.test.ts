import { evaluate } from '../../bench/inbox/metrics';
import { loadCorpus } from '../../bench/inbox/corpus';
import { measure } from '../../bench/inbox/measure';

/**
 * The sentiment's measured accuracy (docs/moderation.md) as a floor: the
 * labelled corpus of bench/inbox, the plugin's scorer against a plain word
 * count over the same lexicon and the majority class. The floors sit a few
 * points under the figures measured when the lexicon was last changed, so a
 * change that makes it worse fails here; the figures themselves come from
 * `node bench/inbox/sentiment.js`.
 */
describe('inbox sentiment, measured', () => {
  it('computes accuracy, macro-F1 and the confusion matrix', () => {
    const result = evaluate([
      { gold: 'positive', predicted: 'positive' },
      { gold: 'positive', predicted: 'neutral' },
      { gold: 'neutral', predicted: 'neutral' },
      { gold: 'negative', predicted: 'negative' },
      { gold: 'negative', predicted: 'positive' },
      { gold: 'negative', predicted: 'negative' },
    ]);
    expect(result.accuracy).toBeCloseTo(4 / 6);
    expect(result.confusion).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
    // positive P 1/2 R 1/2 F 0.5; neutral P 1/2 R 1 F 2/3; negative P 1 R 2/3 F 0.8.
    expect(result.macroF1).toBeCloseTo((0.5 + 2 / 3 + 0.8) / 3);
    expect(() => evaluate([{ gold: 'happy', predicted: 'positive' }])).toThrow('unknown label');
  });

  it('holds a corpus of a few hundred labelled replies, in both languages and all three classes', () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    for (const language of ['en', 'fr'])
      for (const label of ['positive', 'neutral', 'negative'])
        expect(corpus.filter((c) => c.language === language && c.label === label).length).toBeGreaterThanOrEqual(45);
    expect(new Set(corpus.map((c) => c.text)).size).toBe(corpus.length);
  });

  it('beats both baselines on the held-out half, in each language', () => {
    const [majority, wordCount, plugin] = measure().map((m) => m.slices);
    expect(plugin.test.accuracy).toBeGreaterThanOrEqual(0.88);
    expect(plugin.test.macroF1).toBeGreaterThanOrEqual(0.88);
    expect(plugin.testEn.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(plugin.testFr.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(plugin.all.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(plugin.test.macroF1).toBeGreaterThan(wordCount.test.macroF1 + 0.05);
    expect(wordCount.test.macroF1).toBeGreaterThan(majority.test.macroF1);
  });
});
