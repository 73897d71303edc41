import { z } from 'zod';
import { isValidTimeZone } from '../planning/time';
import { DEFAULT_TEMPLATE, TEMPLATE_PLACEHOLDERS, placeholdersOf } from './placeholders';
import { documentIdParam as documentId, contentTypeUid } from '../core/zod';

/** A public http(s) address without credentials in it (braces of a URL pattern read as plain text). */
function isPublicWebAddress(value: string): boolean {
  try {
    const url = new URL(value.replace(/\{[^{}]*\}/g, 'x'));
    return ['http:', 'https:'].includes(url.protocol) && url.hostname !== '' && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** null means "detect it": the settings page shows what was detected. */
const attributeName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'An attribute name of this content type')
  .nullable()
  .default(null);

export const fieldMapping = z.strictObject({
  title: attributeName,
  excerpt: attributeName,
  image: attributeName,
});

/** Posts created when an entry of this type is published. */
export const autoShareSettings = z.strictObject({
  enabled: z.boolean().default(false),
  /** draft: drafts to review; scheduled: scheduled at publish time + delay (submitted for review when approval is required) */
  mode: z.enum(['draft', 'scheduled']).default('draft'),
  accountIds: z.array(documentId).max(20, 'At most 20 accounts').default([]),
  template: z
    .string()
    .max(2000, 'At most 2000 characters')
    .default(DEFAULT_TEMPLATE)
    .refine((text) => placeholdersOf(text).every((name) => (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)), {
      message: 'Only {title}, {url} and {excerpt} can be used in the template',
    }),
  delayMinutes: z.number().int('Whole minutes').min(0, 'At least 0 minutes').max(43_200, 'At most 30 days (43200 minutes)').default(0),
  timezone: z
    .string()
    .max(64, 'At most 64 characters')
    .default('UTC')
    .refine(isValidTimeZone, { message: 'Use an IANA time zone such as Europe/Paris' }),
});

/** A content type whose entries get the "Social posts" panel, and how its public URL is built. */
export const contentTypeSettings = z.strictObject({
  uid: contentTypeUid,
  /** e.g. https://example.com/blog/{slug}: any attribute in braces is replaced by the entry's value */
  urlPattern: z
    .string()
    .trim()
    .max(500, 'At most 500 characters')
    .regex(/^https?:\/\/[^\s]+$/, 'A URL pattern starts with https:// or http://, such as https://example.com/blog/{slug}')
    .refine(isPublicWebAddress, {
      message: 'A URL pattern is a web address without user name or password, such as https://example.com/blog/{slug}',
    })
    .nullable()
    .default(null),
  fields: fieldMapping.prefault({}),
  autoShare: autoShareSettings.prefault({}),
});

/**
 * The plugin's settings, as stored in Strapi's core store. Every field has a
 * default so an install that never opened the settings page behaves sensibly,
 * and so adding a field later never breaks a stored value.
 */
export const settingsSchema = z.strictObject({
  /** a post must be approved before it is scheduled */
  approvalRequired: z.boolean().default(true),
  /** moving an approved post in time sends it back to review too */
  retimeNeedsReview: z.boolean().default(false),
  /** the site's own address: UTM parameters are added to links to this host only */
  siteUrl: z
    .string()
    .trim()
    .max(500, 'At most 500 characters')
    .regex(/^https?:\/\/[^\s/]+/, 'The site address starts with https:// or http://')
    .refine(isPublicWebAddress, { message: 'The site address is a web address without user name or password, such as https://example.com' })
    .nullable()
    .default(null),
  contentTypes: z.array(contentTypeSettings).max(50, 'At most 50 content types').default([]),
});

export type PluginSettings = z.infer<typeof settingsSchema>;
export type ContentTypeSettings = z.infer<typeof contentTypeSettings>;
export type FieldMapping = z.infer<typeof fieldMapping>;
export type AutoShareSettings = z.infer<typeof autoShareSettings>;

export interface AttributeInfo {
  name: string;
  type: string;
  /** media only: several files or one */
  multiple?: boolean;
}

/** A site content type the panel can be enabled on: the app's own (`api::`) collection types. */
export interface ContentTypeInfo {
  uid: string;
  displayName: string;
  draftAndPublish: boolean;
  attributes: AttributeInfo[];
  /** what the field mapping falls back to when left empty */
  detected: { title: string | null; excerpt: string | null; image: string | null };
}
