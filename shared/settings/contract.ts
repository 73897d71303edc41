import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { isValidTimeZone } from '../planning/time';
import { DEFAULT_TEMPLATE, TEMPLATE_PLACEHOLDERS, placeholdersOf } from './placeholders';
import { documentIdParam as documentId, contentTypeUid } from '../core/zod';
import { m } from '../core/messages';

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
const attributeName = lazySchema(() =>
  z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, m('attribute_name'))
    .nullable()
    .default(null)
);

export const fieldMapping = lazySchema(() =>
  z.strictObject({
    title: attributeName,
    excerpt: attributeName,
    image: attributeName,
  })
);

/** Posts created when an entry of this type is published. */
export const autoShareSettings = lazySchema(() =>
  z.strictObject({
    enabled: z.boolean().default(false),
    /** draft: drafts to review; scheduled: scheduled at publish time + delay (submitted for review when approval is required) */
    mode: z.enum(['draft', 'scheduled']).default('draft'),
    accountIds: z.array(documentId).max(20, m('too_many')).default([]),
    template: z
      .string()
      .max(2000, m('too_long'))
      .default(DEFAULT_TEMPLATE)
      .refine((text) => placeholdersOf(text).every((name) => (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)), {
        message: m('template_placeholders'),
        params: { allowed: TEMPLATE_PLACEHOLDERS.map((name) => `{${name}}`).join(', ') },
      }),
    delayMinutes: z.number().int(m('not_whole_number')).min(0, m('too_low')).max(43_200, m('delay_too_long')).default(0),
    timezone: z
      .string()
      .max(64, m('too_long'))
      .default('UTC')
      .refine(isValidTimeZone, { message: m('time_zone') }),
  })
);

/** A content type whose entries get the "Social posts" panel, and how its public URL is built. */
export const contentTypeSettings = lazySchema(() =>
  z.strictObject({
    uid: contentTypeUid,
    /** e.g. https://example.com/blog/{slug}: any attribute in braces is replaced by the entry's value */
    urlPattern: z
      .string()
      .trim()
      .max(500, m('too_long'))
      .regex(/^https?:\/\/[^\s]+$/, m('url_pattern_scheme'))
      .refine(isPublicWebAddress, { message: m('url_pattern_public') })
      .nullable()
      .default(null),
    fields: fieldMapping.prefault({}),
    autoShare: autoShareSettings.prefault({}),
  })
);

/**
 * The plugin's settings, as stored in Strapi's core store. Every field has a
 * default so an install that never opened the settings page behaves sensibly,
 * and so adding a field later never breaks a stored value.
 */
export const settingsSchema = lazySchema(() =>
  z.strictObject({
    /** a post must be approved before it is scheduled */
    approvalRequired: z.boolean().default(true),
    /** moving an approved post in time sends it back to review too */
    retimeNeedsReview: z.boolean().default(false),
    /** the site's own address: UTM parameters are added to links to this host only */
    siteUrl: z
      .string()
      .trim()
      .max(500, m('too_long'))
      .regex(/^https?:\/\/[^\s/]+/, m('site_url_scheme'))
      .refine(isPublicWebAddress, { message: m('site_url_public') })
      .nullable()
      .default(null),
    contentTypes: z.array(contentTypeSettings).max(50, m('too_many')).default([]),
    /** the site's name, on the reports' PDF */
    siteName: z.string().trim().max(120, m('too_long')).nullable().default(null),
    /** an image of the media library (its file id): the reports' PDF logo (PNG or JPEG) */
    reportLogoId: z.number().int(m('not_whole_number')).positive(m('too_low')).nullable().default(null),
    /**
     * At most this many posts a UTC day per account on a network billed per
     * request (X); a post over it is held with its reason. Null: no cap.
     */
    xDailyCap: z.number().int(m('not_whole_number')).min(1, m('too_low')).max(1000, m('too_high')).nullable().default(null),
  })
);

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
