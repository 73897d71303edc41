import * as React from 'react';
import { Button, Dialog, Flex, Radio, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useApiError } from '../../../utils/serverMessages';
import { useWatchMutation, type WatchSource } from '../../../api/watch';
import { getTrad } from '../../../utils/getTrad';

/** Deleting a source asks what becomes of what it brought in: starred and curated items may matter. */
export const DeleteSourceDialog = ({ source, onClose }: { source: WatchSource; onClose: () => void }) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const [keep, setKeep] = React.useState<'keep' | 'delete'>('keep');
  const remove = useWatchMutation((api, keepItems: boolean) => api.sources.remove(source.documentId, keepItems));

  const confirm = () =>
    remove.mutate(keep === 'keep', {
      onSuccess: () => {
        toggleNotification({
          type: 'success',
          message: formatMessage({ id: getTrad('watch.source.deleted'), defaultMessage: '“{name}” deleted.' }, { name: source.name }),
        });
        onClose();
      },
      onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
    });

  return (
    <Dialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Dialog.Content>
        <Dialog.Header>{formatMessage({ id: getTrad('watch.source.deleteTitle'), defaultMessage: 'Delete this source?' })}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Typography>
              {formatMessage(
                {
                  id: getTrad('watch.source.deleteBody'),
                  defaultMessage: '“{name}” will no longer be fetched. What about the items it brought in?',
                },
                { name: source.name }
              )}
            </Typography>
            <Radio.Group
              aria-label={formatMessage({ id: getTrad('watch.source.deleteItems'), defaultMessage: 'Its items' })}
              value={keep}
              onValueChange={(value: string) => setKeep(value as 'keep' | 'delete')}
            >
              <Radio.Item value="keep">
                {formatMessage({ id: getTrad('watch.source.keepItems'), defaultMessage: 'Keep them in the watch' })}
              </Radio.Item>
              <Radio.Item value="delete">
                {formatMessage({ id: getTrad('watch.source.dropItems'), defaultMessage: 'Delete them too' })}
              </Radio.Item>
            </Radio.Group>
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary" fullWidth>
              {formatMessage({ id: getTrad('watch.cancel'), defaultMessage: 'Cancel' })}
            </Button>
          </Dialog.Cancel>
          <Button variant="danger-light" fullWidth onClick={confirm} loading={remove.isPending}>
            {formatMessage({ id: getTrad('watch.source.delete'), defaultMessage: 'Delete' })}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
