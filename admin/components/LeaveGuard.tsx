import { Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { useBlocker } from 'react-router-dom';

/**
 * Asks before leaving an editor with changes the server has not stored: one
 * click on the sub-navigation must not lose a long text. Each editor says what
 * would be lost in its own words.
 */
export const LeaveGuard = ({ when, title, body }: { when: boolean; title: string; body: string }) => {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);
  return (
    <Dialog.Root open={blocker.state === 'blocked'} onOpenChange={(open) => (open ? undefined : blocker.reset?.())}>
      <ConfirmDialog title={title} onConfirm={() => blocker.proceed?.()} onCancel={() => blocker.reset?.()} variant="danger">
        {body}
      </ConfirmDialog>
    </Dialog.Root>
  );
};
