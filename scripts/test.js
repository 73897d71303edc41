#!/usr/bin/env node
/**
 * `npm test`: every suite, in the order that fails fastest.
 *
 *   lint → type check → build + verify → unit → API (SQLite, then PostgreSQL
 *   and MariaDB when CM_TEST_POSTGRES_URL / CM_TEST_MYSQL_URL are set) →
 *   reliability (same three) → install (packed tarball in a fresh Strapi app) → browser (Chromium)
 *
 * CM_TEST_STAGES=unit,api-sqlite runs a subset. A stage that cannot run says
 * so loudly and why. The last line is the plain "N passed, N failed" count.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-test-results-'));

const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];
// Failures are repeated under the summary: CI logs are often read from the tail.
const failures = [];

function firstLines(text, n) {
  // eslint-disable-next-line no-control-regex
  return String(text).replace(/\u001b\[[0-9;]*m/g, '').split('\n').slice(0, n).join('\n');
}

function collectFailures(stage, json) {
  for (const file of json.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) failures.push({ stage, where: `${rel} › ${a.fullName}`, message: firstLines(a.failureMessages?.[0] ?? '', 25) });
    if (failed.length === 0 && file.status === 'failed') failures.push({ stage, where: rel, message: firstLines(file.message, 25) });
  }
}

function banner(text) {
  const line = '='.repeat(Math.min(100, text.length + 8));
  console.log(`\n${line}\n=== ${text}\n${line}`);
}

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function jestStage(name, project, env = {}) {
  const out = path.join(resultsDir, `${name}.json`);
  const ok = run(bin('jest'), ['--selectProjects', project, '--runInBand', '--json', `--outputFile=${out}`], env);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(out)) {
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    counts = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
    // A suite that crashed before its tests ran counts as a failure, not as nothing.
    counts.failed += json.numRuntimeErrorTestSuites;
    collectFailures(name, json);
  } else if (!ok) {
    counts.failed += 1;
  }
  if (!ok && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  report.push({ stage: name, status: ok ? 'ok' : 'FAILED', ...counts });
}

function checkStage(name, cmd, args, env) {
  const ok = run(cmd, args, env);
  totals[ok ? 'passed' : 'failed'] += 1;
  report.push({ stage: name, status: ok ? 'ok' : 'FAILED', passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

function skipStage(name, why) {
  banner(`SKIPPED: ${name} — ${why}`);
  report.push({ stage: name, status: `SKIPPED (${why})`, passed: 0, failed: 0, skipped: 0 });
}

const wanted = process.env.CM_TEST_STAGES ? new Set(process.env.CM_TEST_STAGES.split(',').map((s) => s.trim())) : null;
const want = (stage) => !wanted || wanted.has(stage);

const stages = [
  ['lint', () => checkStage('lint', bin('eslint'), ['.', '--max-warnings=0'])],
  ['typecheck', () => checkStage('typecheck', 'npm', ['run', '--silent', 'typecheck'])],
  ['build', () => {
    checkStage('build', bin('strapi-plugin'), ['build']);
    checkStage('verify', bin('strapi-plugin'), ['verify']);
  }],
  ['unit', () => jestStage('unit', 'unit')],
  ['api-sqlite', () => jestStage('api-sqlite', 'api', { CM_TEST_DB: 'sqlite' })],
  ['api-postgres', () =>
    process.env.CM_TEST_POSTGRES_URL
      ? jestStage('api-postgres', 'api', { CM_TEST_DB: 'postgres' })
      : skipStage('api-postgres', 'CM_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)')],
  ['api-mysql', () =>
    process.env.CM_TEST_MYSQL_URL
      ? jestStage('api-mysql', 'api', { CM_TEST_DB: 'mysql' })
      : skipStage('api-mysql', 'CM_TEST_MYSQL_URL is not set (e.g. mysql://root@127.0.0.1:3306/test)')],
  // Several Strapi processes on one database per engine (issue 4): a few minutes each.
  ['reliability-sqlite', () => jestStage('reliability-sqlite', 'reliability', { CM_TEST_DB: 'sqlite' })],
  ['reliability-postgres', () =>
    process.env.CM_TEST_POSTGRES_URL
      ? jestStage('reliability-postgres', 'reliability', { CM_TEST_DB: 'postgres' })
      : skipStage('reliability-postgres', 'CM_TEST_POSTGRES_URL is not set')],
  ['reliability-mysql', () =>
    process.env.CM_TEST_MYSQL_URL
      ? jestStage('reliability-mysql', 'reliability', { CM_TEST_DB: 'mysql' })
      : skipStage('reliability-mysql', 'CM_TEST_MYSQL_URL is not set')],
  ['install', () => jestStage('install', 'install')],
  ['e2e', () => jestStage('e2e', 'e2e')],
];

const started = Date.now();
for (const [name, stage] of stages) {
  if (!want(name)) continue;
  banner(`${name}`);
  const t = Date.now();
  stage();
  report[report.length - 1].seconds = Math.round((Date.now() - t) / 1000);
}

banner(`summary (${Math.round((Date.now() - started) / 1000)} s)`);
console.table(report);
for (const f of failures) console.log(`\n✕ [${f.stage}] ${f.where}\n${f.message}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || report.some((r) => r.status === 'FAILED') ? 1 : 0);
