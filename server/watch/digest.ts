import type { WatchAlert, WatchItem } from './dto';

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The daily alert email: plain text and HTML, titles escaped (they came from feeds). */
export function digestEmail(items: WatchItem[], rules: WatchAlert[], since: Date) {
  const subject = `Watch digest: ${items.length} item${items.length === 1 ? '' : 's'} matched your alerts`;
  const text = [
    `${items.length} new item(s) matched your watch alerts since ${since.toISOString()}.`,
    '',
    ...items.map((item) => `- ${item.title} (${item.source.name})${item.link ? `\n  ${item.link}` : ''}`),
  ].join('\n');
  const html = [
    `<p>${items.length} new item(s) matched your watch alerts since ${escapeHtml(since.toISOString())}.</p>`,
    '<ul>',
    ...items.map((item) => {
      const title = escapeHtml(item.title);
      const link = item.link && /^https?:\/\//.test(item.link) ? `<a href="${escapeHtml(item.link)}">${title}</a>` : title;
      return `<li>${link} <small>(${escapeHtml(item.source.name)})</small></li>`;
    }),
    '</ul>',
    `<p><small>Alerts: ${escapeHtml(rules.map((r) => r.name).join(', '))}</small></p>`,
  ].join('\n');
  return { subject, text, html };
}
