import * as React from 'react';
import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useQueryClient } from '../../api/query';
import { useIntl } from 'react-intl';
import { queryKeys } from '../../api/queryKeys';
import { getTrad } from '../../utils/getTrad';

/** The composer (its form, previews and linter) is most of the panel's weight: fetched on the first click only. */
const ComposerModal = React.lazy(async () => ({ default: (await import('../Composer/ComposerModal')).ComposerModal }));

/**
 * "Plan a post" for one entry: the composer opens in a dialog over the edit
 * view, prefilled from the entry (title, excerpt, public URL, cover), so the
 * editor never leaves the article. Each save refreshes the panel's list.
 */
export const PlanPostButton = ({ uid, documentId }: { uid: string; documentId: string }) => {
  const { formatMessage } = useIntl();
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  return (
    <>
      <Button fullWidth variant="secondary" startIcon={<Plus />} onClick={() => setOpen(true)}>
        {formatMessage({ id: getTrad('panel.plan'), defaultMessage: 'Plan a post' })}
      </Button>
      {open ? (
        <React.Suspense fallback={null}>
          <ComposerModal
            open
            onClose={() => setOpen(false)}
            initial={{ entry: { uid, documentId } }}
            onSaved={() => void queryClient.invalidateQueries({ queryKey: queryKeys.entryPosts(uid, documentId) })}
          />
        </React.Suspense>
      ) : null}
    </>
  );
};
