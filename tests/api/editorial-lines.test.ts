import { startApp, bearer, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.stop());

const brand = {
  name: 'Acme Studio',
  audience: 'Agencies building sites with open-source tools',
  personas: [{ name: 'Agency lead', description: 'Wants reliable tools' }],
  tone: 'Warm and precise',
  pillars: [
    { name: 'Tutorials', targetShare: 50, color: '#4945ff' },
    { name: 'Community', targetShare: 30 },
  ],
  hashtags: { required: ['#AcmeStudio'], suggested: ['OpenSource'] },
  bannedWords: ['cheap', 'click here'],
  languages: ['en', 'fr-CA'],
  frequencyTargets: [{ network: 'mastodon', perWeek: 5 }],
};

describe('a community manager sets up the editorial line', () => {
  let documentId: string;

  it('creates a line with pillars, hashtags and banned words', async () => {
    const res = await app.http.post('/community-manager/editorial-lines').set(bearer(app.token)).send(brand);
    expect(res.status).toBe(200);
    documentId = res.body.data.documentId;
    expect(res.body.data).toMatchObject({
      name: 'Acme Studio',
      pillars: brand.pillars,
      hashtags: { required: ['AcmeStudio'], suggested: ['OpenSource'] },
      bannedWords: ['cheap', 'click here'],
      frequencyTargets: [{ network: 'mastodon', perWeek: 5 }],
      accountCount: 0,
    });
  });

  it('lists and reads it back', async () => {
    const list = await app.http.get('/community-manager/editorial-lines').set(bearer(app.token));
    expect(list.body.data.map((l: { name: string }) => l.name)).toEqual(['Acme Studio']);
    const one = await app.http.get(`/community-manager/editorial-lines/${documentId}`).set(bearer(app.token));
    expect(one.body.data.tone).toBe('Warm and precise');
  });

  it('keeps one line per brand: a second brand is fine, a duplicate name is refused', async () => {
    const other = await app.http.post('/community-manager/editorial-lines').set(bearer(app.token)).send({ name: 'Acme Labs' });
    expect(other.status).toBe(200);
    const dup = await app.http.post('/community-manager/editorial-lines').set(bearer(app.token)).send({ name: 'acme studio' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details.errors[0].path).toEqual(['name']);
    // The admin translates the code and its facts; the English stays for API clients.
    expect(dup.body.error.details).toMatchObject({ code: 'duplicate', messageId: 'line_name_taken', params: { name: 'acme studio' } });
    expect(dup.body.error.details.errors[0]).toMatchObject({ messageId: 'line_name_taken', params: { name: 'acme studio' } });
    expect(dup.body.error.message).toBe('An editorial line named "acme studio" already exists');
  });

  it('refuses pillars whose shares exceed 100 % and names the field', async () => {
    const res = await app.http
      .put(`/community-manager/editorial-lines/${documentId}`)
      .set(bearer(app.token))
      .send({ ...brand, pillars: [...brand.pillars, { name: 'News', targetShare: 21 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['pillars']);
    expect(res.body.error.message).toMatch(/101 %/);
    expect(res.body.error.details.errors[0]).toMatchObject({ messageId: 'pillar_shares_total', params: { total: 101 } });
    const unchanged = await app.http.get(`/community-manager/editorial-lines/${documentId}`).set(bearer(app.token));
    expect(unchanged.body.data.pillars).toHaveLength(2);
  });

  it('updates the whole line', async () => {
    const res = await app.http
      .put(`/community-manager/editorial-lines/${documentId}`)
      .set(bearer(app.token))
      .send({ ...brand, tone: 'Playful', bannedWords: ['cheap', 'gratuit'] });
    expect(res.status).toBe(200);
    expect(res.body.data.tone).toBe('Playful');
    expect(res.body.data.bannedWords).toEqual(['cheap', 'gratuit']);
  });

  it('lints a post against the line: banned word, missing hashtag and length as the network counts', async () => {
    const res = await app.http
      .post('/community-manager/lint')
      .set(bearer(app.token))
      .send({ text: 'Our CHEAP plans are here 🎉', network: 'bluesky', editorialLineId: documentId });
    expect(res.status).toBe(200);
    const codes = res.body.data.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['banned_word', 'missing_hashtag']));
    expect(res.body.data.ok).toBe(false);
    expect(res.body.data.length).toMatchObject({ unit: 'graphemes', counted: 26, limit: 300, bytes: 29, byteLimit: 3000 });
    const banned = res.body.data.findings.find((f: { code: string }) => f.code === 'banned_word');
    expect(banned.ranges).toEqual([{ start: 4, end: 9 }]);
  });

  it('says a clean post is fine', async () => {
    const res = await app.http
      .post('/community-manager/lint')
      .set(bearer(app.token))
      .send({ text: 'New tutorial: plan a month of posts #AcmeStudio', network: 'mastodon', editorialLineId: documentId });
    expect(res.body.data.ok).toBe(true);
  });

  it('answers 404 for a line that does not exist, and deletes one that does', async () => {
    const missing = await app.http.get('/community-manager/editorial-lines/doesnotexist0').set(bearer(app.token));
    expect(missing.status).toBe(404);
    expect(missing.body.error.details).toMatchObject({ messageId: 'line_not_found' });
    const del = await app.http.delete(`/community-manager/editorial-lines/${documentId}`).set(bearer(app.token));
    expect(del.status).toBe(200);
    expect((await app.http.get(`/community-manager/editorial-lines/${documentId}`).set(bearer(app.token))).status).toBe(404);
  });
});
