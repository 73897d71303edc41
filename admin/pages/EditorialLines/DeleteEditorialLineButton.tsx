import * as React from 'react';
import { Button, Dialog } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useDeleteEditorialLine } from '../../api/editorialLines';
import { useApiError } from '../../utils/serverMessages';
import type { EditorialLine } from '../../api/types';
import { getTrad } from '../../utils/getTrad';

interface DeleteEditorialLineButtonProps {
  line: EditorialLine;
  /** Called once the line is gone, to leave its page. */
  onDeleted: () => void;
}

export const DeleteEditorialLineButton = ({ line, onDeleted }: DeleteEditorialLineButtonProps) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const remove = useDeleteEditorialLine();
  const [open, setOpen] = React.useState(false);

  const onConfirm = async () => {
    try {
      await remove.mutateAsync(line.documentId);
      toggleNotification({
        type: 'success',
        message: formatMessage(
          { id: getTrad('editorialLine.deleted'), defaultMessage: 'Editorial line “{name}” deleted.' },
          { name: line.name }
        ),
      });
      onDeleted();
    } catch (error) {
      toggleNotification({ type: 'danger', message: readError(error).message });
    } finally {
      setOpen(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger>
        <Button variant="danger-light" startIcon={<Trash />} loading={remove.isPending}>
          {formatMessage({ id: getTrad('editorialLine.delete'), defaultMessage: 'Delete' })}
        </Button>
      </Dialog.Trigger>
      <ConfirmDialog
        title={formatMessage({ id: getTrad('editorialLine.deleteTitle'), defaultMessage: 'Delete this editorial line?' })}
        onConfirm={onConfirm}
      >
        {line.accountCount > 0
          ? formatMessage(
              {
                id: getTrad('editorialLine.deleteBodyWithAccounts'),
                defaultMessage:
                  '“{name}” will be deleted for good. {count, plural, one {# account uses} other {# accounts use}} it and will no longer be checked against any line.',
              },
              { name: line.name, count: line.accountCount }
            )
          : formatMessage(
              { id: getTrad('editorialLine.deleteBody'), defaultMessage: '“{name}” will be deleted for good.' },
              { name: line.name }
            )}
      </ConfirmDialog>
    </Dialog.Root>
  );
};
