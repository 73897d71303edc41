import { detect } from '../../shared/linter/facets';
import { loadTwitterText } from '../../shared/linter';
import { mastodonUrls } from '../../shared/linter/mastodon-text';
import { addUtm, firstLink, isOwnHost, networkLinks, renderText } from '../../shared/planning/utm';
import type { Network } from '../../shared/networks/rules';
import twitterText from 'twitter-text';

const site = ['example.com', 'xn--caf-dma.fr'];
beforeAll(() => loadTwitterText());

const tag = (text: string, campaign: string | null = 'spring') => addUtm(text, { network: 'mastodon', campaign, siteHosts: site });

describe('UTM parameters on the site’s own links', () => {
  it('tags a link to the site and leaves other sites alone', () => {
    expect(tag('Read https://example.com/blog/a and https://other.org/x')).toBe(
      'Read https://example.com/blog/a?utm_source=mastodon&utm_medium=social&utm_campaign=spring and https://other.org/x'
    );
  });

  it('keeps an existing query and puts the fragment back at the end', () => {
    expect(tag('https://example.com/a?ref=home#comments')).toBe(
      'https://example.com/a?ref=home&utm_source=mastodon&utm_medium=social&utm_campaign=spring#comments'
    );
  });

  it('leaves a link that already carries UTM parameters as written', () => {
    expect(tag('https://example.com/a?utm_source=newsletter')).toBe('https://example.com/a?utm_source=newsletter');
  });

  it('treats www. as the same site but not other subdomains', () => {
    expect(tag('https://www.example.com/x')).toContain('utm_source=mastodon');
    expect(tag('https://blog.example.com/x')).toBe('https://blog.example.com/x');
    expect(tag('https://example.com.evil.net/x')).toBe('https://example.com.evil.net/x');
  });

  it('matches an IDN host written in Unicode against its punycode setting', () => {
    expect(isOwnHost('https://café.fr/menu', site)).toBe(true);
    expect(tag('Menu: https://café.fr/menu.')).toBe(
      'Menu: https://café.fr/menu?utm_source=mastodon&utm_medium=social&utm_campaign=spring.'
    );
    expect(isOwnHost('https://cafe.fr/menu', site)).toBe(false);
  });

  it('keeps prose punctuation outside the link and a link’s own parenthesis inside', () => {
    expect(tag('(see https://example.com/a)')).toBe(
      '(see https://example.com/a?utm_source=mastodon&utm_medium=social&utm_campaign=spring)'
    );
    expect(tag('https://example.com/wiki/Foo_(bar)')).toBe(
      'https://example.com/wiki/Foo_(bar)?utm_source=mastodon&utm_medium=social&utm_campaign=spring'
    );
  });

  it('omits the campaign when there is none and encodes one with spaces', () => {
    expect(tag('https://example.com', null)).toBe('https://example.com?utm_source=mastodon&utm_medium=social');
    expect(tag('https://example.com/', 'Spring sale')).toBe(
      'https://example.com/?utm_source=mastodon&utm_medium=social&utm_campaign=Spring%20sale'
    );
  });
});

describe('renderText: the text one network receives', () => {
  const plan = {
    body: 'New post https://example.com/p',
    variants: { bluesky: { body: 'Short https://example.com/p' } },
    utm: { enabled: true },
    campaign: 'launch',
  };

  it('takes the network’s variant, else the body, and tags with the post’s campaign', () => {
    expect(renderText(plan, 'bluesky', site)).toBe('Short https://example.com/p?utm_source=bluesky&utm_medium=social&utm_campaign=launch');
    expect(renderText(plan, 'linkedin', site)).toBe(
      'New post https://example.com/p?utm_source=linkedin&utm_medium=social&utm_campaign=launch'
    );
  });

  it('leaves the text untouched when UTM is off', () => {
    expect(renderText({ ...plan, utm: { enabled: false } }, 'x', site)).toBe('New post https://example.com/p');
  });

  it('finds the first link for the link card', () => {
    expect(firstLink('See https://example.com/p, then https://b.org', 'linkedin')).toBe('https://example.com/p');
    expect(firstLink('no link', 'linkedin')).toBeNull();
    // Bluesky's client links a bare domain, so its card does too.
    expect(firstLink('See example.com/p', 'bluesky')).toBe('https://example.com/p');
  });
});

describe('UTM parameters go inside the link the network itself makes', () => {
  // Each network's own link finder, independent of networkLinks: the reference detection for Bluesky,
  // the server grammar for Mastodon, twitter-text for X.
  const linksOf: Record<'bluesky' | 'mastodon' | 'x', (text: string) => string[]> = {
    bluesky: (text) =>
      detect(text)
        .filter((f) => f.kind === 'link')
        .map((f) => text.slice(f.start, f.end)),
    mastodon: (text) => mastodonUrls(text).map((u) => u.value),
    x: (text) => twitterText.extractUrls(text),
  };
  const cases: Array<[string, 'bluesky' | 'mastodon' | 'x']> = [
    ['見て https://example.com/a。次', 'bluesky'],
    ['見て https://example.com/a。次', 'mastodon'],
    ['見て https://example.com/a。次', 'x'],
    ['https://example.com/a、https://example.com/b', 'x'],
    ['voir https://example.com/a». Fin', 'mastodon'],
  ];

  it.each(cases)('%s on %s', (text, network) => {
    const tagged = addUtm(text, { network, siteHosts: site });
    const before = linksOf[network](text);
    const after = linksOf[network](tagged);
    expect(after).toHaveLength(before.length);
    // Every link still starts as written and now carries the parameters; nothing else in the text moved.
    after.forEach((link, i) => {
      expect(link.startsWith(before[i].split(/[?#]/)[0])).toBe(true);
      expect(link).toContain('utm_source=' + network);
    });
    expect(tagged.replace(/[?&]utm_source=[a-z]+&utm_medium=social/g, '')).toBe(text);
  });

  it('ends the link at CJK punctuation where twitter-text does (X), not at the next space', () => {
    expect(addUtm('https://example.com/a。次', { network: 'x', siteHosts: site })).toBe(
      'https://example.com/a?utm_source=x&utm_medium=social。次'
    );
  });

  it('tags a bare domain on the networks that link one', () => {
    const networks: Network[] = ['bluesky', 'x'];
    for (const network of networks) {
      expect(addUtm('see example.com/p now', { network, siteHosts: site })).toBe(
        `see example.com/p?utm_source=${network}&utm_medium=social now`
      );
    }
    expect(networkLinks('see example.com/p now', 'mastodon')).toEqual([]);
  });
});
