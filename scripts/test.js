#!/usr/bin/env node
/**
 * `npm test`: every suite.
 *
 *   lint, type check, build + verify, unit, conformance → API (SQLite, PostgreSQL and
 *   MariaDB when CM_TEST_POSTGRES_URL / CM_TEST_MYSQL_URL are set) →
 *   reliability (same three) → install (packed tarball in a fresh Strapi app) →
 *   browser (Chromium)
 *
 * Stages run side by side while their expected CPU fits the machine (each
 * stage says how many cores it keeps busy, `cores`; they start while the sum
 * stays under CM_TEST_CORES, by default 2.5 × the machine's cores). Most of
 * a database stage's time is spent waiting on boots, databases and clocks,
 * so several fit one core; more than the cores can serve only stretches
 * every stage, and what a stage does per second of waiting (polls, ticks)
 * then costs CPU too. Each stage has its own databases (unique names) and
 * ports (port 0 or a free one), so they cannot see each other. A stage's
 * output goes to a file and is printed whole when the stage ends, so
 * concurrent stages stay readable.
 *
 * CM_TEST_STAGES=unit,api-sqlite runs a subset. A stage that cannot run says
 * so loudly and why. The end shows per-stage and per-file timings (the
 * slowest 15 files); the last line is the plain "N passed, N failed, N
 * skipped" count.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-test-results-'));
const capacity = Number(process.env.CM_TEST_CORES) || 2.5 * os.cpus().length;
/*
 * Admission by the machine's idle CPU as well. The `cores` figures were
 * measured on a shared machine, and admitting by them alone kept the load
 * near 30 on two cores: every stage stretched, the waiting stages' polls and
 * ticks ran for longer (2,555 CPU-s in one run, 1,718 when the same suites
 * ran at a normal load), leases ran out mid-send and a browser wait of 30 s
 * timed out. Admitting by the load average instead left the cores 65 % idle
 * for minutes (it counts the browser's and the databases' waits on I/O). So
 * a stage starts only while at least CM_TEST_IDLE_PCT % (default 15) of the
 * cores were idle over the last IDLE_WINDOW_MS, at most one every
 * START_GAP_MS so that the measure has seen the previous start.
 */
const minIdle = (Number(process.env.CM_TEST_IDLE_PCT) || 15) / 100;
const START_GAP_MS = 8000;
const IDLE_WINDOW_MS = 10_000;
let lastStart = 0;
/** CPU time samples (idle and total, ms, all cores) taken every loop turn, the last IDLE_WINDOW_MS kept. */
const samples = [];
/** The cores' idle and total time (ms) since boot. */
function cpuTimes() {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    idle += cpu.times.idle;
    total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.idle + cpu.times.irq;
  }
  return { idle, total };
}
const cpuAtStart = cpuTimes();
function sampleCpu() {
  const now = Date.now();
  samples.push({ at: now, ...cpuTimes() });
  while (samples.length > 1 && now - samples[1].at >= IDLE_WINDOW_MS) samples.shift();
}
/** The share of the cores idle over the window (1 before two samples exist). */
function idleShare() {
  if (samples.length < 2) return 1;
  const first = samples[0];
  const last = samples[samples.length - 1];
  return last.total > first.total ? (last.idle - first.idle) / (last.total - first.total) : 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];
// Failures are repeated under the summary: CI logs are often read from the tail.
const failures = [];
const fileTimes = [];

function firstLines(text, n) {
  return (
    String(text)
      // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes jest writes
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .slice(0, n)
      .join('\n')
  );
}

function collectFailures(stage, json) {
  for (const file of json.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed)
      failures.push({
        stage,
        where: `${rel} › ${a.fullName}`,
        message: firstLines(a.failureMessages?.[0] ?? '', 25),
      });
    if (failed.length === 0 && file.status === 'failed')
      failures.push({
        stage,
        where: rel,
        message: firstLines(file.message, 25),
      });
  }
}

function collectFileTimes(stage, json, cpuFile) {
  // tests/helpers/cpu-reporter.js: CPU seconds per file, children included.
  const cpu = new Map(fs.existsSync(cpuFile) ? JSON.parse(fs.readFileSync(cpuFile, 'utf8')).map((r) => [r.file, r.cpu]) : []);
  for (const file of json.testResults ?? []) {
    if (!file.startTime || !file.endTime) continue;
    fileTimes.push({
      stage,
      file: path.relative(root, file.name),
      seconds: (file.endTime - file.startTime) / 1000,
      cpu: cpu.get(file.name) ?? null,
      tests: (file.assertionResults ?? []).length,
    });
  }
}

function banner(text) {
  const line = '='.repeat(Math.min(100, text.length + 8));
  console.log(`\n${line}\n=== ${text}\n${line}`);
}

const elapsed = (since) => Math.round((Date.now() - since) / 1000);
const children = new Set();

/**
 * Runs one command with its output in `log`; resolves true when it exits 0.
 * `doneWhen`: a file the command writes when its work is over (jest's
 * results); if the command is still running `EXIT_GRACE_MS` after it
 * appears, something it left open (a server, a timer) keeps it alive: it is
 * stopped and counted as failed, rather than holding up the whole run.
 */
const EXIT_GRACE_MS = 60_000;
/*
 * CPU seconds per stage (user + system of every process it started and
 * waited for): on a 2-core machine the run's length is its CPU work divided
 * by two, so this column, not the wall clock of stages that ran side by side,
 * says where time can be won. Bash's `times` reads it after the command ends.
 */
const cpuSeconds = new Map();
function run(cmd, args, env, log, doneWhen, stageName) {
  return new Promise((resolve) => {
    const fd = fs.openSync(log, 'a');
    const timesFile = path.join(resultsDir, `${stageName ?? path.basename(cmd)}-${Date.now()}.times`);
    const script = '"$@"; rc=$?; times > "$0"; exit $rc';
    // Its own process group, so the whole stage (jest, Strapi, npm) can be stopped.
    const child = spawn('bash', ['-c', script, timesFile, cmd, ...args], {
      cwd: root,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, ...env },
      detached: true,
    });
    fs.closeSync(fd);
    children.add(child);
    let hung = false;
    let doneAt = 0;
    const watch = doneWhen
      ? setInterval(() => {
          if (!doneAt && fs.existsSync(doneWhen)) doneAt = Date.now();
          if (doneAt && Date.now() - doneAt > EXIT_GRACE_MS) {
            hung = true;
            fs.appendFileSync(
              log,
              `\n[test.js] ${cmd} did not exit ${EXIT_GRACE_MS / 1000} s after writing its results (an open handle?): stopped, counted as a failure\n`
            );
            stopGroup(child);
          }
        }, 1000)
      : null;
    child.on('error', (err) => {
      fs.appendFileSync(log, `\n[test.js] could not start ${cmd}: ${err.message}\n`);
    });
    child.on('close', (code, signal) => {
      if (watch) clearInterval(watch);
      if (stageName && fs.existsSync(timesFile)) {
        // Second line: the children's "XmY.YYYs XmY.YYYs" (user, system).
        const line = fs.readFileSync(timesFile, 'utf8').split('\n')[1] ?? '';
        const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
        cpuSeconds.set(stageName, (cpuSeconds.get(stageName) ?? 0) + secs);
      }
      if (code !== 0)
        fs.appendFileSync(log, `\n[test.js] ${path.basename(cmd)} ended with ${signal ? `signal ${signal}` : `exit code ${code}`}\n`);
      children.delete(child);
      resolve(code === 0 && !hung);
    });
  });
}

function stopGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function record(name, ok, counts, started) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  report.push({
    stage: name,
    status: ok ? 'ok' : 'FAILED',
    ...counts,
    seconds: elapsed(started),
    cpu: Math.round(cpuSeconds.get(name) ?? 0),
    started: `+${Math.round((started - runStarted) / 1000)} s`,
  });
}

function jestStage(project, env = {}, args = []) {
  return async (name, log) => {
    const started = Date.now();
    const out = path.join(resultsDir, `${name}.json`);
    const cpuFile = path.join(resultsDir, `${name}.cpu.json`);
    const ok = await run(
      bin('jest'),
      ['--selectProjects', project, '--runInBand', '--json', `--outputFile=${out}`, ...args],
      { ...env, CM_TEST_CPU_FILE: cpuFile },
      log,
      out,
      name
    );
    let counts = { passed: 0, failed: 0, skipped: 0 };
    if (fs.existsSync(out)) {
      const json = JSON.parse(fs.readFileSync(out, 'utf8'));
      counts = {
        passed: json.numPassedTests,
        failed: json.numFailedTests,
        skipped: json.numPendingTests + json.numTodoTests,
      };
      // A suite that crashed before its tests ran counts as a failure, not as nothing.
      counts.failed += json.numRuntimeErrorTestSuites;
      collectFailures(name, json);
      collectFileTimes(name, json, cpuFile);
    } else if (!ok) {
      counts.failed += 1;
    }
    if (!ok && counts.failed === 0) {
      counts.failed = 1;
      failures.push({
        stage: name,
        where: 'jest',
        message: 'failed with every test passing (a crash, or it did not exit): see the end of its output above',
      });
    }
    record(name, ok, counts, started);
  };
}

/** A command that passes or fails as a whole: one test in the count. */
function checks(...commands) {
  return async (_name, log) => {
    for (const [name, cmd, args] of commands) {
      const started = Date.now();
      const ok = await run(cmd, args, {}, log, undefined, name);
      record(name, ok, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, started);
    }
  };
}

function skipped(why) {
  return async (name) => {
    report.push({
      stage: name,
      status: `SKIPPED (${why})`,
      passed: 0,
      failed: 0,
      skipped: 0,
      seconds: 0,
      cpu: 0,
      started: '',
    });
    return why;
  };
}

/** eslint's own cache of the files it found clean, by content. */
const eslintCache = ['--cache', '--cache-strategy', 'content', '--cache-location', 'node_modules/.cache/eslint/cache.json'];

const pg = process.env.CM_TEST_POSTGRES_URL;
const my = process.env.CM_TEST_MYSQL_URL;
const noPg = 'CM_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)';
const noMy = 'CM_TEST_MYSQL_URL is not set (e.g. mysql://root@127.0.0.1:3306/test)';

/*
 * Each database's API files, split in API_SHARDS stages (`api-mysql-1`, …;
 * tests/helpers/shard-sequencer.js deals the files out by weight). One
 * stage per database left the longest one (MariaDB) running alone for
 * minutes at the end of the run; halves fill the slots evenly. Each shard is
 * its own jest process with its own database template.
 */
const API_SHARDS = 2;
function apiShards(engine, skipWhy) {
  return Array.from({ length: API_SHARDS }, (_, i) => ({
    name: `api-${engine}-${i + 1}`,
    group: `api-${engine}`,
    needs: ['build'],
    // Measured CPU over wall: 0.16-0.18 for MariaDB's and PostgreSQL's shards on a saturated machine, 0.46-0.49 for
    // SQLite's alone at the end. At 0.7 the SQLite shards found no room until +927 s and ran alone for the last 80 s.
    cores: 0.5,
    run: skipWhy ? skipped(skipWhy) : jestStage('api', { CM_TEST_DB: engine }, [`--shard=${i + 1}/${API_SHARDS}`]),
  }));
}

/** Each database's reliability files in two stages (`reliability-mysql-1`, …), dealt out like the API files. */
function reliabilityShards(engine, skipWhy) {
  return Array.from({ length: 2 }, (_, i) => ({
    name: `reliability-${engine}-${i + 1}`,
    group: `reliability-${engine}`,
    needs: ['build'],
    cores: 0.2,
    /*
     * The publishing cluster's half waits on real clocks for minutes at a third of a core: held back by the
     * idle measure while the browser shards ran, the three started at +398 s in one run and ended the run.
     */
    urgent: i === 0,
    run: skipWhy ? skipped(skipWhy) : jestStage('reliability', { CM_TEST_DB: engine }, [`--shard=${i + 1}/2`]),
  }));
}

/*
 * In start order; a stage starts once its expected cores fit, the machine's
 * load allows (above), and the stages it needs have ended (pass or fail, as
 * when they ran one after another). Everything that loads dist/ needs the
 * build: two builds at once would collide.
 */
const reliability = [
  reliabilityShards('postgres', pg ? null : 'CM_TEST_POSTGRES_URL is not set'),
  reliabilityShards('mysql', my ? null : 'CM_TEST_MYSQL_URL is not set'),
  reliabilityShards('sqlite', null),
];
const stages = [
  { name: 'build', cores: 1, run: checks(['build', bin('strapi-plugin'), ['build']], ['verify', bin('strapi-plugin'), ['verify']]) },
  /*
   * The playground's admin panel, built once for both browser shards (CPU
   * for a minute or two), as soon as the plugin is: the build and the
   * browser shards after it are the run's longest chain.
   */
  // `urgent`, as the browser shards after it: behind the idle measure it waited for the type check and started at +143 s.
  {
    name: 'admin',
    needs: ['build'],
    urgent: true,
    cores: 1,
    run: checks(['admin', process.execPath, ['tests/helpers/ensure-admin-built.js']]),
  },
  /*
   * Longest first, now that the machine's load admits the stages: the
   * reliability files of the publishing cluster (several Strapi processes on
   * one database per engine, issue 4: minutes of real clocks, leases and due
   * times, a third of a core each), then the browser shards as soon as the
   * admin is built (`urgent`: they do not wait for the load to fall, since
   * behind the API shards they were the run's tail: +1,145 s to the end), then
   * the install and the kill -9 halves, the API shards. The quick checks
   * (two minutes or less each at a normal load) fill the end.
   */
  ...reliability.map(([publishing]) => publishing),
  ...Array.from({ length: 2 }, (_, i) => ({
    name: `e2e-${i + 1}`,
    group: 'e2e',
    needs: ['admin'],
    urgent: true,
    // Chromium waits on the app and the app on the browser: about half a core each measured.
    cores: 0.7,
    run: jestStage('e2e', {}, [`--shard=${i + 1}/2`]),
  })),
  /*
   * Then the long stages that mostly wait (npm installing a fresh app from the warm cache; kill -9 and
   * restarts), before the API shards: listed after them, they started last in a fresh-clone run (+1,305 to
   * +1,480 s) and ran nearly alone for the last 185 s, where the short CPU-bound checks below fill the end.
   */
  { name: 'install', needs: ['build'], cores: 0.5, run: jestStage('install') },
  ...reliability.map(([, kills]) => kills),
  ...apiShards('mysql', my ? null : noMy),
  ...apiShards('postgres', pg ? null : noPg),
  ...apiShards('sqlite', null),
  { name: 'typecheck', cores: 1, run: checks(['typecheck', 'npm', ['run', '--silent', 'typecheck']]) },
  {
    name: 'lint',
    cores: 1,
    /*
     * eslint keeps the files it found clean in node_modules/.cache/eslint, by content (the type check keeps its
     * tsbuildinfo there too, package.json): a file unchanged since the last run is not linted again. .ci/run carries
     * both from one run to the next (docs/testing.md). Prettier's cache is not used: it keys each file by its
     * absolute path, so a new clone never finds it.
     */
    run: checks(['lint', bin('eslint'), ['.', '--max-warnings=0', ...eslintCache]], ['format', bin('prettier'), ['--check', '.']]),
  },
  { name: 'unit', cores: 1, run: jestStage('unit') },
  { name: 'conformance', cores: 1, run: jestStage('conformance') },
];

const wanted = process.env.CM_TEST_STAGES ? new Set(process.env.CM_TEST_STAGES.split(',').map((s) => s.trim())) : null;
// A group's name (`api-sqlite`) selects all its shards.
const queue = stages.filter((s) => !wanted || wanted.has(s.name) || (s.group && wanted.has(s.group)));
// The browser shards share one admin build: asked for without it, each would build the admin at once, into one folder.
if (queue.some((s) => s.needs?.includes('admin')) && !queue.some((s) => s.name === 'admin'))
  queue.unshift(stages.find((s) => s.name === 'admin'));
const names = new Set(queue.map((s) => s.name));
const ended = new Set();
const running = new Map();
const runStarted = Date.now();

function printStage(stage, log, status) {
  banner(`${stage.name}: ${status}`);
  process.stdout.write(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');
}

function startReady() {
  for (const stage of [...queue]) {
    // One start at a time, and only while the cores have room (see minIdle), unless the stage is `urgent`;
    // alone, a stage always starts.
    if (running.size > 0 && Date.now() - lastStart < START_GAP_MS) return;
    if (running.size > 0 && !stage.urgent && idleShare() < minIdle) continue;
    const busy = [...running.keys()].reduce((sum, name) => sum + (stages.find((s) => s.name === name)?.cores ?? 1), 0);
    // Nothing running: start it whatever its size (CM_TEST_CORES below one stage's cores still runs them all, one by one).
    if (running.size > 0 && busy + (stage.cores ?? 1) > capacity + 1e-9) continue;
    // A dependency outside CM_TEST_STAGES is not waited for: the subset asked for runs as it is.
    if ((stage.needs ?? []).some((n) => names.has(n) && !ended.has(n))) continue;
    queue.splice(queue.indexOf(stage), 1);
    lastStart = Date.now();
    const log = path.join(resultsDir, `${stage.name}.log`);
    const started = Date.now();
    const before = report.length;
    console.log(`[test.js] +${elapsed(runStarted)} s start ${stage.name}`);
    const done = stage
      .run(stage.name, log)
      .catch((err) => {
        // The runner itself broke (e.g. unreadable results): a failure, never a silent pass.
        fs.appendFileSync(log, `\n[test.js] ${err.stack ?? err}\n`);
        record(stage.name, false, { passed: 0, failed: 1, skipped: 0 }, started);
      })
      .then((skipWhy) => {
        running.delete(stage.name);
        ended.add(stage.name);
        // Other stages may have ended meanwhile: only this stage's own rows (the build stage has two).
        const rows = report
          .slice(before)
          .filter(
            (r) =>
              r.stage === stage.name || (stage.name === 'build' && r.stage === 'verify') || (stage.name === 'lint' && r.stage === 'format')
          );
        const status = skipWhy
          ? `SKIPPED — ${skipWhy}`
          : rows.some((r) => r.status === 'FAILED')
            ? `FAILED in ${elapsed(started)} s`
            : `ok in ${elapsed(started)} s`;
        printStage(stage, log, status);
        console.log(`[test.js] +${elapsed(runStarted)} s end ${stage.name}: ${status}`);
      });
    running.set(stage.name, done);
  }
}

async function main() {
  console.log(
    `[test.js] ${queue.length} stages, up to ${capacity} cores' worth at a time (CM_TEST_CORES) while ${minIdle * 100} % of the cores are idle (CM_TEST_IDLE_PCT); output of each is printed when it ends`
  );
  // A stage can run for minutes in silence: say what is still running, so a log tail shows progress.
  const heartbeat = setInterval(
    () => console.log(`[test.js] +${elapsed(runStarted)} s running: ${[...running.keys()].join(', ')}`),
    60_000
  );
  sampleCpu();
  startReady();
  while (running.size > 0 || queue.length > 0) {
    // A stage's end, or a moment later: the load may have fallen under the bar meanwhile.
    await Promise.race([...running.values(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    sampleCpu();
    startReady();
  }
  clearInterval(heartbeat);

  banner(`summary (${elapsed(runStarted)} s)`);
  // How much of the machine the run left unused: with the cores busy throughout, only less CPU work shortens it.
  const cpuAtEnd = cpuTimes();
  const idleCores = (cpuAtEnd.idle - cpuAtStart.idle) / 1000;
  const allCores = (cpuAtEnd.total - cpuAtStart.total) / 1000;
  const order = stages.flatMap((s) => (s.name === 'build' ? ['build', 'verify'] : [s.name]));
  report.sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
  console.table(report);
  const cpu = report.reduce((sum, r) => sum + (r.cpu ?? 0), 0);
  console.log(`CPU: ${cpu} s in all, ${Math.round(cpu / os.cpus().length)} s per core on ${os.cpus().length} cores`);
  console.log(
    `Machine: ${Math.round(allCores - idleCores)} of ${Math.round(allCores)} core-seconds busy (${Math.round(
      (100 * idleCores) / Math.max(1, allCores)
    )} % idle); the stages' own figure above leaves out the databases' processes and Chromium's (not reaped by jest)`
  );
  if (fileTimes.length > 0) {
    const rounded = (f) => ({ ...f, seconds: Math.round(f.seconds * 10) / 10 });
    console.log('Slowest test files (seconds, wall clock; stages ran side by side):');
    console.table(
      [...fileTimes]
        .sort((a, b) => b.seconds - a.seconds)
        .slice(0, 15)
        .map(rounded)
    );
    // What a file costs the run: its CPU, children included (tests/helpers/cpu-reporter.js).
    console.log('Costliest test files (CPU seconds):');
    console.table(
      [...fileTimes]
        .sort((a, b) => (b.cpu ?? 0) - (a.cpu ?? 0))
        .slice(0, 25)
        .map(rounded)
    );
  }
  for (const f of failures) console.log(`\n✕ [${f.stage}] ${f.where}\n${f.message}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 || report.some((r) => r.status === 'FAILED') ? 1 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) stopGroup(child);
    process.exit(130);
  });
}

void main();
