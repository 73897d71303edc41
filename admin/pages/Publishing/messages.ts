import { useIntl, type MessageDescriptor } from 'react-intl';
import type { PublicationMessageCode } from '../../../shared/publishing/messages';
import type { OutcomeActor, PublicationError, PublicationTrailLine } from '../../../shared/publishing/contract';
import { networkName } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { STATUS_LABELS } from '../Calendar/messages';
import type { PostStatus } from '../../../shared/planning/workflow';

/**
 * Every code the server gives for a publication's error, translated (the
 * server's English text is the fallback for a code this admin does not know,
 * and for a network's own words). Parameters come from the server as facts:
 * instants in ISO 8601, which are formatted here in the reader's zone and language.
 */
export const PUBLICATION_MESSAGES: Record<PublicationMessageCode, MessageDescriptor> = {
  missed: {
    id: getTrad('publishing.message.missed'),
    defaultMessage: 'Due at {dueAt}; publishing was not running, and it is now later than the allowed lateness of {minutes} minutes',
  },
  lease_expired: {
    id: getTrad('publishing.message.lease_expired'),
    defaultMessage: 'The instance sending this post stopped before it knew the outcome',
  },
  account_removed: { id: getTrad('publishing.message.account_removed'), defaultMessage: 'The account was removed' },
  account_disabled: {
    id: getTrad('publishing.message.account_disabled'),
    defaultMessage: '{account} is disabled: nothing is published to it',
  },
  account_needs_reauth: { id: getTrad('publishing.message.account_needs_reauth'), defaultMessage: '{account} needs to be reconnected' },
  network_not_supported: {
    id: getTrad('publishing.message.network_not_supported'),
    defaultMessage: 'Publishing to {network} is not available in this version',
  },
  media_unreadable: {
    id: getTrad('publishing.message.media_unreadable'),
    defaultMessage: 'A media file of this post cannot be read: {detail}',
  },
  first_comment_failed: {
    id: getTrad('publishing.message.first_comment_failed'),
    defaultMessage: 'The post is out, but its first comment was not: {detail}',
  },
};

const GAVE_UP: MessageDescriptor = {
  id: getTrad('publishing.message.gave_up'),
  defaultMessage: '{detail} (gave up after {attempts} attempts)',
};

/** The HTTP refusals of the Publishing page's buttons (409), by the server's code. */
const REFUSALS: Record<string, MessageDescriptor> = {
  not_allowed_from_state: {
    id: getTrad('publishing.refusal.not_allowed_from_state'),
    defaultMessage: 'This publication can no longer be changed this way: reload the page to see what can be done with it.',
  },
  state_changed: {
    id: getTrad('publishing.refusal.state_changed'),
    defaultMessage: 'This publication changed meanwhile: reload and try again.',
  },
};

/** An instant with its zone ("Jun 11, 2027, 9:00 AM GMT+2"); dateStyle cannot take timeZoneName (Intl throws, and react-intl then prints the raw Date). */
const WHEN = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;

const isIso = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value);

/** A publication's error in the reader's language, its instants in their zone. */
export function usePublicationError() {
  const { formatMessage, formatDate } = useIntl();
  return (error: PublicationError | null | undefined): string | null => {
    if (!error) return null;
    if (!error.params) return error.message;
    const params: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(error.params)) params[key] = isIso(value) ? formatDate(value, WHEN) : value;
    // A network id is named in the reader's language.
    if (typeof params.network === 'string') params.network = networkName(formatMessage, params.network);
    if (error.code in PUBLICATION_MESSAGES) return formatMessage(PUBLICATION_MESSAGES[error.code as PublicationMessageCode], params);
    if ('attempts' in params) return formatMessage(GAVE_UP, params);
    return error.message;
  };
}

/** A Publishing page button's refusal in the reader's language (the server's English otherwise). */
export function useRefusalMessage() {
  const { formatMessage } = useIntl();
  return (problem: { code?: string; message: string }) =>
    problem.code && REFUSALS[problem.code] ? formatMessage(REFUSALS[problem.code]) : problem.message;
}

const OUTCOMES: Record<PublicationTrailLine['outcome'], MessageDescriptor> = {
  published: { id: getTrad('publishing.trail.published'), defaultMessage: 'published on {network}' },
  marked_published: { id: getTrad('publishing.trail.marked_published'), defaultMessage: 'marked published on {network}' },
  failed: { id: getTrad('publishing.trail.failed'), defaultMessage: 'failed on {network}: {reason}' },
  missed: { id: getTrad('publishing.trail.missed'), defaultMessage: 'missed on {network}: {reason}' },
  unknown: { id: getTrad('publishing.trail.unknown'), defaultMessage: 'outcome unknown on {network}: {reason}' },
  held: { id: getTrad('publishing.trail.held'), defaultMessage: 'on hold for {network}: {reason}' },
  cancelled: { id: getTrad('publishing.trail.cancelled'), defaultMessage: 'cancelled on {network}' },
};

const STATUS_LINE: MessageDescriptor = { id: getTrad('publishing.trail.status'), defaultMessage: 'status now: {status}' };
const SCHEDULER: MessageDescriptor = { id: getTrad('publishing.actor.scheduler'), defaultMessage: 'the scheduler' };

/** Who settled a publication: the scheduler, or a person by name. */
export function useActorName() {
  const { formatMessage } = useIntl();
  return (actor: OutcomeActor | null | undefined) => (!actor ? '—' : actor.kind === 'person' ? actor.name : formatMessage(SCHEDULER));
}

export const isPublicationTrailLine = (entry: unknown): entry is PublicationTrailLine =>
  typeof entry === 'object' && entry !== null && (entry as { event?: unknown }).event === 'publication' && 'publication' in entry;

/**
 * The plan trail's lines that publishing writes, as the composer's history
 * shows them: who or what did it, and what happened ("the scheduler,
 * published on Mastodon — https://…", "Jane Doe, marked published on
 * Bluesky", "the scheduler, failed on Mastodon: …", and the plan's status
 * that followed). Null for any other line.
 */
export function usePublishingTrail() {
  const { formatMessage } = useIntl();
  const reasonOf = usePublicationError();
  const actorName = useActorName();
  return (entry: { event: string; to?: string }): { who: string; event: string } | null => {
    if (entry.event === 'publishing') {
      const status = entry.to && entry.to in STATUS_LABELS ? formatMessage(STATUS_LABELS[entry.to as PostStatus]) : (entry.to ?? '—');
      return { who: formatMessage(SCHEDULER), event: formatMessage(STATUS_LINE, { status }) };
    }
    if (!isPublicationTrailLine(entry)) return null;
    const message = OUTCOMES[entry.outcome];
    const network = entry.publication.network ? networkName(formatMessage, entry.publication.network) : '—';
    const text = message ? formatMessage(message, { network, reason: reasonOf(entry.publication.error) ?? '—' }) : entry.outcome;
    return { who: actorName(entry.actor), event: entry.publication.url ? `${text} — ${entry.publication.url}` : text };
  };
}
