import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { useAuthorize, useOAuthNetworks } from '../../api/oauth';
import { useApiError } from '../../utils/serverMessages';
import { networkName } from '../../networks';
import { getTrad } from '../../utils/getTrad';

interface OAuthConnectProps {
  network: string;
  /** the sign-in chosen: the network's own, or a further one (`instagram-login`) */
  signIn?: string;
  name: string;
  editorialLineId: string | null;
}

/**
 * "Sign in with <network>", in the Add an account dialog, for a network the
 * server says can sign in now (its authorization server and app are set up).
 * The browser leaves for the network and comes back to the Accounts page.
 */
export const OAuthConnect = ({ network, signIn = network, name, editorialLineId }: OAuthConnectProps) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const networks = useOAuthNetworks();
  const authorize = useAuthorize();
  if (!networks.data?.some((n) => (n.signIn ?? n.network) === signIn)) return null;

  const start = () =>
    authorize.mutate(
      { network: signIn, input: { ...(name.trim() ? { name: name.trim() } : {}), editorialLineId } },
      {
        // A top-level navigation: the network's consent page cannot be framed, and the callback sets no token in the page.
        onSuccess: ({ url }) => window.location.assign(url),
        onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
      }
    );

  return (
    <Box padding={4} background="neutral100" hasRadius>
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography variant="omega" textColor="neutral600">
          {formatMessage({
            id: getTrad('oauth.connect.hint'),
            defaultMessage:
              'Or sign in at the network: you approve the access there and come back here, connected. No password is typed in this page.',
          })}
        </Typography>
        <Button variant="secondary" onClick={start} loading={authorize.isPending}>
          {formatMessage(
            { id: getTrad('oauth.connect.button'), defaultMessage: 'Sign in with {network}' },
            { network: networkName(formatMessage, network) }
          )}
        </Button>
      </Flex>
    </Box>
  );
};

const CALLBACK_ERRORS: Record<string, MessageDescriptor> = {
  oauth_state_mismatch: {
    id: getTrad('oauth.error.oauth_state_mismatch'),
    defaultMessage: 'This sign-in was not started from this browser, or was already used. Start again from “Add an account”.',
  },
  oauth_state_expired: {
    id: getTrad('oauth.error.oauth_state_expired'),
    defaultMessage: 'The sign-in took too long and expired. Start again from “Add an account”.',
  },
  oauth_denied: { id: getTrad('oauth.error.oauth_denied'), defaultMessage: 'The access was not approved at the network.' },
  oauth_code_refused: {
    id: getTrad('oauth.error.oauth_code_refused'),
    defaultMessage: 'The network refused the sign-in (its code was used, expired or did not match). Start again.',
  },
  oauth_refused: {
    id: getTrad('oauth.error.oauth_refused'),
    defaultMessage: 'The network refused the sign-in. Check the app’s client id, secret and redirect URI in Settings.',
  },
  oauth_unavailable: {
    id: getTrad('oauth.error.oauth_unavailable'),
    defaultMessage: 'The network did not answer in time. Try again in a moment.',
  },
  oauth_forbidden: { id: getTrad('oauth.error.oauth_forbidden'), defaultMessage: 'You may no longer connect accounts.' },
  oauth_not_configured: {
    id: getTrad('oauth.error.oauth_not_configured'),
    defaultMessage: 'Sign-in with this network is not set up: see the plugin’s Settings.',
  },
};

/**
 * On the Accounts page: the outcome of a sign-in the browser just came back
 * from (`?oauth=connected` or `?oauth_error=<code>`, then removed from the
 * address).
 */
export const OAuthNotices = ({ onConnected }: { onConnected?: (accountId: string) => void } = {}) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();

  React.useEffect(() => {
    const url = new URL(window.location.href);
    const connected = url.searchParams.get('oauth') === 'connected';
    const error = url.searchParams.get('oauth_error');
    if (!connected && !error) return;
    toggleNotification(
      connected
        ? {
            type: 'success',
            message: formatMessage({ id: getTrad('oauth.connected'), defaultMessage: 'Signed in: the account is connected.' }),
          }
        : {
            type: 'danger',
            message: formatMessage(
              (error ? CALLBACK_ERRORS[error] : undefined) ?? {
                id: getTrad('oauth.error.unknown'),
                defaultMessage: 'The sign-in did not complete.',
              }
            ),
          }
    );
    const account = url.searchParams.get('account');
    for (const key of ['oauth', 'oauth_error', 'account']) url.searchParams.delete(key);
    window.history.replaceState(window.history.state, '', url.toString());
    // The page picker (LinkedIn) opens on the account the sign-in connected.
    if (connected && account) onConnected?.(account);
  }, [formatMessage, toggleNotification, onConnected]);

  // Sign-ins that end soon are announced per account by ReauthNotice (the accounts' `reauthBy`).
  return null;
};
