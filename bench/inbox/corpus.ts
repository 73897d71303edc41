import fs from 'node:fs';
import path from 'node:path';

/**
 * The labelled corpus of short social replies (bench/inbox/corpus-en.tsv,
 * corpus-fr.tsv: `label<TAB>text`, one a line), written for this project.
 * Lines alternate between two halves: `dev` (odd lines of each file: 1st,
 * 3rd…), the half the lexicon was tuned on, and `test` (even lines), left
 * alone to report an honest figure.
 */
export interface LabelledReply {
  language: 'en' | 'fr';
  label: string;
  text: string;
  split: 'dev' | 'test';
}

export function loadCorpus(): LabelledReply[] {
  const out: LabelledReply[] = [];
  for (const language of ['en', 'fr'] as const) {
    const lines = fs
      .readFileSync(path.join(__dirname, `corpus-${language}.tsv`), 'utf8')
      .split('\n')
      .filter(Boolean);
    lines.forEach((line, i) => {
      const [label, text] = line.split('\t');
      if (!text) throw new Error(`corpus-${language}.tsv:${i + 1}: expected "label<TAB>text"`);
      out.push({ language, label, text, split: i % 2 === 0 ? 'dev' : 'test' });
    });
  }
  return out;
}
