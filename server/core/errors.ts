import type { z } from 'zod';
import {
  isServerMessageCode,
  messageText,
  type MessageParams,
  type ServerMessage,
  type ServerMessageCode,
} from '../../shared/core/messages';

export interface FieldError {
  path: Array<string | number>;
  /** English, for API clients and logs */
  message: string;
  /** stable machine code of the condition (`too_big`, `duplicate`, `not_found`) */
  code: string;
  /** the message's code the admin translates (`server.<messageId>`), with its facts */
  messageId?: ServerMessageCode;
  params?: MessageParams;
}

/**
 * What a failure says: English text only (not translated yet), or a catalogued
 * message the admin translates, whose English is the catalogue's unless `text` says otherwise.
 */
export type Say = string | (ServerMessage & { text?: string });

const textOf = (say: Say) => (typeof say === 'string' ? say : (say.text ?? messageText(say.code, say.params)));
const idOf = (say: Say) => (typeof say === 'string' ? {} : { messageId: say.code, params: say.params });

/**
 * A failure the user can act on. Rendered in Strapi's own error envelope
 * (`{ data: null, error: { status, name, message, details } }`) so the admin's
 * `useAPIErrorHandler` reads it like any core error. `details.messageId` and
 * `details.params` let the admin show it in the user's language.
 */
export class HttpError extends Error {
  readonly messageId?: ServerMessageCode;
  readonly params?: MessageParams;

  constructor(
    readonly status: number,
    readonly code: string,
    message: Say,
    readonly errors: FieldError[] = [],
    /** extra facts for the client, e.g. the next valid time after a clock change */
    readonly data: Record<string, unknown> = {}
  ) {
    super(textOf(message));
    this.name = status === 400 ? 'ValidationError' : status === 404 ? 'NotFoundError' : 'ApplicationError';
    Object.assign(this, idOf(message));
  }
}

export const badRequest = (message: Say, errors: FieldError[] = [], code = 'invalid_input') => new HttpError(400, code, message, errors);

/** One field's error at its path, with the translatable message when there is one. */
export const fieldIssue = (path: Array<string | number>, message: Say, code: string): FieldError => ({
  path,
  message: textOf(message),
  code,
  ...idOf(message),
});

export const fieldError = (path: string, message: Say, code = 'invalid') =>
  badRequest(message, [fieldIssue(path.split('.'), message, code)], code);

/** `what` names the missing thing in English (API clients); `message` the text the admin translates. */
export const notFound = (what: string, message: ServerMessage = { code: 'not_found', params: {} }) =>
  new HttpError(404, 'not_found', { ...message, text: `${what} not found` });

type Issue = z.core.$ZodIssue;

const figure = (value: unknown) => (typeof value === 'bigint' ? Number(value) : (value as number));

/** zod's own English (the schema gave no text): "Too big: …", "Invalid input: …", "Unrecognized key: …". */
const ZOD_WORDING = /^(Too (big|small)|Invalid (input|option|string|number|type|key|element|value)|Unrecognized keys?)\b/;

/**
 * The catalogued message of a zod issue. A schema that names a code
 * (`.max(80, 'too_long')`) gets it with the issue's figures (`maximum` is
 * `{max}`). Where the schema gave no text, zod's own English gets the code its
 * kind says (a length, a count, a bound, a missing field, an unknown key). A
 * schema's own English sentence stays as it is, uncoded: a generic code would
 * lose what it says, so the admin shows that English until the schema names a code.
 */
export function issueMessage(issue: Issue): Say {
  const params: MessageParams = {};
  if ('maximum' in issue) params.max = figure(issue.maximum);
  if ('minimum' in issue) params.min = figure(issue.minimum);
  if (issue.code === 'custom' && issue.params) {
    for (const [key, value] of Object.entries(issue.params))
      if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  if (isServerMessageCode(issue.message)) return { code: issue.message, params };
  if (!ZOD_WORDING.test(issue.message)) return issue.message;

  const coded = (code: ServerMessageCode, extra: MessageParams = params): Say => ({ code, params: extra });
  switch (issue.code) {
    case 'too_big':
      return coded(issue.origin === 'string' ? 'too_long' : issue.origin === 'array' || issue.origin === 'set' ? 'too_many' : 'too_high');
    case 'too_small':
      if (issue.origin === 'string') return coded(issue.minimum === 1 ? 'required' : 'too_short');
      return coded(issue.origin === 'array' || issue.origin === 'set' ? 'too_few' : 'too_low');
    case 'unrecognized_keys':
      return coded('unknown_fields', { keys: issue.keys.join(', ') });
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return coded('required');
      return coded(issue.expected === 'int' ? 'not_whole_number' : 'wrong_type');
    case 'invalid_value':
    case 'invalid_union':
      return coded('invalid_choice');
    default:
      return coded('invalid');
  }
}

export function fromZod(error: z.ZodError, prefix: Array<string | number> = []): HttpError {
  const errors: FieldError[] = error.issues.map((issue) =>
    fieldIssue([...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], issueMessage(issue), issue.code)
  );
  const first = errors[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const text = `${where}${first?.message ?? 'Invalid input'}${more}`;
  // The admin shows each field's message beside its field; the notification says the first one.
  return badRequest(first?.messageId ? { code: first.messageId, params: first.params ?? {}, text } : text, errors);
}
