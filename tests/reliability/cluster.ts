import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_KEY, TEST_KEY_ID, type TestApp } from '../helpers/strapi';
import { UID } from '../../content-types';
import { quietStrapiEnv } from '../helpers/quiet-strapi-env';

/**
 * Strapi instances in child processes on the database of an in-process
 * "observer" app (whose own scheduler is off): start, SIGKILL, restart.
 */
export interface Instance {
  name: string;
  child: ChildProcess;
  /** the admin API's port, when started with CM_TEST_LISTEN=true */
  port?: number;
  exited: Promise<number | null>;
  /** how many characters the instance has written so far (stdout and stderr) */
  written(): number;
  /** what it wrote from character `from` on, within the last 8,000 kept (Strapi logs a 500's error there) */
  output(from?: number): string;
}

export function instanceEnv(app: TestApp, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    ...quietStrapiEnv(`${TEST_KEY_ID}:${TEST_KEY}`),
    CM_SCHEDULER_ENABLED: 'true',
    // The scheduler wakes at the next due instant whatever the tick; the tick is only how soon an instance
    // notices another's change (a move, a pause, new rows) or reaps an expired lease. An idle instance used
    // 2.2 CPU-s a minute at 300 ms, 1.0 at 1 s and 0.33 at 5 s; at 2 s, three instances living through a
    // file's six scenarios on three databases at once spend about 40 CPU-s less than at 1 s.
    CM_SCHEDULER_TICK_MS: '2000',
    CM_SCHEDULER_LEASE_MS: '4000',
    CM_PUBLISH_BACKOFF_MS: '300',
    CM_PUBLISH_BACKOFF_MAX_MS: '3000',
    CM_PUBLISH_MAX_ATTEMPTS: '30',
    DATABASE_POOL_MAX: '5',
    // The inbox's reader and metric collection stay off, as quietStrapiEnv leaves them: a file turns on what its
    // scenarios check (publishing.test.ts both, for its whole cluster; kills.test.ts neither).
    ...app.db.env,
    ...extra,
  };
}

export function startInstance(name: string, env: Record<string, string>, timeoutMs = 180_000): Promise<Instance> {
  const child = spawn(process.execPath, [path.join(__dirname, 'instance.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  let written = 0;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    written += text.length;
    output = (output + text).slice(-8000);
  };
  const since = (from = 0) => output.slice(Math.max(0, output.length - (written - from)));
  child.stderr!.on('data', keep);
  child.stdout!.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs} ms: ${output}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      const ready = /READY(?: (\d+))?/.exec(chunk.toString());
      if (ready) {
        clearTimeout(timer);
        resolve({ name, child, port: ready[1] ? Number(ready[1]) : undefined, exited, written: () => written, output: since });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready: ${output}`));
    });
  });
}

export async function kill(instance: Instance, signal: NodeJS.Signals = 'SIGKILL') {
  if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill(signal);
  await instance.exited;
}

/**
 * Runs a setup write again when SQLite answers "database is locked". A
 * scenario seeding plans while its instances already claim and publish
 * (scenario 7) meets SQLITE_BUSY that no busy timeout waits out: a
 * transaction that read before another process wrote cannot take the write
 * lock (WAL's snapshot rule), so SQLite refuses at once. The write was rolled
 * back; doing it again is what a person would do. Only the tests' seeding
 * retries: the scenarios judge the plugin's own writes as they are.
 */
async function retryBusy<T>(write: () => Promise<T>): Promise<T> {
  // Patient: with the cores shared by every stage, three instances writing can overtake the seeding for seconds
  // (ten tries over 2.75 s ran out in CI). Each refusal is immediate, so trying again costs nothing.
  const until = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (Date.now() > until || !/database is locked|SQLITE_BUSY/.test(String((err as Error)?.message ?? err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(25 * attempt, 250)));
    }
  }
}

/**
 * `count` scheduled post plans on one account, due at `dueAt` plus a spread,
 * each synced into its publication exactly as planning does.
 */
export async function seedPlans(
  app: TestApp,
  accountDocumentId: string,
  count: number,
  dueAt: (i: number) => number,
  text: (i: number) => string,
  /** more of the plan's fields (its media, for Instagram) */
  more: object = {}
) {
  const plans: string[] = [];
  const publications = app.strapi.plugin('community-manager').service('publications') as { syncPlan(id: string): Promise<unknown> };
  for (let i = 0; i < count; i++) {
    const plan = (await retryBusy(() =>
      app.strapi.documents(UID.postPlan).create({
        data: {
          title: `Reliability ${i}`,
          body: text(i),
          accounts: [accountDocumentId],
          scheduledAt: new Date(dueAt(i)),
          timezone: 'UTC',
          status: 'scheduled',
          trail: [],
          ...more,
        } as never,
      })
    )) as unknown as { documentId: string };
    await retryBusy(() => publications.syncPlan(plan.documentId));
    plans.push(plan.documentId);
  }
  return plans;
}

/** Publications per state (of one account, or all), counted by the database: polled twice a second while 500 rows go out. */
export async function statesCount(app: TestApp, accountDocumentId?: string): Promise<Record<string, number>> {
  const table = app.strapi.db.metadata.get(UID.publication).tableName;
  const query = app.strapi.db.connection(table).select('state').count({ n: '*' }).groupBy('state');
  if (accountDocumentId) query.where('account_document_id', accountDocumentId);
  const rows = (await query) as Array<{
    state: string;
    n: number | string;
  }>;
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 500): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}
