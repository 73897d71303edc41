import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { isAllowedAddress, isPublicAddress, type AddressPolicy } from '../../server/core/http/address-policy';
import { closePooledConnections, guardedFetch, OutboundError, USER_AGENT, type Resolver } from '../../server/core/http/guarded-fetch';
import { startRecordingServer, type RecordingServer, type Route } from '../fakes/recording-server';
import { loopbackOnlyNetwork } from '../helpers/loopback-only';

/*
 * Network rule of this test file: traffic only ever goes to loopback (see
 * tests/helpers/loopback-only.ts); a non-loopback dial fails the test.
 */
const { connects } = loopbackOnlyNetwork();

const NOTHING_PRIVATE: AddressPolicy = { allowedHosts: [] };
const LOOPBACK_ALLOWED: AddressPolicy = { allowedHosts: ['127.0.0.1'] };

const servers: RecordingServer[] = [];
async function serve(route: Route): Promise<RecordingServer & { port: number }> {
  const server = await startRecordingServer(route);
  servers.push(server);
  return Object.assign(server, { port: Number(new URL(server.url).port) });
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const ok: Route = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
};

/** Awaits a fetch that must fail and hands back its OutboundError. */
async function outboundErrorOf(promise: Promise<unknown>): Promise<OutboundError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(OutboundError);
    return err as OutboundError;
  }
  throw new Error('expected an OutboundError, but the fetch succeeded');
}

describe('which addresses a user-typed URL may reach', () => {
  const refused = [
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback, anywhere in 127/8'],
    ['::1', 'IPv6 loopback'],
    ['::ffff:127.0.0.1', 'loopback wrapped in an IPv4-mapped IPv6 address'],
    ['10.0.0.1', 'private 10/8'],
    ['172.16.5.4', 'private 172.16/12'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.169.254', 'link-local, the cloud metadata service'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['fc00::1', 'IPv6 unique local'],
    ['fe80::1', 'IPv6 link-local'],
    ['224.0.0.1', 'multicast'],
    ['::ffff:10.0.0.1', 'private 10/8 wrapped in IPv6'],
    ['::7f00:1', 'loopback in the deprecated IPv4-compatible IPv6 form'],
    ['::a00:1', 'private 10/8 in the deprecated IPv4-compatible IPv6 form'],
  ];

  it.each(refused)('%s (%s) is not public and not allowed by an empty allow-list', (address) => {
    expect(isPublicAddress(address)).toBe(false);
    expect(isAllowedAddress(address, address, NOTHING_PRIVATE)).toBe(false);
    expect(isAllowedAddress('some-name.example', address, NOTHING_PRIVATE)).toBe(false);
  });

  it.each(['93.184.216.34', '2606:4700::1111', '8.8.8.8'])('%s is a public address and allowed without any allow-list', (address) => {
    expect(isPublicAddress(address)).toBe(true);
    expect(isAllowedAddress('example.com', address, NOTHING_PRIVATE)).toBe(true);
  });

  it('something that is not an IP address is never public', () => {
    expect(isPublicAddress('example.com')).toBe(false);
    expect(isPublicAddress('')).toBe(false);
  });

  it('an operator can allow an intranet host by its exact name, whatever it resolves to', () => {
    const policy = { allowedHosts: ['wiki.intranet.example'] };
    expect(isAllowedAddress('wiki.intranet.example', '10.1.2.3', policy)).toBe(true);
    expect(isAllowedAddress('WIKI.Intranet.Example', '10.1.2.3', policy)).toBe(true);
    expect(isAllowedAddress('evil.intranet.example', '10.1.2.3', policy)).toBe(false);
    expect(isAllowedAddress('intranet.example', '10.1.2.3', policy)).toBe(false);
  });

  it('an operator can allow one IP address, and only that one (also when IPv4-mapped)', () => {
    expect(isAllowedAddress('localhost', '127.0.0.1', LOOPBACK_ALLOWED)).toBe(true);
    expect(isAllowedAddress('localhost', '::ffff:127.0.0.1', LOOPBACK_ALLOWED)).toBe(true);
    expect(isAllowedAddress('localhost', '127.0.0.2', LOOPBACK_ALLOWED)).toBe(false);
    expect(isAllowedAddress('localhost', '::1', LOOPBACK_ALLOWED)).toBe(false);
  });

  it('an operator can allow a CIDR range such as 127.0.0.0/8', () => {
    const policy = { allowedHosts: ['127.0.0.0/8'] };
    expect(isAllowedAddress('a.test', '127.0.0.1', policy)).toBe(true);
    expect(isAllowedAddress('a.test', '127.255.0.9', policy)).toBe(true);
    expect(isAllowedAddress('a.test', '::ffff:127.0.0.1', policy)).toBe(true);
    expect(isAllowedAddress('a.test', '128.0.0.1', policy)).toBe(true); // public anyway
    expect(isAllowedAddress('a.test', '10.0.0.1', policy)).toBe(false);
    expect(isAllowedAddress('a.test', '::1', policy)).toBe(false);
  });

  it('an IPv6 range can be allowed, and a malformed range matches nothing', () => {
    expect(isAllowedAddress('a.test', 'fd12:3456::1', { allowedHosts: ['fd00::/8'] })).toBe(true);
    expect(isAllowedAddress('a.test', 'fe80::1', { allowedHosts: ['fd00::/8'] })).toBe(false);
    expect(isAllowedAddress('a.test', '10.0.0.1', { allowedHosts: ['10.0.0.0/99', 'not/a/range'] })).toBe(false);
  });
});

describe('a user types a URL that points back at the server itself', () => {
  it.each([
    ['http://127.1:PORT/', 'short dotted form'],
    ['http://0x7f.1:PORT/', 'hexadecimal'],
    ['http://017700000001:PORT/', 'single octal number'],
    ['http://2130706433:PORT/', 'single decimal number'],
    ['http://[::ffff:127.0.0.1]:PORT/', 'IPv4-mapped IPv6'],
    ['http://localhost:PORT/', 'a name that resolves to loopback'],
    ['http://[::1]:PORT/', 'IPv6 loopback'],
  ])('%s (%s) is refused as blocked_address without a single connection', async (template, _label) => {
    const canary = await serve(ok);
    const error = await outboundErrorOf(guardedFetch(template.replace('PORT', String(canary.port)), {}, { policy: NOTHING_PRIVATE }));
    expect(error.code).toBe('blocked_address');
    expect(error.requestSent).toBe(false);
    expect(canary.requests).toHaveLength(0);
    expect(connects).toEqual([]);
  });

  it('the same canary is reached once loopback is allow-listed (so the refusals above are the policy at work)', async () => {
    const canary = await serve(ok);
    const res = await guardedFetch(`http://127.1:${canary.port}/`, {}, { policy: LOOPBACK_ALLOWED });
    expect(res.status).toBe(200);
    expect(canary.requests).toHaveLength(1);
    expect(connects).toEqual([`127.0.0.1:${canary.port}`]);
  });

  it.each([
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'https://192.168.1.1/',
    'http://[fe80::1]/',
    'http://0.0.0.0:80/',
  ])('%s is refused before connecting', async (url) => {
    const error = await outboundErrorOf(guardedFetch(url, {}, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('blocked_address');
    expect(connects).toEqual([]);
  });
});

describe('only plain web URLs are fetched', () => {
  it.each(['file:///etc/passwd', 'gopher://127.0.0.1:70/', 'ftp://x/', 'javascript:alert(1)', 'data:text/plain,hi'])(
    '%s is refused as blocked_scheme',
    async (url) => {
      const error = await outboundErrorOf(guardedFetch(url, {}, { policy: LOOPBACK_ALLOWED }));
      expect(error.code).toBe('blocked_scheme');
      expect(connects).toEqual([]);
    }
  );

  it.each(['http://user:pw@host/', 'http://user@127.0.0.1/', 'not a url', ''])('%j is refused as invalid_url', async (url) => {
    const error = await outboundErrorOf(guardedFetch(url, {}, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('invalid_url');
    expect(error.message).not.toContain('pw');
    expect(connects).toEqual([]);
  });
});

describe('redirects are followed by hand and every hop is checked', () => {
  it('an allowed server redirecting to the cloud metadata address is refused before that hop connects', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    });
    const error = await outboundErrorOf(guardedFetch(`${server.url}/start`, {}, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('blocked_address');
    expect(server.requests.map((r) => r.path)).toEqual(['/start']);
    expect(connects).toEqual([`127.0.0.1:${server.port}`]);
  });

  it('a redirect to another loopback port is refused when only public addresses are allowed', async () => {
    // The first hop is allowed by name, the second (a bare IP) is not.
    const target = await serve(ok);
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${target.port}/` }).end();
    });
    const error = await outboundErrorOf(
      guardedFetch(
        server.url.replace('127.0.0.1', 'first.test'),
        {},
        {
          policy: { allowedHosts: ['first.test'] },
          resolver: async () => [{ address: '127.0.0.1', family: 4 }],
        }
      )
    );
    expect(error.code).toBe('blocked_address');
    expect(server.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it.each([
    ['file:///etc/passwd', 'blocked_scheme'],
    ['http://admin:secret@127.0.0.1/', 'invalid_url'],
  ])('a redirect to %s is refused as %s', async (location, code) => {
    const server = await serve((_req, res) => {
      res.writeHead(301, { location }).end();
    });
    expect((await outboundErrorOf(guardedFetch(server.url, {}, { policy: LOOPBACK_ALLOWED }))).code).toBe(code);
    expect(server.requests).toHaveLength(1);
  });

  /** /chain/<total>/<n> redirects to /chain/<total>/<n+1> until n reaches total. */
  const chain: Route = (req, res) => {
    const [, total, n] = /^\/chain\/(\d+)\/(\d+)$/.exec(req.path)!.map(Number);
    if (n < total) res.writeHead(302, { location: `/chain/${total}/${n + 1}` }).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(`arrived after ${n}`);
  };

  it('five redirects are followed and the final URL is reported', async () => {
    const server = await serve(chain);
    const res = await guardedFetch(`${server.url}/chain/5/0`, {}, { policy: LOOPBACK_ALLOWED });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('arrived after 5');
    expect(res.url).toBe(`${server.url}/chain/5/5`);
    expect(server.requests).toHaveLength(6);
  });

  it('a sixth redirect is refused as too_many_redirects without following it', async () => {
    const server = await serve(chain);
    const error = await outboundErrorOf(guardedFetch(`${server.url}/chain/6/0`, {}, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('too_many_redirects');
    expect(server.requests.map((r) => r.path)).toEqual([0, 1, 2, 3, 4, 5].map((n) => `/chain/6/${n}`));
  });

  it('maxRedirects lowers the limit', async () => {
    const server = await serve(chain);
    expect((await guardedFetch(`${server.url}/chain/1/0`, { maxRedirects: 1 }, { policy: LOOPBACK_ALLOWED })).status).toBe(200);
    expect((await outboundErrorOf(guardedFetch(`${server.url}/chain/2/0`, { maxRedirects: 1 }, { policy: LOOPBACK_ALLOWED }))).code).toBe(
      'too_many_redirects'
    );
  });

  it.each([303, 302, 301])('a %i after a POST is followed with a GET without the body', async (status) => {
    const server = await serve((req, res) => {
      if (req.path === '/submit') res.writeHead(status, { location: '/done' }).end();
      else res.writeHead(200).end('done');
    });
    const res = await guardedFetch(
      `${server.url}/submit`,
      { method: 'POST', body: '{"status":"hello"}', headers: { 'content-type': 'application/json' } },
      { policy: LOOPBACK_ALLOWED }
    );
    expect(res.text()).toBe('done');
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/submit', '{"status":"hello"}'],
      ['GET', '/done', ''],
    ]);
  });

  it('a 307 after a POST repeats the POST with its body', async () => {
    const server = await serve((req, res) => {
      if (req.path === '/submit') res.writeHead(307, { location: '/again' }).end();
      else res.writeHead(201).end('created');
    });
    const res = await guardedFetch(`${server.url}/submit`, { method: 'POST', body: 'payload' }, { policy: LOOPBACK_ALLOWED });
    expect(res.status).toBe(201);
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/submit', 'payload'],
      ['POST', '/again', 'payload'],
    ]);
  });

  it('the Authorization and Cookie headers are dropped when a redirect moves to another origin, other headers kept', async () => {
    const other = await serve(ok);
    const first = await serve((_req, res) => {
      res.writeHead(302, { location: `${other.url}/landing` }).end();
    });
    const res = await guardedFetch(
      `${first.url}/start`,
      { headers: { authorization: 'Bearer s3cret-token', Cookie: 'sid=abc', 'x-trace': 't-1' } },
      { policy: LOOPBACK_ALLOWED }
    );
    expect(res.url).toBe(`${other.url}/landing`);
    expect(first.requests[0].headers).toMatchObject({ authorization: 'Bearer s3cret-token', cookie: 'sid=abc', 'x-trace': 't-1' });
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0].headers.authorization).toBeUndefined();
    expect(other.requests[0].headers.cookie).toBeUndefined();
    expect(other.requests[0].headers['x-trace']).toBe('t-1');
  });

  it('a redirect that leaves and comes back to the first origin does not get the credentials back', async () => {
    const state: { firstUrl?: string } = {};
    const other = await serve((_req, res) => {
      res.writeHead(302, { location: `${state.firstUrl}/back` }).end();
    });
    const first = await serve((req, res) => {
      if (req.path === '/start') res.writeHead(302, { location: `${other.url}/away` }).end();
      else res.writeHead(200).end('back');
    });
    state.firstUrl = first.url;
    await guardedFetch(`${first.url}/start`, { headers: { Authorization: 'Bearer s3cret-token' } }, { policy: LOOPBACK_ALLOWED });
    expect(first.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/start', 'Bearer s3cret-token'],
      ['/back', undefined],
    ]);
  });

  it('the Authorization header is kept on a same-origin redirect', async () => {
    const server = await serve((req, res) => {
      if (req.path === '/old') res.writeHead(301, { location: '/new' }).end();
      else res.writeHead(200).end('moved');
    });
    const res = await guardedFetch(
      `${server.url}/old`,
      { headers: { Authorization: 'Bearer s3cret-token' } },
      { policy: LOOPBACK_ALLOWED }
    );
    expect(res.text()).toBe('moved');
    expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/old', 'Bearer s3cret-token'],
      ['/new', 'Bearer s3cret-token'],
    ]);
  });
});

describe('DNS answers are checked once and the connection is pinned to the checked answer', () => {
  /** A resolver that hands out the given answers in turn (the last one repeats) and counts its calls. */
  function scriptedResolver(...answers: string[][]): Resolver & { calls: string[] } {
    const calls: string[] = [];
    const resolver = async (hostname: string) => {
      calls.push(hostname);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
      return answer.map((address) => ({ address, family: net.isIP(address) }));
    };
    return Object.assign(resolver, { calls });
  }

  it('a name that resolves to loopback is refused when nothing private is allowed', async () => {
    const canary = await serve(ok);
    const resolver = scriptedResolver(['127.0.0.1']);
    const error = await outboundErrorOf(guardedFetch(`http://innocent.test:${canary.port}/`, {}, { policy: NOTHING_PRIVATE, resolver }));
    expect(error.code).toBe('blocked_address');
    expect(resolver.calls).toEqual(['innocent.test']);
    expect(canary.requests).toHaveLength(0);
    expect(connects).toEqual([]);
  });

  it('from a mixed answer [10.0.0.1, 127.0.0.1] only the allowed 127.0.0.1 is dialled, with the name kept as Host', async () => {
    const canary = await serve(ok);
    const resolver = scriptedResolver(['10.0.0.1', '127.0.0.1']);
    const res = await guardedFetch(`http://mixed.test:${canary.port}/page`, {}, { policy: LOOPBACK_ALLOWED, resolver });
    expect(res.status).toBe(200);
    expect(resolver.calls).toEqual(['mixed.test']);
    expect(canary.requests).toHaveLength(1);
    expect(canary.requests[0].headers.host).toBe(`mixed.test:${canary.port}`);
    expect(connects).toEqual([`127.0.0.1:${canary.port}`]);
  });

  it('a rebinding answer (checked address first, another one on the next lookup) is never asked for nor dialled', async () => {
    const canary = await serve(ok);
    // 127.0.0.2 is loopback but NOT allowed here: dialling it would mean the checked answer was not pinned.
    const resolver = scriptedResolver(['127.0.0.1'], ['127.0.0.2']);
    const res = await guardedFetch(`http://rebind.test:${canary.port}/`, {}, { policy: LOOPBACK_ALLOWED, resolver });
    expect(res.status).toBe(200);
    expect(resolver.calls).toEqual(['rebind.test']);
    expect(canary.requests).toHaveLength(1);
    expect(connects).toEqual([`127.0.0.1:${canary.port}`]);
  });

  it('the name is resolved again on each redirect hop and a rebinding to the metadata address is refused there', async () => {
    const canary = await serve((req, res) => {
      if (req.path === '/first') res.writeHead(302, { location: '/second' }).end();
      else res.writeHead(200).end('should not be reached');
    });
    const resolver = scriptedResolver(['127.0.0.1'], ['169.254.169.254']);
    const error = await outboundErrorOf(guardedFetch(`http://hop.test:${canary.port}/first`, {}, { policy: LOOPBACK_ALLOWED, resolver }));
    expect(error.code).toBe('blocked_address');
    expect(resolver.calls).toEqual(['hop.test', 'hop.test']);
    expect(canary.requests.map((r) => r.path)).toEqual(['/first']);
    expect(connects).toEqual([`127.0.0.1:${canary.port}`]);
  });

  it('a name that does not resolve fails as dns_failed', async () => {
    const resolver: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect((await outboundErrorOf(guardedFetch('http://nowhere.test/', {}, { policy: LOOPBACK_ALLOWED, resolver }))).code).toBe(
      'dns_failed'
    );
    expect(connects).toEqual([]);
  });

  it('a name that resolves to nothing at all is refused', async () => {
    const resolver = scriptedResolver([]);
    expect((await outboundErrorOf(guardedFetch('http://empty.test/', {}, { policy: LOOPBACK_ALLOWED, resolver }))).code).toBe(
      'blocked_address'
    );
    expect(connects).toEqual([]);
  });
});

describe('a response too big for memory is cut off', () => {
  const MB = 1024 * 1024;

  it('a server streaming 6 MB against a 5 MB cap fails as too_large', async () => {
    const server = await serve((_req, res) => {
      res.on('error', () => {});
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 6; i++) res.write(Buffer.alloc(MB, 0x61));
      res.end();
    });
    const error = await outboundErrorOf(guardedFetch(server.url, { maxBytes: 5 * MB }, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('too_large');
    expect(error.requestSent).toBe(true);
  });

  it('a body of exactly the cap is accepted in full', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200).end(Buffer.alloc(64 * 1024, 0x62));
    });
    const res = await guardedFetch(server.url, { maxBytes: 64 * 1024 }, { policy: LOOPBACK_ALLOWED });
    expect(res.body).toHaveLength(64 * 1024);
    expect(res.body.every((byte) => byte === 0x62)).toBe(true);
  });

  it('a gzip body is inflated and the cap applies to the inflated size', async () => {
    const text = 'hello '.repeat(1000); // 6000 bytes, gzips to a few dozen
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(text));
    });
    expect((await guardedFetch(server.url, {}, { policy: LOOPBACK_ALLOWED })).text()).toBe(text);
    expect((await outboundErrorOf(guardedFetch(server.url, { maxBytes: 5000 }, { policy: LOOPBACK_ALLOWED }))).code).toBe('too_large');
  });

  it.each([
    ['gzip', (b: Buffer) => zlib.gzipSync(b, { level: 1 })],
    ['deflate', (b: Buffer) => zlib.deflateSync(b, { level: 1 })],
    ['br', (b: Buffer) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } })],
  ])('a %s bomb (20 MB of zeros) fails as too_large', async (encoding, compress) => {
    const bomb = compress(Buffer.alloc(20 * MB));
    expect(bomb.length).toBeLessThan(MB);
    const server = await serve((_req, res) => {
      res.on('error', () => {});
      res.writeHead(200, { 'content-encoding': encoding }).end(bomb);
    });
    const error = await outboundErrorOf(guardedFetch(server.url, { maxBytes: 5 * MB }, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('too_large');
  });

  it('inflating a gzip bomb does not grow the process memory by 50 MB', async () => {
    // A 200 MB bomb: a fetch that buffered the inflated body, even briefly, would blow far past 50 MB.
    const gzip = zlib.createGzip({ level: 1 });
    const parts: Buffer[] = [];
    gzip.on('data', (c: Buffer) => parts.push(c));
    const zeros = Buffer.alloc(MB);
    for (let i = 0; i < 200; i++) gzip.write(zeros);
    await new Promise((resolve) => gzip.end(resolve));
    const bomb = Buffer.concat(parts);
    const server = await serve((_req, res) => {
      res.on('error', () => {});
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
    });

    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    gc();
    const before = used();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, used())), 1);
    const error = await outboundErrorOf(guardedFetch(server.url, { maxBytes: 5 * MB }, { policy: LOOPBACK_ALLOWED }));
    clearInterval(sampler);
    peak = Math.max(peak, used());
    expect(error.code).toBe('too_large');
    expect(peak - before).toBeLessThan(50 * MB);
    gc();
    expect(used() - before).toBeLessThan(50 * MB);
  });
});

describe('a server that is slow, gone or unreachable', () => {
  it('a server that never answers fails as timeout within timeoutMs', async () => {
    const server = await serve(() => {
      /* accepts the request, never answers */
    });
    const started = Date.now();
    const error = await outboundErrorOf(guardedFetch(server.url, { timeoutMs: 300 }, { policy: LOOPBACK_ALLOWED }));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('timeout');
    expect(error.requestSent).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
  });

  it('a server that sends headers then stalls mid-body fails as timeout', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const started = Date.now();
    const error = await outboundErrorOf(guardedFetch(server.url, { timeoutMs: 300 }, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a gzip server that sends half a body then stalls fails as timeout', async () => {
    const gz = zlib.gzipSync('x'.repeat(100_000) + Math.random().toString(36).repeat(5000));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.write(gz.subarray(0, gz.length >> 1));
    });
    const started = Date.now();
    const error = await outboundErrorOf(guardedFetch(server.url, { timeoutMs: 300 }, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it.each(['identity', 'gzip'])('a server that drops the connection mid-body (%s) fails as reset instead of hanging', async (encoding) => {
    const gz = zlib.gzipSync(Math.random().toString(36).repeat(20000));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': encoding, 'content-length': '1000000' });
      res.write(encoding === 'gzip' ? gz.subarray(0, 2000) : 'only a part', () => setTimeout(() => res.socket?.destroy(), 20));
    });
    // The socket is gone, so no idle timeout can fire: without a reset error this fetch would never settle.
    const error = await outboundErrorOf(guardedFetch(server.url, { timeoutMs: 2000 }, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('reset');
    expect(error.requestSent).toBe(true);
  });

  it('a closed port fails as connect_failed, and the request is known not to have been sent', async () => {
    const server = await startRecordingServer(ok);
    const { url } = server;
    await server.stop();
    const error = await outboundErrorOf(guardedFetch(url, { timeoutMs: 300 }, { policy: LOOPBACK_ALLOWED }));
    expect(error.code).toBe('connect_failed');
    expect(error.requestSent).toBe(false);
  });
});

describe('reading the response', () => {
  it('text(), json(), status, headers and the final URL after a redirect', async () => {
    const payload = { id: 42, note: 'héllo 🌍' };
    const server = await serve((req, res) => {
      if (req.path === '/api') res.writeHead(302, { location: '/api/v2?x=1' }).end();
      else
        res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '299' })
          .end(JSON.stringify(payload));
    });
    const res = await guardedFetch(`${server.url}/api`, {}, { policy: LOOPBACK_ALLOWED });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${server.url}/api/v2?x=1`);
    expect(res.headers['x-ratelimit-remaining']).toBe('299');
    expect(res.text()).toBe(JSON.stringify(payload));
    expect(res.json<typeof payload>()).toEqual(payload);
  });

  it('json() on a body that is not JSON throws', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not json</html>');
    });
    const res = await guardedFetch(server.url, {}, { policy: LOOPBACK_ALLOWED });
    expect(res.text()).toBe('<html>not json</html>');
    expect(() => res.json()).toThrow(SyntaxError);
  });

  it('a 404 is a response, not an error, and without a Location a 3xx is returned as is', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.path === '/missing' ? 404 : 304).end();
    });
    expect((await guardedFetch(`${server.url}/missing`, {}, { policy: LOOPBACK_ALLOWED })).status).toBe(404);
    expect((await guardedFetch(`${server.url}/cached`, {}, { policy: LOOPBACK_ALLOWED })).status).toBe(304);
  });

  it('the plugin identifies itself with its User-Agent unless the caller sets one', async () => {
    const server = await serve(ok);
    await guardedFetch(server.url, {}, { policy: LOOPBACK_ALLOWED });
    await guardedFetch(server.url, {}, { policy: LOOPBACK_ALLOWED, userAgent: 'custom-agent/1.0' });
    expect(server.requests.map((r) => r.headers['user-agent'])).toEqual([USER_AGENT, 'custom-agent/1.0']);
  });
});

describe('connection reuse for bulk polling (keepAlive) never skips a check', () => {
  afterEach(() => closePooledConnections());

  it('two requests to the same checked address share one connection', async () => {
    const server = await serve(ok);
    const options = { policy: LOOPBACK_ALLOWED, keepAlive: true };
    expect((await guardedFetch(`${server.url}/a`, {}, options)).status).toBe(200);
    expect((await guardedFetch(`${server.url}/b`, {}, options)).status).toBe(200);
    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/b']);
    expect(connects).toEqual([`127.0.0.1:${server.port}`]);
  });

  it('a name that now resolves elsewhere does not get the pooled socket: the new address is checked and dialled', async () => {
    const server = await serve(ok);
    const answers = ['127.0.0.1', '127.0.0.2'];
    const resolver: Resolver = async () => [{ address: answers.shift() ?? '127.0.0.2', family: 4 }];
    const options = { policy: { allowedHosts: ['127.0.0.0/8'] }, keepAlive: true, resolver };
    expect((await guardedFetch(`http://pool.test:${server.port}/first`, {}, options)).status).toBe(200);
    // 127.0.0.2 has no listener: a fresh connection is attempted there (and refused), the 127.0.0.1 socket is not reused.
    expect((await outboundErrorOf(guardedFetch(`http://pool.test:${server.port}/second`, {}, options))).code).toBe('connect_failed');
    expect(server.requests.map((r) => r.path)).toEqual(['/first']);
    expect(connects).toEqual([`127.0.0.1:${server.port}`, `127.0.0.2:${server.port}`]);
  });

  it('the policy still refuses a private address on a keep-alive request', async () => {
    const canary = await serve(ok);
    const error = await outboundErrorOf(guardedFetch(`http://127.1:${canary.port}/`, {}, { policy: NOTHING_PRIVATE, keepAlive: true }));
    expect(error.code).toBe('blocked_address');
    expect(canary.requests).toHaveLength(0);
  });
});
