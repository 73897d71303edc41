/**
 * Every message the server sends the admin to show, as a stable code with
 * parameters. The admin translates the code (admin/utils/serverMessages.ts, in
 * en.json and fr.json as `server.<code>`) and formats the parameters in the
 * user's language and time zone: a date travels as an ISO string, a count as a
 * number. The English text below is what API clients, logs and tests read
 * (`error.message`, a field error's `message`).
 *
 * A zod schema names its message by code (`.max(80, 'too_long')`): the server's
 * `fromZod` turns the code into this English text and adds the figures
 * (`maximum` becomes `{max}`). Templates hold plain `{name}` placeholders only
 * (no ICU plural), filled by `messageText`, the one filler of every code here.
 *
 * A brace with no parameter of that name stays as it is. Decided once for every
 * code, because: a template may show a literal brace that is no parameter
 * (`{slug}` in a URL pattern's example; the admin's translation quotes it,
 * ICU-style: `'{slug}'`); a forgotten parameter then shows as `{account}`, plain
 * to see in a log or a test, where an empty string would leave a sentence with a
 * silent hole; and a stored publication text still reads back by its template
 * (shared/publishing/messages.ts), the brace matching like any other words.
 * Publication texts written before this, when a missing parameter was left out
 * (''), read back too: the parser's groups also match an empty value.
 */
const TEMPLATES = {
  // Any field, from the zod issue itself.
  required: 'Required',
  too_long: 'At most {max} characters',
  too_short: 'At least {min} characters',
  too_many: 'At most {max} items',
  too_few: 'At least {min} items',
  too_high: 'At most {max}',
  too_low: 'At least {min}',
  not_whole_number: 'A whole number',
  wrong_type: 'Not the expected kind of value',
  invalid_choice: 'Not one of the allowed values',
  unknown_fields: 'Unknown field: {keys}',
  invalid: 'Invalid value',
  document_id: 'Must be a document id',
  content_type_uid: 'A content type such as api::article.article',
  time_zone: 'Use an IANA time zone such as Europe/Paris',
  not_found: 'Not found: it may have been deleted',

  // Editorial lines.
  line_name_required: 'The editorial line needs a name',
  line_name_taken: 'An editorial line named "{name}" already exists',
  line_not_found: 'Editorial line not found',
  line_missing: 'This editorial line does not exist',
  pillar_name_required: 'A pillar needs a name',
  pillar_names_duplicate: 'Two pillars have the same name',
  pillar_share_negative: 'A share cannot be negative',
  pillar_share_over_100: 'A share cannot exceed 100 %',
  pillar_shares_total: 'Pillar target shares add up to {total} %, more than 100 %',
  pillar_colour: 'A colour looks like #1a2b3c',
  persona_name_required: 'A persona needs a name',
  hashtag_characters: 'A hashtag holds letters, digits and underscores only',
  banned_word_empty: 'A banned word cannot be empty',
  language_code: 'A language is a code such as en, fr or fr-CA',
  posts_per_week_max: 'At most {max} posts a week',
  frequency_network_twice: 'One frequency target per network',
  campaign_name_required: 'A campaign target needs the campaign’s name',
  campaign_target_twice: 'One target per campaign',

  // Accounts and sign-in.
  account_name_required: 'The account needs a name',
  account_not_found: 'Social account not found',
  account_missing: 'This account does not exist',
  account_network_unavailable: '{network} cannot be connected in this version',
  account_sign_in_only: '{network} connects through “Sign in with {network}”, not the account form',
  account_credentials_wrong_network: 'A {network} account takes {fields}',
  // A network's credential fields (shared/networks/fields.ts and each network's credentials module).
  account_http_url: 'Must be an http(s) URL such as https://mastodon.social',
  meta_public_url_missing:
    'The site has no public address (Strapi’s server.url), and Instagram, Threads and Facebook (videos) fetch media from it: set server.url, then retry the post',
  account_handle: 'A handle looks like alice.bsky.social',
  account_message_format: 'Choose Slack, Discord, Teams, Mattermost or generic JSON',
  account_disabled_check: 'This account is disabled: enable it before checking its connection',
  encryption_not_configured:
    'Credentials cannot be stored: no encryption key is configured. Set CM_ENCRYPTION_KEYS on the server (see the README), then try again.',
  oauth_not_configured: 'Sign-in with {network} is not set up: see Settings',
  oauth_network_not_found: 'This network does not sign in through OAuth',
  oauth_unknown_option: 'Unknown option {options}',
  oauth_option_url: 'Must be a web address such as https://example.com',
  oauth_api_version: 'An API version such as v24.0',
  // The LinkedIn page picker (server/networks/linkedin/picker).
  linkedin_pages_not_sign_in: 'This account is not a sign-in with LinkedIn: its pages cannot be listed',
  linkedin_page_not_administered: 'The signed-in member does not administer {page}: it cannot be connected',
  linkedin_pages_unavailable: 'LinkedIn did not list the pages: {message}',
  linkedin_page_urn: 'A LinkedIn page such as urn:li:organization:123',
  linkedin_page_unavailable: 'Not available: LinkedIn did not give this page’s details ({message})',
  // The Facebook page picker (server/networks/facebook/picker).
  facebook_pages_not_sign_in: 'This account is not a sign-in with Facebook: its pages cannot be listed',
  facebook_pages_sign_in_again: 'This Facebook sign-in cannot list pages any more: sign in with Facebook again',
  facebook_page_not_managed: 'The signed-in person does not manage the page {page}: it cannot be connected',
  facebook_pages_unavailable: 'Facebook did not list the pages: {message}',
  facebook_page_id: 'A Facebook page id, digits only',
  facebook_page_no_token:
    'Not available: Facebook gives no token for this page (the signed-in person’s role on it does not allow publishing)',
  facebook_page_unreadable: 'Not available: Facebook listed this page without the expected fields',
  // Comments pushed in real time (a network's webhook subscription, server/accounts: `subscribe`).
  realtime_polling: 'Comments arrive by polling every {minutes} min: the page is not subscribed to real-time updates — {reason}',
  realtime_permission_missing: 'the sign-in did not grant the {permission} permission: sign in again, allow it, then subscribe again',
  realtime_token_refused: 'the network refused the page’s token ({message}): sign in again',
  realtime_refused: 'the network refused the subscription ({message})',
  realtime_unavailable: 'the network did not answer ({message}): subscribe again later',
  realtime_not_offered: 'This account’s network does not deliver its comments in real time: they arrive by polling',
  account_disabled_subscribe: 'This account is disabled: enable it before subscribing it to real-time updates',
  account_credentials_unreadable: 'The stored credentials of this account cannot be opened: sign in again',
  // The Instagram account picker (server/networks/instagram/picker).
  instagram_accounts_not_sign_in: 'This account is not a sign-in with Facebook for Instagram: its Instagram accounts cannot be listed',
  instagram_accounts_sign_in_again: 'This Instagram sign-in cannot list accounts any more: sign in with Facebook again',
  instagram_account_not_linked:
    'The Instagram account {account} is not linked to a page the signed-in person manages: it cannot be connected',
  instagram_accounts_unavailable: 'Facebook did not list the Instagram accounts: {message}',
  instagram_account_id: 'An Instagram account id, digits only',
  instagram_account_unavailable: 'Not available: Facebook did not give this Instagram account’s details ({message})',

  // Settings.
  site_url_scheme: 'The site address starts with https:// or http://',
  site_url_public: 'The site address is a web address without user name or password, such as https://example.com',
  url_pattern_scheme: 'A URL pattern starts with https:// or http://, such as https://example.com/blog/{slug}',
  url_pattern_public: 'A URL pattern is a web address without user name or password, such as https://example.com/blog/{slug}',
  attribute_name: 'An attribute name of this content type',
  template_placeholders: 'Only {allowed} can be used in the template',
  delay_too_long: 'At most 30 days ({max} minutes)',
  content_type_twice: '{uid} is listed twice',
  content_type_unknown: '{uid} is not a collection type of this site',
  url_placeholder_unknown: '{placeholder} is not a field of {type}',
  url_placeholder_unusable: '{placeholder} cannot be written in a URL',
  field_not_text: '{field} is not a text field of {type}',
  field_not_media: '{field} is not a media field of {type}',
  auto_share_never_published: '{type} has no draft & publish, so it is never published',
  auto_share_no_account: 'Choose at least one account to share to',
  auto_share_template_empty: 'The template is empty',

  // The article panel.
  entry_type_not_enabled: 'Social posts are not enabled for {uid}: choose it in the plugin settings',
  entry_not_readable: 'You are not allowed to read this entry in the Content Manager, so it cannot fill a post.',
  entry_not_found: 'Entry not found',
  timeline_accounts_required: 'Choose at least one account',
  timeline_days_required: 'Choose at least one day',
  timeline_day_negative: 'Days start at 0 (today)',
  timeline_days_ahead: 'At most {max} days ahead',
  timeline_day_twice: 'Day {day} is chosen twice',
  timeline_day_past: 'Day {day} at {time} is already past: choose a later time or day',
  time_of_day: 'A time looks like 09:30',

  // Posts: checks of a post's references and schedule (server/planning).
  in_the_past: 'This time is in the past: choose a later one',
  schedule_missing: 'Choose a date and time before scheduling',
  schedule_keep_time: 'A scheduled post needs a time: unschedule it first to clear it',
  time_zone_unknown: '"{zone}" is not a time zone; use an IANA name such as Europe/Paris',
  nonexistent_local_time: '{local} in {zone} does not exist: the clocks skip it. The next valid time is {next}',
  ambiguous_local_time: '{local} in {zone} happens twice: the clocks go back. Choose the earlier ({earlier}) or the later ({later}) one',
  invalid_local_time: '"{local}" is not a valid local date and time (expected YYYY-MM-DDTHH:mm)',
  content_type_missing: 'There is no content type {uid}',
  entry_missing: 'The linked entry does not exist',
  media_missing: 'This file is not in the media library (deleted?): remove it from the post',
  post_accounts_required: 'Choose at least one account',
  post_account_disabled: '{account} is disabled: enable it or remove it from the post',
  duplicate_not_allowed: 'To duplicate a post you need the "Create and submit posts" permission.',
  not_your_comment: 'You can delete only your own comments',
  link_url_invalid: 'Give an http or https address',
  link_unreadable: 'The page could not be read: {detail}',
  approve_only_schedule: 'Only scheduling can approve on the way',
  // A post's files against a network's rules (shared/networks/media-rules.ts, the same codes and
  // parameters; its English, which names the kind of file, travels as the text).
  media_required: '{network} needs at least one image or video',
  too_many_media: '{network} takes at most {max} files; this post has {count}',
  media_kind_refused: '{network} does not take this kind of file ({kind}): remove {file}',
  media_too_large: '{network} takes files up to {limit} MB; {file} is {size} MB',
  media_video_alone: '{network} takes a video or audio file only on its own: {file} must be the post’s only file',

  // The workflow's refusals (shared/planning/workflow.ts). The server sends the
  // workflow's own English (which names the states and the permission) as the
  // text; the admin says the rule in the user's language without those words.
  missing_permission: 'Your role does not have the permission this change needs on this post.',
  not_allowed_from_status: 'This post cannot take this step from its current status.',
  comment_required: 'This step needs a comment that says what to change.',
  approval_required: 'Posts need approval before this step: send this one to review first.',
  published_is_read_only: 'This post went out on the networks: it cannot be edited. Create a new post instead.',
  published_cannot_be_deleted: 'This post went out on the networks: it stays as the record of what was published and cannot be deleted.',

  // The Publishing page's buttons and deleting a post that went out (server/publishing).
  not_allowed_from_state: 'This publication can no longer be changed this way: reload the page to see what can be done with it.',
  state_changed: 'This publication changed meanwhile: reload and try again.',
  publications_went_out:
    'This post went out, or may have, on {count} account(s): it stays as the record of what was published, cancelled so nothing more goes out.',

  // Publications: why one failed, waits or was held (server/publishing). The
  // row stores this English in `lastError` beside the code; the parameters are
  // read back from it by the same template (shared/publishing/messages.ts), so
  // these codes and templates keep their names and words: stored rows still read.
  missed: 'Due at {dueAt}; publishing was not running, and it is now later than the allowed lateness of {minutes} minutes',
  lease_expired: 'The instance sending this post stopped before it knew the outcome',
  account_removed: 'The account was removed',
  account_disabled: '{account} is disabled: nothing is published to it',
  account_needs_reauth: '{account} needs to be reconnected',
  network_not_supported: 'Publishing to {network} is not available in this version',
  media_unreadable: 'A media file of this post cannot be read: {detail}',
  first_comment_failed: 'The post is out, but its first comment was not: {detail}',
  x_daily_cap:
    '{account} has its {cap} posts of {day} (UTC) already: held, not sent. Move it to another day, or raise the daily cap in Settings',
  // A network's own words (under the network's code) after the runner's last retry.
  gave_up: '{detail} (gave up after {attempts} attempts)',
  // The e-mail sent when a network refuses an account's credentials while publishing (its subject: account_needs_reauth).
  hold_email_body:
    'Publishing to {account} ({network}) was refused: {detail}. Its scheduled posts are on hold until the account is reconnected in Community Manager > Accounts.',

  // Watch.
  alert_not_found: 'Alert not found',
  item_not_found: 'Item not found',
  item_already_curated: 'This item already has a draft',
  opml_entry_feed_invalid: 'Feed {index} of the file (“{name}”) has an invalid feed address. Nothing was imported.',
  opml_entry_site_invalid: 'Feed {index} of the file (“{name}”) has an invalid site address. Nothing was imported.',

  // Watch sources: why a fetch failed (server/watch/failure.ts; a source's `lastError`, a test or discovery's 422).
  feed_http_error: 'The server answered HTTP {status}',
  feed_not_modified: 'The server answered 304 to a request without validators',
  feed_dns_failed: 'The host name {host} could not be resolved',
  feed_blocked_address:
    '{host} resolves to a private or reserved address, which is not allowed. To watch an intranet feed, an administrator adds {host} to {setting} (plugin config outbound.allowedHosts) and restarts Strapi.',
  feed_connect_failed: 'Could not connect to {host} ({reason})',
  feed_timeout: '{host} did not answer in time',
  feed_reset: 'The connection to {host} was interrupted',
  feed_too_large: 'The feed is larger than {max} bytes',
  feed_too_many_redirects: 'More than {max} redirects',
  feed_cross_origin_redirect: 'A redirect to {origin} was refused',
  feed_invalid_url: 'Not an address that can be fetched: http or https, without a user name or password',
  feed_blocked_scheme: 'Only http and https addresses are allowed, not {scheme}',
  feed_not_a_feed: 'Not a readable RSS, Atom or RDF feed ({detail})',
  feed_invalid_json: 'Not valid JSON',
  feed_not_json_feed: 'Not a JSON Feed (https://jsonfeed.org/version/1.1)',
  feed_dtd: 'The feed declares a document type (DTD); feeds with DTDs or entity declarations are refused',
  feed_entities: 'The feed declares entities; feeds with DTDs or entity declarations are refused',
  feed_unreadable: 'The feed could not be read',
  // Watch sources, alerts and items: the forms and their schemas (shared/watch/contract.ts).
  source_url_taken: 'This feed is already watched as “{name}”',
  source_paused: 'This source is paused: resume it first',
  source_not_found: 'Source not found',
  feed_url_required: 'The feed address is required',
  feed_url_invalid: 'An address starting with http:// or https://, without a user name or password',
  tag_empty: 'A tag cannot be empty',
  keyword_empty: 'A keyword cannot be empty',
  tags_too_many: 'At most {max} tags',
  keywords_too_many: 'At most {max} keywords',
  interval_whole_minutes: 'A whole number of minutes',
  interval_too_often: 'At least every {min} minutes',
  interval_too_rare: 'At most once a day',
  keep_items_choice: 'Say whether to keep the items: true or false',
  opml_empty: 'The OPML file is empty',
  opml_not_opml: 'Not an OPML file',
  opml_too_many: 'At most {max} feeds per import',
  items_select_one: 'Select at least one item',
  items_too_many_at_once: 'At most {max} items at once',
  alert_name_required: 'The alert needs a name',
  alert_pattern_required: 'The pattern is required',
  regex_too_long: 'A regular expression holds at most {max} characters',
  regex_invalid: 'This is not a valid regular expression',
  regex_backreference: 'Backreferences such as \\1 are not supported: they cannot be matched in linear time',
  regex_lookaround: 'Lookahead and lookbehind such as (?=…) or (?<!…) are not supported: they cannot be matched in linear time',
  regex_unsupported: 'This regular expression uses syntax the linear-time engine does not support',

  // Posts and the calendar: their schemas' own checks (shared/planning/contract.ts, shared/calendar/contract.ts).
  local_time_format: 'A local time looks like 2026-11-24T09:30',
  time_zone_required: 'The time zone is required',
  post_title_required: 'The post needs an internal title',
  post_accounts_too_many: 'At most {max} accounts',
  media_file_id: 'Must be a media library file id',
  media_too_many: 'At most {max} files',
  values_too_many: 'At most {max} values',
  comment_empty: 'Write a comment first',
  comment_id: 'Must be a comment id',
  posts_select_one: 'Select at least one post',
  posts_too_many_at_once: 'At most {max} posts at once',
  page_url_required: 'Give the address of the page',
  window_order: '"to" must be after "from"',
  window_too_long: 'The window is at most {days} days; ask month by month',
  iso_date_time: 'An ISO 8601 date-time such as 2026-11-01T00:00:00Z',
  calendar_feed_token: 'Not a calendar feed token',

  // The community inbox (server/inbox, docs/inbox.md).
  note_empty: 'A note cannot be empty',
  reply_empty: 'Write the reply first',
  saved_reply_name_required: 'A saved reply needs a name',
  inbox_reply_unsupported: 'Replying from the inbox is not available for this source yet',
  inbox_moderation_unsupported: 'Approving, rejecting and blocking work on the comments of strapi-plugin-comments only',
  inbox_hide_unsupported: 'This network cannot hide a reply: mute, block or report the author on the network instead',
  inbox_hide_not_in_thread:
    'The network hides only replies in a thread this account started: mute, block or report the author on the network instead',
  inbox_reply_in_progress: 'A reply to this item is already being sent',
  inbox_reply_unknown: 'The network did not confirm the last reply: send it again, it will not be duplicated',
  inbox_reply_failed: 'The network refused the reply: {message}',
  inbox_hide_failed: 'The network did not hide or show the reply: {message}',
  inbox_context_failed: 'The network did not give the conversation: {message}',
  inbox_assignee_cannot_moderate: 'This person cannot moderate the inbox: give their role the moderation action first',
  inbox_account_unavailable: 'The account of this item is disconnected or deleted',
  inbox_nothing_to_resend: 'There is no unconfirmed reply to send again',
  period_order: 'The end must come after the start',
  period_too_long: 'A period of at most 366 days',
  crisis_already_on: 'Crisis mode is already on',
  crisis_not_on: 'Crisis mode is not on',

  // The inbox's e-mails (server/inbox/emails.ts; their French beside them).
  inbox_assigned_email_subject: '[Community Manager] {by} assigned you an inbox item',
  inbox_assigned_email_body: '{by} assigned you an item from {author} ({source}): “{text}”. Open it in Community Manager > Moderation.',
  crisis_alert_email_subject: '[Community Manager] Crisis alert: {count} negative items in {minutes} minutes',
  crisis_alert_email_body:
    '{count} of the {total} items received in the last {minutes} minutes are negative, where about {expected} were expected from the last {days} days. Open Community Manager > Moderation to review them and, if needed, turn crisis mode on (it pauses all publishing).',
  crisis_holding_title: 'Holding statement',
  rule_name_required: 'A rule needs a name',
  rule_condition_required: 'Give the rule at least one condition',
  rule_action_required: 'Give the rule at least one action',
  rule_author_empty: 'An author handle cannot be empty',
  rule_saved_reply_missing: 'This saved reply does not exist',
  rule_order_mismatch: 'Give every rule exactly once, in the new order',
  rule_assignee_cannot_moderate: 'This person cannot moderate the inbox: give their role the moderation action first',
  site_rate_limited: 'Too many requests: try again in {seconds} s',

  // Reports (server/reports, docs/reports.md).
  report_title_required: 'A report needs a title',
  report_not_found: 'Report not found',
  email_address: 'An e-mail address such as name@example.com',
  schedule_not_found: 'Report schedule not found',
  campaigns_repeated: 'Name each campaign once',
  report_email_failed: 'The report could not be e-mailed: {reason}',
  compare_dates_and_year: 'Compare either with the dates given or with a year ago, not both',
  management_role_name_taken: 'A role named “{name}” already exists and was not made here: rename it, then try again',

  // Re-authorization notices e-mailed before a sign-in ends (server/accounts/expiry.ts; its French beside it).
  reauth_email_subject: '[Community Manager] Reconnect {account} before {date}',
  reauth_email_body:
    'The sign-in of {account} ({network}) ends on {date} and cannot be renewed automatically. Scheduled posts due after that date: {posts}. They will be held until someone reconnects the account in Community Manager > Accounts.',
} as const satisfies Record<string, string>;

export type ServerMessageCode = keyof typeof TEMPLATES;
export type MessageParams = Record<string, string | number>;

/** A message as the admin receives it: the code to translate and its facts. */
export interface ServerMessage {
  code: ServerMessageCode;
  params: MessageParams;
}

export const SERVER_MESSAGE_CODES = Object.keys(TEMPLATES) as ServerMessageCode[];

export const isServerMessageCode = (value: unknown): value is ServerMessageCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(TEMPLATES, value);

/** Names a code where a zod schema wants a message: a typo is a type error, not an untranslated message. */
export const m = (code: ServerMessageCode): string => code;

export const serverMessage = (code: ServerMessageCode, params: MessageParams = {}): ServerMessage => ({ code, params });

/** The English template of a code, placeholders unfilled (the publication parser reads stored texts back with it). */
export const messageTemplate = (code: ServerMessageCode): string => TEMPLATES[code];

/** The English text of a message, for API clients, logs and stored rows; a missing parameter stays `{name}` (see above). */
export function messageText(code: ServerMessageCode, params: MessageParams = {}): string {
  return TEMPLATES[code].replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
