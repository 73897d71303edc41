import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Clock } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { ACTIONS } from '../../../shared/core/permissions';
import type { EntryPanelConfig } from '../../api/entries';
import { QueryClientProvider } from '../../api/query';
import { createQueryClient } from '../../api/queryClient';
import { getTrad } from '../../utils/getTrad';
import { useCan } from '../../utils/permissions';
import { EntryPostsList } from './EntryPostsList';
import { PlanPostButton } from './PlanPostButton';
import { ShareTimelineModal } from './ShareTimelineModal';

/**
 * The panel renders inside the content manager, outside the plugin's App: it
 * brings its own query cache, one for every edit view opened in the session.
 */
let panelQueryClient: ReturnType<typeof createQueryClient> | null = null;
const queryClientForPanel = () => (panelQueryClient ??= createQueryClient());

const PanelContent = ({ uid, documentId, config }: { uid: string; documentId: string | undefined; config: EntryPanelConfig }) => {
  const { formatMessage } = useIntl();
  const canCreate = useCan(ACTIONS.postsCreate).allowed;
  const [sharing, setSharing] = React.useState(false);
  if (!documentId) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {formatMessage({ id: getTrad('panel.saveFirst'), defaultMessage: 'Save this entry to plan social posts about it.' })}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <EntryPostsList uid={uid} documentId={documentId} />
      {canCreate ? (
        <>
          <PlanPostButton uid={uid} documentId={documentId} />
          <Button fullWidth variant="tertiary" startIcon={<Clock />} onClick={() => setSharing(true)}>
            {formatMessage({ id: getTrad('panel.timeline.open'), defaultMessage: 'Share timeline' })}
          </Button>
          {sharing ? (
            <ShareTimelineModal uid={uid} documentId={documentId} accounts={config.accounts} onClose={() => setSharing(false)} />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
};

const PanelWithCache = (props: { uid: string; documentId: string | undefined; config: EntryPanelConfig }) => (
  <QueryClientProvider client={queryClientForPanel()}>
    <PanelContent {...props} />
  </QueryClientProvider>
);

/** Loaded by SocialPostsPanel when an edit view shows the panel: kept out of the admin's main chunk. */
export default PanelWithCache;
