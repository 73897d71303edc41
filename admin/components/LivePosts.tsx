import { Flex, Link, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { PublicationOutcome } from '../../shared/publishing/contract';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { isNetwork, NETWORK_ICONS, networkName } from '../networks';
import { getTrad } from '../utils/getTrad';
import { PublicationStateBadge } from './PublicationStateBadge';

interface LiveLinkProps {
  network: string;
  url: string;
  /** named in the label when nothing around the link says which account it is */
  accountName?: string | null;
}

/**
 * "View on Mastodon": the live post in a new tab, which gets neither this
 * admin's address nor a handle on its window (`noopener noreferrer`). An
 * address that is not http(s) is no link at all.
 */
export const LiveLink = ({ network, url, accountName }: LiveLinkProps) => {
  const { formatMessage } = useIntl();
  const href = httpUrlOrNull(url);
  if (!href) return null;
  const name = networkName(formatMessage, network);
  return (
    <Link href={href} isExternal>
      {accountName
        ? formatMessage(
            { id: getTrad('livePosts.viewOnAccount'), defaultMessage: 'View on {network} ({account})' },
            { network: name, account: accountName }
          )
        : formatMessage({ id: getTrad('livePosts.viewOn'), defaultMessage: 'View on {network}' }, { network: name })}
    </Link>
  );
};

/** A cancelled publication never reached anybody, and the post's own status says why: it is not listed. */
export const publicationsToShow = (publications: readonly PublicationOutcome[]) => publications.filter((p) => p.state !== 'cancelled');

/**
 * One post's publications, a line per account: the network and account, the
 * state, and the live post's link or the reason it did not go out. With
 * nothing to show (a draft, a post never scheduled) it renders nothing, so
 * no caller draws an empty box.
 */
export const LivePosts = ({ publications }: { publications: readonly PublicationOutcome[] }) => {
  const { formatMessage } = useIntl();
  const shown = publicationsToShow(publications);
  if (!shown.length) return null;
  return (
    <Flex
      tag="ul"
      direction="column"
      alignItems="stretch"
      gap={2}
      aria-label={formatMessage({ id: getTrad('livePosts.label'), defaultMessage: 'On the networks' })}
    >
      {shown.map((p) => {
        const Icon = isNetwork(p.network) ? NETWORK_ICONS[p.network] : null;
        return (
          <Flex tag="li" key={p.documentId} direction="column" alignItems="flex-start" gap={1} data-testid="live-post">
            <Flex gap={2} wrap="wrap" alignItems="center">
              {Icon ? <Icon aria-hidden /> : null}
              <Typography variant="omega" fontWeight="bold">
                {p.network ? networkName(formatMessage, p.network) : '—'}
              </Typography>
              {p.accountName ? (
                <Typography variant="pi" textColor="neutral600">
                  {p.accountName}
                </Typography>
              ) : null}
              <PublicationStateBadge state={p.state} />
            </Flex>
            {p.url && p.network ? <LiveLink network={p.network} url={p.url} /> : null}
            {p.error && p.state !== 'published' ? (
              <Typography variant="pi" textColor="danger600">
                {p.error.message}
              </Typography>
            ) : null}
          </Flex>
        );
      })}
    </Flex>
  );
};
