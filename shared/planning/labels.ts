import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';

/**
 * `GET /post-plans/labels`: every pillar and campaign some post carries, for
 * the filters and forms that offer "one of the existing values". The query
 * takes no parameter; an unknown one is refused (400 naming it), not ignored.
 */
export const postLabelsQuery = lazySchema(() => z.strictObject({}));

export const postLabels = lazySchema(() =>
  z.strictObject({
    /** distinct, non-empty, sorted */
    pillars: z.array(z.string()),
    /** distinct, non-empty, sorted */
    campaigns: z.array(z.string()),
  })
);
export type PostLabels = z.infer<typeof postLabels>;
