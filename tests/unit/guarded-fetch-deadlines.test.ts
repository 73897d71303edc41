import type { AddressPolicy } from '../../server/core/http/address-policy';
import { DEFAULT_DEADLINES, FALLBACK_DEADLINE_MS, deadlineFor, guardedFetch, OutboundError } from '../../server/core/http/guarded-fetch';
import { startTrickleServer, type TrickleServer } from '../fakes/trickle-server';
import { loopbackOnlyNetwork } from '../helpers/loopback-only';

/*
 * Every outbound request has a TOTAL deadline (issue 10, item 4): against a
 * server that sends one byte every 100 ms, an idle timeout that restarts with
 * each byte never fires; the deadline fires at its total, and the socket is
 * gone from the server's side once the caller gave up.
 */
loopbackOnlyNetwork();

const LOOPBACK: AddressPolicy = { allowedHosts: ['127.0.0.1'] };
let trickle: TrickleServer;
beforeEach(async () => {
  trickle = await startTrickleServer({ intervalMs: 100 });
});
afterEach(async () => trickle.stop());

async function failureOf(promise: Promise<unknown>): Promise<OutboundError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(OutboundError);
    return err as OutboundError;
  }
  throw new Error('expected the fetch to fail');
}

async function eventually(read: () => Promise<number>, expected: number, withinMs: number): Promise<number> {
  const until = Date.now() + withinMs;
  let value = await read();
  while (value !== expected && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

describe('a server that trickles one byte every 100 ms', () => {
  it('is cut at the purpose’s total deadline, not an idle timeout reset by each byte', async () => {
    const started = Date.now();
    // The idle timeout (2 s) is twenty times the gap between bytes: it never fires.
    const error = await failureOf(
      guardedFetch(trickle.url, { purpose: 'linkPreview', timeoutMs: 2_000 }, { policy: LOOPBACK, deadlines: { linkPreview: 1_000 } })
    );
    const elapsed = Date.now() - started;
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('1000 ms');
    // The request went out: for a publish this is an unknown outcome, not a retry.
    expect(error.requestSent).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1_900);
  });

  it('a request of no purpose and no deadline still has one (the fallback), and a purpose has its default', () => {
    expect(deadlineFor({})).toBe(FALLBACK_DEADLINE_MS);
    expect(deadlineFor({ purpose: 'webhook' })).toBe(DEFAULT_DEADLINES.webhook);
    expect(deadlineFor({ purpose: 'webhook' }, { webhook: 1234 })).toBe(1234);
    expect(deadlineFor({ purpose: 'webhook', deadlineMs: 99 }, { webhook: 1234 })).toBe(99);
  });

  it('30 link previews given up at their deadline leave no socket open on the server', async () => {
    const fetches = Array.from({ length: 30 }, () =>
      failureOf(
        guardedFetch(
          `${trickle.url}/page`,
          { purpose: 'linkPreview', timeoutMs: 5_000 },
          { policy: LOOPBACK, deadlines: { linkPreview: 500 } }
        )
      )
    );
    // All 30 are trickling at once before the deadline.
    expect(await eventually(() => trickle.openConnections(), 30, 400)).toBe(30);
    const errors = await Promise.all(fetches);
    expect(errors.every((e) => e.code === 'timeout')).toBe(true);
    expect(await eventually(() => trickle.openConnections(), 0, 500)).toBe(0);
  });

  it('30 link previews whose caller gave up (its client left) close their sockets at once, long before the deadline', async () => {
    const callers = Array.from({ length: 30 }, () => new AbortController());
    const fetches = callers.map((caller) =>
      failureOf(
        guardedFetch(
          `${trickle.url}/page`,
          { purpose: 'linkPreview', signal: caller.signal },
          { policy: LOOPBACK, deadlines: { linkPreview: 60_000 } }
        )
      )
    );
    expect(await eventually(() => trickle.openConnections(), 30, 1_000)).toBe(30);
    const abandoned = Date.now();
    for (const caller of callers) caller.abort();
    const errors = await Promise.all(fetches);
    expect(errors.every((e) => e.code === 'timeout' && /abandoned/.test(e.message))).toBe(true);
    expect(await eventually(() => trickle.openConnections(), 0, 500)).toBe(0);
    expect(Date.now() - abandoned).toBeLessThan(1_000);
  });

  it('a DNS answer that never comes is cut by the same deadline', async () => {
    const started = Date.now();
    const error = await failureOf(
      guardedFetch(
        'http://never-answers.example/',
        { purpose: 'accountCheck' },
        {
          policy: LOOPBACK,
          deadlines: { accountCheck: 300 },
          resolver: () => new Promise(() => undefined),
        }
      )
    );
    expect(error.code).toBe('timeout');
    expect(error.requestSent).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
