import { addUtm, firstLink, isOwnHost, renderText } from '../../shared/planning/utm';

const site = ['example.com', 'xn--caf-dma.fr'];
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
    expect(firstLink('See https://example.com/p, then https://b.org')).toBe('https://example.com/p');
    expect(firstLink('no link')).toBeNull();
  });
});
