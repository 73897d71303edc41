import * as React from 'react';
import { Loader } from '@strapi/design-system';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type { EntryPanelConfig } from '../../../shared/entries/contract';
import { getTrad } from '../../utils/getTrad';

/**
 * The panel's list, buttons and composer dialog (and the query cache they use)
 * are a chunk of their own: this file is imported by admin/index.ts, so all it
 * statically imports lands in the main chunk every admin page loads (issue 19).
 * For the same reason it asks for its configuration itself rather than through
 * admin/api/: a module both this file and a page import would join the main chunk.
 */
const PanelContent = React.lazy(() => import('./PanelContent'));

/** What the content manager hands to an edit-view side panel (the part this panel reads). */
interface PanelProps {
  model: string;
  documentId?: string;
  collectionType: string;
}

/** The HTTP status of a refusal: in Strapi's error envelope, else on useFetchClient's FetchError (as readApiError reads it). */
function statusOf(error: unknown): unknown {
  const failure = error as { status?: unknown; response?: { data?: { error?: { status?: unknown } } } } | null;
  return failure?.response?.data?.error?.status ?? failure?.status;
}

/** Whether this type has the panel, asked once per type and kept for the session's page. */
const configs = new Map<string, Promise<EntryPanelConfig | null | 'failed'>>();

/**
 * A user without posts.read gets 403: no panel, and no error shown to an editor who
 * cannot use it; that answer is kept. Any other failure (a restart, a dropped
 * connection, a server too busy to answer) is retried a few times, then forgotten
 * (`failed`): the edit view still open asks again a few seconds later, so a panel
 * is never lost for good to one bad moment of the server.
 */
async function loadPanelConfig(client: FetchClient, uid: string): Promise<EntryPanelConfig | null | 'failed'> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const url = `/${PLUGIN_ID}/entries/config?${new URLSearchParams({ uid }).toString()}`;
      return (await client.get<{ data: EntryPanelConfig }>(url)).data.data;
    } catch (error) {
      if (statusOf(error) === 403) return null;
      if (attempt === 3) {
        configs.delete(uid);
        return 'failed';
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** How long an open edit view waits before asking again for a configuration it could not read. */
const ASK_AGAIN_MS = 5_000;

function usePanelConfig(uid: string): EntryPanelConfig | null {
  const client = useFetchClient();
  const [config, setConfig] = React.useState<EntryPanelConfig | null>(null);
  const [round, setRound] = React.useState(0);
  React.useEffect(() => {
    let live = true;
    let again: ReturnType<typeof setTimeout> | undefined;
    if (!uid.startsWith('api::')) return undefined;
    if (!configs.has(uid)) configs.set(uid, loadPanelConfig(client, uid));
    void configs.get(uid)!.then((value) => {
      if (!live) return;
      if (value === 'failed') again = setTimeout(() => setRound((n) => n + 1), ASK_AGAIN_MS);
      else setConfig(value);
    });
    return () => {
      live = false;
      clearTimeout(again);
    };
  }, [client, uid, round]);
  return config;
}

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
      <React.Suspense fallback={<Loader small />}>
        <PanelContent uid={model} documentId={documentId} config={config} />
      </React.Suspense>
    ),
  };
};
SocialPostsPanel.type = 'CommunityManagerSocialPosts';
