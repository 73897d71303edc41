import { z } from 'zod';

/** The network's id in a path: a registry id, nothing else. */
export const networkParam = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'Must be a network id');

export const authorizeInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    editorialLineId: z
      .string()
      .regex(/^[a-z0-9]{1,64}$/)
      .nullable()
      .optional(),
  })
  .strict();

/**
 * What the network sends back to the callback (RFC 6749 §4.1.2 and
 * §4.1.2.1). Anything oversized is treated as no value: the callback then
 * fails with a code, never with a stack.
 */
export const callbackQuery = z.object({
  state: z.string().max(200).optional().catch(undefined),
  code: z.string().max(4096).optional().catch(undefined),
  error: z
    .string()
    .max(100)
    .regex(/^[\x20-\x7e]*$/)
    .optional()
    .catch(undefined),
});

const optionValue = z.string().trim().max(2048).url('Must be a web address').nullable();

export const appInput = z
  .object({
    clientId: z.string().trim().max(500).nullable().optional(),
    /** undefined keeps the stored secret, null removes it */
    clientSecret: z.string().min(1).max(2000).nullable().optional(),
    options: z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), optionValue).optional(),
  })
  .strict();
