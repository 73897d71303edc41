import { Button, Flex } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { usePublicationAction, type PublicationAction, type PublicationView } from '../../api/publishing';
import { useApiError } from '../../utils/serverMessages';
import { getTrad } from '../../utils/getTrad';

/** The buttons a state allows; the server checks the same table (409 otherwise). */
const AVAILABLE: Record<string, PublicationAction[]> = {
  scheduled: ['publish-now', 'cancel'],
  claimed: ['cancel'],
  held: ['retry', 'cancel'],
  failed: ['retry', 'cancel'],
  unknown: ['retry', 'cancel'],
  missed: ['retry', 'cancel'],
};

const LABELS = {
  'publish-now': { id: getTrad('publishing.action.publishNow'), defaultMessage: 'Publish now' },
  retry: { id: getTrad('publishing.action.retry'), defaultMessage: 'Retry' },
  cancel: { id: getTrad('publishing.action.cancel'), defaultMessage: 'Cancel' },
} as const;

export const PublicationActions = ({
  publication,
  onMarkPublished,
}: {
  publication: PublicationView;
  onMarkPublished: (p: PublicationView) => void;
}) => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const act = usePublicationAction();
  const actions = AVAILABLE[publication.state] ?? [];
  const canMark = ['unknown', 'failed', 'missed'].includes(publication.state);

  const run = (action: PublicationAction) =>
    act.mutate(
      { documentId: publication.documentId, action },
      { onError: (err) => toggleNotification({ type: 'danger', message: readApiError(err).message }) }
    );

  return (
    <Flex gap={2} wrap="wrap">
      {actions.map((action) => (
        <Button
          key={action}
          size="S"
          variant={action === 'cancel' ? 'danger-light' : 'secondary'}
          disabled={act.isPending}
          onClick={() => run(action)}
        >
          {formatMessage(LABELS[action])}
        </Button>
      ))}
      {canMark ? (
        <Button size="S" variant="tertiary" onClick={() => onMarkPublished(publication)}>
          {formatMessage({ id: getTrad('publishing.action.markPublished'), defaultMessage: 'Mark as published…' })}
        </Button>
      ) : null}
    </Flex>
  );
};
