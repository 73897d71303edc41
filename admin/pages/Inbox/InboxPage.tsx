import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Flex,
  Grid,
  NextLink,
  Pagination,
  PreviousLink,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check, EyeStriked, Trash } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { sectionById } from '../../sections';
import { LongText } from '../../components/LongText';
import { RelativeTime } from '../../components/RelativeTime';
import { useCan } from '../../utils/permissions';
import { useApiError } from '../../utils/serverMessages';
import {
  useInboxItems,
  useInboxMutation,
  useInboxSources,
  type InboxFilter,
  type InboxItem,
  type InboxItemsPage,
  type InboxStatus,
} from './api';
import { ItemDetail, SentimentBadge, statusLabel } from './ItemDetail';
import { m } from './messages';
import { CrisisStartButton } from './CrisisBanner';
import { RulesModal } from './RulesModal';
import { getTrad } from '../../utils/getTrad';

const FIRST_PAGE: InboxFilter = { status: 'open', page: 1, pageSize: 25 };
const STATUSES = ['open', 'new', 'assigned', 'waiting', 'done', 'hidden', 'spam', 'all'] as const;

/** The community inbox: filters and the list on the left, the open conversation on the right (docs/inbox.md). */
export const InboxPage = () => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  // `?plan=` (a post's "N replies"): the items answering that post, whatever their status.
  const [searchParams, setSearchParams] = useSearchParams();
  const planFromUrl = searchParams.get('plan');
  const [filter, setFilter] = React.useState<InboxFilter>(() =>
    planFromUrl ? { ...FIRST_PAGE, status: 'all', plan: planFromUrl } : FIRST_PAGE
  );
  const [search, setSearch] = React.useState('');
  const [tag, setTag] = React.useState('');
  const [openId, setOpenId] = React.useState<string | null>(null);
  const [checked, setChecked] = React.useState<Set<string>>(new Set());
  const items = useInboxItems(filter);
  const sources = useInboxSources();
  const { allowed: canAct } = useCan(ACTIONS.moderationAct);
  const { allowed: canEditRules } = useCan(ACTIONS.moderationRules);
  const [rulesOpen, setRulesOpen] = React.useState(false);
  const poll = useInboxMutation((api) => api.poll());
  const bulk = useInboxMutation((api, status: InboxStatus) => api.bulk([...checked], status));
  const title = formatMessage(m.title);

  const change = (next: Partial<InboxFilter>) => {
    setFilter((current) => ({ ...current, ...next, page: next.page ?? 1 }));
    setChecked(new Set());
  };
  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: readError(error).message });

  const onBulk = (status: InboxStatus) =>
    bulk.mutate(status, {
      onSuccess: (result) => {
        setChecked(new Set());
        toggleNotification({ type: 'success', message: formatMessage(m.bulkDone, { count: result.updated }) });
      },
      onError: fail,
    });

  const list = items.data?.results ?? [];
  // The server counts on the first page only (docs/inbox.md, "The list's counts"): what it said there is kept
  // for the same filters while the person pages on.
  const filterKey = JSON.stringify({ ...filter, page: undefined });
  const [firstPage, setFirstPage] = React.useState<{
    key: string;
    pagination: InboxItemsPage['pagination'];
    counts: InboxItemsPage['counts'];
    countsCapped?: InboxItemsPage['countsCapped'];
  } | null>(null);
  const data = items.data;
  React.useEffect(() => {
    if (data && data.pagination.page === 1 && data.pagination.total !== null && !items.isPlaceholderData)
      setFirstPage({ key: filterKey, pagination: data.pagination, counts: data.counts, countsCapped: data.countsCapped });
  }, [data, filterKey, items.isPlaceholderData]);
  const counted = firstPage?.key === filterKey ? firstPage : null;
  const counts = counted?.counts;
  const known = counted?.pagination.pageCount ?? null;
  // A capped total has no page count: the next page is offered while the server says one follows.
  const pageCount = Math.max(1, known ?? (data?.pagination.hasMore ? filter.page + 1 : filter.page));
  const sourceName = (item: InboxItem) => (item.source === 'site' ? formatMessage(m.site) : (item.accountName ?? item.network));

  // j / k move through the list, e marks the open item done: the keys of every inbox tool.
  const setStatus = useInboxMutation((api, v: { id: string; status: InboxStatus }) => api.setStatus(v.id, v.status));
  React.useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const index = list.findIndex((item) => item.documentId === openId);
      if (event.key === 'j' && list.length) setOpenId(list[Math.min(list.length - 1, index + 1)].documentId);
      else if (event.key === 'k' && list.length) setOpenId(list[Math.max(0, index - 1)].documentId);
      else if (event.key === 'e' && openId && canAct) setStatus.mutate({ id: openId, status: 'done' }, { onError: fail });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (sources.isPending) return <Page.Loading />;
  if (sources.isError) return <Page.Error content={readError(sources.error).message} />;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage(sectionById('moderation').purpose)}
        secondaryAction={
          <Flex gap={2}>
            <Button variant="secondary" onClick={() => setRulesOpen(true)}>
              {formatMessage(m.rules)}
            </Button>
            <CrisisStartButton />
          </Flex>
        }
        primaryAction={
          canAct ? (
            <Button
              startIcon={<ArrowClockwise />}
              loading={poll.isPending}
              onClick={() =>
                poll.mutate(undefined, {
                  onSuccess: (result) => toggleNotification({ type: 'info', message: formatMessage(m.polled, { count: result.created }) }),
                  onError: fail,
                })
              }
            >
              {formatMessage(m.pollNow)}
            </Button>
          ) : null
        }
      />
      {rulesOpen ? <RulesModal canEdit={canEditRules} onClose={() => setRulesOpen(false)} /> : null}
      <Layouts.Content>
        {filter.plan ? (
          <Box paddingBottom={4}>
            <Flex gap={2} alignItems="center">
              <Typography textColor="neutral600">
                {formatMessage({ id: getTrad('inbox.onePost'), defaultMessage: 'The replies to one of your posts.' })}
              </Typography>
              <Button
                variant="tertiary"
                size="S"
                onClick={() => {
                  setSearchParams({});
                  change({ plan: undefined, status: 'open' });
                }}
              >
                {formatMessage({ id: getTrad('inbox.allPosts'), defaultMessage: 'Show the whole inbox' })}
              </Button>
            </Flex>
          </Box>
        ) : null}
        {!canAct ? (
          <Box paddingBottom={4}>
            <Typography textColor="neutral600">{formatMessage(m.readOnly)}</Typography>
          </Box>
        ) : null}
        {sources.data.length === 0 && list.length === 0 && !items.isPending ? (
          <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={formatMessage(m.noSource)} />
        ) : (
          <Grid.Root gap={4}>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Flex gap={2} wrap="wrap" alignItems="center">
                  <form
                    role="search"
                    onSubmit={(event) => {
                      event.preventDefault();
                      change({ q: search.trim() || undefined });
                    }}
                  >
                    <Searchbar
                      name="q"
                      value={search}
                      onChange={(event) => setSearch(event.target.value)}
                      onClear={() => {
                        setSearch('');
                        change({ q: undefined });
                      }}
                      clearLabel={formatMessage(m.clearSearch)}
                      placeholder={formatMessage(m.search)}
                    >
                      {formatMessage(m.search)}
                    </Searchbar>
                  </form>
                  <SingleSelect
                    aria-label={formatMessage(m.status)}
                    value={filter.status ?? 'open'}
                    onChange={(value) => change({ status: value as InboxFilter['status'] })}
                  >
                    {STATUSES.map((status) => (
                      <SingleSelectOption key={status} value={status}>
                        {formatMessage(m[status])}
                        {counts && status !== 'open' && status !== 'all'
                          ? ` (${formatMessage(counted?.countsCapped?.includes(status) ? m.countCapped : m.count, { count: counts[status] })})`
                          : ''}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <SingleSelect
                    aria-label={formatMessage(m.source)}
                    value={filter.source ?? ''}
                    onChange={(value) => change({ source: value ? String(value) : undefined })}
                  >
                    <SingleSelectOption value="">{formatMessage(m.anySource)}</SingleSelectOption>
                    {sources.data.map((source) => (
                      <SingleSelectOption key={source.source} value={source.source}>
                        {source.source === 'site' ? formatMessage(m.site) : source.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <SingleSelect
                    aria-label={formatMessage(m.assignee)}
                    value={filter.assignee === undefined ? '' : String(filter.assignee)}
                    onChange={(value) => change({ assignee: value ? (value as 'me' | 'none') : undefined })}
                  >
                    <SingleSelectOption value="">{formatMessage(m.anyone)}</SingleSelectOption>
                    <SingleSelectOption value="me">{formatMessage(m.me)}</SingleSelectOption>
                    <SingleSelectOption value="none">{formatMessage(m.nobody)}</SingleSelectOption>
                  </SingleSelect>
                  <SingleSelect
                    aria-label={formatMessage(m.sentimentFilter)}
                    value={filter.sentiment ?? ''}
                    onChange={(value) => change({ sentiment: value ? (value as InboxFilter['sentiment']) : undefined })}
                  >
                    <SingleSelectOption value="">{formatMessage(m.anySentiment)}</SingleSelectOption>
                    <SingleSelectOption value="negative">{formatMessage(m.negative)}</SingleSelectOption>
                    <SingleSelectOption value="neutral">{formatMessage(m.neutral)}</SingleSelectOption>
                    <SingleSelectOption value="positive">{formatMessage(m.positive)}</SingleSelectOption>
                  </SingleSelect>
                  <form
                    onSubmit={(event) => {
                      event.preventDefault();
                      change({ tag: tag.trim() || undefined });
                    }}
                  >
                    <TextInput
                      aria-label={formatMessage(m.tag)}
                      placeholder={formatMessage(m.tag)}
                      value={tag}
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTag(event.target.value)}
                      onBlur={() => change({ tag: tag.trim() || undefined })}
                    />
                  </form>
                </Flex>
                {canAct && checked.size > 0 ? (
                  <Flex gap={2} wrap="wrap" data-testid="inbox-bulk">
                    <Typography variant="pi">{formatMessage(m.selected, { count: checked.size })}</Typography>
                    <Button size="S" variant="secondary" startIcon={<Check />} onClick={() => onBulk('done')}>
                      {formatMessage(m.markDone)}
                    </Button>
                    <Button size="S" variant="secondary" startIcon={<EyeStriked />} onClick={() => onBulk('hidden')}>
                      {formatMessage(m.markHidden)}
                    </Button>
                    <Button size="S" variant="secondary" startIcon={<Trash />} onClick={() => onBulk('spam')}>
                      {formatMessage(m.markSpam)}
                    </Button>
                    <Button size="S" variant="tertiary" onClick={() => onBulk('new')}>
                      {formatMessage(m.markNew)}
                    </Button>
                  </Flex>
                ) : null}
                {counted && counted.pagination.total !== null ? (
                  <Typography variant="pi" textColor="neutral600" data-testid="inbox-total">
                    {formatMessage(counted.pagination.totalCapped ? m.totalCapped : m.total, { count: counted.pagination.total })}
                  </Typography>
                ) : null}
                {items.isError ? (
                  <Typography textColor="danger600">{readError(items.error).message}</Typography>
                ) : list.length === 0 && !items.isPending ? (
                  <Typography textColor="neutral600">{formatMessage(m.empty)}</Typography>
                ) : (
                  <Flex direction="column" alignItems="stretch" gap={1} tag="ul" data-testid="inbox-items">
                    {list.map((item) => (
                      <Box
                        tag="li"
                        key={item.documentId}
                        padding={3}
                        hasRadius
                        background={item.documentId === openId ? 'primary100' : 'neutral0'}
                        borderColor={item.documentId === openId ? 'primary200' : 'neutral150'}
                      >
                        <Flex gap={2} alignItems="flex-start">
                          {canAct ? (
                            <Checkbox
                              aria-label={formatMessage(m.select, { author: item.author.handle ?? item.author.name ?? '' })}
                              checked={checked.has(item.documentId)}
                              onCheckedChange={(value) =>
                                setChecked((current) => {
                                  const next = new Set(current);
                                  if (value === true) next.add(item.documentId);
                                  else next.delete(item.documentId);
                                  return next;
                                })
                              }
                            />
                          ) : null}
                          <Box flex="1" style={{ cursor: 'pointer', minWidth: 0 }} onClick={() => setOpenId(item.documentId)}>
                            <Flex gap={2} wrap="wrap">
                              <Typography
                                tag="button"
                                type="button"
                                fontWeight={item.status === 'new' ? 'bold' : 'regular'}
                                style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
                              >
                                {item.author.name || item.author.handle || formatMessage(m.unknownAuthor)}
                              </Typography>
                              <Typography variant="pi" textColor="neutral600">
                                {sourceName(item)}
                              </Typography>
                              <RelativeTime date={item.postedAt} />
                            </Flex>
                            <LongText text={item.text} lines={2} />
                            <Flex gap={1} wrap="wrap" paddingTop={1}>
                              <Badge>{statusLabel(formatMessage, item.status)}</Badge>
                              <SentimentBadge label={item.sentiment.label} />
                              {item.tags.map((t) => (
                                <Badge key={t} backgroundColor="neutral100">
                                  {t}
                                </Badge>
                              ))}
                            </Flex>
                          </Box>
                        </Flex>
                      </Box>
                    ))}
                  </Flex>
                )}
                {pageCount > 1 ? (
                  <Pagination activePage={filter.page} pageCount={pageCount}>
                    <PreviousLink onClick={() => change({ page: Math.max(1, filter.page - 1) })}>{formatMessage(m.previous)}</PreviousLink>
                    <NextLink onClick={() => change({ page: Math.min(pageCount, filter.page + 1) })}>{formatMessage(m.next)}</NextLink>
                  </Pagination>
                ) : null}
              </Flex>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                {openId ? (
                  <ItemDetail documentId={openId} canAct={canAct} />
                ) : (
                  <Typography textColor="neutral600">{formatMessage(m.pick)}</Typography>
                )}
              </Box>
            </Grid.Item>
          </Grid.Root>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
