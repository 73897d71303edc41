/**
 * Six projects, run by scripts/test.js in this order: unit (pure logic),
 * conformance (reference projects' test cases against ours), api
 * (a real Strapi booted from the playground, over HTTP), reliability (several
 * Strapi processes on one database, killed and restarted), install (the packed
 * tarball in a fresh app) and e2e (the built admin in Chromium).
 */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
      module: { type: 'commonjs' },
    },
  ],
};

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/jest-setup.js'],
  ...extra,
});

// Suites that boot Strapi in the test process: it is loaded outside jest's sandbox (tests/helpers/strapi.ts).
const strapiEnvironment = '<rootDir>/tests/helpers/strapi-environment.js';

// The database templates a run's boots copy (tests/helpers/strapi.ts) are dropped when it ends.
const globalTeardown = '<rootDir>/tests/helpers/drop-templates.ts';

module.exports = {
  // scripts/test.js runs each database's API files in shards (--shard=i/n), balanced by weight.
  testSequencer: '<rootDir>/tests/helpers/shard-sequencer.js',
  // CPU seconds per file, for npm test's summary (scripts/test.js sets CM_TEST_CPU_FILE).
  reporters: ['default', '<rootDir>/tests/helpers/cpu-reporter.js'],
  projects: [
    project('unit'),
    // Other projects' own published test cases (vendored with their licences), run against ours.
    project('conformance'),
    project('api', { globalSetup: '<rootDir>/tests/helpers/ensure-built.js', globalTeardown, testEnvironment: strapiEnvironment }),
    project('install', { globalSetup: '<rootDir>/tests/helpers/ensure-built.js' }),
    project('e2e', { globalSetup: '<rootDir>/tests/helpers/ensure-admin-built.js', globalTeardown, testEnvironment: strapiEnvironment }),
    // Several Strapi processes on one database, killed and restarted: minutes, not seconds.
    project('reliability', { globalSetup: '<rootDir>/tests/helpers/ensure-built.js', globalTeardown, testEnvironment: strapiEnvironment }),
  ],
};
