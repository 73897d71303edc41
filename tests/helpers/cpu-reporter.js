const fs = require('node:fs');

/**
 * CPU seconds per test file, for `npm test`'s "where the CPU goes" table
 * (scripts/test.js sets CM_TEST_CPU_FILE). On two cores a run lasts about
 * its CPU work divided by two, and the wall clock of a file says little when
 * other stages share the cores; its CPU says what it costs.
 *
 * The stages run jest with --runInBand, so a file's tests run in this
 * process: its CPU is this process's, plus that of the children it started
 * and waited for (Strapi instances, CLI commands, npm), which Linux adds to
 * /proc/self/stat's cutime and cstime when they end. Chromium's and the
 * databases' own processes are not counted.
 */
const TICKS_PER_SECOND = 100;

function childSeconds() {
  try {
    // Fields after the command name (which may hold spaces): cutime and cstime are the 14th and 15th.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    return 0; // not Linux: only this process is counted
  }
}

function cpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6 + childSeconds();
}

class CpuReporter {
  constructor() {
    this.out = process.env.CM_TEST_CPU_FILE;
    this.started = new Map();
    this.rows = [];
  }

  onTestFileStart(test) {
    this.started.set(test.path, cpuSeconds());
  }

  onTestFileResult(test) {
    const start = this.started.get(test.path);
    if (start === undefined) return;
    this.rows.push({ file: test.path, cpu: Math.round((cpuSeconds() - start) * 10) / 10 });
  }

  onRunComplete() {
    if (this.out) fs.writeFileSync(this.out, JSON.stringify(this.rows));
  }
}

module.exports = CpuReporter;
