import { TEXT_RULES, type Network } from '../networks/rules';
import { detect } from '../linter/facets';
import { mastodonUrls } from '../linter/mastodon-text';
import { twitterText } from '../linter/twitter-text';

/**
 * UTM tagging and the text a network receives. Pure (no Node import): the
 * composer's preview and the publisher both call `renderText`, so what the
 * editor sees is what goes out.
 *
 * Policy: a link is the site's own when its host equals one of the site's hosts,
 * `www.` ignored on either side; other subdomains (blog.example.com) count only
 * when listed themselves. Hosts are compared in their ASCII (punycode) form, so an
 * IDN written in Unicode matches its settings entry either way. A link that already
 * carries any `utm_` parameter is left as the author wrote it.
 *
 * Links are where the receiving network itself will see them (`networkLinks`), so
 * the parameters land inside the link it makes: prose glued to a URL
 * (`https://example.com/a。次`) ends the link where that network ends it.
 * twitter-text's grammar needs the library loaded: on the server, await
 * `loadTwitterText()` before `renderText` with UTM on.
 */

export interface UtmPlan {
  body: string;
  variants?: Partial<Record<Network, { body: string } | undefined>> | null;
  utm?: { enabled: boolean; campaign?: string } | null;
  campaign?: string | null;
}

export interface LinkSpan {
  /** UTF-16 offsets of the link as written */
  start: number;
  end: number;
  /** the link with a scheme (https:// added to a bare domain), for the host check */
  url: string;
}

/**
 * The links `network` will make of `text`, by its profile's `text.links`: the
 * AT Protocol's detection (bare domains included), a Mastodon server's URL
 * grammar (scheme required, as its formatter links them), twitter-text (bare
 * domains included) or twitter-text with a scheme required.
 */
export function networkLinks(text: string, network: Network): LinkSpan[] {
  const grammar = TEXT_RULES[network].links;
  if (grammar === 'atproto') {
    return detect(text)
      .filter((found) => found.kind === 'link')
      .map(({ start, end, value }) => ({ start, end, url: value }));
  }
  if (grammar === 'mastodonServer') return mastodonUrls(text).map(({ start, end, value }) => ({ start, end, url: value }));
  return twitterText()
    .extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: grammar === 'twitterText' })
    .map(({ url, indices }) => ({
      start: indices[0],
      end: indices[1],
      url: /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`,
    }));
}

function asciiHost(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

const bare = (host: string) => host.replace(/^www\./, '');

export function isOwnHost(url: string, siteHosts: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const own = siteHosts
    .map(asciiHost)
    .filter((h): h is string => Boolean(h))
    .map(bare);
  return own.includes(bare(host));
}

function tagLink(link: string, params: string): string {
  const hashAt = link.indexOf('#');
  const [head, fragment] = hashAt === -1 ? [link, ''] : [link.slice(0, hashAt), link.slice(hashAt)];
  const queryAt = head.indexOf('?');
  if (queryAt !== -1 && /(^|&)utm_[a-z]+=/i.test(head.slice(queryAt + 1))) return link;
  const joiner = queryAt === -1 ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&';
  return `${head}${joiner}${params}${fragment}`;
}

/** Adds `utm_source=<network>&utm_medium=social&utm_campaign=<campaign>` to every link to the site's own hosts. */
export function addUtm(text: string, options: { network: Network; campaign?: string | null; siteHosts: readonly string[] }): string {
  const params = [
    `utm_source=${encodeURIComponent(options.network)}`,
    'utm_medium=social',
    ...(options.campaign ? [`utm_campaign=${encodeURIComponent(options.campaign)}`] : []),
  ].join('&');
  let out = '';
  let cursor = 0;
  for (const link of networkLinks(text, options.network)) {
    if (link.start < cursor) continue;
    const written = text.slice(link.start, link.end);
    out += text.slice(cursor, link.start) + (isOwnHost(link.url, options.siteHosts) ? tagLink(written, params) : written);
    cursor = link.end;
  }
  return out + text.slice(cursor);
}

/** The text `network` receives: its variant (or the body), with UTM parameters when the post asks for them. */
export function renderText(plan: UtmPlan, network: Network, siteHosts: readonly string[]): string {
  const text = plan.variants?.[network]?.body ?? plan.body ?? '';
  if (!plan.utm?.enabled) return text;
  return addUtm(text, { network, campaign: plan.utm.campaign || plan.campaign, siteHosts });
}

/** The first link `network` will make of a text, for the preview's link card. */
export function firstLink(text: string, network: Network): string | null {
  return networkLinks(text, network)[0]?.url ?? null;
}
