import { z } from 'zod';
import { lazySchema } from '../../../shared/core/lazy-schema';
import { baseUrl } from '../http';

/** GET /api/v2/instance: the limits an instance sets for its own posts (each field may be missing on older servers). */
export const instance = lazySchema(() =>
  z
    .object({
      configuration: z
        .object({
          statuses: z.object({ max_characters: z.number().int().positive(), max_media_attachments: z.number().int().positive() }).partial(),
        })
        .partial(),
    })
    .partial()
);

/** The instance's origin as stored on the account, without trailing slashes. */
export const instanceBase = (instanceUrl: string | null | undefined) => baseUrl(String(instanceUrl));

export const instanceUrl = (instanceUrl: string | null | undefined) => `${instanceBase(instanceUrl)}/api/v2/instance`;

export const bearer = (accessToken: string | undefined) => ({ authorization: `Bearer ${accessToken}`, accept: 'application/json' });
