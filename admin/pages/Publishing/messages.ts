import { useIntl, type MessageDescriptor } from 'react-intl';
import { isServerMessageCode } from '../../../shared/core/messages';
import type { OutcomeActor, PublicationError, PublicationTrailLine } from '../../../shared/publishing/contract';
import { networkName } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { serverMessageText } from '../../utils/serverMessages';
import { STATUS_LABELS } from '../Calendar/messages';
import type { PostStatus } from '../../../shared/planning/workflow';

/**
 * A publication's error in the reader's language, its instants in their zone:
 * a catalogued code (shared/core/messages.ts) with the parameters the server
 * read back from the stored text, or a network's words after the last retry
 * (`gave_up`); the stored English otherwise (a network's own words, an older row).
 */
export function usePublicationError() {
  const intl = useIntl();
  return (error: PublicationError | null | undefined): string | null => {
    if (!error) return null;
    if (!error.params) return error.message;
    const code = isServerMessageCode(error.code) ? error.code : 'attempts' in error.params ? 'gave_up' : null;
    return code ? serverMessageText(intl, code, error.params, error.message) : error.message;
  };
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
