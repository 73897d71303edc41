import type { IntlShape, MessageDescriptor } from 'react-intl';
import { useIntl } from 'react-intl';
import type { MessageParams, ServerMessageCode } from '../../shared/core/messages';
import { readApiError, type ApiProblem } from '../api/errors';
import { networkName } from '../networks';
import { getTrad } from './getTrad';

/**
 * Every message code the server sends (shared/core/messages.ts), in the admin's
 * language. tests/unit/server-messages.test.ts checks that each code has an
 * English and a French text with the same placeholders.
 */
export const SERVER_MESSAGES: Record<ServerMessageCode, MessageDescriptor> = {
  required: { id: getTrad('server.required'), defaultMessage: 'Required' },
  too_long: { id: getTrad('server.too_long'), defaultMessage: 'At most {max} characters' },
  too_short: { id: getTrad('server.too_short'), defaultMessage: 'At least {min} characters' },
  too_many: { id: getTrad('server.too_many'), defaultMessage: 'At most {max} items' },
  too_few: { id: getTrad('server.too_few'), defaultMessage: 'At least {min} items' },
  too_high: { id: getTrad('server.too_high'), defaultMessage: 'At most {max}' },
  too_low: { id: getTrad('server.too_low'), defaultMessage: 'At least {min}' },
  not_whole_number: { id: getTrad('server.not_whole_number'), defaultMessage: 'A whole number' },
  wrong_type: { id: getTrad('server.wrong_type'), defaultMessage: 'Not the expected kind of value' },
  invalid_choice: { id: getTrad('server.invalid_choice'), defaultMessage: 'Not one of the allowed values' },
  unknown_fields: { id: getTrad('server.unknown_fields'), defaultMessage: 'Unknown field: {keys}' },
  invalid: { id: getTrad('server.invalid'), defaultMessage: 'Invalid value' },
  document_id: { id: getTrad('server.document_id'), defaultMessage: 'Must be a document id' },
  content_type_uid: { id: getTrad('server.content_type_uid'), defaultMessage: 'A content type such as api::article.article' },
  time_zone: { id: getTrad('server.time_zone'), defaultMessage: 'Use an IANA time zone such as Europe/Paris' },
  not_found: { id: getTrad('server.not_found'), defaultMessage: 'Not found: it may have been deleted' },
  line_name_required: { id: getTrad('server.line_name_required'), defaultMessage: 'The editorial line needs a name' },
  line_name_taken: { id: getTrad('server.line_name_taken'), defaultMessage: 'An editorial line named "{name}" already exists' },
  line_not_found: { id: getTrad('server.line_not_found'), defaultMessage: 'Editorial line not found' },
  line_missing: { id: getTrad('server.line_missing'), defaultMessage: 'This editorial line does not exist' },
  pillar_name_required: { id: getTrad('server.pillar_name_required'), defaultMessage: 'A pillar needs a name' },
  pillar_names_duplicate: { id: getTrad('server.pillar_names_duplicate'), defaultMessage: 'Two pillars have the same name' },
  pillar_share_negative: { id: getTrad('server.pillar_share_negative'), defaultMessage: 'A share cannot be negative' },
  pillar_share_over_100: { id: getTrad('server.pillar_share_over_100'), defaultMessage: 'A share cannot exceed 100 %' },
  pillar_shares_total: {
    id: getTrad('server.pillar_shares_total'),
    defaultMessage: 'Pillar target shares add up to {total} %, more than 100 %',
  },
  pillar_colour: { id: getTrad('server.pillar_colour'), defaultMessage: 'A colour looks like #1a2b3c' },
  persona_name_required: { id: getTrad('server.persona_name_required'), defaultMessage: 'A persona needs a name' },
  hashtag_characters: { id: getTrad('server.hashtag_characters'), defaultMessage: 'A hashtag holds letters, digits and underscores only' },
  banned_word_empty: { id: getTrad('server.banned_word_empty'), defaultMessage: 'A banned word cannot be empty' },
  language_code: { id: getTrad('server.language_code'), defaultMessage: 'A language is a code such as en, fr or fr-CA' },
  posts_per_week_max: { id: getTrad('server.posts_per_week_max'), defaultMessage: 'At most {max} posts a week' },
  frequency_network_twice: { id: getTrad('server.frequency_network_twice'), defaultMessage: 'One frequency target per network' },
  account_name_required: { id: getTrad('server.account_name_required'), defaultMessage: 'The account needs a name' },
  account_not_found: { id: getTrad('server.account_not_found'), defaultMessage: 'Social account not found' },
  account_missing: { id: getTrad('server.account_missing'), defaultMessage: 'This account does not exist' },
  account_network_unavailable: {
    id: getTrad('server.account_network_unavailable'),
    defaultMessage: '{network} cannot be connected in this version',
  },
  account_credentials_wrong_network: {
    id: getTrad('server.account_credentials_wrong_network'),
    defaultMessage: 'A {network} account takes {fields}',
  },
  account_disabled_check: {
    id: getTrad('server.account_disabled_check'),
    defaultMessage: 'This account is disabled: enable it before checking its connection',
  },
  encryption_not_configured: {
    id: getTrad('server.encryption_not_configured'),
    defaultMessage:
      'Credentials cannot be stored: no encryption key is configured. Set CM_ENCRYPTION_KEYS on the server (see the README), then try again.',
  },
  oauth_not_configured: {
    id: getTrad('server.oauth_not_configured'),
    defaultMessage: 'Sign-in with {network} is not set up: see Settings',
  },
  oauth_network_not_found: { id: getTrad('server.oauth_network_not_found'), defaultMessage: 'This network does not sign in through OAuth' },
  oauth_unknown_option: { id: getTrad('server.oauth_unknown_option'), defaultMessage: 'Unknown option {options}' },
  site_url_scheme: { id: getTrad('server.site_url_scheme'), defaultMessage: 'The site address starts with https:// or http://' },
  site_url_public: {
    id: getTrad('server.site_url_public'),
    defaultMessage: 'The site address is a web address without user name or password, such as https://example.com',
  },
  url_pattern_scheme: {
    id: getTrad('server.url_pattern_scheme'),
    defaultMessage: "A URL pattern starts with https:// or http://, such as https://example.com/blog/'{slug}'",
  },
  url_pattern_public: {
    id: getTrad('server.url_pattern_public'),
    defaultMessage: "A URL pattern is a web address without user name or password, such as https://example.com/blog/'{slug}'",
  },
  attribute_name: { id: getTrad('server.attribute_name'), defaultMessage: 'An attribute name of this content type' },
  template_placeholders: { id: getTrad('server.template_placeholders'), defaultMessage: 'Only {allowed} can be used in the template' },
  delay_too_long: { id: getTrad('server.delay_too_long'), defaultMessage: 'At most 30 days ({max} minutes)' },
  content_type_twice: { id: getTrad('server.content_type_twice'), defaultMessage: '{uid} is listed twice' },
  content_type_unknown: { id: getTrad('server.content_type_unknown'), defaultMessage: '{uid} is not a collection type of this site' },
  url_placeholder_unknown: { id: getTrad('server.url_placeholder_unknown'), defaultMessage: '{placeholder} is not a field of {type}' },
  url_placeholder_unusable: { id: getTrad('server.url_placeholder_unusable'), defaultMessage: '{placeholder} cannot be written in a URL' },
  field_not_text: { id: getTrad('server.field_not_text'), defaultMessage: '{field} is not a text field of {type}' },
  field_not_media: { id: getTrad('server.field_not_media'), defaultMessage: '{field} is not a media field of {type}' },
  auto_share_never_published: {
    id: getTrad('server.auto_share_never_published'),
    defaultMessage: '{type} has no draft & publish, so it is never published',
  },
  auto_share_no_account: { id: getTrad('server.auto_share_no_account'), defaultMessage: 'Choose at least one account to share to' },
  auto_share_template_empty: { id: getTrad('server.auto_share_template_empty'), defaultMessage: 'The template is empty' },
  entry_type_not_enabled: {
    id: getTrad('server.entry_type_not_enabled'),
    defaultMessage: 'Social posts are not enabled for {uid}: choose it in the plugin settings',
  },
  entry_not_readable: {
    id: getTrad('server.entry_not_readable'),
    defaultMessage: 'You are not allowed to read this entry in the Content Manager, so it cannot fill a post.',
  },
  entry_not_found: { id: getTrad('server.entry_not_found'), defaultMessage: 'Entry not found' },
  timeline_accounts_required: { id: getTrad('server.timeline_accounts_required'), defaultMessage: 'Choose at least one account' },
  timeline_days_required: { id: getTrad('server.timeline_days_required'), defaultMessage: 'Choose at least one day' },
  timeline_day_negative: { id: getTrad('server.timeline_day_negative'), defaultMessage: 'Days start at 0 (today)' },
  timeline_days_ahead: { id: getTrad('server.timeline_days_ahead'), defaultMessage: 'At most {max} days ahead' },
  timeline_day_twice: { id: getTrad('server.timeline_day_twice'), defaultMessage: 'Day {day} is chosen twice' },
  timeline_day_past: {
    id: getTrad('server.timeline_day_past'),
    defaultMessage: 'Day {day} at {time} is already past: choose a later time or day',
  },
  time_of_day: { id: getTrad('server.time_of_day'), defaultMessage: 'A time looks like 09:30' },
  alert_not_found: { id: getTrad('server.alert_not_found'), defaultMessage: 'Alert not found' },
  item_not_found: { id: getTrad('server.item_not_found'), defaultMessage: 'Item not found' },
  item_already_curated: { id: getTrad('server.item_already_curated'), defaultMessage: 'This item already has a draft' },
  opml_entry_feed_invalid: {
    id: getTrad('server.opml_entry_feed_invalid'),
    defaultMessage: 'Feed {index} of the file (“{name}”) has an invalid feed address. Nothing was imported.',
  },
  opml_entry_site_invalid: {
    id: getTrad('server.opml_entry_site_invalid'),
    defaultMessage: 'Feed {index} of the file (“{name}”) has an invalid site address. Nothing was imported.',
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isKnownCode = (value: unknown): value is ServerMessageCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(SERVER_MESSAGES, value);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface FormatOptions {
  /** the zone to show instants in; the browser's when absent */
  timeZone?: string;
}

/**
 * A message's facts in the reader's language: an instant (ISO) in their zone and
 * locale, a calendar date as a date, a network id as its name. Numbers stay
 * numbers so plural forms work.
 */
export function formatParams(intl: IntlShape, params: MessageParams, options: FormatOptions = {}): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      if (typeof value !== 'string') return [key, value];
      if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))
        return [key, intl.formatDate(value, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone })];
      // A calendar date names a day, the same in every zone: read at noon UTC, shown in UTC.
      if (DATE_ONLY.test(value)) return [key, intl.formatDate(`${value}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })];
      if (key === 'network') return [key, networkName(intl.formatMessage, value)];
      return [key, value];
    })
  );
}

/** A code and its params in the reader's language; an unknown code (a newer server) keeps the server's English. */
export function serverMessageText(
  intl: IntlShape,
  messageId: unknown,
  params: unknown,
  fallback: string,
  options: FormatOptions = {}
): string {
  if (!isKnownCode(messageId)) return fallback;
  const values = isRecord(params) ? (params as MessageParams) : {};
  return intl.formatMessage(SERVER_MESSAGES[messageId], formatParams(intl, values, options));
}

function detailsOf(error: unknown): Record<string, unknown> | undefined {
  // Read by shape, as admin/api/errors.ts does: the error class may come from another copy of the admin.
  if (!isRecord(error) || !isRecord(error.response) || !isRecord(error.response.data)) return undefined;
  const envelope = error.response.data.error;
  return isRecord(envelope) && isRecord(envelope.details) ? envelope.details : undefined;
}

/**
 * `readApiError` in the reader's language: the notification's message and each
 * field's message, translated from the codes the server sends beside its English.
 */
export function translateApiError(intl: IntlShape, error: unknown, options: FormatOptions = {}): ApiProblem {
  const problem = readApiError(error);
  const details = detailsOf(error);
  if (!details) return problem;
  const fieldErrors: Record<string, string> = {};
  for (const item of Array.isArray(details.errors) ? details.errors : []) {
    if (!isRecord(item) || typeof item.message !== 'string' || !Array.isArray(item.path)) continue;
    const key = item.path.map(String).join('.');
    if (!(key in fieldErrors)) fieldErrors[key] = serverMessageText(intl, item.messageId, item.params, item.message, options);
  }
  return {
    ...problem,
    message: serverMessageText(intl, details.messageId, details.params, problem.message, options),
    fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : problem.fieldErrors,
  };
}

/** The hook pages use: `const readError = useApiError(); readError(mutation.error).message`. */
export function useApiError(options: FormatOptions = {}) {
  const intl = useIntl();
  return (error: unknown): ApiProblem => translateApiError(intl, error, options);
}
