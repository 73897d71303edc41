#!/usr/bin/env node
/**
 * npm test's `typecheck` stage: `npm run typecheck` (tsc on shared/, admin/
 * and tests/), with TypeScript's incremental state kept between runs
 * outside the clone. tsc checks every file whose content differs from what
 * the state recorded (it keeps each file's hash, and paths relative to the
 * state's own folder inside the clone), so a stale state costs a full check,
 * never a missed error; a run after a local run of nearly the same tree
 * checks only what changed. The full check took 150 s (66 CPU-s) in a
 * fresh-clone run, on the cores the admin build and the first stages need.
 * CM_TYPECHECK_CACHE=off turns the kept state off.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const local = path.join(root, 'node_modules', '.cache', 'community-manager-tsc');
const kept =
  process.env.CM_TYPECHECK_CACHE === 'off'
    ? null
    : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'community-manager-ci', 'tsc');
const projects = ['shared', 'admin', 'tests'];

fs.mkdirSync(local, { recursive: true });
if (kept && fs.existsSync(kept)) fs.cpSync(kept, local, { recursive: true });
let failed = false;
for (const project of projects) {
  try {
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        project,
        '--incremental',
        '--tsBuildInfoFile',
        path.join(local, `${project}.tsbuildinfo`),
      ],
      { cwd: root, stdio: 'inherit' }
    );
  } catch {
    failed = true;
  }
}
// Kept whether or not it passed: the state records the errors too, and the next run checks again what changed.
if (kept) {
  try {
    fs.mkdirSync(kept, { recursive: true });
    fs.cpSync(local, kept, { recursive: true });
  } catch (err) {
    console.log(`[typecheck] the incremental state was not kept: ${err.message}`);
  }
}
process.exit(failed ? 1 : 0);
