import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A hostile-but-alive server: it answers at once with headers, then sends one
 * byte every `intervalMs` and never ends the body. An idle timeout that
 * restarts with every byte never fires against it; only a total deadline does.
 * Requests `slow` turns down are answered at once (a connection check, say).
 */
export interface TrickleServer {
  url: string;
  /** requests that got the trickling answer */
  trickled: number;
  /** connections the server still holds open (the client never let go if this stays up) */
  openConnections(): Promise<number>;
  stop(): Promise<void>;
}

export async function startTrickleServer(options: { intervalMs?: number; slow?: (body: string) => boolean } = {}): Promise<TrickleServer> {
  const intervalMs = options.intervalMs ?? 100;
  const timers = new Set<NodeJS.Timeout>();
  const state = { trickled: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (options.slow && !options.slow(Buffer.concat(chunks).toString('utf8'))) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      state.trickled++;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.flushHeaders();
      const timer = setInterval(() => res.write('.'), intervalMs);
      timers.add(timer);
      res.on('close', () => {
        clearInterval(timer);
        timers.delete(timer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.defineProperties(
    {
      url: `http://127.0.0.1:${port}`,
      openConnections: () => new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n)))),
      stop: () => {
        for (const timer of timers) clearInterval(timer);
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    },
    { trickled: { get: () => state.trickled, enumerable: true } }
  ) as TrickleServer;
}
