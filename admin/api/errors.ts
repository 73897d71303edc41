/**
 * `useFetchClient` throws a `FetchError` on any non-2xx answer, with Strapi's error
 * envelope in `response.data`. Forms need that envelope flattened: one message for
 * the notification and one message per field, keyed by the dotted path the server
 * names (`name`, `pillars`, `pillars.1.targetShare`).
 */
export interface ApiProblem {
  message: string;
  fieldErrors: Record<string, string>;
  status?: number;
  /** The server's stable code (`details.code`), e.g. `encryption_not_configured`. */
  code?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function envelopeOf(error: unknown): Record<string, unknown> | undefined {
  // Read by shape rather than `instanceof FetchError`: the class may come from another copy of the admin.
  if (!isRecord(error) || !isRecord(error.response) || !isRecord(error.response.data)) return undefined;
  const envelope = error.response.data.error;
  return isRecord(envelope) ? envelope : undefined;
}

function fieldErrorsOf(details: unknown): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  if (!isRecord(details) || !Array.isArray(details.errors)) return fieldErrors;
  for (const item of details.errors) {
    if (!isRecord(item) || typeof item.message !== 'string' || !Array.isArray(item.path)) continue;
    const key = item.path.map(String).join('.');
    // The first message per field is the one to fix first; later ones are usually consequences.
    if (!(key in fieldErrors)) fieldErrors[key] = item.message;
  }
  return fieldErrors;
}

export function readApiError(error: unknown): ApiProblem {
  const envelope = envelopeOf(error);
  if (envelope) {
    const details = envelope.details;
    return {
      message: typeof envelope.message === 'string' && envelope.message !== '' ? envelope.message : String(envelope.name ?? ''),
      fieldErrors: fieldErrorsOf(details),
      status: typeof envelope.status === 'number' ? envelope.status : undefined,
      code: isRecord(details) && typeof details.code === 'string' ? details.code : undefined,
    };
  }
  const status = isRecord(error) && typeof error.status === 'number' ? error.status : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return { message, fieldErrors: {}, status };
}

/**
 * The error to show on a field: its own, or the first one of anything nested under it
 * (a row of a repeatable field shows `pillars.1.name` as well as `pillars.1`).
 */
export function errorFor(fieldErrors: Record<string, string>, path: string): string | undefined {
  if (fieldErrors[path] !== undefined) return fieldErrors[path];
  const nested = Object.keys(fieldErrors).find((key) => key.startsWith(`${path}.`));
  return nested === undefined ? undefined : fieldErrors[nested];
}
