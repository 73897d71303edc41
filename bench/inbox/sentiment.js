/**
 * The inbox's sentiment measured on the labelled corpus (bench/inbox/measure.ts):
 * accuracy, macro-F1 and confusion matrices, for docs/moderation.md.
 *
 *   node bench/inbox/sentiment.js            # the tables
 *   node bench/inbox/sentiment.js --json     # the figures as JSON
 *   node bench/inbox/sentiment.js --errors   # the scorer's mistakes on the dev half (what tuning may look at)
 */
const { requireTypeScript } = require('../env');

requireTypeScript();
const { measure } = require('./measure.ts');
const { loadCorpus } = require('./corpus.ts');
const { LABELS } = require('./metrics.ts');
const { scoreSentiment } = require('../../shared/inbox/sentiment.ts');

const corpus = loadCorpus();
const results = measure(corpus);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else if (process.argv.includes('--errors')) {
  for (const c of corpus.filter((c) => c.split === 'dev')) {
    const got = scoreSentiment(c.text);
    if (got.label !== c.label)
      console.log(`${c.language} ${c.label.padEnd(8)} got ${got.label.padEnd(8)} ${got.score.toFixed(3)}  ${c.text}`);
  }
} else {
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  const f1 = (x) => x.toFixed(3);
  const n = (k) => results[0].slices[k].n;
  console.log(`corpus: ${corpus.length} replies (en ${n('en')}, fr ${n('fr')}; dev half ${n('dev')}, test half ${n('test')})\n`);
  console.log('| method | accuracy | macro-F1 | accuracy, test half | macro-F1, test half | en, test half | fr, test half |');
  console.log('| --- | --: | --: | --: | --: | --: | --: |');
  for (const { name, slices: r } of results) {
    console.log(
      `| ${name} | ${pct(r.all.accuracy)} | ${f1(r.all.macroF1)} | ${pct(r.test.accuracy)} | ${f1(r.test.macroF1)} | ${pct(r.testEn.accuracy)} | ${pct(r.testFr.accuracy)} |`
    );
  }
  for (const { name, slices: r } of results.slice(1)) {
    console.log(`\nconfusion, ${name}, whole corpus (rows: the label; columns: predicted)\n`);
    console.log(`| | ${LABELS.join(' | ')} |`);
    console.log('| --- | --: | --: | --: |');
    r.all.confusion.forEach((row, i) => console.log(`| **${LABELS[i]}** | ${row.join(' | ')} |`));
  }
}
