import { createRunContext, type RunnerDeps } from './jobs/context';
import { createHoldJob } from './jobs/hold';
import { createFirstCommentJob } from './jobs/first-comment';
import { createReconcileJob } from './jobs/reconcile';
import { createPublishJob } from './jobs/publish';
import { createAheadJob } from './jobs/ahead';

export type { Batch, Ready, RunnerDeps } from './jobs/context';
export { RECONCILE_AFTER_MS } from './jobs/reconcile';

/**
 * Publishes the rows this instance claimed and settles them, job by job
 * (server/publishing/jobs/): publish (ready, start, send, settle on the
 * answer), first comment, hold (an account needs re-authorization) and
 * reconcile (an unknown outcome looked up), and ahead (Instagram's and
 * Threads' containers made before the instant). Every write is one named
 * transition of shared/publishing/states.ts, conditional on the row's state
 * (and lease owner): if a reaper or a person moved the row meanwhile, this
 * instance lets go.
 */
export function createRunner(deps: RunnerDeps) {
  const run = createRunContext(deps);
  const hold = createHoldJob(run);
  const firstComment = createFirstCommentJob(run);
  const publish = createPublishJob(run, { hold, firstComment });
  return {
    ...publish,
    reconcile: createReconcileJob(run, { hold }),
    ahead: createAheadJob(run, (rows) => publish.prepare(rows)),
    settle: run.settle,
  };
}

export type Runner = ReturnType<typeof createRunner>;
