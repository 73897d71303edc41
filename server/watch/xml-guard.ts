import { WatchError } from './failure';

/**
 * Feeds never need a DTD. A document type declaration is how billion-laughs
 * (entity expansion) and external-entity (XXE) attacks get in, so any
 * `<!DOCTYPE` or `<!ENTITY` in the prolog refuses the document before a
 * parser sees it. Only the prolog is scanned: an HTML snippet quoted in a
 * CDATA section further down may legitimately mention `<!DOCTYPE html>`.
 */
export class UnsafeXmlError extends WatchError {
  constructor(messageId: 'feed_dtd' | 'feed_entities') {
    super('unsafe_xml', messageId);
    this.name = 'UnsafeXmlError';
  }
}

export function assertSafeXml(text: string): void {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /\s/.test(text[i])) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return;
      i = end + 3;
    } else if (/^<!(doctype|entity|element|attlist)/i.test(text.slice(i, i + 10))) {
      throw new UnsafeXmlError('feed_dtd');
    } else {
      break;
    }
  }
  // A declaration hidden after the root element's start is not valid XML, but
  // lenient parsers might still honour it: refuse it wherever it appears outside CDATA and comments.
  // Comments are left out too: a comment mentioning `<!DOCTYPE` declares nothing.
  const outsideCdata = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  if (/<!ENTITY/i.test(outsideCdata) || /<!DOCTYPE/i.test(outsideCdata)) {
    throw new UnsafeXmlError('feed_entities');
  }
}
