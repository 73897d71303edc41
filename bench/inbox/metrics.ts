/**
 * Accuracy, macro-F1 and the confusion matrix of a three-class labelling
 * (positive, neutral, negative): the figures bench/inbox/sentiment.js prints
 * and tests/unit/inbox-sentiment-accuracy.test.ts checks.
 */
export const LABELS = ['positive', 'neutral', 'negative'] as const;
export type Label = (typeof LABELS)[number];

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<Label, { precision: number; recall: number; f1: number }>;
  /** rows: the gold label, columns: the prediction, both in LABELS order */
  confusion: number[][];
}

export function evaluate(pairs: Array<{ gold: string; predicted: string }>): Evaluation {
  const index = new Map<string, number>(LABELS.map((l, i) => [l, i]));
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  for (const { gold, predicted } of pairs) {
    const g = index.get(gold);
    const p = index.get(predicted);
    if (g === undefined || p === undefined) throw new Error(`unknown label: ${gold} / ${predicted}`);
    confusion[g][p]++;
  }
  const correct = LABELS.reduce((n, _, i) => n + confusion[i][i], 0);
  const perClass = {} as Evaluation['perClass'];
  LABELS.forEach((label, i) => {
    const tp = confusion[i][i];
    const goldCount = confusion[i].reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[i], 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = goldCount ? tp / goldCount : 0;
    perClass[label] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  });
  return {
    n: pairs.length,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macroF1: LABELS.reduce((sum, l) => sum + perClass[l].f1, 0) / LABELS.length,
    perClass,
    confusion,
  };
}
