import * as React from 'react';
import { Alert, Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { useAuthorize } from '../../api/oauth';
import { usePostPlans } from '../../api/postPlans';
import { useCan } from '../../utils/permissions';
import { pluginPath } from '../../utils/paths';
import type { SocialAccount } from '../../api/types';
import { networkName } from '../../networks';
import { useApiError } from '../../utils/serverMessages';
import { getTrad } from '../../utils/getTrad';

interface ReauthNoticeProps {
  accounts: SocialAccount[];
  canManage: boolean;
}

/**
 * On the Accounts page: one notice per account whose sign-in ends soon and
 * cannot be renewed automatically (its `reauthBy`, server/accounts/expiry.ts),
 * with the number of scheduled posts due after that date, which will be held
 * unless someone signs in again. "Reconnect" starts the network's OAuth flow;
 * the same network account is updated in place when the browser comes back.
 */
/** At most this many of the posts due after the end are named; the count says how many there are. */
const NAMED_POSTS = 5;

/**
 * The scheduled posts of the account due after its sign-in ends, soonest
 * first, each opening the post: for someone who may read posts (the list
 * comes from the posts' own route, which checks it).
 */
const HeldPosts = ({ account }: { account: SocialAccount }) => {
  const { formatMessage, formatDate } = useIntl();
  const posts = usePostPlans({
    accountId: account.documentId,
    status: ['scheduled'],
    from: account.reauthBy!,
    sort: 'scheduledAt',
    order: 'asc',
    page: 1,
    pageSize: NAMED_POSTS,
  });
  if (!posts.data?.results.length) return null;
  return (
    <Box
      tag="ul"
      paddingTop={1}
      aria-label={formatMessage({ id: getTrad('accounts.reauth.posts'), defaultMessage: 'Posts due after that date' })}
    >
      {posts.data.results.map((post) => (
        <Box tag="li" key={post.documentId}>
          <Flex gap={2}>
            <Link tag={NavLink} to={pluginPath('posts', post.documentId)}>
              {post.title}
            </Link>
            {post.scheduledAt ? (
              <Typography variant="pi" textColor="neutral600">
                {formatDate(post.scheduledAt, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' })}
              </Typography>
            ) : null}
          </Flex>
        </Box>
      ))}
    </Box>
  );
};

export const ReauthNotice = ({ accounts, canManage }: ReauthNoticeProps) => {
  const { formatMessage, formatDate } = useIntl();
  const { allowed: canReadPosts } = useCan(ACTIONS.postsRead);
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const authorize = useAuthorize();
  const [hidden, setHidden] = React.useState<string[]>([]);
  const expiring = accounts.filter((a) => a.reauthBy && !hidden.includes(a.documentId));
  if (!expiring.length) return null;

  const reconnect = (network: string) =>
    authorize.mutate(
      { network, input: {} },
      {
        onSuccess: ({ url }) => window.location.assign(url),
        onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
      }
    );

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {expiring.map((account) => (
        <Alert
          key={account.documentId}
          variant="warning"
          onClose={() => setHidden((ids) => [...ids, account.documentId])}
          closeLabel={formatMessage({ id: getTrad('accounts.reauth.close'), defaultMessage: 'Close' })}
          title={formatMessage(
            { id: getTrad('accounts.reauth.title'), defaultMessage: '{name}: reconnect before {date}' },
            {
              name: account.name,
              date: formatDate(account.reauthBy!, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }),
            }
          )}
          action={
            canManage ? (
              <Button
                variant="secondary"
                size="S"
                onClick={() => reconnect(account.settings.signIn ?? account.network)}
                loading={authorize.isPending}
              >
                {formatMessage({ id: getTrad('accounts.reauth.reconnect'), defaultMessage: 'Reconnect' })}
              </Button>
            ) : undefined
          }
        >
          {formatMessage(
            {
              id: getTrad('accounts.reauth.body'),
              defaultMessage:
                '{count, plural, =0 {The sign-in of this {network} account ends then and cannot be renewed automatically. No scheduled post is due after that date.} one {The sign-in of this {network} account ends then and cannot be renewed automatically: # scheduled post is due after that date and will be held.} other {The sign-in of this {network} account ends then and cannot be renewed automatically: # scheduled posts are due after that date and will be held.}}',
            },
            { count: account.postsDueAfterReauth, network: networkName(formatMessage, account.network) }
          )}
          {canReadPosts && account.postsDueAfterReauth > 0 ? <HeldPosts account={account} /> : null}
        </Alert>
      ))}
    </Flex>
  );
};
