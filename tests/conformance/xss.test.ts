import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/helpers/browser';
import { loadXssFixtures, type XssFixture } from '../helpers/xss-corpus';
import { loadSanitizer, type FeedSanitizer } from '../../server/watch/sanitize';

/**
 * DOMPurify's own published fixtures (tests/conformance/xss/SOURCE.md) through
 * our watch item sanitizer (server/watch/sanitize.ts), the result rendered in
 * real Chromium the way the admin shows an item (innerHTML, React's
 * dangerouslySetInnerHTML) and the way DOMPurify's own suite also checks
 * (document.write into a fresh frame). The security property is the one
 * DOMPurify's XSS tests assert: no script runs — no alert, confirm, prompt
 * or print is called, no dialog opens, the page does not navigate and nothing
 * opens a window. Every rendered tree is also inspected: no event handler
 * attribute, no script-capable element, no link or source to javascript:,
 * data:, vbscript: (what a click would run).
 *
 * Our allow-list is stricter than DOMPurify's default, so its expected output
 * is compared as classes (docs/decisions.md, issue 13): where ours differs,
 * it may only drop what DOMPurify keeps (elements, attributes, their text),
 * never keep something DOMPurify drops.
 */

jest.setTimeout(180_000);

type Fixture = XssFixture;

const label = (fixture: Fixture, index: number) => `#${index} ${fixture.title ?? fixture.payload.slice(0, 60)}`;

// The item's link, as the fetcher passes it: relative addresses in the item are resolved against it.
const ITEM_LINK = 'https://feed.example/posts/item.html';

/** Attributes the sanitizer adds on purpose (every link in a new tab without the opener; lazy, referrer-less images). */
const ADDED = new Set(['a@target', 'a@rel', 'img@loading', 'img@referrerpolicy']);

/**
 * The page both sinks render into. Every way a payload could run code reports
 * to window.__xss: alert, confirm, prompt, print and open are replaced in the
 * page and in every frame written. `__render` puts HTML in through innerHTML
 * (how the admin shows an item) or through document.write into a fresh frame
 * (DOMPurify's third sink, the parser's own entry point), lets timers and
 * error events run, and returns the calls it caused.
 */
const HOOKS = `
  window.__xss = [];
  window.__hook = (win, where) => {
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      win[name] = (...args) => { window.__xss.push(where + ': ' + name + '(' + args.map(String).join(',') + ')'); };
    }
  };
  window.__hook(window, 'page');
  window.__render = async (html, sink) => {
    const before = window.__xss.length;
    const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    if (sink === 'innerHTML') {
      const root = document.getElementById('root');
      root.innerHTML = html;
      await wait(15);
      root.innerHTML = '';
    } else {
      const frame = document.createElement('iframe');
      document.body.appendChild(frame);
      const doc = frame.contentDocument;
      doc.open();
      doc.write('<script>parent.__hook(window, "frame")<\\/script>' + html);
      doc.close();
      await wait(15);
      frame.remove();
    }
    return window.__xss.slice(before);
  };
`;
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><script>${HOOKS}</script></head><body><div id="root"></div></body></html>`;

type Render = (html: string, sink: 'innerHTML' | 'document.write') => Promise<string[]>;

interface Shape {
  tags: string[];
  attrs: string[];
  text: string;
  dangers: string[];
  /** addresses that look like javascript:/data: once every Unicode space is removed, but that Chromium reads as relative paths */
  inert: string[];
}

/** Runs in Chromium: the parsed tree of an HTML fragment, and anything in it that could run script. */
function shapeOf(html: string): Shape {
  const template = document.createElement('template');
  template.innerHTML = html;
  const tags: string[] = [];
  const attrs: string[] = [];
  const dangers: string[] = [];
  const inert: string[] = [];
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
    const tag = node.localName;
    tags.push(tag);
    if (['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'base', 'form', 'template'].includes(tag))
      dangers.push(`<${tag}>`);
    for (const attr of Array.from(node.attributes)) {
      attrs.push(`${tag}@${attr.name}=${attr.value}`);
      if (/^on/i.test(attr.name) || attr.name === 'srcdoc' || attr.name === 'style') dangers.push(`${tag}@${attr.name}`);
      // What a click or a load would follow, as Chromium's own URL parser reads the address against the item's link.
      if (/^(href|src|action|formaction|xlink:href|cite|poster|background|data)$/i.test(attr.name)) {
        let protocol = 'invalid:';
        try {
          protocol = new URL(attr.value, 'https://feed.example/posts/item.html').protocol;
        } catch {
          // an address the browser cannot parse goes nowhere
        }
        if (!['http:', 'https:', 'mailto:', 'invalid:'].includes(protocol)) dangers.push(`${tag}@${attr.name}=${protocol}`);
        else if (
          /^(javascript|vbscript|data):/i.test(
            // eslint-disable-next-line no-control-regex
            attr.value.replace(/[\s\u0000-\u001f\u007f-\u00a0\u1680\u180e\u2000-\u200b\u205f\u3000\ufeff]/g, '')
          )
        ) {
          inert.push(`${tag}@${attr.name}=${attr.value}`);
        }
      }
    }
  }
  return { tags, attrs, text: template.content.textContent ?? '', dangers, inert };
}

type Difference =
  'same' | 'drops elements' | 'drops attributes' | 'drops text' | 'keeps inert links' | 'keeps what DOMPurify empties' | 'keeps more';

/** How our output differs from one of DOMPurify's accepted outputs, with our deliberate additions set aside. */
function compare(ours: Shape, theirs: Shape): Difference {
  const ourAttrs = ours.attrs.filter((a) => !ADDED.has(a.slice(0, a.indexOf('='))));
  /** what `mine` holds that `other` does not, counted as multisets */
  const extra = (mine: string[], other: string[]) => {
    const left = [...other];
    return mine.filter((item) => {
      const at = left.indexOf(item);
      if (at >= 0) left.splice(at, 1);
      return at < 0;
    });
  };
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  // Ours holding an element or attribute DOMPurify's answer does not: a difference the wrong way,
  // unless it is only links Chromium reads as relative paths (DOMPurify drops them out of caution).
  const extraAttrs = extra(ourAttrs, theirs.attrs);
  // A payload DOMPurify answers with nothing at all (a <frameset> voiding the body, an <xmp> it removes whole
  // against mutation XSS): ours keeps allow-listed elements without attributes, or the raw text escaped as text.
  if (!theirs.tags.length && !norm(theirs.text) && (ours.tags.length || norm(ours.text)) && !ours.dangers.length && !extraAttrs.length) {
    return 'keeps what DOMPurify empties';
  }
  if (extra(ours.tags, theirs.tags).length) return 'keeps more';
  if (extraAttrs.length) return extraAttrs.every((a) => ours.inert.includes(a)) ? 'keeps inert links' : 'keeps more';
  if (ours.tags.length !== theirs.tags.length) return 'drops elements';
  if (ourAttrs.length !== theirs.attrs.length) return 'drops attributes';
  if (norm(ours.text) !== norm(theirs.text)) return 'drops text';
  return 'same';
}

describe('DOMPurify fixtures through our sanitizer, rendered in Chromium', () => {
  const fixtures = loadXssFixtures();
  let browser: Browser;
  let page: Page;
  let clean: FeedSanitizer;
  const dialogs: string[] = [];
  const navigations: string[] = [];
  const popups: string[] = [];

  beforeAll(async () => {
    clean = await loadSanitizer();
    browser = await launchBrowser();
    page = await browser.newPage();
    // Nothing leaves the machine: resolved images and links point at feed.example.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('popup', (popup) => popups.push(popup.url()));
    await page.setContent(PAGE);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('vendors DOMPurify 3.4.14 fixture file whole', () => {
    expect(fixtures).toHaveLength(223);
    for (const f of fixtures) expect(typeof f.payload).toBe('string');
  });

  it('runs no script from any payload after sanitizing, through innerHTML or document.write', async () => {
    const outputs = fixtures.map((f, i) => ({
      title: label(f, i),
      withBase: clean.html(f.payload, ITEM_LINK),
      bare: clean.html(f.payload),
    }));
    const fired = await page.evaluate(async (list) => {
      const render = (window as unknown as { __render: Render }).__render;
      const found: Array<{ title: string; sink: string; calls: string[] }> = [];
      for (const output of list) {
        for (const [sink, html, how] of [
          ['innerHTML', output.withBase, 'innerHTML'],
          ['innerHTML, no base', output.bare, 'innerHTML'],
          ['document.write', output.withBase, 'document.write'],
        ] as const) {
          const calls = await render(html, how);
          if (calls.length) found.push({ title: output.title, sink, calls });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { found, total: (window as unknown as { __xss: string[] }).__xss.length };
    }, outputs);
    console.log(
      `DOMPurify fixtures: ${fixtures.length} payloads × 3 renderings in Chromium; script ran ${fired.total} times, ${dialogs.length} dialogs, ${navigations.length} navigations, ${popups.length} pop-ups`
    );
    expect(fired.found).toEqual([]);
    expect(fired.total).toBe(0);
    expect(dialogs).toEqual([]);
    expect(navigations).toEqual([]);
    expect(popups).toEqual([]);
  });

  it('the detector itself fires on the raw payloads (it would see a script that ran)', async () => {
    // The same rendering without the sanitizer: if no raw payload ran, the check above would prove nothing.
    const raw = fixtures.filter((f) => /alert/.test(f.payload)).map((f) => f.payload);
    // A page of its own: raw payloads may break the page they run in.
    const rawPage = await browser.newPage();
    rawPage.on('dialog', (dialog) => void dialog.dismiss());
    await rawPage.route('**/*', (route) => route.abort());
    await rawPage.setContent(PAGE);
    const fired = await rawPage.evaluate(async (payloads) => {
      const render = (window as unknown as { __render: Render }).__render;
      const count = { innerHTML: 0, 'document.write': 0 };
      for (const html of payloads) {
        if ((await render(html, 'innerHTML')).length) count.innerHTML += 1;
        if ((await render(html, 'document.write')).length) count['document.write'] += 1;
      }
      return count;
    }, raw);
    console.log(
      `Detector check: of ${raw.length} raw payloads that call alert, ${fired.innerHTML} ran through innerHTML, ${fired['document.write']} through document.write`
    );
    await rawPage.close();
    expect(fired.innerHTML).toBeGreaterThan(10);
    expect(fired['document.write']).toBeGreaterThan(10);
  });

  it('leaves nothing script-capable in the tree, and differs from DOMPurify only by dropping more, but for two listed classes', async () => {
    const classes: Record<Difference, string[]> = {
      same: [],
      'drops elements': [],
      'drops attributes': [],
      'drops text': [],
      'keeps inert links': [],
      'keeps what DOMPurify empties': [],
      'keeps more': [],
    };
    const dangers: Array<{ title: string; dangers: string[] }> = [];
    const droppedTags = new Map<string, number>();
    const droppedAttrs = new Map<string, number>();
    const top = (counts: Map<string, number>) =>
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
    for (const [index, fixture] of fixtures.entries()) {
      const bare = clean.html(fixture.payload);
      const withBase = clean.html(fixture.payload, ITEM_LINK);
      const expected = Array.isArray(fixture.expected) ? fixture.expected : [fixture.expected];
      const [ours, oursWithBase, ...theirs] = await page.evaluate(
        ({ list, fn }) => {
          const shape = new Function(`return (${fn})`)() as (html: string) => Shape;
          return list.map((html) => shape(html));
        },
        { list: [bare, withBase, ...expected], fn: shapeOf.toString() }
      );
      for (const shape of [ours, oursWithBase])
        if (shape.dangers.length) dangers.push({ title: label(fixture, index), dangers: shape.dangers });
      // The closest of DOMPurify's accepted answers (its suite accepts any of them).
      const order: Difference[] = [
        'same',
        'drops text',
        'drops attributes',
        'drops elements',
        'keeps inert links',
        'keeps what DOMPurify empties',
        'keeps more',
      ];
      const verdict = theirs.map((t) => compare(ours, t)).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
      classes[verdict].push(label(fixture, index));
      // What DOMPurify keeps and we drop, by element and attribute name, for the classes in docs/decisions.md.
      for (const tag of theirs[0].tags) if (!ours.tags.includes(tag)) droppedTags.set(tag, (droppedTags.get(tag) ?? 0) + 1);
      for (const attr of new Set(theirs[0].attrs.map((a) => a.slice(a.indexOf('@') + 1, a.indexOf('='))))) {
        if (!ours.attrs.some((a) => a.slice(a.indexOf('@') + 1, a.indexOf('=')) === attr))
          droppedAttrs.set(attr, (droppedAttrs.get(attr) ?? 0) + 1);
      }
    }
    console.log(
      `DOMPurify expected output: ${fixtures.length} cases; ${classes.same.length} same as DOMPurify's, ` +
        `${classes['drops elements'].length} drop elements, ${classes['drops attributes'].length} drop attributes only, ` +
        `${classes['drops text'].length} drop text only, ${classes['keeps inert links'].length} keep links Chromium reads as relative, ` +
        `${classes['keeps what DOMPurify empties'].length} keep harmless text where DOMPurify gives nothing, ${classes['keeps more'].length} keep more than DOMPurify` +
        `\n  ${[...classes['keeps inert links'], ...classes['keeps what DOMPurify empties'], ...classes['keeps more']].join('\n  ')}`
    );
    console.log(`Dropped where DOMPurify keeps them (cases): elements ${top(droppedTags)}; attributes ${top(droppedAttrs)}`);
    expect(dangers).toEqual([]);
    expect(classes['keeps more']).toEqual([]);
    // The two classes where ours keeps something DOMPurify drops are listed in docs/decisions.md: a new member fails here.
    expect(classes['keeps inert links']).toEqual([
      '#13 JavaScript URIs using Unicode LS/PS I',
      '#14 JavaScript URIs using Unicode LS/PS II',
      '#15 JavaScript URIs using Unicode Whitespace',
    ]);
    expect(classes['keeps what DOMPurify empties']).toEqual([
      '#88 <div id="31"><frameset onload=alert(31)>//["\'`-->]]>]</div>',
      '#203 Tests against removal-based mXSS behavior 1/2',
    ]);
  });
});
