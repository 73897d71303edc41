import http from 'node:http';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import type { AddressInfo } from 'node:net';

/**
 * A local feed server for the watch: one route per kind of feed a real
 * publisher (or an attacker) serves. Every request is counted per path so
 * tests can prove a conditional GET, or that a canary was never reached.
 */
export interface FeedServer {
  url: string;
  port: number;
  hits: Map<string, number>;
  requests: Array<{ path: string; headers: http.IncomingHttpHeaders }>;
  /** replace or add a route at run time */
  set(path: string, handler: Handler): void;
  stop(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const MB = 1024 * 1024;

const cdata = (s: string) => `<![CDATA[${s.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;

/** HTML in a description travels as CDATA, as publishers send it. */
const asCdata = (s: string) => (s.startsWith('<![CDATA[') || !s.includes('<') ? s : cdata(s));

export const rss = (
  items: Array<{ title: string; link: string; guid?: string; date?: string; description?: string; author?: string }>,
  title = 'Fake RSS'
) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${title}</title><link>https://site.example/</link>
${items
  .map(
    (i) =>
      `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.guid ?? i.link}</guid>${i.date ? `<pubDate>${i.date}</pubDate>` : ''}${i.author ? `<dc:creator>${i.author}</dc:creator>` : ''}<description>${asCdata(i.description ?? '')}</description></item>`
  )
  .join('\n')}
</channel></rss>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Fake Atom</title><link href="https://atom.example/"/><updated>2025-01-02T10:00:00Z</updated><id>urn:fake:atom</id>
  <entry><title>Good one</title><link href="https://atom.example/1"/><id>urn:1</id><published>2025-01-01T10:00:00Z</published><author><name>Ann</name></author><summary>First</summary></entry>
  <entry><title>Bad date</title><link href="https://atom.example/2"/><id>urn:2</id><published>not a date at all</published><summary>Second</summary></entry>
  <entry><title>Good two</title><link href="https://atom.example/3"/><id>urn:3</id><updated>2025-01-03T10:00:00Z</updated><content type="html">&lt;p&gt;Third &lt;b&gt;bold&lt;/b&gt;&lt;/p&gt;</content></entry>
</feed>`;

export const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/"><title>Fake RDF</title><link>https://rdf.example/</link></channel>
  <item rdf:about="https://rdf.example/a"><title>RDF item A</title><link>https://rdf.example/a</link><dc:date>2025-02-01T08:00:00Z</dc:date><description>About A</description></item>
  <item rdf:about="https://rdf.example/b"><title>RDF item B</title><link>https://rdf.example/b</link><description>About B</description></item>
</rdf:RDF>`;

export const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Fake JSON Feed',
  home_page_url: 'https://json.example/',
  items: [
    {
      id: 'j1',
      url: 'https://json.example/1',
      title: 'JSON one',
      content_html: '<p>Hello <em>JSON</em></p>',
      date_published: '2025-03-01T09:00:00Z',
      authors: [{ name: 'Jay' }],
    },
    { id: 'j2', url: 'https://json.example/2', title: 'JSON two', content_text: 'Plain <text>', date_published: '2999-01-01T00:00:00Z' },
    { title: 'No id: refused alone' },
    'not even an object',
  ],
});

export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://x.example/</link></item></channel></rss>`;

export const XXE = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title><item><title>&xxe;</title><link>https://x.example/</link></item></channel></rss>`;

export const PROTO_POLLUTION = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Proto</title>
<__proto__><polluted>yes</polluted></__proto__>
<item><title>Proto item</title><link>https://x.example/p</link><__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor></item>
</channel></rss>`;

/** Titles, authors and content an attacker controls. Every payload sets window.__xss when it runs. */
export const XSS_PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=2"><script>window.__xss=2</script></svg>',
  '<a href="&#106;avascript:window.__xss=3">entity-encoded javascript link</a>',
  '<a href="jav&#x09;ascript:window.__xss=4">tab-split javascript link</a>',
  '<iframe srcdoc="<script>parent.__xss=5</script>"></iframe>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=6>"></noscript>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=7></style></mglyph></table></mtext></math>',
  '<div style="background:url(javascript:window.__xss=8)">styled</div>',
  '<form action="javascript:window.__xss=9"><button>go</button></form>',
  '<object data="data:text/html,<script>parent.__xss=10</script>"></object>',
  '<img src="data:image/svg+xml,<svg onload=window.__xss=11>">',
  '<details open ontoggle="window.__xss=12">',
  '<a href="javascript&colon;window.__xss=13">colon entity</a>',
];

export const XSS_FEED = rss(
  XSS_PAYLOADS.map((p, i) => ({
    title: cdata(`XSS ${i} ${p}`),
    link: `https://xss.example/${i}`,
    author: cdata(p),
    description: cdata(`<p>Payload ${i}</p>${p}<p>after</p>`),
  })),
  'XSS corpus'
);

export const LATIN1_TEXT = 'Café crème, garçon, où êtes-vous ?';
export const CP1252_TEXT = '“Smart quotes” – and € sign';
export const UTF16_TEXT = 'Ünïcödé 日本語 🌍';

const xmlIn = (encoding: string, title: string) =>
  `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><link>https://enc.example/${encoding}</link><guid>${encoding}</guid></item></channel></rss>`;

export function defaultRoutes(): Record<string, Handler> {
  return {
    '/rss.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(
        rss([
          {
            title: 'AI in the newsroom',
            link: 'https://site.example/ai',
            date: 'Mon, 06 Jan 2025 10:00:00 GMT',
            description: '<p>How <b>AI</b> helps editors</p>',
          },
          { title: 'Community gardening', link: 'https://site.example/garden', description: 'No date here' },
        ])
      ),
    '/atom.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM),
    '/rdf.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rdf+xml' }).end(RDF),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON_FEED),
    '/etag.xml': (req, res) => {
      const etag = '"v1"';
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res
        .writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': 'Mon, 06 Jan 2025 10:00:00 GMT' })
        .end(rss([{ title: 'Cached', link: 'https://site.example/cached' }]));
    },
    '/drip.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const body = rss([{ title: 'Slow', link: 'https://site.example/slow' }]);
      let i = 0;
      const timer = setInterval(() => {
        if (i >= body.length || res.destroyed) return clearInterval(timer);
        res.write(body[i++]);
      }, 500);
      res.on('close', () => clearInterval(timer));
    },
    '/bomb.xml': (_req, res) => {
      res.on('error', () => {});
      const bomb = zlib.gzipSync(Buffer.alloc(50 * MB, 0x20), { level: 9 });
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb);
    },
    '/huge.xml': (_req, res) => {
      res.on('error', () => {});
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(MB, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 60 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    },
    '/latin1.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(iconv.encode(xmlIn('ISO-8859-1', LATIN1_TEXT), 'latin1')),
    '/cp1252.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/xml; charset=windows-1252' })
        .end(iconv.encode(xmlIn('windows-1252', CP1252_TEXT), 'win1252')),
    '/utf16.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xmlIn('UTF-16', UTF16_TEXT), 'utf-16le')])),
    '/billion-laughs.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(BILLION_LAUGHS),
    '/xxe.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(XXE),
    '/proto.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(PROTO_POLLUTION),
    '/xss.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(XSS_FEED),
    '/site': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html><head><title>Site</title>
<link rel="alternate" type="application/rss+xml" title="Site RSS" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Site Atom" href="/atom.xml">
<link rel="stylesheet" href="/style.css"></head><body>Hello</body></html>`
      ),
    '/not-found.xml': (_req, res) => res.writeHead(404).end('nope'),
    '/to-metadata': (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  };
}

export async function startFeedServer(routes: Record<string, Handler> = defaultRoutes(), host = '127.0.0.1'): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const hits = new Map<string, number>();
  const requests: FeedServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    requests.push({ path, headers: req.headers });
    const handler = table.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    hits,
    requests,
    set: (path, handler) => void table.set(path, handler),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
