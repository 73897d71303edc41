/**
 * Demo data for the playground, written once: an admin, an editorial line, a
 * few sandbox accounts and articles. A marker in Strapi's store makes later
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

async function seedDemo(strapi) {
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
        { name: 'Tutorials', targetShare: 40, color: '#4945ff' },
        { name: 'Community', targetShare: 30, color: '#328048' },
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
    });
    const accounts = plugin.service('accounts');
    await accounts.create({ network: 'sandbox', name: 'Acme demo feed', handle: 'acme', editorialLineId: line.documentId });
    await accounts.create({ network: 'sandbox', name: 'Training ground', handle: 'training', editorialLineId: line.documentId });
    for (const article of ARTICLES) {
      await strapi.documents('api::article.article').create({ data: article, status: 'published' });
    }
    await store.set({ value: { at: new Date().toISOString(), admin: createdAdmin ? email : null } });
    strapi.log.info('[playground] demo data created: 1 editorial line, 2 sandbox accounts, 3 articles');
  }
  const seeded = await store.get();
  if (seeded && seeded.admin) {
    strapi.log.info(`[playground] demo login: ${seeded.admin} / ${process.env.DEMO_ADMIN_PASSWORD ? '(DEMO_ADMIN_PASSWORD)' : DEFAULT_PASSWORD}`);
  }
}

module.exports = { seedDemo, DEFAULT_EMAIL, DEFAULT_PASSWORD };
