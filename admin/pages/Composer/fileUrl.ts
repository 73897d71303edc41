/** Media library URLs are relative to the Strapi server, which may not be the admin's origin. */
export function fileUrl(url: string): string {
  if (/^https?:\/\//.test(url)) return url;
  const backend = (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
  return `${backend}${url}`;
}
