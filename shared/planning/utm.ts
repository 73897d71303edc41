import type { Network } from '../networks/rules';

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
 */

export interface UtmPlan {
  body: string;
  variants?: Partial<Record<Network, { body: string } | undefined>> | null;
  utm?: { enabled: boolean; campaign?: string } | null;
  campaign?: string | null;
}

// Up to whitespace or characters that cannot end a bare link in prose.
const LINK = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"»)\]}]+$/;

function asciiHost(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

const bare = (host: string) => host.replace(/^www\./, '');

/** Strips what prose punctuation glued to a link; keeps a closing parenthesis the link itself opened. */
function splitTrailing(raw: string): [string, string] {
  let link = raw;
  let tail = '';
  for (;;) {
    const match = TRAILING.exec(link);
    if (!match) break;
    const last = link[link.length - 1];
    if (last === ')' && (link.match(/\(/g)?.length ?? 0) >= (link.match(/\)/g)?.length ?? 0)) break;
    link = link.slice(0, -1);
    tail = last + tail;
  }
  return [link, tail];
}

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
  return text.replace(LINK, (raw) => {
    const [link, tail] = splitTrailing(raw);
    return (isOwnHost(link, options.siteHosts) ? tagLink(link, params) : link) + tail;
  });
}

/** The text `network` receives: its variant (or the body), with UTM parameters when the post asks for them. */
export function renderText(plan: UtmPlan, network: Network, siteHosts: readonly string[]): string {
  const text = plan.variants?.[network]?.body ?? plan.body ?? '';
  if (!plan.utm?.enabled) return text;
  return addUtm(text, { network, campaign: plan.utm.campaign || plan.campaign, siteHosts });
}

/** The first link of a text, for the preview's link card. */
export function firstLink(text: string): string | null {
  const match = text.match(LINK);
  return match ? splitTrailing(match[0])[0] : null;
}
