/**
 * Why a publication failed, waits or was held (issue 14, item 9). The codes and
 * their English are in the one catalogue of server messages
 * (shared/core/messages.ts, filled by `messageText`); this module reads a stored
 * row back into a code with parameters.
 *
 * The publication row keeps one text column (`lastError`), so the parameters
 * are read back from the stored text by the same template that wrote it
 * (`readPublicationMessage`): no schema change, and a row written before the
 * codes existed still reads (its parameters come back when its text matches,
 * else the admin shows the stored English as it is). Timestamps are ISO 8601
 * in UTC; a parameter the network wrote (`detail`) is its own words.
 *
 * Pure (no Node, no DOM): the server and the admin both import it.
 */
import { messageTemplate, messageText, type MessageParams, type ServerMessageCode } from '../core/messages';

/** The catalogue's codes a publication row stores as its `errorCode` (a network's own code is the other kind). */
export const PUBLICATION_MESSAGE_CODES = [
  'missed',
  'lease_expired',
  'account_removed',
  'account_disabled',
  'account_needs_reauth',
  'network_not_supported',
  'media_unreadable',
  'first_comment_failed',
  'x_daily_cap',
] as const satisfies readonly ServerMessageCode[];

export type PublicationMessageCode = (typeof PUBLICATION_MESSAGE_CODES)[number];
export type { MessageParams };

export const isPublicationMessageCode = (code: string): code is PublicationMessageCode =>
  (PUBLICATION_MESSAGE_CODES as readonly string[]).includes(code);

/** The suffix the runner adds when it stops retrying (`detail` is the network's last answer). */
export const gaveUpText = (detail: string, attempts: number) => messageText('gave_up', { detail, attempts });

/** Parameters that are counts: read back as numbers, so the admin's plural forms work. */
const NUMBERS = new Set(['minutes', 'attempts', 'cap']);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A template as an anchored pattern with one group per parameter; linear (no nested quantifier). */
function patternOf(template: string) {
  const names: string[] = [];
  const parts = template.split(/\{(\w+)\}/);
  const source = parts
    .map((part, i) => {
      if (i % 2 === 0) return escape(part);
      names.push(part);
      // The last parameter takes the rest of the text (a network's words may hold anything).
      return i === parts.length - 2 ? '([\\s\\S]*)' : '([\\s\\S]*?)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

/** Built once. `gave_up` ends with its suffix, so a network's words before it are matched whatever they hold. */
const PATTERNS = new Map(
  [...PUBLICATION_MESSAGE_CODES, 'gave_up' as const].map((code) => [code, patternOf(messageTemplate(code))] as const)
);

export interface PublicationMessage {
  code: string;
  /** the stored English text */
  message: string;
  /**
   * The parameters of a known code, or `{ detail, attempts }` for a network's
   * words after the last retry; null when the text matches no template (the
   * network's own words, or a row older than the codes): show `message`.
   */
  params: MessageParams | null;
}

function readBack(code: ServerMessageCode, message: string): MessageParams | null {
  const spec = PATTERNS.get(code as PublicationMessageCode | 'gave_up');
  const match = spec?.pattern.exec(message);
  if (!spec || !match) return null;
  return Object.fromEntries(spec.names.map((name, i) => [name, NUMBERS.has(name) ? Number(match[i + 1]) : match[i + 1]]));
}

/** A stored code and text, with the parameters read back by the code's template. */
export function readPublicationMessage(code: string, message: string): PublicationMessage {
  if (isPublicationMessageCode(code)) return { code, message, params: readBack(code, message) };
  return { code, message, params: readBack('gave_up', message) };
}
