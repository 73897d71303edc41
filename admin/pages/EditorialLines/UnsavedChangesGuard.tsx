import { Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useBlocker } from 'react-router-dom';
import { getTrad } from '../../utils/getTrad';

/**
 * Asks before leaving the editor with changes the server has not stored: an editorial
 * line is long to write, and one click on the sub-navigation would lose it.
 */
export const UnsavedChangesGuard = ({ when }: { when: boolean }) => {
  const { formatMessage } = useIntl();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);

  return (
    <Dialog.Root open={blocker.state === 'blocked'} onOpenChange={(open) => (open ? undefined : blocker.reset?.())}>
      <ConfirmDialog
        title={formatMessage({ id: getTrad('editorialLine.unsaved.title'), defaultMessage: 'Leave without saving?' })}
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
        variant="danger"
      >
        {formatMessage({
          id: getTrad('editorialLine.unsaved.body'),
          defaultMessage: 'Your changes to this editorial line are not saved. They will be lost if you leave this page.',
        })}
      </ConfirmDialog>
    </Dialog.Root>
  );
};
