const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * `--shard=i/n` splits the files into n stages that run side by side
 * (scripts/test.js). Jest's own split cuts the sorted list into n equal
 * counts, so one shard can get every slow file; this one deals the files out
 * by weight, heaviest first, each to the lightest shard. A fresh CI clone
 * has no timings of an earlier run, so the weight is read off the file: a
 * fixed cost per file (jest loads Strapi's modules anew for each, ~3 s), one
 * per extra boot, and its size for its tests and scenarios.
 */
const PER_FILE = 12_000;
const PER_EXTRA_BOOT = 4_000;

function weightOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const boots = (text.match(/\b(startApp|createTestDatabase)\(/g) ?? []).length;
  return PER_FILE + PER_EXTRA_BOOT * Math.max(0, boots - 1) + text.length;
}

class BalancedSequencer extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const shards = Array.from({ length: shardCount }, () => ({ weight: 0, tests: [] }));
    const weighed = tests
      .map((test) => ({ test, weight: weightOf(test.path) }))
      .sort((a, b) => b.weight - a.weight || a.test.path.localeCompare(b.test.path));
    for (const { test, weight } of weighed) {
      const lightest = shards.reduce((a, b) => (b.weight < a.weight ? b : a));
      lightest.tests.push(test);
      lightest.weight += weight;
    }
    return shards[shardIndex - 1].tests;
  }
}

module.exports = BalancedSequencer;
