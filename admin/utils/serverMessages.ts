import type { IntlShape, MessageDescriptor } from 'react-intl';
import { useIntl } from 'react-intl';
import type { MessageParams, ServerMessageCode } from '../../shared/core/messages';
import type { ReasonCode } from '../../shared/accounts/reasons';
import { readApiError, type ApiProblem } from '../api/errors';
import { networkName } from '../networks';
import { getTrad } from './getTrad';

/** Every code the server sends the admin to show: its messages, and the reasons of an account's status. */
export type MessageCode = ServerMessageCode | ReasonCode;

/**
 * The one table of the codes the server sends, in the admin's language: every
 * message of shared/core/messages.ts (`server.<code>`: refusals, field errors,
 * a publication's error) and every reason of an account's status
 * (shared/accounts/reasons.ts, `accounts.reason.<code>`). `serverMessageText`
 * reads it everywhere. tests/unit/server-messages.test.ts checks that each code
 * has an English and a French text with the same placeholders.
 */
export const SERVER_MESSAGES: Record<MessageCode, MessageDescriptor> = {
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
  campaign_name_required: {
    id: getTrad('server.campaign_name_required'),
    defaultMessage: 'A campaign target needs the campaign’s name',
  },
  campaign_target_twice: { id: getTrad('server.campaign_target_twice'), defaultMessage: 'One target per campaign' },
  account_name_required: { id: getTrad('server.account_name_required'), defaultMessage: 'The account needs a name' },
  account_not_found: { id: getTrad('server.account_not_found'), defaultMessage: 'Social account not found' },
  account_missing: { id: getTrad('server.account_missing'), defaultMessage: 'This account does not exist' },
  account_network_unavailable: {
    id: getTrad('server.account_network_unavailable'),
    defaultMessage: '{network} cannot be connected in this version',
  },
  account_sign_in_only: {
    id: getTrad('server.account_sign_in_only'),
    defaultMessage: '{network} connects through “Sign in with {network}”, not the account form',
  },
  account_credentials_wrong_network: {
    id: getTrad('server.account_credentials_wrong_network'),
    defaultMessage: 'A {network} account takes {fields}',
  },
  meta_public_url_missing: {
    id: getTrad('server.meta_public_url_missing'),
    defaultMessage:
      'The site has no public address (Strapi’s server.url), and Instagram, Threads and Facebook (videos) fetch media from it: set server.url, then retry the post',
  },
  account_http_url: { id: getTrad('server.account_http_url'), defaultMessage: 'Must be an http(s) URL such as https://mastodon.social' },
  account_handle: { id: getTrad('server.account_handle'), defaultMessage: 'A handle looks like alice.bsky.social' },
  account_message_format: {
    id: getTrad('server.account_message_format'),
    defaultMessage: 'Choose Slack, Discord, Teams, Mattermost or generic JSON',
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
  oauth_option_url: { id: getTrad('server.oauth_option_url'), defaultMessage: 'Must be a web address such as https://example.com' },
  oauth_api_version: { id: getTrad('server.oauth_api_version'), defaultMessage: 'An API version such as v24.0' },
  linkedin_pages_not_sign_in: {
    id: getTrad('server.linkedin_pages_not_sign_in'),
    defaultMessage: 'This account is not a sign-in with LinkedIn: its pages cannot be listed',
  },
  linkedin_page_not_administered: {
    id: getTrad('server.linkedin_page_not_administered'),
    defaultMessage: 'The signed-in member does not administer {page}: it cannot be connected',
  },
  linkedin_pages_unavailable: {
    id: getTrad('server.linkedin_pages_unavailable'),
    defaultMessage: 'LinkedIn did not list the pages: {message}',
  },
  linkedin_page_urn: { id: getTrad('server.linkedin_page_urn'), defaultMessage: 'A LinkedIn page such as urn:li:organization:123' },
  linkedin_page_unavailable: {
    id: getTrad('server.linkedin_page_unavailable'),
    defaultMessage: 'Not available: LinkedIn did not give this page’s details ({message})',
  },
  facebook_pages_not_sign_in: {
    id: getTrad('server.facebook_pages_not_sign_in'),
    defaultMessage: 'This account is not a sign-in with Facebook: its pages cannot be listed',
  },
  facebook_pages_sign_in_again: {
    id: getTrad('server.facebook_pages_sign_in_again'),
    defaultMessage: 'This Facebook sign-in cannot list pages any more: sign in with Facebook again',
  },
  facebook_page_not_managed: {
    id: getTrad('server.facebook_page_not_managed'),
    defaultMessage: 'The signed-in person does not manage the page {page}: it cannot be connected',
  },
  facebook_pages_unavailable: {
    id: getTrad('server.facebook_pages_unavailable'),
    defaultMessage: 'Facebook did not list the pages: {message}',
  },
  facebook_page_id: { id: getTrad('server.facebook_page_id'), defaultMessage: 'A Facebook page id, digits only' },
  facebook_page_no_token: {
    id: getTrad('server.facebook_page_no_token'),
    defaultMessage: 'Not available: Facebook gives no token for this page (the signed-in person’s role on it does not allow publishing)',
  },
  realtime_polling: {
    id: getTrad('server.realtime_polling'),
    defaultMessage: 'Comments arrive by polling every {minutes} min: the page is not subscribed to real-time updates — {reason}',
  },
  realtime_permission_missing: {
    id: getTrad('server.realtime_permission_missing'),
    defaultMessage: 'the sign-in did not grant the {permission} permission: sign in again, allow it, then subscribe again',
  },
  realtime_token_refused: {
    id: getTrad('server.realtime_token_refused'),
    defaultMessage: 'the network refused the page’s token ({message}): sign in again',
  },
  realtime_refused: {
    id: getTrad('server.realtime_refused'),
    defaultMessage: 'the network refused the subscription ({message})',
  },
  realtime_unavailable: {
    id: getTrad('server.realtime_unavailable'),
    defaultMessage: 'the network did not answer ({message}): subscribe again later',
  },
  realtime_not_offered: {
    id: getTrad('server.realtime_not_offered'),
    defaultMessage: 'This account’s network does not deliver its comments in real time: they arrive by polling',
  },
  account_disabled_subscribe: {
    id: getTrad('server.account_disabled_subscribe'),
    defaultMessage: 'This account is disabled: enable it before subscribing it to real-time updates',
  },
  account_credentials_unreadable: {
    id: getTrad('server.account_credentials_unreadable'),
    defaultMessage: 'The stored credentials of this account cannot be opened: sign in again',
  },
  facebook_page_unreadable: {
    id: getTrad('server.facebook_page_unreadable'),
    defaultMessage: 'Not available: Facebook listed this page without the expected fields',
  },
  instagram_accounts_not_sign_in: {
    id: getTrad('server.instagram_accounts_not_sign_in'),
    defaultMessage: 'This account is not a sign-in with Facebook for Instagram: its Instagram accounts cannot be listed',
  },
  instagram_accounts_sign_in_again: {
    id: getTrad('server.instagram_accounts_sign_in_again'),
    defaultMessage: 'This Instagram sign-in cannot list accounts any more: sign in with Facebook again',
  },
  instagram_account_not_linked: {
    id: getTrad('server.instagram_account_not_linked'),
    defaultMessage: 'The Instagram account {account} is not linked to a page the signed-in person manages: it cannot be connected',
  },
  instagram_accounts_unavailable: {
    id: getTrad('server.instagram_accounts_unavailable'),
    defaultMessage: 'Facebook did not list the Instagram accounts: {message}',
  },
  instagram_account_id: {
    id: getTrad('server.instagram_account_id'),
    defaultMessage: 'An Instagram account id, digits only',
  },
  instagram_account_unavailable: {
    id: getTrad('server.instagram_account_unavailable'),
    defaultMessage: 'Not available: Facebook did not give this Instagram account’s details ({message})',
  },
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
  in_the_past: { id: getTrad('server.in_the_past'), defaultMessage: 'This time is in the past: choose a later one' },
  schedule_missing: { id: getTrad('server.schedule_missing'), defaultMessage: 'Choose a date and time before scheduling' },
  schedule_keep_time: {
    id: getTrad('server.schedule_keep_time'),
    defaultMessage: 'A scheduled post needs a time: unschedule it first to clear it',
  },
  time_zone_unknown: {
    id: getTrad('server.time_zone_unknown'),
    defaultMessage: '"{zone}" is not a time zone; use an IANA name such as Europe/Paris',
  },
  nonexistent_local_time: {
    id: getTrad('server.nonexistent_local_time'),
    defaultMessage: '{local} in {zone} does not exist: the clocks skip it. The next valid time is {next}',
  },
  ambiguous_local_time: {
    id: getTrad('server.ambiguous_local_time'),
    defaultMessage: '{local} in {zone} happens twice: the clocks go back. Choose the earlier ({earlier}) or the later ({later}) one',
  },
  invalid_local_time: {
    id: getTrad('server.invalid_local_time'),
    defaultMessage: '"{local}" is not a valid local date and time (expected YYYY-MM-DDTHH:mm)',
  },
  content_type_missing: { id: getTrad('server.content_type_missing'), defaultMessage: 'There is no content type {uid}' },
  entry_missing: { id: getTrad('server.entry_missing'), defaultMessage: 'The linked entry does not exist' },
  media_missing: {
    id: getTrad('server.media_missing'),
    defaultMessage: 'This file is not in the media library (deleted?): remove it from the post',
  },
  post_accounts_required: { id: getTrad('server.post_accounts_required'), defaultMessage: 'Choose at least one account' },
  post_account_disabled: {
    id: getTrad('server.post_account_disabled'),
    defaultMessage: '{account} is disabled: enable it or remove it from the post',
  },
  duplicate_not_allowed: {
    id: getTrad('server.duplicate_not_allowed'),
    defaultMessage: 'To duplicate a post you need the "Create and submit posts" permission.',
  },
  not_your_comment: { id: getTrad('server.not_your_comment'), defaultMessage: 'You can delete only your own comments' },
  link_url_invalid: { id: getTrad('server.link_url_invalid'), defaultMessage: 'Give an http or https address' },
  link_unreadable: { id: getTrad('server.link_unreadable'), defaultMessage: 'The page could not be read: {detail}' },
  approve_only_schedule: { id: getTrad('server.approve_only_schedule'), defaultMessage: 'Only scheduling can approve on the way' },
  media_required: { id: getTrad('server.media_required'), defaultMessage: '{network} needs at least one image or video' },
  too_many_media: { id: getTrad('server.too_many_media'), defaultMessage: '{network} takes at most {max} files; this post has {count}' },
  media_kind_refused: {
    id: getTrad('server.media_kind_refused'),
    defaultMessage: '{network} does not take this kind of file ({kind}): remove {file}',
  },
  media_too_large: { id: getTrad('server.media_too_large'), defaultMessage: '{network} takes files up to {limit} MB; {file} is {size} MB' },
  media_video_alone: {
    id: getTrad('server.media_video_alone'),
    defaultMessage: '{network} takes a video or audio file only on its own: {file} must be the post’s only file',
  },
  missing_permission: {
    id: getTrad('server.missing_permission'),
    defaultMessage: 'Your role does not have the permission this change needs on this post.',
  },
  not_allowed_from_status: {
    id: getTrad('server.not_allowed_from_status'),
    defaultMessage: 'This post cannot take this step from its current status.',
  },
  comment_required: { id: getTrad('server.comment_required'), defaultMessage: 'This step needs a comment that says what to change.' },
  approval_required: {
    id: getTrad('server.approval_required'),
    defaultMessage: 'Posts need approval before this step: send this one to review first.',
  },
  published_is_read_only: {
    id: getTrad('server.published_is_read_only'),
    defaultMessage: 'This post went out on the networks: it cannot be edited. Create a new post instead.',
  },
  published_cannot_be_deleted: {
    id: getTrad('server.published_cannot_be_deleted'),
    defaultMessage: 'This post went out on the networks: it stays as the record of what was published and cannot be deleted.',
  },
  not_allowed_from_state: {
    id: getTrad('server.not_allowed_from_state'),
    defaultMessage: 'This publication can no longer be changed this way: reload the page to see what can be done with it.',
  },
  state_changed: { id: getTrad('server.state_changed'), defaultMessage: 'This publication changed meanwhile: reload and try again.' },
  publications_went_out: {
    id: getTrad('server.publications_went_out'),
    defaultMessage:
      'This post went out, or may have, on {count} account(s): it stays as the record of what was published, cancelled so nothing more goes out.',
  },
  missed: {
    id: getTrad('server.missed'),
    defaultMessage: 'Due at {dueAt}; publishing was not running, and it is now later than the allowed lateness of {minutes} minutes',
  },
  lease_expired: {
    id: getTrad('server.lease_expired'),
    defaultMessage: 'The instance sending this post stopped before it knew the outcome',
  },
  account_removed: { id: getTrad('server.account_removed'), defaultMessage: 'The account was removed' },
  account_disabled: { id: getTrad('server.account_disabled'), defaultMessage: '{account} is disabled: nothing is published to it' },
  account_needs_reauth: { id: getTrad('server.account_needs_reauth'), defaultMessage: '{account} needs to be reconnected' },
  network_not_supported: {
    id: getTrad('server.network_not_supported'),
    defaultMessage: 'Publishing to {network} is not available in this version',
  },
  media_unreadable: { id: getTrad('server.media_unreadable'), defaultMessage: 'A media file of this post cannot be read: {detail}' },
  first_comment_failed: {
    id: getTrad('server.first_comment_failed'),
    defaultMessage: 'The post is out, but its first comment was not: {detail}',
  },
  x_daily_cap: {
    id: getTrad('server.x_daily_cap'),
    defaultMessage:
      '{account} has its {cap} posts of {day} (UTC) already: held, not sent. Move it to another day, or raise the daily cap in Settings',
  },
  gave_up: { id: getTrad('server.gave_up'), defaultMessage: '{detail} (gave up after {attempts} attempts)' },
  hold_email_body: {
    id: getTrad('server.hold_email_body'),
    defaultMessage:
      'Publishing to {account} ({network}) was refused: {detail}. Its scheduled posts are on hold until the account is reconnected in Community Manager > Accounts.',
  },
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
  feed_http_error: { id: getTrad('server.feed_http_error'), defaultMessage: 'The server answered HTTP {status}' },
  feed_not_modified: { id: getTrad('server.feed_not_modified'), defaultMessage: 'The server answered 304 to a request without validators' },
  feed_dns_failed: { id: getTrad('server.feed_dns_failed'), defaultMessage: 'The host name {host} could not be resolved' },
  feed_blocked_address: {
    id: getTrad('server.feed_blocked_address'),
    defaultMessage:
      '{host} resolves to a private or reserved address, which is not allowed. To watch an intranet feed, an administrator adds {host} to {setting} (plugin config outbound.allowedHosts) and restarts Strapi.',
  },
  feed_connect_failed: { id: getTrad('server.feed_connect_failed'), defaultMessage: 'Could not connect to {host} ({reason})' },
  feed_timeout: { id: getTrad('server.feed_timeout'), defaultMessage: '{host} did not answer in time' },
  feed_reset: { id: getTrad('server.feed_reset'), defaultMessage: 'The connection to {host} was interrupted' },
  feed_too_large: { id: getTrad('server.feed_too_large'), defaultMessage: 'The feed is larger than {max} bytes' },
  feed_too_many_redirects: { id: getTrad('server.feed_too_many_redirects'), defaultMessage: 'More than {max} redirects' },
  feed_cross_origin_redirect: { id: getTrad('server.feed_cross_origin_redirect'), defaultMessage: 'A redirect to {origin} was refused' },
  feed_invalid_url: {
    id: getTrad('server.feed_invalid_url'),
    defaultMessage: 'Not an address that can be fetched: http or https, without a user name or password',
  },
  feed_blocked_scheme: {
    id: getTrad('server.feed_blocked_scheme'),
    defaultMessage: 'Only http and https addresses are allowed, not {scheme}',
  },
  feed_not_a_feed: { id: getTrad('server.feed_not_a_feed'), defaultMessage: 'Not a readable RSS, Atom or RDF feed ({detail})' },
  feed_invalid_json: { id: getTrad('server.feed_invalid_json'), defaultMessage: 'Not valid JSON' },
  feed_not_json_feed: { id: getTrad('server.feed_not_json_feed'), defaultMessage: 'Not a JSON Feed (https://jsonfeed.org/version/1.1)' },
  feed_dtd: {
    id: getTrad('server.feed_dtd'),
    defaultMessage: 'The feed declares a document type (DTD); feeds with DTDs or entity declarations are refused',
  },
  feed_entities: {
    id: getTrad('server.feed_entities'),
    defaultMessage: 'The feed declares entities; feeds with DTDs or entity declarations are refused',
  },
  feed_unreadable: { id: getTrad('server.feed_unreadable'), defaultMessage: 'The feed could not be read' },
  source_url_taken: { id: getTrad('server.source_url_taken'), defaultMessage: 'This feed is already watched as “{name}”' },
  source_paused: { id: getTrad('server.source_paused'), defaultMessage: 'This source is paused: resume it first' },
  source_not_found: { id: getTrad('server.source_not_found'), defaultMessage: 'Source not found' },
  feed_url_required: { id: getTrad('server.feed_url_required'), defaultMessage: 'The feed address is required' },
  feed_url_invalid: {
    id: getTrad('server.feed_url_invalid'),
    defaultMessage: 'An address starting with http:// or https://, without a user name or password',
  },
  tag_empty: { id: getTrad('server.tag_empty'), defaultMessage: 'A tag cannot be empty' },
  keyword_empty: { id: getTrad('server.keyword_empty'), defaultMessage: 'A keyword cannot be empty' },
  tags_too_many: { id: getTrad('server.tags_too_many'), defaultMessage: 'At most {max} tags' },
  keywords_too_many: { id: getTrad('server.keywords_too_many'), defaultMessage: 'At most {max} keywords' },
  interval_whole_minutes: { id: getTrad('server.interval_whole_minutes'), defaultMessage: 'A whole number of minutes' },
  interval_too_often: { id: getTrad('server.interval_too_often'), defaultMessage: 'At least every {min} minutes' },
  interval_too_rare: { id: getTrad('server.interval_too_rare'), defaultMessage: 'At most once a day' },
  keep_items_choice: { id: getTrad('server.keep_items_choice'), defaultMessage: 'Say whether to keep the items: true or false' },
  opml_empty: { id: getTrad('server.opml_empty'), defaultMessage: 'The OPML file is empty' },
  opml_not_opml: { id: getTrad('server.opml_not_opml'), defaultMessage: 'Not an OPML file' },
  opml_too_many: { id: getTrad('server.opml_too_many'), defaultMessage: 'At most {max} feeds per import' },
  items_select_one: { id: getTrad('server.items_select_one'), defaultMessage: 'Select at least one item' },
  items_too_many_at_once: { id: getTrad('server.items_too_many_at_once'), defaultMessage: 'At most {max} items at once' },
  alert_name_required: { id: getTrad('server.alert_name_required'), defaultMessage: 'The alert needs a name' },
  alert_pattern_required: { id: getTrad('server.alert_pattern_required'), defaultMessage: 'The pattern is required' },
  regex_too_long: { id: getTrad('server.regex_too_long'), defaultMessage: 'A regular expression holds at most {max} characters' },
  regex_invalid: { id: getTrad('server.regex_invalid'), defaultMessage: 'This is not a valid regular expression' },
  regex_backreference: {
    id: getTrad('server.regex_backreference'),
    defaultMessage: 'Backreferences such as \\1 are not supported: they cannot be matched in linear time',
  },
  regex_lookaround: {
    id: getTrad('server.regex_lookaround'),
    defaultMessage: 'Lookahead and lookbehind such as (?=…) or (?<!…) are not supported: they cannot be matched in linear time',
  },
  regex_unsupported: {
    id: getTrad('server.regex_unsupported'),
    defaultMessage: 'This regular expression uses syntax the linear-time engine does not support',
  },
  local_time_format: { id: getTrad('server.local_time_format'), defaultMessage: 'A local time looks like 2026-11-24T09:30' },
  time_zone_required: { id: getTrad('server.time_zone_required'), defaultMessage: 'The time zone is required' },
  post_title_required: { id: getTrad('server.post_title_required'), defaultMessage: 'The post needs an internal title' },
  post_accounts_too_many: { id: getTrad('server.post_accounts_too_many'), defaultMessage: 'At most {max} accounts' },
  media_file_id: { id: getTrad('server.media_file_id'), defaultMessage: 'Must be a media library file id' },
  media_too_many: { id: getTrad('server.media_too_many'), defaultMessage: 'At most {max} files' },
  values_too_many: { id: getTrad('server.values_too_many'), defaultMessage: 'At most {max} values' },
  comment_empty: { id: getTrad('server.comment_empty'), defaultMessage: 'Write a comment first' },
  comment_id: { id: getTrad('server.comment_id'), defaultMessage: 'Must be a comment id' },
  posts_select_one: { id: getTrad('server.posts_select_one'), defaultMessage: 'Select at least one post' },
  posts_too_many_at_once: { id: getTrad('server.posts_too_many_at_once'), defaultMessage: 'At most {max} posts at once' },
  page_url_required: { id: getTrad('server.page_url_required'), defaultMessage: 'Give the address of the page' },
  window_order: { id: getTrad('server.window_order'), defaultMessage: '"to" must be after "from"' },
  window_too_long: { id: getTrad('server.window_too_long'), defaultMessage: 'The window is at most {days} days; ask month by month' },
  iso_date_time: { id: getTrad('server.iso_date_time'), defaultMessage: 'An ISO 8601 date-time such as 2026-11-01T00:00:00Z' },
  calendar_feed_token: { id: getTrad('server.calendar_feed_token'), defaultMessage: 'Not a calendar feed token' },
  report_title_required: { id: getTrad('server.report_title_required'), defaultMessage: 'A report needs a title' },
  report_not_found: { id: getTrad('server.report_not_found'), defaultMessage: 'Report not found' },
  email_address: { id: getTrad('server.email_address'), defaultMessage: 'An e-mail address such as name@example.com' },
  schedule_not_found: { id: getTrad('server.schedule_not_found'), defaultMessage: 'Report schedule not found' },
  campaigns_repeated: { id: getTrad('server.campaigns_repeated'), defaultMessage: 'Name each campaign once' },
  compare_dates_and_year: {
    id: getTrad('server.compare_dates_and_year'),
    defaultMessage: 'Compare either with the dates given or with a year ago, not both',
  },
  report_email_failed: { id: getTrad('server.report_email_failed'), defaultMessage: 'The report could not be e-mailed: {reason}' },
  management_role_name_taken: {
    id: getTrad('server.management_role_name_taken'),
    defaultMessage: 'A role named “{name}” already exists and was not made here: rename it, then try again',
  },
  note_empty: { id: getTrad('server.note_empty'), defaultMessage: 'A note cannot be empty' },
  reply_empty: { id: getTrad('server.reply_empty'), defaultMessage: 'Write the reply first' },
  saved_reply_name_required: { id: getTrad('server.saved_reply_name_required'), defaultMessage: 'A saved reply needs a name' },
  inbox_reply_unsupported: {
    id: getTrad('server.inbox_reply_unsupported'),
    defaultMessage: 'Replying from the inbox is not available for this source yet',
  },
  inbox_moderation_unsupported: {
    id: getTrad('server.inbox_moderation_unsupported'),
    defaultMessage: 'Approving, rejecting and blocking work on the comments of strapi-plugin-comments only',
  },
  inbox_hide_unsupported: {
    id: getTrad('server.inbox_hide_unsupported'),
    defaultMessage: 'This network cannot hide a reply: mute, block or report the author on the network instead',
  },
  inbox_hide_not_in_thread: {
    id: getTrad('server.inbox_hide_not_in_thread'),
    defaultMessage:
      'The network hides only replies in a thread this account started: mute, block or report the author on the network instead',
  },
  inbox_reply_in_progress: { id: getTrad('server.inbox_reply_in_progress'), defaultMessage: 'A reply to this item is already being sent' },
  inbox_reply_unknown: {
    id: getTrad('server.inbox_reply_unknown'),
    defaultMessage: 'The network did not confirm the last reply: send it again, it will not be duplicated',
  },
  inbox_reply_failed: { id: getTrad('server.inbox_reply_failed'), defaultMessage: 'The network refused the reply: {message}' },
  inbox_hide_failed: { id: getTrad('server.inbox_hide_failed'), defaultMessage: 'The network did not hide or show the reply: {message}' },
  inbox_context_failed: {
    id: getTrad('server.inbox_context_failed'),
    defaultMessage: 'The network did not give the conversation: {message}',
  },
  inbox_assignee_cannot_moderate: {
    id: getTrad('server.inbox_assignee_cannot_moderate'),
    defaultMessage: 'This person cannot moderate the inbox: give their role the moderation action first',
  },
  inbox_account_unavailable: {
    id: getTrad('server.inbox_account_unavailable'),
    defaultMessage: 'The account of this item is disconnected or deleted',
  },
  inbox_nothing_to_resend: { id: getTrad('server.inbox_nothing_to_resend'), defaultMessage: 'There is no unconfirmed reply to send again' },
  period_order: { id: getTrad('server.period_order'), defaultMessage: 'The end must come after the start' },
  period_too_long: { id: getTrad('server.period_too_long'), defaultMessage: 'A period of at most 366 days' },
  crisis_already_on: { id: getTrad('server.crisis_already_on'), defaultMessage: 'Crisis mode is already on' },
  crisis_not_on: { id: getTrad('server.crisis_not_on'), defaultMessage: 'Crisis mode is not on' },
  inbox_assigned_email_subject: {
    id: getTrad('server.inbox_assigned_email_subject'),
    defaultMessage: '[Community Manager] {by} assigned you an inbox item',
  },
  inbox_assigned_email_body: {
    id: getTrad('server.inbox_assigned_email_body'),
    defaultMessage: '{by} assigned you an item from {author} ({source}): “{text}”. Open it in Community Manager > Moderation.',
  },
  crisis_alert_email_subject: {
    id: getTrad('server.crisis_alert_email_subject'),
    defaultMessage: '[Community Manager] Crisis alert: {count} negative items in {minutes} minutes',
  },
  crisis_alert_email_body: {
    id: getTrad('server.crisis_alert_email_body'),
    defaultMessage:
      '{count} of the {total} items received in the last {minutes} minutes are negative, where about {expected} were expected from the last {days} days. Open Community Manager > Moderation to review them and, if needed, turn crisis mode on (it pauses all publishing).',
  },
  crisis_holding_title: { id: getTrad('server.crisis_holding_title'), defaultMessage: 'Holding statement' },
  rule_name_required: { id: getTrad('server.rule_name_required'), defaultMessage: 'A rule needs a name' },
  rule_condition_required: { id: getTrad('server.rule_condition_required'), defaultMessage: 'Give the rule at least one condition' },
  rule_action_required: { id: getTrad('server.rule_action_required'), defaultMessage: 'Give the rule at least one action' },
  rule_author_empty: { id: getTrad('server.rule_author_empty'), defaultMessage: 'An author handle cannot be empty' },
  rule_saved_reply_missing: { id: getTrad('server.rule_saved_reply_missing'), defaultMessage: 'This saved reply does not exist' },
  rule_order_mismatch: { id: getTrad('server.rule_order_mismatch'), defaultMessage: 'Give every rule exactly once, in the new order' },
  rule_assignee_cannot_moderate: {
    id: getTrad('server.rule_assignee_cannot_moderate'),
    defaultMessage: 'This person cannot moderate the inbox: give their role the moderation action first',
  },
  site_rate_limited: { id: getTrad('server.site_rate_limited'), defaultMessage: 'Too many requests: try again in {seconds} s' },
  reauth_email_subject: {
    id: getTrad('server.reauth_email_subject'),
    defaultMessage: '[Community Manager] Reconnect {account} before {date}',
  },
  reauth_email_body: {
    id: getTrad('server.reauth_email_body'),
    defaultMessage:
      'The sign-in of {account} ({network}) ends on {date} and cannot be renewed automatically. Scheduled posts due after that date: {posts}. They will be held until someone reconnects the account in Community Manager > Accounts.',
  },
  // Why an account is not connected (shared/accounts/reasons.ts).
  token_refused: {
    id: getTrad('accounts.reason.token_refused'),
    defaultMessage: 'The instance refused the access token ({status}: {message}). Create a new token with the write:statuses scope.',
  },
  app_password_refused: {
    id: getTrad('accounts.reason.app_password_refused'),
    defaultMessage: 'Bluesky refused the handle or app password ({message}). Create a new app password in Bluesky’s settings.',
  },
  webhook_refused: {
    id: getTrad('accounts.reason.webhook_refused'),
    defaultMessage: 'The webhook refused the test message ({status}): check its URL and signing secret.',
  },
  webhook_gone: { id: getTrad('accounts.reason.webhook_gone'), defaultMessage: 'The webhook URL no longer exists ({status}).' },
  unexpected_status: { id: getTrad('accounts.reason.unexpected_status'), defaultMessage: 'The server answered {status}. {message}' },
  not_mastodon: { id: getTrad('accounts.reason.not_mastodon'), defaultMessage: 'The server answered, but not like a Mastodon instance.' },
  not_bluesky: { id: getTrad('accounts.reason.not_bluesky'), defaultMessage: 'The server answered, but not like a Bluesky server (PDS).' },
  not_json: { id: getTrad('accounts.reason.not_json'), defaultMessage: 'The server answered something that is not JSON.' },
  credentials_unreadable: {
    id: getTrad('accounts.reason.credentials_unreadable'),
    defaultMessage: 'The stored credentials cannot be decrypted (key “{keyId}”). Enter them again.',
  },
  oauth_not_available: {
    id: getTrad('accounts.reason.oauth_not_available'),
    defaultMessage: 'This network connects through OAuth, which this version does not offer yet.',
  },
  oauth_grant_refused: {
    id: getTrad('accounts.reason.oauth_grant_refused'),
    defaultMessage: 'The network no longer accepts this sign-in ({message}). Sign in again.',
  },
  meta_permission_missing: {
    id: getTrad('accounts.reason.meta_permission_missing'),
    defaultMessage: 'The sign-in did not grant the {permission} permission, which publishing needs. Sign in again and allow it.',
  },
  oauth_grant_ended: {
    id: getTrad('accounts.reason.oauth_grant_ended'),
    defaultMessage: 'The sign-in ended on {date} and cannot be renewed automatically. Sign in again.',
  },
  disabled: {
    id: getTrad('accounts.reason.disabled'),
    defaultMessage: 'Disabled by an administrator: nothing is published to this account.',
  },
  unreachable_blocked_address: {
    id: getTrad('accounts.reason.unreachable_blocked_address'),
    defaultMessage: '{host} resolves to a private or reserved address, which is not allowed.',
  },
  unreachable_dns_failed: {
    id: getTrad('accounts.reason.unreachable_dns_failed'),
    defaultMessage: 'The host name {host} could not be resolved.',
  },
  unreachable_connect_failed: { id: getTrad('accounts.reason.unreachable_connect_failed'), defaultMessage: 'Could not connect to {host}.' },
  unreachable_timeout: { id: getTrad('accounts.reason.unreachable_timeout'), defaultMessage: 'No answer from {host} in time.' },
  unreachable_too_large: { id: getTrad('accounts.reason.unreachable_too_large'), defaultMessage: 'The answer from {host} is too large.' },
  unreachable_reset: { id: getTrad('accounts.reason.unreachable_reset'), defaultMessage: 'The connection to {host} was interrupted.' },
  unreachable_too_many_redirects: {
    id: getTrad('accounts.reason.unreachable_too_many_redirects'),
    defaultMessage: 'Too many redirects from {host}.',
  },
  unreachable_cross_origin_redirect: {
    id: getTrad('accounts.reason.unreachable_cross_origin_redirect'),
    defaultMessage: '{host} redirected the request, with its credentials, to another server: refused.',
  },
  unreachable_invalid_url: {
    id: getTrad('accounts.reason.unreachable_invalid_url'),
    defaultMessage: 'The address {host} is not a valid URL.',
  },
  unreachable_blocked_scheme: {
    id: getTrad('accounts.reason.unreachable_blocked_scheme'),
    defaultMessage: 'Only http and https addresses are allowed.',
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A code this admin can translate (a newer server may send others: their English is shown). */
export const isMessageCode = (value: unknown): value is MessageCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(SERVER_MESSAGES, value);

/** An instant: a date and time with its zone designator (Z or an offset). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** A wall-clock reading in a zone another parameter names (a post's schedule): shown as it is, never moved into the reader's zone. */
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An instant with its zone ("Jun 11, 2027, 9:00 AM GMT+2"); dateStyle cannot take timeZoneName (Intl throws, and react-intl then prints the raw Date). */
const INSTANT = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;

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
        return [key, intl.formatDate(value, { ...INSTANT, timeZone: options.timeZone })];
      if (WALL_CLOCK.test(value) && !Number.isNaN(Date.parse(`${value}Z`)))
        return [key, intl.formatDate(`${value}Z`, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })];
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
  if (!isMessageCode(messageId)) return fallback;
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
