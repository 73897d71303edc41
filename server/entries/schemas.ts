import { z } from 'zod';
import { isValidTimeZone } from '../../shared/planning/time';

const documentId = z.string().regex(/^[a-z0-9]{1,64}$/, 'Must be a document id');
const contentTypeUid = z.string().regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, 'A content type such as api::article.article');

export const configQuery = z.object({ uid: contentTypeUid });

export const entryQuery = z.object({ uid: contentTypeUid, documentId });

export const MAX_TIMELINE_STEPS = 10;

export const shareTimelineInput = z.strictObject({
  uid: contentTypeUid,
  documentId,
  accountIds: z.array(documentId).min(1, 'Choose at least one account').max(20, 'At most 20 accounts'),
  /** days after today, in the editor's zone: 0 is today */
  offsets: z
    .array(z.number().int('Whole days').min(0, 'Days start at 0 (today)').max(365, 'At most 365 days ahead'))
    .min(1, 'Choose at least one day')
    .max(MAX_TIMELINE_STEPS, `At most ${MAX_TIMELINE_STEPS} steps`),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time looks like 09:30'),
  timezone: z.string().max(64, 'At most 64 characters').refine(isValidTimeZone, { message: 'Use an IANA time zone such as Europe/Paris' }),
});

export type ShareTimelineInput = z.infer<typeof shareTimelineInput>;
