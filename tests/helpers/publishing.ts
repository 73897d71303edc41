import { bearer, type TestApp } from './strapi';

/** The publications service of a Strapi booted in this process (tests drive its clock and ticks). */
export const publications = (app: TestApp) =>
  app.strapi.plugin('community-manager').service('publications') as {
    tick(): Promise<{ paused: boolean; claimed: number; missed: number; reaped: number; reconciled: number; released: number }>;
    useClock(fn: (() => number) | null): void;
    syncPlan(documentId: string): Promise<unknown>;
  };

export async function createAccount(app: TestApp, body: object): Promise<{ documentId: string; status: string }> {
  const res = await app.http.post('/community-manager/accounts').set(bearer(app.token)).send(body);
  if (res.status !== 200) throw new Error(`account: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

const nextYear = new Date().getUTCFullYear() + 1;

/** A post plan taken through the workflow to `scheduled` by the super admin, as a person would. */
export async function schedulePlan(
  app: TestApp,
  accountIds: string[],
  extra: { body?: string; firstComment?: string; local?: string; timezone?: string; variants?: object; title?: string; more?: object } = {}
): Promise<{ documentId: string; scheduledAt: string }> {
  const created = await app.http
    .post('/community-manager/post-plans')
    .set(bearer(app.token))
    .send({
      title: extra.title ?? 'Publishing test',
      body: extra.body ?? 'Hello from the scheduler',
      accountIds,
      ...(extra.firstComment ? { firstComment: extra.firstComment } : {}),
      ...(extra.variants ? { variants: extra.variants } : {}),
      ...extra.more,
      schedule: { local: extra.local ?? `${nextYear}-06-10T09:00`, timezone: extra.timezone ?? 'Europe/Paris' },
    });
  if (created.status !== 200) throw new Error(`plan: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.data.documentId as string;
  for (const step of ['submit', 'approve', 'schedule']) {
    const res = await app.http.post(`/community-manager/post-plans/${id}/${step}`).set(bearer(app.token)).send({});
    if (res.status !== 200) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { documentId: id, scheduledAt: created.body.data.scheduledAt };
}

/** A file sent through Strapi's upload plugin as the media library sends it; the stored file. */
export async function uploadFile(
  app: TestApp,
  bytes: Buffer,
  filename: string,
  contentType: string
): Promise<{ id: number; url: string; mime: string }> {
  const res = await app.http.post('/upload').set(bearer(app.token)).attach('files', bytes, { filename, contentType });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body[0];
}

export async function publicationsOf(app: TestApp, planDocumentId: string) {
  const res = await app.http.get(`/community-manager/publications?planDocumentId=${planDocumentId}`).set(bearer(app.token));
  if (res.status !== 200) throw new Error(`publications: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as Array<{
    documentId: string;
    state: string;
    dueAt: string;
    attempts: number;
    externalUrl: string | null;
    externalId: string | null;
    error: { code: string; message: string } | null;
    history: Array<{ event: string }>;
    account: { name: string };
  }>;
}

export async function planStatus(app: TestApp, documentId: string): Promise<string> {
  return (await app.http.get(`/community-manager/post-plans/${documentId}`).set(bearer(app.token))).body.data.status;
}

/** One scheduler pass on the given clock, then back to real time. */
export async function tickWithClock(app: TestApp, clock: () => number) {
  const service = publications(app);
  service.useClock(clock);
  try {
    return await service.tick();
  } finally {
    service.useClock(null);
  }
}

/** Ticks with the clock standing at `at` (ms). */
export const tickAt = (app: TestApp, at: number) => tickWithClock(app, () => at);

/**
 * Ticks on the real clock until the plan's first publication leaves the
 * queue (scheduled, claimed, publishing), or throws after `deadlineMs`. For a
 * post due now: the action that queued it also wakes the app's own
 * scheduler, whose pass may hold the row while a test's pass finds nothing,
 * so one test pass alone cannot promise the outcome. Returns the settled row.
 */
export async function tickUntilSettled(app: TestApp, planDocumentId: string, deadlineMs = 15_000) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    await tickAt(app, Date.now() + 1);
    const [row] = await publicationsOf(app, planDocumentId);
    if (!['scheduled', 'claimed', 'publishing'].includes(row.state)) return row;
    if (Date.now() > until) throw new Error(`publication of ${planDocumentId} still ${row.state} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The plan's pass when due, timed, then two later passes (a minute and an hour
 * on), as a failed or published post must leave them with nothing to do. The
 * plan's first publication after them, and how long the due pass took (ms).
 */
export async function tickDueThenLater(app: TestApp, plan: { documentId: string; scheduledAt: string }) {
  const due = Date.parse(plan.scheduledAt);
  const started = Date.now();
  await tickAt(app, due + 1);
  const elapsed = Date.now() - started;
  await tickAt(app, due + 60_000);
  await tickAt(app, due + 3_600_000);
  const [row] = await publicationsOf(app, plan.documentId);
  return { row, elapsed };
}

/**
 * The reports' snapshots of a published post, found by the id its network
 * gave it, and of an account: the first taken of each (undefined if none).
 */
export async function snapshotsOf(app: TestApp, externalId: string, accountDocumentId: string) {
  const [publication] = (await app.strapi.db
    .query('plugin::community-manager.publication')
    .findMany({ where: { externalId }, select: ['documentId'] })) as Array<{ documentId: string }>;
  const snapshots = (await app.strapi.db.query('plugin::community-manager.metric-snapshot').findMany({ orderBy: { id: 'asc' } })) as Array<
    Record<string, unknown>
  >;
  return {
    publicationDocumentId: publication.documentId,
    post: snapshots.find((s) => s.kind === 'post' && s.publicationDocumentId === publication.documentId),
    account: snapshots.find((s) => s.kind === 'account' && s.accountDocumentId === accountDocumentId),
  };
}
