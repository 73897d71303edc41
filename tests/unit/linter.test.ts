import {
  countLength,
  findHashtags,
  lint,
  loadTwitterText,
  LENGTH_RULES,
  NETWORKS,
  type LintResult,
  type LintRules,
} from '../../shared/linter';

// The server loads twitter-text on first use (boot time); the linter's callers await it, so do the tests.
beforeAll(() => loadTwitterText());

// Hard strings, spelled with escapes so the byte and code point arithmetic below can be checked by eye.
// Family: 4 emoji (4 UTF-8 bytes, 2 UTF-16 units each) joined by 3 ZWJ U+200D (3 bytes, 1 unit each)
// → 1 grapheme, 7 code points, 16 + 9 = 25 bytes, 8 + 3 = 11 UTF-16 units.
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
// Flag: 2 regional indicators of 4 bytes → 1 grapheme, 2 code points, 8 bytes.
const FLAG_FR = '\u{1F1EB}\u{1F1F7}';
// e + COMBINING ACUTE U+0301 (2 bytes) → 1 grapheme, 2 code points, 3 bytes.
const E_ACUTE_DECOMPOSED = 'e\u0301';
const NNBSP = '\u202F'; // narrow no-break space, before ! ? : » in French
const NBSP = '\u00A0';

const codes = (result: LintResult) => result.findings.map((finding) => finding.code);
const noRules: LintRules = { bannedWords: [], requiredHashtags: [] };

describe('counting length the way each network counts', () => {
  it('a family emoji is one grapheme of 25 bytes on Bluesky, 2 on X and 7 characters on LinkedIn', () => {
    expect(countLength(FAMILY, 'bluesky')).toMatchObject({ unit: 'graphemes', counted: 1, bytes: 25, byteLimit: 3000 });
    expect(countLength(FAMILY, 'mastodon').counted).toBe(1);
    expect(countLength(FAMILY, 'x')).toMatchObject({ unit: 'weighted', counted: 2 });
    expect(countLength(FAMILY, 'linkedin')).toMatchObject({ unit: 'characters', counted: 7 });
  });

  it('a French flag is one grapheme of 8 bytes on Bluesky and 2 code points on Instagram', () => {
    expect(countLength(FLAG_FR, 'bluesky')).toMatchObject({ counted: 1, bytes: 8 });
    expect(countLength(FLAG_FR, 'instagram').counted).toBe(2);
  });

  it('Japanese text weighs 2 per character on X but 1 grapheme each on Bluesky', () => {
    const japanese = '日本語のテキスト'; // 8 characters, 3 UTF-8 bytes each
    expect(countLength(japanese, 'x').counted).toBe(16);
    expect(countLength(japanese, 'bluesky')).toMatchObject({ counted: 8, bytes: 24 });
    expect(countLength(japanese, 'threads').counted).toBe(8);
  });

  it('an accent typed as a combining mark is one grapheme of 3 bytes, but 2 characters on LinkedIn', () => {
    expect(countLength(E_ACUTE_DECOMPOSED, 'bluesky')).toMatchObject({ counted: 1, bytes: 3 });
    expect(countLength(E_ACUTE_DECOMPOSED, 'mastodon').counted).toBe(1);
    expect(countLength(E_ACUTE_DECOMPOSED, 'linkedin').counted).toBe(2);
    // X normalises to NFC first, so é weighs like any Latin letter.
    expect(countLength(E_ACUTE_DECOMPOSED, 'x').counted).toBe(1);
  });

  it('French typography counts one per sign, except X which weighs the narrow no-break space 2', () => {
    // P r i x NNBSP : space « NBSP t o p NBSP » space l ’ é t é NNBSP !  → 22 signs.
    const french = `Prix${NNBSP}: «${NBSP}top${NBSP}» l’été${NNBSP}!`;
    expect(countLength(french, 'bluesky').counted).toBe(22);
    expect(countLength(french, 'mastodon').counted).toBe(22);
    expect(countLength(french, 'instagram').counted).toBe(22);
    // Bytes: 13 ASCII + 2×3 (U+202F) + 2×2 (« ») + 2×2 (U+00A0) + 3 (’) + 2×2 (é) = 34.
    expect(countLength(french, 'bluesky').bytes).toBe(34);
    // X weighs 1 only up to U+10FF and in a few punctuation blocks; U+202F is outside them.
    expect(countLength(french, 'x').counted).toBe(24);
  });

  it('every URL counts 23 on Mastodon and X, but its real length on Bluesky', () => {
    const text = 'Read https://example.com/a and https://example.org/some/very/long/path?x=1';
    // "Read " + 23 + " and " + 23
    expect(countLength(text, 'mastodon').counted).toBe(56);
    expect(countLength(text, 'x').counted).toBe(56);
    // 5 + 21 + 5 + 43
    expect(countLength(text, 'bluesky').counted).toBe(74);
  });

  it('a Mastodon URL shorter than 23 still counts 23, and the period ending the sentence is not part of it', () => {
    expect(countLength('https://t.co/a', 'mastodon').counted).toBe(23);
    expect(countLength('See https://example.com.', 'mastodon').counted).toBe(4 + 23 + 1);
  });

  it('a remote mention @alice@example.social counts as @alice on Mastodon only', () => {
    const text = 'Hi @alice@example.social!';
    expect(countLength(text, 'mastodon').counted).toBe('Hi @alice!'.length);
    expect(countLength(text, 'bluesky').counted).toBe(25);
  });

  it('a Mastodon instance limit overrides the default 500, and a nonsense override is ignored', () => {
    expect(countLength('hello', 'mastodon', { limit: 1000 }).limit).toBe(1000);
    expect(countLength('hello', 'mastodon', { limit: 0 }).limit).toBe(500);
    expect(countLength('hello', 'mastodon', { limit: Number.NaN }).limit).toBe(500);
  });

  it('every network has a rule, and only Instagram counts hashtags', () => {
    expect(Object.keys(LENGTH_RULES).sort()).toEqual([...NETWORKS].sort());
    expect(countLength('#a #b', 'instagram')).toMatchObject({ hashtags: 2, maxHashtags: 30 });
    expect(countLength('#a #b', 'threads').hashtags).toBeUndefined();
  });
});

describe('refusing posts at each network limit', () => {
  it('a 500-family-emoji Mastodon post passes, 501 is too long', () => {
    expect(lint({ text: FAMILY.repeat(500), network: 'mastodon' }).ok).toBe(true);
    const over = lint({ text: FAMILY.repeat(501), network: 'mastodon' });
    expect(over.ok).toBe(false);
    expect(over.findings).toEqual([
      expect.objectContaining({
        code: 'too_long',
        severity: 'error',
        params: { network: 'mastodon', counted: 501, limit: 500, unit: 'graphemes' },
      }),
    ]);
  });

  it('a Mastodon post at 500 with a long URL passes because the URL counts 23', () => {
    const url = 'https://example.com/' + 'p'.repeat(100);
    expect(lint({ text: 'a'.repeat(476) + ' ' + url, network: 'mastodon' }).ok).toBe(true);
    expect(codes(lint({ text: 'a'.repeat(477) + ' ' + url, network: 'mastodon' }))).toEqual(['too_long']);
  });

  it('a Mastodon instance allowing 1000 accepts 501 graphemes', () => {
    expect(lint({ text: FAMILY.repeat(501), network: 'mastodon', limit: 1000 }).ok).toBe(true);
  });

  it('a 300-grapheme Bluesky post passes, 301 is too long', () => {
    expect(lint({ text: 'a'.repeat(300), network: 'bluesky' }).ok).toBe(true);
    expect(codes(lint({ text: 'a'.repeat(301), network: 'bluesky' }))).toEqual(['too_long']);
  });

  it('a 300-grapheme Bluesky post of flags passes: 2400 bytes is under 3000', () => {
    const result = lint({ text: FLAG_FR.repeat(300), network: 'bluesky' });
    expect(result.length).toMatchObject({ counted: 300, bytes: 2400 });
    expect(result.ok).toBe(true);
  });

  it('a 300-grapheme Bluesky post of family emoji is refused on bytes, not on length', () => {
    const result = lint({ text: FAMILY.repeat(300), network: 'bluesky' });
    expect(codes(result)).toEqual(['too_many_bytes']);
    expect(result.findings[0].params).toEqual({ network: 'bluesky', bytes: 7500, byteLimit: 3000 });
  });

  it('a Bluesky post of exactly 300 graphemes and 3000 bytes passes; one more byte fails', () => {
    // 100 × 25 + 100 × 2 (é) + 100 × 3 (の) = 3000 bytes in 300 graphemes.
    const atLimit = FAMILY.repeat(100) + 'é'.repeat(100) + 'の'.repeat(100);
    expect(lint({ text: atLimit, network: 'bluesky' }).length).toMatchObject({ counted: 300, bytes: 3000 });
    expect(lint({ text: atLimit, network: 'bluesky' }).ok).toBe(true);

    const oneByteOver = FAMILY.repeat(100) + 'é'.repeat(99) + 'の'.repeat(101);
    expect(codes(lint({ text: oneByteOver, network: 'bluesky' }))).toEqual(['too_many_bytes']);
  });

  it('an X post of 280 weighted passes and 281 is too long, whatever the script', () => {
    expect(lint({ text: 'a'.repeat(280), network: 'x' }).ok).toBe(true);
    expect(codes(lint({ text: 'a'.repeat(281), network: 'x' }))).toEqual(['too_long']);
    expect(lint({ text: '日'.repeat(140), network: 'x' }).ok).toBe(true);
    expect(lint({ text: '日'.repeat(141), network: 'x' }).findings[0].params.counted).toBe(282);
    expect(lint({ text: FAMILY.repeat(140), network: 'x' }).ok).toBe(true);
  });

  it('an X post reaches 280 with a long URL counted as 23', () => {
    const url = 'https://example.com/a/very/long/path/that/is/long';
    expect(lint({ text: 'x'.repeat(256) + ' ' + url, network: 'x' }).length.counted).toBe(280);
    expect(lint({ text: 'x'.repeat(257) + ' ' + url, network: 'x' }).ok).toBe(false);
  });

  it('a LinkedIn post counts code points: 1500 decomposed é are 3000 characters, one more is too long', () => {
    expect(lint({ text: E_ACUTE_DECOMPOSED.repeat(1500), network: 'linkedin' }).ok).toBe(true);
    expect(codes(lint({ text: E_ACUTE_DECOMPOSED.repeat(1500) + 'a', network: 'linkedin' }))).toEqual(['too_long']);
  });

  it('a Facebook post passes at 63206 characters and fails at 63207', () => {
    expect(lint({ text: 'a'.repeat(63206), network: 'facebook' }).ok).toBe(true);
    expect(codes(lint({ text: 'a'.repeat(63207), network: 'facebook' }))).toEqual(['too_long']);
  });

  it('an Instagram caption of 1100 flags is 2200 characters and passes; one more character fails', () => {
    expect(lint({ text: FLAG_FR.repeat(1100), network: 'instagram' }).ok).toBe(true);
    expect(codes(lint({ text: FLAG_FR.repeat(1100) + '!', network: 'instagram' }))).toEqual(['too_long']);
  });

  it('an Instagram caption with 30 hashtags passes, 31 is refused and the 31st tag is highlighted', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i + 1}`).join(' ');
    expect(lint({ text: tags(30), network: 'instagram' }).ok).toBe(true);

    const text = tags(31);
    const result = lint({ text, network: 'instagram' });
    expect(codes(result)).toEqual(['too_many_hashtags']);
    expect(result.findings[0].params).toEqual({ network: 'instagram', hashtags: 31, maxHashtags: 30 });
    const [range] = result.findings[0].ranges ?? [];
    expect(text.slice(range.start, range.end)).toBe('#tag31');
  });

  it('a Threads post of 500 emoji passes: each emoji is one character, not two UTF-16 units', () => {
    expect(lint({ text: '😀'.repeat(500), network: 'threads' }).ok).toBe(true);
    expect(codes(lint({ text: '😀'.repeat(501), network: 'threads' }))).toEqual(['too_long']);
  });

  it('a webhook payload passes at 40000 characters and a sandbox post at 5000; one more fails', () => {
    expect(lint({ text: 'a'.repeat(40000), network: 'webhook' }).ok).toBe(true);
    expect(codes(lint({ text: 'a'.repeat(40001), network: 'webhook' }))).toEqual(['too_long']);
    expect(lint({ text: 'a'.repeat(5000), network: 'sandbox' }).ok).toBe(true);
    expect(codes(lint({ text: 'a'.repeat(5001), network: 'sandbox' }))).toEqual(['too_long']);
  });

  it('a blank post is refused on every network', () => {
    for (const network of NETWORKS) {
      expect(codes(lint({ text: ` \n${NBSP}`, network }))).toEqual(['empty']);
    }
    expect(lint({ text: '', network: 'x', rules: noRules }).ok).toBe(false);
  });
});

describe('banned words', () => {
  const banning = (...bannedWords: string[]): LintRules => ({ bannedWords, requiredHashtags: [] });

  it('"gratuit" is caught in capitals and with a diaeresis, and each range points at the word', () => {
    const text = 'C’est GRATUIT et Gratuït !';
    const result = lint({ text, network: 'mastodon', rules: banning('gratuit') });
    expect(result.ok).toBe(false);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({
      code: 'banned_word',
      severity: 'error',
      message: 'Banned word "gratuit" (used 2 times)',
      params: { word: 'gratuit', count: 2 },
    });
    expect(finding.ranges).toEqual([
      { start: 6, end: 13 },
      { start: 17, end: 24 },
    ]);
    expect(finding.ranges?.map(({ start, end }) => text.slice(start, end))).toEqual(['GRATUIT', 'Gratuït']);
  });

  it('a range covers the combining mark of a decomposed accent so the highlight does not split a letter', () => {
    const text = `Tout est Gratui\u0308t.`;
    const [finding] = lint({ text, network: 'bluesky', rules: banning('gratuit') }).findings;
    expect(finding.ranges).toEqual([{ start: 9, end: 17 }]);
    expect(finding.message).toBe('Banned word "gratuit" (used 1 time)');
  });

  it('ranges are UTF-16 offsets, so an emoji before the word shifts them by its code units', () => {
    const text = `${FAMILY} gratuit`;
    const [finding] = lint({ text, network: 'x', rules: banning('gratuit') }).findings;
    expect(finding.ranges).toEqual([{ start: 12, end: 19 }]);
  });

  it('an accented banned word also catches the word typed without accents', () => {
    const result = lint({ text: 'Offre ETE et offre Été', network: 'linkedin', rules: banning('été') });
    expect(result.findings[0].params.count).toBe(2);
  });

  it('"art" does not match inside "partenaire" but matches after an apostrophe', () => {
    expect(lint({ text: 'Notre partenaire', network: 'linkedin', rules: banning('art') }).ok).toBe(true);
    const text = 'Notre partenaire aime l’art.';
    const [finding] = lint({ text, network: 'linkedin', rules: banning('art') }).findings;
    expect(finding.params.count).toBe(1);
    expect(finding.ranges?.map(({ start, end }) => text.slice(start, end))).toEqual(['art']);
  });

  it('a word boundary is Unicode-aware: "cafe" does not match inside "cafés" nor after "é"', () => {
    expect(lint({ text: 'Nos cafés', network: 'x', rules: banning('cafe') }).ok).toBe(true);
    expect(lint({ text: 'écafe', network: 'x', rules: banning('cafe') }).ok).toBe(true);
  });

  it('a phrase matches across a no-break space, in any case and accent, but not as part of a longer word', () => {
    const text = `Des prix cassés, un PRIX${NBSP}CASSE !`;
    const [finding] = lint({ text, network: 'facebook', rules: banning('prix cassé') }).findings;
    expect(finding.params.count).toBe(1);
    expect(finding.ranges?.map(({ start, end }) => text.slice(start, end))).toEqual([`PRIX${NBSP}CASSE`]);
  });

  it('a banned phrase typed with a straight apostrophe catches the typographic one', () => {
    const text = 'Profitez de L’offre';
    const [finding] = lint({ text, network: 'threads', rules: banning("l'offre") }).findings;
    expect(finding.ranges?.map(({ start, end }) => text.slice(start, end))).toEqual(['L’offre']);
  });

  it('regex metacharacters in banned words are taken literally', () => {
    const result = lint({ text: 'Code en C++ (promo) axb', network: 'threads', rules: banning('c++', '(promo)', 'a.b') });
    expect(result.findings.map((finding) => finding.params.word)).toEqual(['c++', '(promo)']);
  });

  it('the same word banned twice with different case gives one finding', () => {
    const result = lint({ text: 'gratuit', network: 'x', rules: banning('Gratuit', ' gratuit ', '') });
    expect(result.findings).toHaveLength(1);
  });
});

describe('hashtags', () => {
  const requiring = (...requiredHashtags: string[]): LintRules => ({ bannedWords: [], requiredHashtags });

  it('a required hashtag stored without # is satisfied by the tag in another case', () => {
    expect(lint({ text: 'Nouvelle version #strapi', network: 'mastodon', rules: requiring('Strapi') }).ok).toBe(true);
  });

  it('a missing required hashtag is an error naming the tag with its #', () => {
    const result = lint({ text: 'Nouvelle version', network: 'mastodon', rules: requiring('#Strapi') });
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      {
        code: 'missing_hashtag',
        severity: 'error',
        message: 'Required hashtag #Strapi is missing',
        params: { tag: '#Strapi' },
      },
    ]);
  });

  it('#StrapiCMS does not satisfy a required #Strapi', () => {
    expect(codes(lint({ text: 'Bienvenue #StrapiCMS', network: 'x', rules: requiring('#Strapi') }))).toEqual(['missing_hashtag']);
  });

  it('a tag followed by punctuation, or typed with the full-width ＃, counts', () => {
    expect(lint({ text: 'Merci #Strapi.', network: 'x', rules: requiring('Strapi') }).ok).toBe(true);
    expect(lint({ text: 'Merci ＃Strapi', network: 'x', rules: requiring('Strapi') }).ok).toBe(true);
  });

  it('Unicode tags are recognised: #CAFÉ satisfies #café, #日本 is a tag, #日本語 is another tag', () => {
    expect(lint({ text: 'Pause #CAFÉ', network: 'x', rules: requiring('#café') }).ok).toBe(true);
    expect(lint({ text: 'Tokyo #日本 旅行', network: 'x', rules: requiring('日本') }).ok).toBe(true);
    expect(lint({ text: 'Tokyo #日本語', network: 'x', rules: requiring('日本') }).ok).toBe(false);
  });

  it('accents still distinguish tags, as they do on the networks: #cafe does not satisfy #café', () => {
    expect(lint({ text: 'Pause #cafe', network: 'x', rules: requiring('café') }).ok).toBe(false);
  });

  it('a URL fragment or an all-digit tag is not a hashtag', () => {
    expect(lint({ text: 'https://example.com/page#strapi', network: 'x', rules: requiring('strapi') }).ok).toBe(false);
    expect(findHashtags('Bilan #2024 et C#dev')).toEqual([]);
  });

  it('hashtag ranges point at the tag with its sign', () => {
    const text = 'Voir #café et ＃日本';
    expect(findHashtags(text).map(({ tag, start, end }) => [tag, text.slice(start, end)])).toEqual([
      ['café', '#café'],
      ['日本', '＃日本'],
    ]);
  });

  it('unused suggested hashtags are listed in one informational finding that does not block the post', () => {
    const rules: LintRules = {
      bannedWords: [],
      requiredHashtags: ['Strapi'],
      suggestedHashtags: ['#opensource', 'cms', '#Strapi', 'headless'],
    };
    const result = lint({ text: 'Sortie de #strapi 5 #Headless', network: 'linkedin', rules });
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([
      {
        code: 'suggested_hashtag',
        severity: 'info',
        message: 'Suggested hashtags not used: #opensource, #cms',
        params: { tags: '#opensource, #cms', count: 2 },
      },
    ]);
  });
});

describe('issue 13: the network’s own rules for hashtags and Mastodon length', () => {
  const requiring = (...requiredHashtags: string[]): LintRules => ({ bannedWords: [], requiredHashtags });

  it.each([
    ['#می‌خواهم', 'می‌خواهم'], // a zero-width non-joiner inside a Persian word
    ['#il·lusió', 'il·lusió'], // the Catalan middle dot
  ])('%s is one whole tag, so a required %s is present', (text, tag) => {
    for (const network of ['x', 'mastodon', 'linkedin'] as const) {
      expect(lint({ text: `Avui ${text} !`, network, rules: requiring(tag) }).ok).toBe(true);
    }
    expect(findHashtags(`Avui ${text}`, 'x').map((h) => h.tag)).toEqual([tag]);
  });

  it('Bluesky hashtags are the AT Protocol’s tag facets: an emoji tag counts, a cashtag is no hashtag', () => {
    expect(findHashtags('vol #🦋 et $AAPL', 'bluesky').map((h) => h.tag)).toEqual(['🦋']);
    expect(lint({ text: 'its a #double#rainbow', network: 'bluesky', rules: requiring('double#rainbow') }).ok).toBe(true);
  });

  it('a remote mention on a non-ASCII host counts as @user on Mastodon, as its server counts it', () => {
    expect(countLength('hi @arnt@grå.org', 'mastodon').counted).toBe('hi @arnt'.length);
    expect(countLength('hi @user@慕田峪长城.网址', 'mastodon').counted).toBe('hi @user'.length);
    // 480 letters and a mention on a long IDN host: accepted by Mastodon (488), so not too long here.
    expect(lint({ text: 'a'.repeat(480) + ' @arnt@' + 'å'.repeat(40) + '.org', network: 'mastodon' }).ok).toBe(true);
  });

  it('a mention whose domain is over 253 characters counts in full, as Mastodon refuses it with 422', () => {
    const text = '@alice@' + 'b'.repeat(500) + '.com';
    expect(countLength(text, 'mastodon').counted).toBe(text.length);
    expect(codes(lint({ text, network: 'mastodon' }))).toEqual(['too_long']);
    // 253 is still a domain.
    expect(countLength('@alice@' + 'b'.repeat(249) + '.com', 'mastodon').counted).toBe('@alice'.length);
  });

  it('a Mastodon URL path runs to the next space: its server links https://example.com/a。次 whole', () => {
    expect(countLength('https://example.com/a。次 x', 'mastodon').counted).toBe(23 + 2);
  });
});

describe('lint result', () => {
  it('reports every problem at once and carries the length count', () => {
    const rules: LintRules = { bannedWords: ['cheap'], requiredHashtags: ['Strapi'] };
    const result = lint({ text: `cheap ${'a'.repeat(300)}`, network: 'bluesky', rules });
    expect(result.network).toBe('bluesky');
    expect(result.length).toMatchObject({ counted: 306, limit: 300 });
    expect(codes(result)).toEqual(['too_long', 'banned_word', 'missing_hashtag']);
  });

  it('null rules only check the length', () => {
    expect(lint({ text: 'cheap', network: 'x', rules: null })).toEqual({
      network: 'x',
      length: { unit: 'weighted', counted: 5, limit: 280 },
      findings: [],
      ok: true,
    });
  });
});
