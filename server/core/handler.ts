import type { Context } from 'koa';
import { z } from 'zod';
import { HttpError, fromZod } from './errors';

type Ctx = Context & { params: Record<string, string>; request: Context['request'] & { body?: unknown } };

/**
 * Wraps a controller action: the result becomes `{ data }`, a domain error the
 * Strapi error envelope. Anything unexpected is logged without the request body
 * (it may hold credentials) and answered as a bare 500.
 */
export function handle<T>(fn: (ctx: Ctx) => Promise<T>) {
  return async (ctx: Ctx) => {
    try {
      const data = await fn(ctx);
      ctx.body = { data };
    } catch (err) {
      const httpError = err instanceof z.ZodError ? fromZod(err) : err;
      if (httpError instanceof HttpError) {
        ctx.status = httpError.status;
        ctx.body = {
          data: null,
          error: {
            status: httpError.status,
            name: httpError.name,
            message: httpError.message,
            details: {
              ...httpError.data,
              code: httpError.code,
              ...(httpError.messageId ? { messageId: httpError.messageId, params: httpError.params ?? {} } : {}),
              errors: httpError.errors,
            },
          },
        };
        return;
      }
      throw err;
    }
  };
}

/** Parses with zod and turns a failure into a 400 naming the fields. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, prefix: Array<string | number> = []): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZod(result.error, prefix);
  return result.data;
}

// Route contracts in shared/ use it too; re-exported for the server's own handlers.
export { documentIdParam } from '../../shared/core/zod';

export function body(ctx: Ctx): unknown {
  return ctx.request.body;
}

/**
 * Aborts when the client goes away before its answer is written (a closed
 * tab, a composer that moved on): outbound work done for it stops there and
 * frees its socket, instead of running on to its deadline for nobody.
 */
export function clientGone(ctx: Context): AbortSignal {
  const controller = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) controller.abort();
  });
  return controller.signal;
}
