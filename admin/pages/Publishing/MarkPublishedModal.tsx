import * as React from 'react';
import { Button, Field, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useMarkPublished, type PublicationView } from '../../api/publishing';
import { useApiError } from '../../utils/serverMessages';
import { getTrad } from '../../utils/getTrad';

/** For an unknown outcome a person checked on the network: the post is there, here is its address. */
export const MarkPublishedModal = ({ publication, onClose }: { publication: PublicationView; onClose: () => void }) => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const mark = useMarkPublished();
  const [url, setUrl] = React.useState('');
  const [error, setError] = React.useState<string | undefined>();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    mark.mutate(
      { documentId: publication.documentId, url },
      {
        onSuccess: () => {
          toggleNotification({
            type: 'success',
            message: formatMessage({ id: getTrad('publishing.markPublished.done'), defaultMessage: 'Marked as published.' }),
          });
          onClose();
        },
        onError: (err) => setError(readApiError(err).fieldErrors.url ?? readApiError(err).message),
      }
    );
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => (open ? null : onClose())}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>
              {formatMessage({ id: getTrad('publishing.markPublished.title'), defaultMessage: 'Mark as published' })}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Typography tag="p">
              {formatMessage(
                {
                  id: getTrad('publishing.markPublished.help'),
                  defaultMessage: 'Check {account} on the network. If the post “{title}” is there, paste its address.',
                },
                { account: publication.account?.name ?? '', title: publication.plan?.title ?? '' }
              )}
            </Typography>
            <Field.Root name="url" error={error} required>
              <Field.Label>
                {formatMessage({ id: getTrad('publishing.markPublished.url'), defaultMessage: 'Address of the live post' })}
              </Field.Label>
              <Field.Input
                type="url"
                value={url}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setUrl(e.target.value)}
                placeholder="https://"
              />
              <Field.Error />
            </Field.Root>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{formatMessage({ id: getTrad('publishing.cancel'), defaultMessage: 'Cancel' })}</Button>
            </Modal.Close>
            <Button type="submit" loading={mark.isPending}>
              {formatMessage({ id: getTrad('publishing.markPublished.submit'), defaultMessage: 'Mark as published' })}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
