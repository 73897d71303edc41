import type { z } from 'zod';

export interface FieldError {
  path: Array<string | number>;
  message: string;
  /** stable machine code so the admin can translate the message */
  code: string;
}

/**
 * A failure the user can act on. Rendered in Strapi's own error envelope
 * (`{ data: null, error: { status, name, message, details } }`) so the admin's
 * `useAPIErrorHandler` reads it like any core error.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    /** extra facts for the client, e.g. the next valid time after a clock change */
    readonly data: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = status === 400 ? 'ValidationError' : status === 404 ? 'NotFoundError' : 'ApplicationError';
  }
}

export const badRequest = (message: string, errors: FieldError[] = [], code = 'invalid_input') => new HttpError(400, code, message, errors);

export const fieldError = (path: string, message: string, code = 'invalid') =>
  badRequest(message, [{ path: path.split('.'), message, code }], code);

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);

export function fromZod(error: z.ZodError, prefix: Array<string | number> = []): HttpError {
  const errors: FieldError[] = error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
    code: issue.code,
  }));
  const first = errors[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return badRequest(`${where}${first?.message ?? 'Invalid input'}${more}`, errors);
}
