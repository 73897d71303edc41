import * as React from 'react';
import {
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  LinkButton,
  SearchForm,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { POST_STATUSES } from '../../../shared/planning/workflow';
import { useAccounts } from '../../api/accounts';
import { useEditorialLines } from '../../api/editorialLines';
import { readApiError } from '../../api/errors';
import { useBulkPostPlans, usePostPlans, type BulkAction, type BulkResult, type PostListQuery, type PostStatus } from '../../api/postPlans';
import { LONG_TEXT_STYLE } from '../../components/LongText';
import { NETWORKS, type Network } from '../../api/types';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { FilterCombobox, FilterSelect } from './FilterSelect';
import { PostsTable } from './PostsTable';
import { STATUS_LABELS } from './statusLabels';
import { PAGE_SIZE, usePostsParams } from './usePostsParams';
import { usePostLabels } from './usePostLabels';

const BULK: Array<{ action: BulkAction; label: { id: string; defaultMessage: string } }> = [
  { action: 'submit', label: { id: getTrad('posts.bulk.submit'), defaultMessage: 'Send to review' } },
  { action: 'approve', label: { id: getTrad('posts.bulk.approve'), defaultMessage: 'Approve' } },
  { action: 'cancel', label: { id: getTrad('posts.bulk.cancel'), defaultMessage: 'Cancel' } },
  { action: 'duplicate', label: { id: getTrad('posts.bulk.duplicate'), defaultMessage: 'Duplicate' } },
];

const SORTS: Array<{ value: string; label: { id: string; defaultMessage: string } }> = [
  { value: 'scheduledAt:asc', label: { id: getTrad('posts.sort.soonest'), defaultMessage: 'Soonest first' } },
  { value: 'scheduledAt:desc', label: { id: getTrad('posts.sort.latest'), defaultMessage: 'Latest first' } },
  { value: 'updatedAt:desc', label: { id: getTrad('posts.sort.updated'), defaultMessage: 'Recently edited' } },
  { value: 'title:asc', label: { id: getTrad('posts.sort.title'), defaultMessage: 'Title A–Z' } },
  { value: 'status:asc', label: { id: getTrad('posts.sort.status'), defaultMessage: 'Status' } },
];

/** Typing pauses this long before the list is asked again: one request per word, not per key. */
const SEARCH_DELAY_MS = 300;

/** The values a filter can take: what exists, with the one in the address even if no post has it any more. */
const choices = (values: Array<string | null | undefined>, selected: string | undefined) =>
  [...new Set([...values, selected].filter((v): v is string => Boolean(v)))].map((value) => ({ value, label: value }));

/** Every post plan: find, filter, sort, select and act on many at once. */
export const PostsPage = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const canCreate = useCan(ACTIONS.postsCreate);
  const accounts = useAccounts();
  const lines = useEditorialLines();
  const { query, update: setParams } = usePostsParams();
  const [search, setSearch] = React.useState(query.q ?? '');
  const [selected, setSelected] = React.useState<Set<string>>(new Set());
  const [results, setResults] = React.useState<Array<BulkResult & { title: string }> | null>(null);
  const posts = usePostPlans(query);
  // The pillars and campaigns in use, however old the post (the lines' pillars are offered too, used or not).
  const labels = usePostLabels();
  const bulk = useBulkPostPlans();
  const update = React.useCallback(
    (change: Partial<PostListQuery>) => {
      setParams(change);
      setSelected(new Set());
    },
    [setParams]
  );

  // Search as one types, once typing pauses; Enter searches at once.
  const searched = query.q ?? '';
  const sent = React.useRef(searched);
  const runSearch = React.useCallback(
    (text: string) => {
      sent.current = text.trim();
      update({ q: text.trim() || undefined });
    },
    [update]
  );
  React.useEffect(() => {
    if (search.trim() === searched) return undefined;
    const timer = window.setTimeout(() => runSearch(search), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, searched, runSearch]);
  // The address changed the search itself (back, a link, the menu): the box shows it, and the pause above does not undo it.
  React.useEffect(() => {
    if (searched === sent.current) return;
    sent.current = searched;
    setSearch(searched);
  }, [searched]);

  // Every title seen, so a bulk result names its post even after it left the page (filtered out, another page).
  const titles = React.useRef(new Map<string, string>());
  for (const post of posts.data?.results ?? []) titles.current.set(post.documentId, post.title);

  const pillarChoices = React.useMemo(
    () =>
      choices([...(lines.data ?? []).flatMap((line) => line.pillars.map((p) => p.name)), ...(labels.data?.pillars ?? [])], query.pillar),
    [lines.data, labels.data, query.pillar]
  );
  const campaignChoices = React.useMemo(() => choices(labels.data?.campaigns ?? [], query.campaign), [labels.data, query.campaign]);
  const title = formatMessage({ id: getTrad('posts.title'), defaultMessage: 'Posts' });
  const total = posts.data?.pagination.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const runBulk = (action: BulkAction) => {
    // Named now: once acted on, a post may leave the list (its status filtered out).
    const named = new Map([...selected].map((id) => [id, titles.current.get(id)]));
    bulk.mutate(
      { action, documentIds: [...selected] },
      {
        onSuccess: (items) => {
          setResults(items.map((item) => ({ ...item, title: named.get(item.documentId) ?? item.result?.title ?? item.documentId })));
          setSelected(new Set());
          const done = items.filter((i) => i.ok).length;
          toggleNotification({
            type: done === items.length ? 'success' : 'warning',
            message: formatMessage(
              { id: getTrad('posts.bulk.summary'), defaultMessage: '{done} of {total} done' },
              { done, total: items.length }
            ),
          });
        },
        onError: (error) => toggleNotification({ type: 'danger', message: readApiError(error).message }),
      }
    );
  };

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({ id: getTrad('posts.count'), defaultMessage: '{total, plural, one {# post} other {# posts}}' }, { total })}
        primaryAction={
          canCreate.allowed ? (
            <LinkButton tag={RouterLink} to={pluginPath('posts', 'new')} startIcon={<Plus />}>
              {formatMessage({ id: getTrad('posts.new'), defaultMessage: 'New post' })}
            </LinkButton>
          ) : null
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={2} wrap="wrap" alignItems="flex-end">
            <Box minWidth="24rem">
              {/* Searches as one types (after a pause); Enter searches at once. */}
              <SearchForm
                onSubmit={(event: React.FormEvent) => {
                  event.preventDefault();
                  runSearch(search);
                }}
              >
                <Searchbar
                  name="q"
                  value={search}
                  clearLabel={formatMessage({ id: getTrad('posts.search.clear'), defaultMessage: 'Clear the search' })}
                  onClear={() => {
                    setSearch('');
                    runSearch('');
                  }}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
                >
                  {formatMessage({ id: getTrad('posts.search'), defaultMessage: 'Search the posts' })}
                </Searchbar>
              </SearchForm>
            </Box>
            <FilterSelect
              label={formatMessage({ id: getTrad('posts.filter.status'), defaultMessage: 'Status' })}
              value={query.status?.[0]}
              options={POST_STATUSES.map((status) => ({ value: status, label: formatMessage(STATUS_LABELS[status]) }))}
              onChange={(value) => update({ status: value ? [value as PostStatus] : undefined })}
            />
            <FilterSelect
              label={formatMessage({ id: getTrad('posts.filter.network'), defaultMessage: 'Network' })}
              value={query.network}
              options={NETWORKS.map((network) => ({ value: network, label: formatMessage(NETWORK_LABELS[network]) }))}
              onChange={(value) => update({ network: value as Network | undefined })}
            />
            <FilterSelect
              label={formatMessage({ id: getTrad('posts.filter.account'), defaultMessage: 'Account' })}
              value={query.accountId}
              options={(accounts.data ?? []).map((account) => ({ value: account.documentId, label: account.name }))}
              onChange={(value) => update({ accountId: value })}
            />
            <FilterCombobox
              label={formatMessage({ id: getTrad('posts.filter.pillar'), defaultMessage: 'Pillar' })}
              clearLabel={formatMessage({ id: getTrad('posts.filter.clear'), defaultMessage: 'Clear this filter' })}
              noOptions={formatMessage({ id: getTrad('posts.filter.noPillar'), defaultMessage: 'No pillar matches' })}
              value={query.pillar}
              options={pillarChoices}
              onChange={(pillar) => update({ pillar })}
            />
            <FilterCombobox
              label={formatMessage({ id: getTrad('posts.filter.campaign'), defaultMessage: 'Campaign' })}
              clearLabel={formatMessage({ id: getTrad('posts.filter.clear'), defaultMessage: 'Clear this filter' })}
              noOptions={formatMessage({ id: getTrad('posts.filter.noCampaign'), defaultMessage: 'No campaign matches' })}
              value={query.campaign}
              options={campaignChoices}
              onChange={(campaign) => update({ campaign })}
            />
            <SingleSelect
              aria-label={formatMessage({ id: getTrad('posts.sort'), defaultMessage: 'Sort' })}
              value={`${query.sort}:${query.order}`}
              onChange={(value) => {
                const [sort, order] = String(value).split(':') as [PostListQuery['sort'], PostListQuery['order']];
                update({ sort, order });
              }}
            >
              {SORTS.map((sort) => (
                <SingleSelectOption key={sort.value} value={sort.value}>
                  {formatMessage(sort.label)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Flex>
          {selected.size ? (
            <Flex gap={2} data-testid="bulk-actions">
              <Typography>
                {formatMessage({ id: getTrad('posts.selected'), defaultMessage: '{count} selected' }, { count: selected.size })}
              </Typography>
              {BULK.map(({ action, label }) => (
                <Button
                  key={action}
                  size="S"
                  variant={action === 'cancel' ? 'danger-light' : 'secondary'}
                  loading={bulk.isPending}
                  onClick={() => runBulk(action)}
                >
                  {formatMessage(label)}
                </Button>
              ))}
            </Flex>
          ) : null}
          {results ? (
            <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" data-testid="bulk-results">
              {results.map((item) => (
                <Typography key={item.documentId} tag="p" textColor={item.ok ? 'success600' : 'danger600'} style={LONG_TEXT_STYLE}>
                  {item.ok
                    ? formatMessage({ id: getTrad('posts.bulk.ok'), defaultMessage: '{title}: done' }, { title: item.title })
                    : formatMessage(
                        { id: getTrad('posts.bulk.refused'), defaultMessage: '{title}: {reason}' },
                        { title: item.title, reason: item.message ?? item.code }
                      )}
                </Typography>
              ))}
            </Box>
          ) : null}
          {posts.isError ? <Typography textColor="danger600">{readApiError(posts.error).message}</Typography> : null}
          {posts.data && posts.data.results.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={formatMessage({ id: getTrad('posts.empty'), defaultMessage: 'No post matches. Write one, or change the filters.' })}
            />
          ) : null}
          {posts.data && posts.data.results.length ? (
            <PostsTable posts={posts.data.results} selected={selected} onSelect={setSelected} />
          ) : null}
          <Flex gap={2} justifyContent="flex-end">
            <Button variant="tertiary" disabled={query.page <= 1} onClick={() => setParams({ page: query.page - 1 })}>
              {formatMessage({ id: getTrad('posts.previous'), defaultMessage: 'Previous' })}
            </Button>
            <Typography>
              {formatMessage({ id: getTrad('posts.page'), defaultMessage: 'Page {page} of {pages}' }, { page: query.page, pages })}
            </Typography>
            <Button variant="tertiary" disabled={query.page >= pages} onClick={() => setParams({ page: query.page + 1 })}>
              {formatMessage({ id: getTrad('posts.next'), defaultMessage: 'Next' })}
            </Button>
          </Flex>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
