import dns from 'node:dns';
import net from 'node:net';

/*
 * Network rule of the outbound-fetch test files: traffic only ever goes to
 * loopback. Addresses that are not loopback (10.x, 169.254.169.254, a
 * "public" answer of a scripted resolver...) are only used to prove they are
 * refused BEFORE any connection. As a safety net, every socket connect made
 * while the tests run is checked here: a non-loopback destination is never
 * dialled, it is recorded as a violation and fails the test, unless the test
 * itself expected that dial and cleared the record.
 */
const isLoopback = (address: string) => /^(::ffff:)?127\./i.test(address) || address === '::1';

type LookupCallback = (err: Error | null, address?: string | Array<{ address: string; family: number }>, family?: number) => void;
type Lookup = (hostname: string, options: object, callback: LookupCallback) => void;

export function loopbackOnlyNetwork(): { connects: string[]; violations: string[] } {
  const connects: string[] = [];
  const violations: string[] = [];
  const realConnect = net.Socket.prototype.connect;

  function checkedLookup(inner: Lookup, port: unknown): Lookup {
    return (hostname, options, callback) =>
      inner(hostname, options, (err, address, family) => {
        if (err) return callback(err);
        const list = Array.isArray(address) ? address.map((a) => a.address) : [String(address)];
        const outside = list.filter((a) => !isLoopback(a));
        if (outside.length) {
          violations.push(`${hostname} -> ${outside.join(',')}`);
          return callback(new Error(`test network guard: refused to dial non-loopback ${outside.join(',')}`));
        }
        connects.push(...list.map((a) => `${a}:${port}`));
        callback(null, address, family);
      });
  }

  beforeAll(() => {
    net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
      const first = args[0];
      const options = (Array.isArray(first) ? first[0] : typeof first === 'object' && first !== null ? first : null) as {
        host?: string;
        port?: unknown;
        path?: string;
        lookup?: Lookup;
      } | null;
      if (!options) {
        // connect(port, host?) form: rewrite it into the options form so it gets the same checks.
        const host = typeof args[1] === 'string' ? args[1] : 'localhost';
        return (this.connect as (o: object) => net.Socket)({ port: first, host });
      }
      if (options.path) return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
      const host = options.host ?? 'localhost';
      if (net.isIP(host)) {
        if (!isLoopback(host)) {
          violations.push(host);
          process.nextTick(() => this.destroy(new Error(`test network guard: refused to dial non-loopback ${host}`)));
          return this;
        }
        connects.push(`${host}:${options.port}`);
      } else {
        options.lookup = checkedLookup(options.lookup ?? (dns.lookup as unknown as Lookup), options.port);
      }
      return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof realConnect;
  });
  afterAll(() => {
    net.Socket.prototype.connect = realConnect;
  });
  beforeEach(() => {
    connects.length = 0;
  });
  afterEach(() => {
    expect(violations).toEqual([]);
  });
  return { connects, violations };
}
