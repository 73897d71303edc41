/**
 * Why a publication failed, waits or was held, as a stable code with
 * parameters (issue 14, item 9). The server stores the English text below
 * (logs, e-mails, API clients that read `message`) and sends the code and its
 * parameters beside it; the admin translates the code (en, fr) and formats the
 * parameters in the user's zone and language (`admin/pages/Publishing/messages.ts`).
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
import type { MessageParams } from '../core/messages';

const TEMPLATES = {
  missed: 'Due at {dueAt}; publishing was not running, and it is now later than the allowed lateness of {minutes} minutes',
  lease_expired: 'The instance sending this post stopped before it knew the outcome',
  account_removed: 'The account was removed',
  account_disabled: '{account} is disabled: nothing is published to it',
  account_needs_reauth: '{account} needs to be reconnected',
  network_not_supported: 'Publishing to {network} is not available in this version',
  media_unreadable: 'A media file of this post cannot be read: {detail}',
  first_comment_failed: 'The post is out, but its first comment was not: {detail}',
} as const satisfies Record<string, string>;

export type PublicationMessageCode = keyof typeof TEMPLATES;
// One parameter shape for every server message (shared/core/messages.ts).
export type { MessageParams };

/** The codes the admin must translate: a test checks both languages have each one. */
export const PUBLICATION_MESSAGE_CODES = Object.keys(TEMPLATES) as PublicationMessageCode[];

/** A network's refusal after the runner retried it: the network's words, then this suffix. */
const GAVE_UP = / \(gave up after (\d+) attempts\)$/;

export const isPublicationMessageCode = (code: string): code is PublicationMessageCode => Object.hasOwn(TEMPLATES, code);

/** The English text of `code` with its parameters, as the server stores and logs it. */
export function publicationText(code: PublicationMessageCode, params: MessageParams = {}): string {
  return TEMPLATES[code].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}

/** The suffix the runner adds when it stops retrying (`detail` is the network's last answer). */
export const gaveUpText = (detail: string, attempts: number) => `${detail} (gave up after ${attempts} attempts)`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each template as an anchored pattern with one named group per parameter; built once, linear (no nested quantifier). */
const PATTERNS = new Map(
  (Object.entries(TEMPLATES) as Array<[PublicationMessageCode, string]>).map(([code, template]) => {
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
    return [code, { pattern: new RegExp(`^${source}$`), names }] as const;
  })
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

/** A stored code and text, with the parameters read back by the code's template. */
export function readPublicationMessage(code: string, message: string): PublicationMessage {
  const spec = isPublicationMessageCode(code) ? PATTERNS.get(code) : undefined;
  if (spec) {
    const match = spec.pattern.exec(message);
    if (!match) return { code, message, params: null };
    const params: MessageParams = {};
    spec.names.forEach((name, i) => {
      params[name] = name === 'minutes' ? Number(match[i + 1]) : match[i + 1];
    });
    return { code, message, params };
  }
  const gaveUp = GAVE_UP.exec(message);
  if (gaveUp) return { code, message, params: { detail: message.slice(0, gaveUp.index), attempts: Number(gaveUp[1]) } };
  return { code, message, params: null };
}
