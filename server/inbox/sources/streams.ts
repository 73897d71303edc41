import type { Strapi, Row } from '../../core/strapi';
import { UID } from '../../../content-types';
import { claimRow, releaseRow, newInstanceId } from '../../core/jobs';
import { isUniqueViolation } from '../../core/db/indexes';
import { newDocumentId } from '../../core/db/ids';
import { guardedStream, StreamRefused } from '../../core/http/guarded-stream';
import { createSseParser } from '../../core/http/sse';
import type { AdapterContext, CommentStream, NetworkComment } from '../../networks/types';

/**
 * Near-real-time sources (docs/inbox.md, "Streaming"): a network that
 * streams its notifications (Mastodon's streaming API, as Server-Sent
 * Events) is held open by one instance at a time, and what it pushes is
 * stored at once through the same path as a poll (the unique index makes a
 * second delivery a no-op). The stream never moves the poll's cursor: each
 * time a stream opens (the first time, after a drop, after its lifetime)
 * the source is read by the notifications poll from its stored cursor, so a
 * gap while the stream was down is filled, and the regular poll keeps
 * running as the safety net.
 *
 * One instance per source: the stream's own row in `cm_inbox_cursors`
 * (source `stream:<account>`) is claimed with the job toolkit's lease and
 * renewed while the stream lives; an instance that dies lets the lease run
 * out and another takes the source over at its next pass. The row's
 * `cursor` says `open` while a stream is open, `lastError` why it last
 * closed.
 */

export interface StreamTimings {
  leaseMs: number;
  renewMs: number;
  /** DNS, connect and the answer's head */
  connectMs: number;
  /** no byte (Mastodon sends `:thump` every 15 s) for this long: the stream is dead */
  idleMs: number;
  /** a healthy stream is still closed and opened again (and caught up) after this */
  lifetimeMs: number;
  /** the wait before opening again, doubled per failure */
  backoffMs: number;
  maxBackoffMs: number;
}

export const STREAM_TIMINGS: StreamTimings = {
  leaseMs: 60_000,
  renewMs: 20_000,
  connectMs: 15_000,
  idleMs: 45_000,
  lifetimeMs: 30 * 60_000,
  backoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
};

/** A connection that lasted this long was healthy: the backoff starts over. */
const HEALTHY_MS = 60_000;

export interface StreamDeps {
  strapi: Strapi;
  now(): number;
  /** the accounts that may stream now, with their network's stream */
  sources(): Promise<Array<{ sourceRef: string; network: string; stream: CommentStream }>>;
  /** the account's adapter context; null once it cannot be read (disconnected, removed) */
  context(sourceRef: string): Promise<AdapterContext | null>;
  /** stores what the stream pushed; how many were new */
  ingest(sourceRef: string, network: string, comments: NetworkComment[]): Promise<number>;
  /** reads the source from its stored cursor (the poll), after the stream opened; false when another reading held it */
  catchUp(sourceRef: string): Promise<boolean>;
  /** the network refused the token (401/403): the account needs re-authorization */
  refused(sourceRef: string, status: number, message: string): Promise<void>;
  allowedHosts(): string[];
}

export const streamRef = (sourceRef: string) => `stream:${sourceRef}`;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export function createStreams(deps: StreamDeps, timings: StreamTimings = STREAM_TIMINGS) {
  const { strapi } = deps;
  const rows = () => strapi.db.query(UID.inboxCursor as never);
  const held = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let stopped = false;
  let t = timings;

  async function streamRow(sourceRef: string): Promise<Row> {
    const ref = streamRef(sourceRef);
    const existing = (await rows().findOne({ where: { sourceRef: ref } } as never)) as Row | null;
    if (existing) return existing;
    try {
      const at = new Date(deps.now());
      await rows().create({
        data: { documentId: newDocumentId(), sourceRef: ref, failures: 0, createdAt: at, updatedAt: at, publishedAt: at },
      } as never);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    return (await rows().findOne({ where: { sourceRef: ref } } as never)) as Row;
  }

  /** Writes on the row only while this owner still holds it; false once the lease was lost. */
  async function write(id: number, owner: string, data: Record<string, unknown>): Promise<boolean> {
    const { count } = await rows().updateMany({
      where: { id, leaseOwner: owner },
      data: { ...data, updatedAt: new Date(deps.now()) },
    } as never);
    return count === 1;
  }

  /** One source's stream, opened again after every drop until it is stopped, lost, or refused. */
  async function hold(
    sourceRef: string,
    network: string,
    stream: CommentStream,
    rowId: number,
    owner: string,
    controller: AbortController
  ) {
    const { signal } = controller;
    const renew = setInterval(() => {
      void write(rowId, owner, { leaseUntil: new Date(deps.now() + t.leaseMs) })
        .then(async (kept) => {
          if (!kept || !(await deps.context(sourceRef))) controller.abort();
        })
        .catch(() => controller.abort());
    }, t.renewMs);
    let failures = 0;
    try {
      while (!signal.aborted) {
        const ctx = await deps.context(sourceRef);
        if (!ctx) break;
        let openedAt = 0;
        let lastError: string | null = null;
        // Ends with this connection (or the holder's stop, which ends the connection): the catch-up stops waiting.
        const connection = new AbortController();
        const pending: Array<Promise<unknown>> = [];
        /**
         * The catch-up reads from the stored cursor once it may: while another reading holds the cursor (one that
         * began before this stream opened, or the lease of an instance killed mid-reading), it is tried again at
         * the lease's renewal pace for as long as this connection lives. Skipped, what was said while no stream was
         * open waited for the timed reading (an hour in the kill -9 scenario, 5 minutes by default).
         */
        const catchUp = async () => {
          while (!(await deps.catchUp(sourceRef))) {
            await pause(t.renewMs, connection.signal);
            if (connection.signal.aborted) return;
          }
        };
        try {
          const target = await stream.target(ctx);
          const parser = createSseParser();
          let chain: Promise<unknown> = Promise.resolve();
          await guardedStream(
            target.url,
            { headers: target.headers, connectDeadlineMs: t.connectMs, idleMs: t.idleMs, maxLifetimeMs: t.lifetimeMs, signal },
            { policy: { allowedHosts: deps.allowedHosts() } },
            {
              onOpen: () => {
                openedAt = deps.now();
                pending.push(write(rowId, owner, { cursor: 'open', lastPolledAt: new Date(openedAt), lastError: null }));
                // Opened (again): whatever came while no stream was open is read from the poll's cursor.
                pending.push(catchUp().catch((err) => strapi.log.warn(`community-manager: inbox stream catch-up: ${messageOf(err)}`)));
              },
              onText: (text) => {
                const comments = parser
                  .push(text)
                  .events.map((e) => stream.parse(e))
                  .filter((c): c is NetworkComment => c !== null);
                // In the order they came; one failing store does not stop the next ones (the poll fills any hole).
                if (comments.length)
                  chain = chain
                    .then(() => deps.ingest(sourceRef, network, comments))
                    .catch((err) => strapi.log.warn(`community-manager: inbox stream: ${messageOf(err)}`));
              },
            }
          );
          await chain;
        } catch (err) {
          if (err instanceof StreamRefused && (err.status === 401 || err.status === 403)) {
            connection.abort();
            await deps.refused(sourceRef, err.status, `stream: the instance answered ${err.status}`);
            await Promise.allSettled(pending);
            break;
          }
          lastError = err instanceof StreamRefused ? `stream: the instance answered ${err.status}` : `stream: ${messageOf(err)}`;
        }
        // The next connection's catch-up reads whatever this one's could not.
        connection.abort();
        await Promise.allSettled(pending);
        if (signal.aborted) break;
        const lasted = openedAt ? deps.now() - openedAt : 0;
        failures = lasted >= HEALTHY_MS ? 0 : failures + 1;
        const kept = await write(rowId, owner, { cursor: null, lastError, failures, leaseUntil: new Date(deps.now() + t.leaseMs) });
        if (!kept) break;
        await pause(failures ? Math.min(t.maxBackoffMs, t.backoffMs * 2 ** Math.min(failures - 1, 20)) : 0, signal);
      }
    } finally {
      clearInterval(renew);
      await releaseRow(strapi, UID.inboxCursor, { where: { id: rowId }, owner, data: { cursor: null } }).catch(() => false);
    }
  }

  return {
    /** Test hook: shorter waits. */
    useTimings(next: Partial<StreamTimings> | null) {
      t = { ...STREAM_TIMINGS, ...(next ?? {}) };
    },

    /** Opens the stream of every streaming source no instance holds yet (called on the inbox's timer). */
    async pass(): Promise<string[]> {
      const started: string[] = [];
      if (stopped) return started;
      for (const { sourceRef, network, stream } of await deps.sources()) {
        if (held.has(sourceRef) || stopped) continue;
        const row = await streamRow(sourceRef);
        const owner = newInstanceId();
        if (!(await claimRow(strapi, UID.inboxCursor, { where: { id: row.id }, owner, leaseMs: t.leaseMs, now: deps.now() }))) continue;
        const controller = new AbortController();
        const done = hold(sourceRef, network, stream, row.id as number, owner, controller)
          .catch((err) => void strapi.log.warn(`community-manager: inbox stream: ${messageOf(err)}`))
          .finally(() => held.delete(sourceRef));
        held.set(sourceRef, { controller, done });
        started.push(sourceRef);
      }
      return started;
    },

    /** The sources this instance streams now. */
    held: () => [...held.keys()],

    /** Closes one source's stream here (its lease is given back). */
    async close(sourceRef: string) {
      const h = held.get(sourceRef);
      h?.controller.abort();
      await h?.done;
    },

    async stop() {
      stopped = true;
      const all = [...held.values()];
      for (const h of all) h.controller.abort();
      await Promise.all(all.map((h) => h.done));
    },

    restart() {
      stopped = false;
    },
  };
}

export type Streams = ReturnType<typeof createStreams>;
