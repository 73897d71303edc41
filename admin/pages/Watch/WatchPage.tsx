import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  Grid,
  LinkButton,
  Pagination,
  PreviousLink,
  NextLink,
  Typography,
} from '@strapi/design-system';
import { Archive, Bell, Cog, Eye, Star } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { useApiError } from '../../utils/serverMessages';
import {
  useAlertCount,
  useItems,
  useSources,
  useWatchMutation,
  type ItemsFilter,
  type SettableState,
  type WatchItem,
} from '../../api/watch';
import { sectionById } from '../../sections';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { AlertsModal } from './AlertsModal';
import { ItemReader } from './ItemReader';
import { ItemsList } from './ItemsList';
import { SourceRail } from './SourceRail';
import { WatchFilters } from './WatchFilters';

const FIRST_PAGE: ItemsFilter = { sort: 'newest', page: 1, pageSize: 25 };

/** The reader: sources on the left, items in the middle, the open item on the right. */
export const WatchPage = () => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const [filter, setFilter] = React.useState<ItemsFilter>(FIRST_PAGE);
  const [opened, setOpened] = React.useState<WatchItem | null>(null);
  const [checked, setChecked] = React.useState<Set<string>>(new Set());
  const [alertsOpen, setAlertsOpen] = React.useState(false);
  const sources = useSources();
  const items = useItems(filter);
  const alertCount = useAlertCount();
  const { allowed: canManage } = useCan(ACTIONS.watchManage);
  const { allowed: canCurate } = useCan(ACTIONS.postsCreate);
  const bulk = useWatchMutation((api, state: SettableState) => api.items.bulk([...checked], state));
  const markRead = useWatchMutation((api, documentId: string) => api.items.setState(documentId, 'read'));
  const title = formatMessage({ id: getTrad('watch.title'), defaultMessage: 'Watch' });

  const change = (next: Partial<ItemsFilter>) => {
    setFilter((current) => ({ ...current, ...next, page: next.page ?? 1 }));
    setChecked(new Set());
  };

  const open = (item: WatchItem) => {
    setOpened(item);
    // Opening an item reads it, as in every feed reader.
    if (canManage && item.state === 'new') markRead.mutate(item.documentId);
  };

  const onBulk = (state: SettableState) =>
    bulk.mutate(state, {
      onSuccess: (result) => {
        setChecked(new Set());
        toggleNotification({
          type: 'success',
          message: formatMessage(
            { id: getTrad('watch.bulk.done'), defaultMessage: '{count, plural, one {# item} other {# items}} updated.' },
            { count: result.updated }
          ),
        });
      },
      onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
    });

  if (sources.isPending) return <Page.Loading />;
  if (sources.isError) return <Page.Error content={readError(sources.error).message} />;

  const list = items.data?.results ?? [];
  // The list's copy is the fresh one; the kept copy stays open when a filter hides the item.
  const openItem = (opened && list.find((item) => item.documentId === opened.documentId)) ?? opened;
  const total = items.data?.pagination.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / filter.pageSize));
  const alerts = alertCount.data?.count ?? 0;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage(sectionById('watch').purpose)}
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" startIcon={<Bell />} onClick={() => setAlertsOpen(true)}>
              {formatMessage({ id: getTrad('watch.alerts.title'), defaultMessage: 'Alerts' })}
              {alerts > 0 ? (
                <Box paddingLeft={2} tag="span" data-testid="watch-alert-badge">
                  <Badge backgroundColor="danger100" textColor="danger700">
                    {alerts}
                  </Badge>
                </Box>
              ) : null}
            </Button>
            <LinkButton tag={RouterLink} to={pluginPath('watch', 'sources')} startIcon={<Cog />}>
              {formatMessage({ id: getTrad('watch.sources.manage'), defaultMessage: 'Sources' })}
            </LinkButton>
          </Flex>
        }
      />
      <Layouts.Content>
        {sources.data.length === 0 ? (
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={formatMessage({
              id: getTrad('watch.empty'),
              defaultMessage:
                'Nothing to read yet. Add the feeds of the blogs, forums and press you follow, or import your reader’s OPML file.',
            })}
            action={
              canManage ? (
                <LinkButton tag={RouterLink} to={pluginPath('watch', 'sources')}>
                  {formatMessage({ id: getTrad('watch.sources.addFirst'), defaultMessage: 'Add your first source' })}
                </LinkButton>
              ) : null
            }
          />
        ) : (
          <Grid.Root gap={4}>
            <Grid.Item col={2} s={12} direction="column" alignItems="stretch">
              <SourceRail sources={sources.data} selected={filter.source} onSelect={(source) => change({ source })} />
            </Grid.Item>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={3}>
                <WatchFilters filter={filter} sources={sources.data} onChange={change} />
                {canManage && checked.size > 0 ? (
                  <Flex gap={2} data-testid="watch-bulk">
                    <Typography variant="pi">
                      {formatMessage({ id: getTrad('watch.bulk.selected'), defaultMessage: '{count} selected' }, { count: checked.size })}
                    </Typography>
                    <Button size="S" variant="secondary" startIcon={<Eye />} onClick={() => onBulk('read')}>
                      {formatMessage({ id: getTrad('watch.actions.markRead'), defaultMessage: 'Mark as read' })}
                    </Button>
                    <Button size="S" variant="secondary" startIcon={<Star />} onClick={() => onBulk('starred')}>
                      {formatMessage({ id: getTrad('watch.actions.star'), defaultMessage: 'Star' })}
                    </Button>
                    <Button size="S" variant="secondary" startIcon={<Archive />} onClick={() => onBulk('archived')}>
                      {formatMessage({ id: getTrad('watch.actions.archive'), defaultMessage: 'Archive' })}
                    </Button>
                  </Flex>
                ) : null}
                {items.isError ? (
                  <Typography textColor="danger600">{readError(items.error).message}</Typography>
                ) : list.length === 0 && !items.isPending ? (
                  <Typography textColor="neutral600">
                    {formatMessage({ id: getTrad('watch.noItems'), defaultMessage: 'No item matches these filters.' })}
                  </Typography>
                ) : (
                  <ItemsList
                    items={list}
                    selectedId={opened?.documentId ?? null}
                    onSelect={open}
                    checked={checked}
                    onCheck={
                      canManage
                        ? (documentId, value) =>
                            setChecked((current) => {
                              const next = new Set(current);
                              if (value) next.add(documentId);
                              else next.delete(documentId);
                              return next;
                            })
                        : null
                    }
                  />
                )}
                {pageCount > 1 ? (
                  <Pagination activePage={filter.page} pageCount={pageCount}>
                    <PreviousLink onClick={() => change({ page: Math.max(1, filter.page - 1) })}>
                      {formatMessage({ id: getTrad('watch.previous'), defaultMessage: 'Previous page' })}
                    </PreviousLink>
                    <NextLink onClick={() => change({ page: Math.min(pageCount, filter.page + 1) })}>
                      {formatMessage({ id: getTrad('watch.next'), defaultMessage: 'Next page' })}
                    </NextLink>
                  </Pagination>
                ) : null}
              </Flex>
            </Grid.Item>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                {openItem ? (
                  <ItemReader item={openItem} canManage={canManage} canCurate={canCurate} />
                ) : (
                  <Typography textColor="neutral600">
                    {formatMessage({ id: getTrad('watch.reader.pick'), defaultMessage: 'Choose an item to read it here.' })}
                  </Typography>
                )}
              </Box>
            </Grid.Item>
          </Grid.Root>
        )}
      </Layouts.Content>
      {alertsOpen ? <AlertsModal canManage={canManage} onClose={() => setAlertsOpen(false)} /> : null}
    </Page.Main>
  );
};
