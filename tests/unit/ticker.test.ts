import { createTicker } from '../../server/core/jobs/ticker';

describe('the job ticker', () => {
  it('logs a failed tail and resolves, instead of rejecting into `void tick()` and ending the process', async () => {
    const logged: unknown[] = [];
    const failure = new Error('Knex: Timeout acquiring a connection');
    const ticker = createTicker({
      pass: async () => ({ result: 'sent', tail: Promise.reject(failure) }),
      failed: () => 'failed',
      when: { rule: '*/5 * * * * *' },
      log: (err) => logged.push(err),
    });
    await expect(ticker.tick()).resolves.toBe('sent');
    expect(logged).toEqual([failure]);
  });

  it('still waits for a tail that succeeds before resolving', async () => {
    let tailDone = false;
    const ticker = createTicker({
      pass: async () => ({
        result: 1,
        tail: new Promise<void>((resolve) => setTimeout(() => ((tailDone = true), resolve()), 20)),
      }),
      failed: () => 0,
      when: { rule: '*/5 * * * * *' },
      log: () => undefined,
    });
    await expect(ticker.tick()).resolves.toBe(1);
    expect(tailDone).toBe(true);
  });
});
