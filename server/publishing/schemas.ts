import { z } from 'zod';
import { documentIdParam } from '../core/handler';

export const pauseInput = z
  .object({
    paused: z.boolean(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();

export const markPublishedInput = z
  .object({
    url: z
      .string()
      .trim()
      .max(2048)
      .url('Must be the address of the live post')
      .refine(
        (u) => /^https?:\/\/[^/@\s]+\.[^/@\s]+/i.test(u),
        'Must be an http or https address with a host name, without a user name or password'
      ),
  })
  .strict();

export const planQuery = z.object({ planDocumentId: documentIdParam });
