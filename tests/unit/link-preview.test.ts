import { parseLinkPreview } from '../../server/planning/link-preview';

describe('the link card read from a page', () => {
  it('takes OpenGraph first and resolves a relative image against the page', () => {
    const html = `<html><head><title>Fallback</title>
      <meta property="og:title" content="Tide tables &amp; harbour news">
      <meta name="description" content="Plain description">
      <meta property='og:description' content='When the boats go out'>
      <meta property="og:image" content="/img/boats.jpg"></head></html>`;
    expect(parseLinkPreview(html, 'https://example.com/blog/tides')).toEqual({
      url: 'https://example.com/blog/tides',
      host: 'example.com',
      title: 'Tide tables & harbour news',
      description: 'When the boats go out',
      image: 'https://example.com/img/boats.jpg',
    });
  });

  it('falls back to <title> and refuses images that are not http(s)', () => {
    const card = parseLinkPreview(
      '<title>  Just a &#8220;title&#8221; </title><meta property="og:image" content="javascript:alert(1)">',
      'https://example.org/'
    );
    expect(card).toMatchObject({ title: 'Just a “title”', description: null, image: null });
  });
});
