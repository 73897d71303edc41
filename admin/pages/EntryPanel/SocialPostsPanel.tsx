import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Clock } from '@strapi/icons';
import { QueryClientProvider } from '@tanstack/react-query';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ACTIONS } from '../../../shared/core/permissions';
import { readApiError } from '../../api/errors';
import { createEntriesApi, type EntryPanelConfig } from '../../api/entries';
import { createQueryClient } from '../../api/queryClient';
import { getTrad } from '../../utils/getTrad';
import { useCan } from '../../utils/permissions';
import { EntryPostsList } from './EntryPostsList';
import { PlanPostButton } from './PlanPostButton';
import { ShareTimelineModal } from './ShareTimelineModal';

/** What the content manager hands to an edit-view side panel (the part this panel reads). */
interface PanelProps {
  model: string;
  documentId?: string;
  collectionType: string;
}

/**
 * The panel renders inside the content manager, outside the plugin's App: it
 * brings its own react-query cache, one for every edit view opened in the session.
 */
let panelQueryClient: ReturnType<typeof createQueryClient> | null = null;
const queryClientForPanel = () => (panelQueryClient ??= createQueryClient());

/** Whether this type has the panel, asked once per type and kept for the session's page. */
const configs = new Map<string, Promise<EntryPanelConfig | null>>();

/**
 * A user without posts.read gets 403: no panel, and no error shown to an editor who
 * cannot use it; that answer is kept. Any other failure (a restart, a dropped
 * connection) is retried a few times and then forgotten, so the next edit view asks
 * again instead of losing the panel for the whole session.
 */
async function loadPanelConfig(api: ReturnType<typeof createEntriesApi>, uid: string): Promise<EntryPanelConfig | null> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await api.config(uid);
    } catch (error) {
      if (readApiError(error).status === 403) return null;
      if (attempt === 3) {
        configs.delete(uid);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

function usePanelConfig(uid: string): EntryPanelConfig | null {
  const client = useFetchClient();
  const [config, setConfig] = React.useState<EntryPanelConfig | null>(null);
  React.useEffect(() => {
    let live = true;
    if (!uid.startsWith('api::')) return undefined;
    if (!configs.has(uid)) configs.set(uid, loadPanelConfig(createEntriesApi(client), uid));
    void configs.get(uid)!.then((value) => live && setConfig(value));
    return () => {
      live = false;
    };
  }, [client, uid]);
  return config;
}

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

/**
 * "Social posts" on the edit view of every content type enabled in the plugin's
 * settings; nothing on the others. Registered in admin/index.ts bootstrap.
 */
export const SocialPostsPanel = ({ model, documentId }: PanelProps) => {
  const { formatMessage } = useIntl();
  const config = usePanelConfig(model);
  if (!config?.enabled) return null;
  return {
    title: formatMessage({ id: getTrad('panel.title'), defaultMessage: 'Social posts' }),
    content: (
      <QueryClientProvider client={queryClientForPanel()}>
        <PanelContent uid={model} documentId={documentId} config={config} />
      </QueryClientProvider>
    ),
  };
};
SocialPostsPanel.type = 'CommunityManagerSocialPosts';
