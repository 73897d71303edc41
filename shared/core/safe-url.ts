/**
 * The one rule for any address that is stored or shown as a link: only http(s).
 * A remote server's answer (a profile URL, a status URL, a feed's links) or a
 * person's typing could hold `javascript:` or `data:`, which an `href` would run.
 * Shared by the server (before storing, and in every DTO) and the admin (before
 * rendering), so it imports nothing from Node.
 *
 * With `base`, a relative address is resolved against it first (a feed's links)
 * and the resolved form is returned; without, the address must be absolute and
 * comes back as given.
 */
export function httpUrlOrNull(raw: string | null | undefined, base?: string): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    const url = base === undefined ? new URL(raw) : new URL(raw.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return base === undefined ? raw : url.toString();
  } catch {
    return null;
  }
}
