import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSseParser, SseLineTooLong, type SseEvent } from '../../server/core/http/sse';
import { guardedStream, StreamRefused } from '../../server/core/http/guarded-stream';
import { OutboundError, guardedFetch } from '../../server/core/http/guarded-fetch';
import { adapterFor } from '../../server/networks/registry';
import { streamingOrigin, STREAM_PATH } from '../../server/networks/mastodon/stream';
import type { AdapterContext, NetworkComment } from '../../server/networks/types';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { loopbackOnlyNetwork } from '../helpers/loopback-only';

/**
 * The inbox's streaming without Strapi: the Server-Sent Events parser (line
 * ends split across chunks, comments, multi-line data, what dispatches and
 * what does not), the guarded stream's deadlines and refusals against local
 * servers, and Mastodon's stream and thread read from the fake as its
 * documentation describes them.
 */
loopbackOnlyNetwork();

const LOOPBACK = { policy: { allowedHosts: ['127.0.0.1'] } };
const events = (chunks: string[]) => {
  const parser = createSseParser();
  const out: { events: SseEvent[]; comments: string[]; retryMs: number | null } = { events: [], comments: [], retryMs: null };
  for (const chunk of chunks) {
    const got = parser.push(chunk);
    out.events.push(...got.events);
    out.comments.push(...got.comments);
    out.retryMs = got.retryMs ?? out.retryMs;
  }
  return out;
};

describe('the event stream parser', () => {
  const stream = ':)\nevent: notification\ndata: {"id":"1"}\n\n:thump\nevent: notification\ndata: {"id":"2"}\n\n';

  it('reads Mastodon’s stream the same whichever way it is cut', () => {
    const whole = events([stream]);
    expect(whole.events).toEqual([
      { event: 'notification', data: '{"id":"1"}', id: null },
      { event: 'notification', data: '{"id":"2"}', id: null },
    ]);
    expect(whole.comments).toEqual([')', 'thump']);
    // Every way of cutting it in two, and one character at a time.
    for (let i = 1; i < stream.length; i++) expect(events([stream.slice(0, i), stream.slice(i)]).events).toEqual(whole.events);
    expect(events([...stream]).events).toEqual(whole.events);
  });

  it('takes CRLF, LF and CR line ends, a CRLF split between two chunks being one end', () => {
    const crlf = 'data: a\r\n\r\ndata: b\r\n\r\n';
    for (let i = 1; i < crlf.length; i++) expect(events([crlf.slice(0, i), crlf.slice(i)]).events.map((e) => e.data)).toEqual(['a', 'b']);
    expect(events(['data: a\r\rdata: b\r\r']).events.map((e) => e.data)).toEqual(['a', 'b']);
  });

  it('joins data lines, drops one leading space only, defaults the event to message, keeps the id and retry', () => {
    const out = events(['\uFEFFid: 42\nretry: 3000\ndata:  two spaces\ndata:no space\ndata\n\n']);
    expect(out.events).toEqual([{ event: 'message', data: ' two spaces\nno space\n', id: '42' }]);
    expect(out.retryMs).toBe(3000);
  });

  it('dispatches nothing without data, nor an unfinished event, and ignores unknown fields', () => {
    expect(events(['event: notification\n\n', 'foo: bar\n\n', 'data: half']).events).toEqual([]);
    expect(events(['retry: soon\nevent: delete\ndata: 9\n\n']).events).toEqual([{ event: 'delete', data: '9', id: null }]);
  });

  it('refuses a line that never ends', () => {
    const parser = createSseParser({ maxLineChars: 100 });
    parser.push('data: ' + 'x'.repeat(90));
    expect(() => parser.push('x'.repeat(20))).toThrow(SseLineTooLong);
  });
});

describe('the guarded stream', () => {
  let server: http.Server;
  let base: string;
  let behave: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  beforeAll(async () => {
    server = http.createServer((req, res) => behave(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const timings = { connectDeadlineMs: 2_000, idleMs: 300, maxLifetimeMs: 5_000 };

  it('hands over the text as it comes, and ends when the server closes', async () => {
    behave = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: é');
      setTimeout(() => res.end('\n\n'), 50);
    };
    let text = '';
    let opened = 0;
    const end = await guardedStream(`${base}/s`, timings, LOOPBACK, { onOpen: () => opened++, onText: (t) => (text += t) });
    expect([end, opened, text]).toEqual(['closed', 1, 'data: é\n\n']);
  });

  it('ends a stream that goes silent after the idle deadline, whatever its lifetime', async () => {
    behave = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(':)\n');
    };
    const started = Date.now();
    const err = await guardedStream(`${base}/s`, timings, LOOPBACK, { onText: () => undefined }).catch((e) => e);
    expect(err).toBeInstanceOf(OutboundError);
    expect((err as OutboundError).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('closes a healthy stream at its lifetime, heartbeats or not', async () => {
    let beat: NodeJS.Timeout | undefined;
    behave = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      beat = setInterval(() => res.write(':thump\n'), 50);
      res.on('close', () => clearInterval(beat));
    };
    const end = await guardedStream(`${base}/s`, { ...timings, maxLifetimeMs: 400 }, LOOPBACK, { onText: () => undefined });
    expect(end).toBe('lifetime');
  });

  it('reports a refusal with its status and body, and never dials a refused address', async () => {
    behave = (_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"The access token is invalid"}');
    };
    const refused = await guardedStream(`${base}/s`, timings, LOOPBACK, { onText: () => undefined }).catch((e) => e);
    expect(refused).toBeInstanceOf(StreamRefused);
    expect([refused.status, refused.body]).toEqual([401, '{"error":"The access token is invalid"}']);
    const blocked = await guardedStream('http://10.0.0.1/s', timings, LOOPBACK, { onText: () => undefined }).catch((e) => e);
    expect([blocked.code]).toEqual(['blocked_address']);
  });

  it('gives up on a server that never answers within the connect deadline, and stops at once when asked', async () => {
    behave = () => undefined;
    const err = await guardedStream(`${base}/s`, { ...timings, connectDeadlineMs: 200 }, LOOPBACK, { onText: () => undefined }).catch(
      (e) => e
    );
    expect([err.code]).toEqual(['timeout']);
    behave = (_req, res) => res.writeHead(200).write(':)\n');
    const controller = new AbortController();
    const ending = guardedStream(`${base}/s`, { ...timings, idleMs: 5_000, signal: controller.signal }, LOOPBACK, {
      onOpen: () => controller.abort(),
      onText: () => undefined,
    });
    expect(await ending).toBe('aborted');
  });
});

describe('Mastodon’s stream and thread', () => {
  const port = adapterFor('mastodon')!.comments!;
  const ALICE = { id: '501', username: 'alice', displayName: 'Alice' };
  const TOKEN = 'stream-unit-token';
  let fake: FakeMastodon;
  let ctx: AdapterContext;
  beforeAll(async () => {
    fake = await startFakeMastodon();
    fake.tokens.set(TOKEN, { id: '7', username: 'brand', displayName: 'Brand' });
    ctx = {
      account: {
        documentId: 'a',
        network: 'mastodon',
        instanceUrl: fake.url,
        networkAccountId: '7',
        handle: '@brand',
        settings: {},
        limits: null,
      },
      secrets: { accessToken: TOKEN },
      saveSecrets: async () => undefined,
      fetch: (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, LOOPBACK),
      now: Date.now,
      publicationId: 'inbox',
    };
  });
  afterAll(() => fake.stop());

  it('names the streaming server’s HTTP address', () => {
    expect(streamingOrigin('wss://streaming.example.social')).toBe('https://streaming.example.social');
    expect(streamingOrigin('ws://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000');
    expect(streamingOrigin('ftp://x')).toBeNull();
    expect(streamingOrigin('not a url')).toBeNull();
  });

  it('reads the mentions the fake pushes, as the poll reads them, and nothing else', async () => {
    const target = await port.stream!.target(ctx);
    expect(target.url).toBe(`${fake.url}${STREAM_PATH}`);
    const parser = createSseParser();
    const got: NetworkComment[] = [];
    const controller = new AbortController();
    let heartbeats = 0;
    fake.heartbeatMs = 20;
    const ending = guardedStream(
      target.url,
      { headers: target.headers, connectDeadlineMs: 2_000, idleMs: 2_000, maxLifetimeMs: 10_000, signal: controller.signal },
      LOOPBACK,
      {
        onOpen: () => {
          fake.notify('7', 'favourite', ALICE);
          fake.mention('8', ALICE, 'to someone else');
          fake.mention('7', ALICE, '@brand <b>hello</b>', { inReplyToId: '123', language: 'en' });
        },
        onText: (text) => {
          const chunk = parser.push(text);
          heartbeats += chunk.comments.filter((c) => c === 'thump').length;
          for (const e of chunk.events) {
            const comment = port.stream!.parse(e);
            if (comment) got.push(comment);
          }
          if (got.length && heartbeats) controller.abort();
        },
      }
    );
    expect(await ending).toBe('aborted');
    const polled = (await port.listSince(ctx, null)).comments;
    expect(got).toEqual([polled.find((c) => c.text === '@brand <b>hello</b>')]);
    expect(got[0]).toMatchObject({ kind: 'reply', parentId: '123', language: 'en' });
    expect(port.stream!.parse({ event: 'notification', data: '{not json' })).toBeNull();
    expect(port.stream!.parse({ event: 'update', data: '{}' })).toBeNull();
  });

  it('takes the token as access_token too, and refuses without one', async () => {
    const plain = { connectDeadlineMs: 2_000, idleMs: 2_000, maxLifetimeMs: 300 };
    expect(await guardedStream(`${fake.url}${STREAM_PATH}?access_token=${TOKEN}`, plain, LOOPBACK, { onText: () => undefined })).toBe(
      'lifetime'
    );
    const refused = await guardedStream(`${fake.url}${STREAM_PATH}`, plain, LOOPBACK, { onText: () => undefined }).catch((e) => e);
    expect([refused.status]).toEqual([401]);
  });

  it('reads the thread around a status: ancestors oldest first, then the answers', async () => {
    const root = fake.mention('7', ALICE, 'root');
    const middle = fake.mention('7', ALICE, 'middle', { inReplyToId: root.id });
    const item = fake.mention('7', ALICE, 'item', { inReplyToId: middle.id });
    const answer = fake.mention('7', ALICE, 'answer', { inReplyToId: item.id });
    const thread = await port.context!(ctx, { externalId: item.id } as NetworkComment);
    expect(thread.ancestors.map((p) => p.text)).toEqual(['root', 'middle']);
    expect(thread.descendants.map((p) => [p.externalId, p.inReplyToId])).toEqual([[answer.id, item.id]]);
    expect(thread.ancestors[0].author).toMatchObject({ handle: '@alice@elsewhere.example' });
    await expect(port.context!(ctx, { externalId: '999999' } as NetworkComment)).rejects.toMatchObject({ kind: 'permanent' });
  });
});
