import * as React from 'react';
import type { DatesSetArg } from '@fullcalendar/core';
import { Alert, Button, Flex, Typography } from '@strapi/design-system';
import { Calendar as CalendarIcon, Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { useAccounts } from '../../api/accounts';
import { useCalendarEvents, useCalendarSummary, type CalendarEvent, type CalendarRange } from '../../api/calendar';
import { useEditorialLines } from '../../api/editorialLines';
import { useApiError } from '../../utils/serverMessages';
import type { Network } from '../../api/types';
import { sectionById } from '../../sections';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { useHeldActions } from '../../utils/permissions';
import { CalendarFilters } from './CalendarFilters';
import { CalendarGrid } from './CalendarGrid';
import { Legend } from './Legend';
import { PeriodSummary } from './PeriodSummary';
import { SubscribeModal } from './SubscribeModal';
import { browserTimeZone, dayKey, expectedRange } from './schedule';
import { DayPostsModal } from './DayPostsModal';
import { DAY_MAX_EVENTS } from './dayLimit';
import { useCalendarParams, type CalendarView } from './useCalendarParams';
import { useMovePost } from './useMovePost';

const WRITE_ACTIONS = [ACTIONS.postsCreate, ACTIONS.postsPublish] as const;
const LOCKED = new Set(['published', 'partially_published']);

export const CalendarPage = () => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage, formatDate } = useIntl();
  const navigate = useNavigate();
  const editorZone = React.useMemo(browserTimeZone, []);
  const params = useCalendarParams();
  // Known before the grid mounts: the events and the summary are fetched in parallel with the grid's first render.
  const [range, setRange] = React.useState<CalendarRange | null>(() => expectedRange(params.view, params.date));
  const [moreDay, setMoreDay] = React.useState<string | null>(null);
  const [subscribing, setSubscribing] = React.useState(false);
  const held = useHeldActions(WRITE_ACTIONS);
  const canCreate = held.has(ACTIONS.postsCreate);
  const canPublish = held.has(ACTIONS.postsPublish);

  // The month view asks for what its cells draw; "+N more" loads a whole day when opened.
  const dayLimit = React.useMemo(
    () => (params.view === 'dayGridMonth' ? { dayMax: DAY_MAX_EVENTS, timezone: editorZone } : undefined),
    [params.view, editorZone]
  );
  const events = useCalendarEvents(range, params.filters, dayLimit);
  const accounts = useAccounts();
  const lines = useEditorialLines();
  // With several lines the summary compares with one of them (the address's, else the first): never with none.
  // With one line the server takes it by itself, over every post the filters keep.
  const summaryLine = React.useMemo(() => {
    const all = lines.data ?? [];
    if (all.length < 2) return undefined;
    return all.find((line) => line.documentId === params.line)?.documentId ?? all[0].documentId;
  }, [lines.data, params.line]);
  // The grid first: the summary above it is asked for once the events are in (it reads a month of posts too).
  // It waits for the lines too, so it is never first drawn against no line.
  const summary = useCalendarSummary(range, editorZone, params.filters, summaryLine, events.isFetched && lines.isFetched);
  const move = useMovePost(editorZone);

  const lineColors = React.useMemo(() => {
    const colors = new Map<string, string>();
    for (const line of lines.data ?? [])
      for (const pillar of line.pillars) if (pillar.color) colors.set(pillar.name.trim().toLowerCase(), pillar.color);
    return colors;
  }, [lines.data]);

  const posts = React.useMemo(() => events.data?.events ?? [], [events.data]);
  const more = React.useMemo(() => events.data?.more ?? [], [events.data]);
  const pillarNames = React.useMemo(
    () => [
      ...new Set([
        ...(lines.data ?? []).flatMap((l) => l.pillars.map((p) => p.name)),
        ...posts.map((p) => p.pillar).filter((p): p is string => Boolean(p)),
      ]),
    ],
    [lines.data, posts]
  );
  const campaigns = React.useMemo(() => [...new Set(posts.map((p) => p.campaign).filter((c): c is string => Boolean(c)))], [posts]);
  const legendPillars = React.useMemo(() => [...new Set(posts.map((p) => p.pillar))], [posts]);
  const legendNetworks = React.useMemo(() => [...new Set(posts.flatMap((p) => p.accounts.map((a) => a.network)))] as Network[], [posts]);

  const canMove = React.useCallback(
    (post: CalendarEvent) => canCreate && !LOCKED.has(post.status) && (post.status !== 'scheduled' || canPublish),
    [canCreate, canPublish]
  );

  const { update } = params;
  const shown = React.useRef({ view: params.view, date: params.date });
  shown.current = { view: params.view, date: params.date };
  const onRangeChange = React.useCallback(
    (arg: DatesSetArg) => {
      const from = arg.start.toISOString();
      const to = arg.end.toISOString();
      // Only real changes: a new object or address on every call would re-render the grid, which calls back again.
      setRange((previous) => (previous?.from === from && previous.to === to ? previous : { from, to }));
      const date = dayKey(arg.view.currentStart);
      if (shown.current.view !== arg.view.type || shown.current.date !== date) update({ view: arg.view.type as CalendarView, date });
    },
    [update]
  );
  const onOpen = React.useCallback((post: CalendarEvent) => navigate(pluginPath('posts', post.documentId)), [navigate]);
  const onMore = React.useCallback((day: string) => setMoreDay(day), []);
  const onPlan = React.useCallback(
    (local: string) => navigate(`${pluginPath('posts', 'new')}?local=${encodeURIComponent(local)}`),
    [navigate]
  );

  const title = formatMessage(sectionById('calendar').label);
  // The grid's zone and clock: the instant as the grid draws it, not the wall time of the zone the post was planned in.
  const gridLabel = (at: string) =>
    formatDate(at, {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: editorZone,
    });

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage(
          { id: getTrad('calendar.subtitle'), defaultMessage: 'Times are shown in your time zone, {zone}.' },
          { zone: editorZone }
        )}
        primaryAction={
          canCreate ? (
            <Button startIcon={<Plus />} onClick={() => navigate(pluginPath('posts', 'new'))}>
              {formatMessage({ id: getTrad('calendar.planPost'), defaultMessage: 'Plan a post' })}
            </Button>
          ) : null
        }
        secondaryAction={
          <Button variant="tertiary" startIcon={<CalendarIcon />} onClick={() => setSubscribing(true)}>
            {formatMessage({ id: getTrad('calendar.subscribe'), defaultMessage: 'Subscribe' })}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {summary.data ? (
            <PeriodSummary
              summary={summary.data}
              lineColors={lineColors}
              lines={lines.data ?? []}
              lineId={summaryLine}
              onLineChange={(line) => update({ line })}
            />
          ) : null}
          <CalendarFilters
            filters={params.filters}
            accounts={accounts.data ?? []}
            pillars={pillarNames}
            campaigns={campaigns}
            colorBy={params.colorBy}
            activeFilters={params.activeFilters}
            onChange={update}
            onClear={params.clearFilters}
          />
          <Legend colorBy={params.colorBy} pillars={legendPillars} networks={legendNetworks} lineColors={lineColors} />
          {move.lastMove ? (
            <Alert
              variant="success"
              closeLabel={formatMessage({ id: getTrad('calendar.feed.close'), defaultMessage: 'Close' })}
              onClose={move.dismiss}
              title={formatMessage({ id: getTrad('calendar.moved.title'), defaultMessage: 'Post moved' })}
              action={
                <Button variant="secondary" size="S" onClick={move.undo} loading={move.moving} data-testid="undo-move">
                  {formatMessage({ id: getTrad('calendar.moved.undo'), defaultMessage: 'Undo' })}
                </Button>
              }
            >
              <span data-testid="moved-body">
                {formatMessage(
                  { id: getTrad('calendar.moved.body'), defaultMessage: '“{title}” now goes out on {to} ({zone}).' },
                  { title: move.lastMove.title, to: gridLabel(move.lastMove.at), zone: editorZone }
                )}
              </span>
            </Alert>
          ) : null}
          {events.isError ? (
            <Alert
              variant="danger"
              closeLabel={formatMessage({ id: getTrad('calendar.feed.close'), defaultMessage: 'Close' })}
              onClose={() => events.refetch()}
            >
              {readApiError(events.error).message}
            </Alert>
          ) : null}
          <CalendarGrid
            events={posts}
            more={more}
            view={params.view}
            date={params.date}
            colorBy={params.colorBy}
            lineColors={lineColors}
            canMove={canMove}
            canPlan={canCreate}
            onRangeChange={onRangeChange}
            onOpen={onOpen}
            onPlan={onPlan}
            onDrop={move.onDrop}
            onMore={onMore}
          />
          {events.data && posts.length === 0 ? (
            <Typography textColor="neutral600" data-testid="calendar-empty">
              {params.activeFilters > 0
                ? formatMessage({ id: getTrad('calendar.emptyFiltered'), defaultMessage: 'No post matches these filters in this period.' })
                : formatMessage({
                    id: getTrad('calendar.empty'),
                    defaultMessage: 'Nothing planned in this period yet: click a day to plan a post.',
                  })}
            </Typography>
          ) : null}
        </Flex>
      </Layouts.Content>
      <SubscribeModal open={subscribing} onOpenChange={setSubscribing} />
      <DayPostsModal day={moreDay} filters={params.filters} onClose={() => setMoreDay(null)} onOpen={onOpen} />
    </Page.Main>
  );
};
