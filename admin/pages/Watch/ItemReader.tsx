import { Badge, Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { Archive, ExternalLink, Eye, EyeStriked, Pencil, Star } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { useApiError } from '../../utils/serverMessages';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { useWatchMutation, type SettableState, type WatchItem } from '../../api/watch';
import { RelativeTime } from '../../components/RelativeTime';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { SanitizedHtml } from './SanitizedHtml';

interface ItemReaderProps {
  item: WatchItem;
  canManage: boolean;
  canCurate: boolean;
}

/** The reader pane: the item as the feed gave it (sanitized on the server), and what to do with it. */
export const ItemReader = ({ item, canManage, canCurate }: ItemReaderProps) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const setState = useWatchMutation((api, state: SettableState) => api.items.setState(item.documentId, state));
  const curate = useWatchMutation((api) => api.items.curate(item.documentId));

  const change = (state: SettableState) =>
    setState.mutate(state, { onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }) });

  const onCurate = () =>
    curate.mutate(undefined, {
      onSuccess: () =>
        toggleNotification({
          type: 'success',
          message: formatMessage({ id: getTrad('watch.reader.curated'), defaultMessage: 'A post draft was created from this item.' }),
        }),
      onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
    });

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="watch-reader">
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Typography variant="beta" tag="h2">
          {item.title}
        </Typography>
        <Flex gap={2} wrap="wrap">
          <Typography variant="pi" textColor="neutral600">
            {item.source.name}
          </Typography>
          {item.author ? (
            <Typography variant="pi" textColor="neutral600">
              · {item.author}
            </Typography>
          ) : null}
          <Typography variant="pi" textColor="neutral600">
            ·
          </Typography>
          <RelativeTime date={item.publishedTime} />
          {item.pillars.map((pillar) => (
            <Badge key={pillar}>{pillar}</Badge>
          ))}
          {item.matchedKeywords.map((keyword) => (
            <Badge key={keyword} backgroundColor="secondary100" textColor="secondary700">
              {keyword}
            </Badge>
          ))}
          {item.alerted ? (
            <Badge backgroundColor="danger100" textColor="danger700">
              {formatMessage({ id: getTrad('watch.reader.alert'), defaultMessage: 'Alert' })}
            </Badge>
          ) : null}
        </Flex>
      </Flex>
      <Flex gap={2} wrap="wrap">
        {httpUrlOrNull(item.link) ? (
          <Link href={httpUrlOrNull(item.link)!} isExternal endIcon={<ExternalLink />}>
            {formatMessage({ id: getTrad('watch.reader.open'), defaultMessage: 'Open the original' })}
          </Link>
        ) : null}
        {canManage && item.state !== 'curated' ? (
          <>
            {item.state === 'new' ? (
              <Button variant="tertiary" size="S" startIcon={<Eye />} onClick={() => change('read')}>
                {formatMessage({ id: getTrad('watch.actions.markRead'), defaultMessage: 'Mark as read' })}
              </Button>
            ) : (
              <Button variant="tertiary" size="S" startIcon={<EyeStriked />} onClick={() => change('new')}>
                {formatMessage({ id: getTrad('watch.actions.markUnread'), defaultMessage: 'Mark as unread' })}
              </Button>
            )}
            <Button variant="tertiary" size="S" startIcon={<Star />} onClick={() => change(item.state === 'starred' ? 'read' : 'starred')}>
              {item.state === 'starred'
                ? formatMessage({ id: getTrad('watch.actions.unstar'), defaultMessage: 'Remove the star' })
                : formatMessage({ id: getTrad('watch.actions.star'), defaultMessage: 'Star' })}
            </Button>
            <Button
              variant="tertiary"
              size="S"
              startIcon={<Archive />}
              onClick={() => change(item.state === 'archived' ? 'read' : 'archived')}
            >
              {item.state === 'archived'
                ? formatMessage({ id: getTrad('watch.actions.unarchive'), defaultMessage: 'Take out of the archive' })
                : formatMessage({ id: getTrad('watch.actions.archive'), defaultMessage: 'Archive' })}
            </Button>
          </>
        ) : null}
        {item.curatedPlanId ? (
          <Link tag={RouterLink} to={pluginPath('posts', item.curatedPlanId)}>
            {formatMessage({ id: getTrad('watch.reader.openDraft'), defaultMessage: 'Open the post draft' })}
          </Link>
        ) : canCurate ? (
          <Button startIcon={<Pencil />} size="S" onClick={onCurate} loading={curate.isPending}>
            {formatMessage({ id: getTrad('watch.actions.curate'), defaultMessage: 'Curate into a post' })}
          </Button>
        ) : null}
      </Flex>
      <Box paddingTop={2}>
        {item.content ? (
          <SanitizedHtml html={item.content} />
        ) : (
          <Typography textColor="neutral600">
            {item.summary ||
              formatMessage({ id: getTrad('watch.reader.noContent'), defaultMessage: 'This item has no text: open the original.' })}
          </Typography>
        )}
      </Box>
    </Flex>
  );
};
