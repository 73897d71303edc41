/**
 * A list page's address after a change of its filters (the Posts page, the
 * Publishing page's Sent tab): an empty value removes its key, page 1 is not
 * written (it is the default), and any change but the page's goes back to
 * page 1, since the old page number means nothing in the new list.
 */
export function withListChanges(current: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value && !(key === 'page' && value === '1')) next.set(key, value);
    else next.delete(key);
  }
  if (!('page' in changes)) next.delete('page');
  return next;
}
