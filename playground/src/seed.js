/**
 * Demo data for the playground, written once: an admin, an editorial line, a
 * few sandbox accounts, articles and a few weeks of posts. A marker in Strapi's store makes later
 * starts keep whatever the user changed.
 */
const DEFAULT_EMAIL = 'admin@example.com';
const DEFAULT_PASSWORD = 'Community-Demo-2026';

const ARTICLES = [
  {
    title: 'Five ways to plan a month of social posts',
    slug: 'plan-a-month-of-social-posts',
    excerpt: 'A calendar, three pillars and a few good habits are all it takes.',
    body: 'Start from your editorial line, then fill the calendar pillar by pillar.',
  },
  {
    title: 'Why we left the big platforms for the fediverse',
    slug: 'why-we-joined-the-fediverse',
    excerpt: 'Mastodon and Bluesky gave our community back its voice.',
    body: 'Open networks let us own our audience and talk to it without an algorithm in between.',
  },
  {
    title: 'Our spring product update',
    slug: 'spring-product-update',
    excerpt: 'Faster pages, a new editor and better accessibility.',
    body: 'Here is everything that shipped this spring.',
  },
];

async function ensureAdmin(strapi, email, password) {
  if (await strapi.service('admin::user').exists()) return false;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    firstname: 'Demo',
    lastname: 'Admin',
    password,
    isActive: true,
    roles: superAdmin ? [superAdmin.id] : [],
  });
  return true;
}

/**
 * The playground shows the article panel out of the box. A real install starts
 * with no content type enabled (the plugin cannot guess a site's public URLs);
 * here the settings are written only while nothing is stored, so a change made
 * on the settings page survives restarts.
 */
async function enableArticlePanel(strapi) {
  const store = strapi.store({ type: 'plugin', name: 'community-manager', key: 'settings' });
  if (await store.get()) return;
  const settings = strapi.plugin('community-manager').service('settings');
  const current = await settings.get();
  await settings.set({
    ...current,
    siteUrl: current.siteUrl || 'http://localhost:1337',
    contentTypes: [
      {
        uid: 'api::article.article',
        urlPattern: 'http://localhost:1337/blog/{slug}',
        fields: { title: null, excerpt: null, image: null },
        autoShare: {
          enabled: false,
          mode: 'draft',
          accountIds: [],
          template: '{title}\n\n{excerpt}\n\n{url}',
          delayMinutes: 0,
          timezone: 'UTC',
        },
      },
    ],
  });
}

/** The demo's planner: the seed acts as a person holding every posts permission would. */
const PLANNER = {
  id: 0,
  name: 'Demo seed',
  actions: ['posts.create', 'posts.approve', 'posts.publish'].map((action) => `plugin::community-manager.${action}`),
};

/** A few weeks of posts around today, so the calendar, the posts page and the article panel have something to show. */
const POSTS = [
  { day: 1, time: '09:00', title: 'Tutorial: plan a month', pillar: 'Tutorials', article: 0, steps: ['submit', 'approve', 'schedule'] },
  { day: 2, time: '12:30', title: 'Meet-up recap', pillar: 'Community', steps: ['submit', 'approve'] },
  { day: 3, time: '17:30', title: 'Why the fediverse', pillar: 'Community', article: 1, steps: ['submit'] },
  { day: 5, time: '09:00', title: 'Spring update teaser', pillar: 'Product news', article: 2, steps: [] },
  { day: 8, time: '12:30', title: 'Behind the scenes: our editorial line', pillar: 'Behind the scenes', steps: [] },
  { day: 10, time: '09:00', title: 'Tutorial: pillars and targets', pillar: 'Tutorials', steps: ['submit', 'approve', 'schedule'] },
  { day: 15, time: '17:30', title: 'Ask us anything', pillar: 'Community', steps: [] },
];

function localDay(offsetDays, time, timeZone) {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  return `${parts}T${time}`;
}

async function seedPosts(strapi, line, accountIds, articles) {
  const plans = strapi.plugin('community-manager').service('post-plans');
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  for (const post of POSTS) {
    const article = post.article === undefined ? null : articles[post.article];
    const body = article
      ? `${article.excerpt} #AcmeStudio\n\nhttp://localhost:1337/blog/${article.slug}`
      : `${post.title}: more on our site. #AcmeStudio`;
    const plan = await plans.create(
      {
        title: post.title,
        body,
        variants: {},
        accountIds: accountIds.slice(0, post.day % 2 ? 2 : 1),
        editorialLineId: line.documentId,
        schedule: { local: localDay(post.day, post.time, timezone), timezone },
        pillar: post.pillar,
        campaign: article ? 'Blog' : null,
        firstComment: null,
        utm: { enabled: Boolean(article), campaign: article ? 'blog' : undefined },
        entry: article ? { uid: 'api::article.article', documentId: article.documentId } : null,
        media: [],
      },
      PLANNER
    );
    for (const step of post.steps) await plans.transition(plan.documentId, step, undefined, PLANNER);
  }
}

/**
 * Eight weeks of posts already out on the demo's sandbox accounts, with their
 * figures, so the Reports page has something to show on a first start. The
 * figures are the sandbox's own (made up, deterministic): the collection job
 * is replayed day by day over the past weeks with its clock set, as if it had
 * run all along, then once at the real time. Its own marker: a demo
 * database made before reports existed gets the history too.
 */
const HISTORY = [
  ['How we plan a month of posts', 'Tutorials'],
  ['Meet the people behind our forum', 'Community'],
  ['Release notes: faster image uploads', 'Product news'],
  ['Tutorial: alt text that helps', 'Tutorials'],
  ['Ask us anything, the answers', 'Community'],
  ['A day in our support team', 'Behind the scenes'],
  ['Tutorial: scheduling across time zones', 'Tutorials'],
  ['Community showcase: five sites', 'Community'],
  ['Tutorial: hashtags per network', 'Tutorials'],
  ['New: approval workflow', 'Product news'],
  ['Tutorial: your first editorial line', 'Tutorials'],
  ['Thank you, 1,000 members', 'Community'],
  ['Release notes: calendar views', 'Product news'],
  ['Tutorial: reading your reports', 'Tutorials'],
  ['How we write release notes', 'Behind the scenes'],
  ['Tutorial: link previews', 'Tutorials'],
];
const DAY = 86_400_000;

async function seedReportHistory(strapi) {
  const store = strapi.store({ type: 'plugin', name: 'community-manager-playground', key: 'reports-seeded' });
  if (await store.get()) return;
  const plugin = strapi.plugin('community-manager');
  const demo = await strapi.db.query('plugin::community-manager.social-account').findMany({
    where: { network: 'sandbox', handle: { $in: ['@acme', '@training'] } },
    populate: { editorialLine: true },
  });
  const main = demo.find((a) => a.handle === '@acme');
  if (!main) return;
  const training = demo.find((a) => a.handle === '@training');
  const now = Date.now();
  const first = now - 56 * DAY;
  for (const [i, [title, pillar]] of HISTORY.entries()) {
    // Every three and a half days, at 09:00 or 17:30 UTC.
    const day = new Date(first + i * 3.5 * DAY);
    const at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), i % 2 ? 17 : 9, i % 2 ? 30 : 0);
    const accounts = training && i % 3 === 0 ? [main, training] : [main];
    const plan = await strapi.documents('plugin::community-manager.post-plan').create({
      data: {
        title,
        body: `${title}. More on our site. #AcmeStudio`,
        variants: {},
        status: 'published',
        pillar,
        campaign: pillar === 'Product news' ? 'Spring release' : null,
        scheduledAt: new Date(at),
        timezone: 'UTC',
        origin: 'manual',
        trail: [],
        accounts: accounts.map((a) => a.documentId),
        ...(main.editorialLine ? { editorialLine: main.editorialLine.documentId } : {}),
      },
    });
    for (const account of accounts) {
      await strapi.documents('plugin::community-manager.publication').create({
        data: {
          planDocumentId: plan.documentId,
          accountDocumentId: account.documentId,
          network: 'sandbox',
          state: 'published',
          dueMs: at,
          publishedMs: at + 2_000,
          attempts: 1,
          externalId: `sandbox:demo-${plan.documentId}-${account.handle.slice(1)}`,
          history: [{ at: new Date(at + 2_000).toISOString(), event: 'published', from: 'publishing', to: 'published', attempt: 1 }],
        },
      });
    }
  }
  // The collection, replayed: one pass a day since the first post, then one now.
  const reports = plugin.service('reports');
  try {
    for (let at = first; at < now; at += DAY) {
      reports.useClock(() => at);
      await reports.collect();
    }
  } finally {
    reports.useClock(null);
  }
  await reports.collect();
  await store.set({ value: { at: new Date().toISOString(), posts: HISTORY.length } });
  strapi.log.info(`[playground] report history created: ${HISTORY.length} published posts with their figures`);
}

/** What visitors said under the demo articles: the Moderation page's inbox, in English and French. */
const COMMENTS = [
  ['Great walkthrough, the three pillars made our planning so much easier. Thank you!', 'Priya N.', 'en', 0],
  ['Do you have a template for the monthly calendar? I could not find the download link.', 'Marco B.', 'en', 0],
  ['Super article, merci ! On a enfin un calendrier qui tient la route.', 'Claire M.', 'fr', 1],
  ['The feed has been broken for two days and nobody answers support emails. Very disappointed.', 'Sam K.', 'en', 1],
  ['Pas convaincu du tout, Mastodon reste trop compliqué pour nos clients.', 'Julien R.', 'fr', 1],
  ['We moved our agency to Bluesky last spring, happy to share what we learned.', 'Dana L.', 'en', 0],
];

/**
 * A few site comments under the articles, through the inbox's own ingest (as the signed site endpoint stores them):
 * sentiment, rules and counts run on them as on real ones. Kept apart from the first seed, like the report history,
 * so a playground made before the inbox existed gets them too.
 */
async function seedInbox(strapi) {
  const store = strapi.store({ type: 'plugin', name: 'community-manager-playground', key: 'inbox-seeded' });
  if (await store.get()) return;
  const inbox = strapi.plugin('community-manager').service('inbox');
  const now = Date.now();
  for (const [i, [text, name, language, article]] of COMMENTS.entries()) {
    const { slug, title } = ARTICLES[article];
    await inbox.ingestSite({
      id: `demo-comment-${i + 1}`,
      postUrl: `http://localhost:1337/blog/${slug}`,
      postTitle: title,
      author: { name },
      text,
      language,
      // The last two days, oldest first.
      createdAt: new Date(now - (COMMENTS.length - i) * 7 * 3_600_000).toISOString(),
    });
  }
  await store.set({ value: { at: new Date().toISOString(), comments: COMMENTS.length } });
  strapi.log.info(`[playground] inbox created: ${COMMENTS.length} site comments`);
}

async function seedDemo(strapi) {
  await enableArticlePanel(strapi);
  const email = process.env.DEMO_ADMIN_EMAIL || DEFAULT_EMAIL;
  const password = process.env.DEMO_ADMIN_PASSWORD || DEFAULT_PASSWORD;
  const store = strapi.store({ type: 'plugin', name: 'community-manager-playground', key: 'seeded' });
  if (!(await store.get())) {
    const createdAdmin = await ensureAdmin(strapi, email, password);
    const plugin = strapi.plugin('community-manager');
    const line = await plugin.service('editorial-lines').create({
      name: 'Acme Studio',
      description: 'The voice of Acme Studio on every network.',
      audience: 'Web teams and agencies who build sites with open-source tools.',
      personas: [
        { name: 'Agency lead', description: 'Runs a small agency, wants reliable tools and clear reports.' },
        { name: 'Site editor', description: 'Writes the articles and wants them shared without extra work.' },
      ],
      tone: 'Warm, precise, never salesy. We explain, we do not shout.',
      guidelines: 'One idea per post. Link to the article. No more than two emoji.',
      pillars: [
        { name: 'Tutorials', targetShare: 40, color: '#4945ff', engagementTarget: 12 },
        { name: 'Community', targetShare: 30, color: '#328048', engagementTarget: 8 },
        { name: 'Product news', targetShare: 20, color: '#d9822f' },
        { name: 'Behind the scenes', targetShare: 10, color: '#ac73e6' },
      ],
      hashtags: { required: ['AcmeStudio'], suggested: ['OpenSource', 'WebDev', 'Strapi'] },
      bannedWords: ['cheap', 'guaranteed', 'click here'],
      languages: ['en', 'fr'],
      frequencyTargets: [
        { network: 'mastodon', perWeek: 5 },
        { network: 'bluesky', perWeek: 5 },
        { network: 'linkedin', perWeek: 3 },
      ],
      // What the Reports page measures the demo against (docs/reports.md, "Targets").
      kpiTargets: { engagementPerPost: 10, followerGrowthPerMonth: 2, firstResponseMinutes: 120, positiveShare: 50, negativeShare: 15 },
      campaignTargets: [{ campaign: 'Spring release', posts: 6, engagements: 150 }],
    });
    const accounts = plugin.service('accounts');
    const demo = await accounts.create({ network: 'sandbox', name: 'Acme demo feed', handle: 'acme', editorialLineId: line.documentId });
    const training = await accounts.create({
      network: 'sandbox',
      name: 'Training ground',
      handle: 'training',
      editorialLineId: line.documentId,
    });
    const articles = [];
    for (const article of ARTICLES) {
      articles.push({ ...article, ...(await strapi.documents('api::article.article').create({ data: article, status: 'published' })) });
    }
    await seedPosts(strapi, line, [demo.documentId, training.documentId], articles);
    await store.set({ value: { at: new Date().toISOString(), admin: createdAdmin ? email : null } });
    strapi.log.info(`[playground] demo data created: 1 editorial line, 2 sandbox accounts, 3 articles, ${POSTS.length} posts`);
  }
  await seedReportHistory(strapi);
  await seedInbox(strapi);
  const seeded = await store.get();
  if (seeded && seeded.admin) {
    announceLogin(strapi, [
      'Community Manager demo: ready',
      `Open   ${strapi.config.get('admin.absoluteUrl') || 'http://localhost:1337/admin'}`,
      `Login  ${seeded.admin} / ${process.env.DEMO_ADMIN_PASSWORD ? '(DEMO_ADMIN_PASSWORD)' : DEFAULT_PASSWORD}`,
    ]);
  }
}

/** Lines in a box, so the eye finds them in a terminal. */
function frame(lines) {
  const width = Math.max(...lines.map((line) => line.length));
  const bar = '─'.repeat(width + 2);
  return ['', `┌${bar}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${bar}┘`, ''].join('\n');
}

/**
 * The demo login, printed last: once Strapi has listened and printed its own
 * banner (postListen), not in the middle of some sixty migration and startup
 * lines where a new user missed it. `[playground] demo login:` stays in the
 * log for whoever greps for it.
 */
function announceLogin(strapi, lines) {
  const print = () => process.stdout.write(`${frame(lines)}\n`);
  strapi.log.info(`[playground] demo login: ${lines[2].replace(/^Login\s+/, '')}`);
  if (typeof strapi.postListen !== 'function') {
    strapi.server?.httpServer?.once('listening', () => setImmediate(print));
    return;
  }
  const postListen = strapi.postListen.bind(strapi);
  strapi.postListen = async (...args) => {
    await postListen(...args);
    print();
  };
}

module.exports = { seedDemo, enableArticlePanel, DEFAULT_EMAIL, DEFAULT_PASSWORD, HISTORY };
