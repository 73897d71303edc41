import type { WatchItem } from './dto';

/**
 * The draft a curated item starts from: a line for the editor's own take, the
 * item's title and its link. The placeholder is a visible prompt, so a draft
 * nobody edited cannot go out unnoticed (the linter and reviewers see it).
 */
export const COMMENTARY_PLACEHOLDER = '[Your take: why this matters to our community]';

export function commentaryTemplate(item: Pick<WatchItem, 'title' | 'link' | 'source'>, commentary?: string): string {
  const take = commentary?.trim() || COMMENTARY_PLACEHOLDER;
  const via = item.source.name ? ` (via ${item.source.name})` : '';
  return [take, '', `${item.title}${via}`, item.link ?? '']
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
