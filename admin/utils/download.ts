/**
 * Hands a file made in the page to the browser's download. The address is
 * revoked a second later, not at once: some browsers start reading it only
 * after the click returns.
 */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
