const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * `--shard=i/n` splits the files into n stages that run side by side
 * (scripts/test.js). Jest's own split cuts the sorted list into n equal
 * counts, so one shard can get every slow file; this one deals the files out
 * by weight, heaviest first, each to the lightest shard.
 *
 * The weight is the file's wall time on SQLite as measured in a run of the
 * API stages (`shard-weights.json`, milliseconds, the "Slowest test files"
 * table of npm test's summary): guessed from the file's size and boots, the
 * backup test (five CLI commands, each booting Strapi, 117 s) weighed like a
 * short one and its shard ran 470 s against 258 s. A file not in the table
 * yet is guessed: a fixed cost, one per extra boot, and its size.
 */
const MEASURED = require('./shard-weights.json');
const PER_FILE = 12_000;
const PER_EXTRA_BOOT = 4_000;

function weightOf(file) {
  const measured = MEASURED[path.relative(path.resolve(__dirname, '..', '..'), file)];
  if (measured) return measured * 1000;
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
