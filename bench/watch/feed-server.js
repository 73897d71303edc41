/**
 * The bench's feed server, in its own process so it does not share the
 * measured process's event loop: N feeds of M items each, every feed with an
 * ETag that answers 304 to If-None-Match. Prints its port on stdout.
 */
const http = require('node:http');

const FEEDS = Number(process.env.BENCH_FEEDS ?? 200);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);

function feed(n) {
  const items = [];
  for (let i = 0; i < ITEMS; i++) {
    const date = new Date(Date.UTC(2025, 0, 1) + (n * ITEMS + i) * 60_000).toUTCString();
    items.push(
      `<item><title>Feed ${n} item ${i}: community news &amp; notes</title><link>https://feed${n}.example/posts/${i}</link>` +
        `<guid>https://feed${n}.example/posts/${i}</guid><pubDate>${date}</pubDate><dc:creator>Author ${i % 7}</dc:creator>` +
        `<description><![CDATA[<p>Item ${i} of feed ${n}. <a href="https://feed${n}.example/posts/${i}">Read more</a> about <b>gardening</b>, ` +
        `<em>events</em> and the people behind them.</p><p>${'Some longer paragraph text. '.repeat(8)}</p><img src="https://cdn.example/${n}/${i}.jpg" alt="">]]></description></item>`
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed ${n}</title><link>https://feed${n}.example/</link>${items.join('\n')}</channel></rss>`;
}

const bodies = Array.from({ length: FEEDS }, (_, n) => Buffer.from(feed(n)));
const server = http.createServer((req, res) => {
  const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  const n = match ? Number(match[1]) : -1;
  if (n < 0 || n >= FEEDS) return void res.writeHead(404).end();
  const etag = `"feed-${n}-v1"`;
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'content-length': bodies[n].length }).end(bodies[n]);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
