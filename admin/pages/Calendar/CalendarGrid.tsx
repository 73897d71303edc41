import * as React from 'react';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import listPlugin from '@fullcalendar/list';
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction';
import frLocale from '@fullcalendar/core/locales/fr';
import type { DatesSetArg, DayCellContentArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import { useIntl } from 'react-intl';
import type { CalendarEvent, CalendarMonthEvents } from '../../api/calendar';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { networkName } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { NETWORK_COLORS, NO_PILLAR_COLOR, pillarColor, type ColorBy } from './palette';
import { CalendarTheme } from './CalendarTheme';
import { dayKey } from './schedule';
import { DAY_MAX_EVENTS } from './dayLimit';
import { STATUS_LABELS } from './messages';
import type { CalendarView } from './useCalendarParams';

interface Props {
  events: CalendarEvent[];
  /** the days holding more posts than their cell draws (month view) */
  more: CalendarMonthEvents['more'];
  view: CalendarView;
  date?: string;
  colorBy: ColorBy;
  lineColors: ReadonlyMap<string, string>;
  canMove: (event: CalendarEvent) => boolean;
  canPlan: boolean;
  onRangeChange: (arg: DatesSetArg) => void;
  onOpen: (event: CalendarEvent) => void;
  onPlan: (local: string) => void;
  onDrop: (event: CalendarEvent, arg: EventDropArg) => void;
  /** a month cell's "+N more", with its local day (YYYY-MM-DD) */
  onMore: (day: string) => void;
}

// Module constants: FullCalendar re-applies any option whose identity changes, so none is rebuilt per render.
const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];
const LOCALES = [frLocale];
const TOOLBAR = {
  left: 'prev,next today',
  center: 'title',
  right: 'dayGridMonth,timeGridWeek,listMonth',
};
const TIME_FORMAT = {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
} as const;

const postOf = (extendedProps: Record<string, unknown>) => extendedProps.post as CalendarEvent;

/**
 * One glyph per state, drawn before the time: a draft and a published post
 * differ by shape, not only by shade. Text presentation (U+FE0E) so no
 * platform swaps in a coloured emoji.
 */
const STATUS_GLYPHS: Record<CalendarEvent['status'], string> = {
  draft: '\u270E\uFE0E',
  in_review: '\u22EF',
  approved: '\u2611\uFE0E',
  scheduled: '\u25F7',
  published: '\u2714\uFE0E',
  partially_published: '\u25D0',
  failed: '\u26A0\uFE0E',
  cancelled: '\u2298',
};

/** A live post's link as the grid draws it: the address and the label a screen reader says. */
interface LiveChip {
  url: string;
  label: string;
}
const liveOf = (extendedProps: Record<string, unknown>) => (extendedProps.live as LiveChip[] | undefined) ?? [];

interface MoreChip {
  day: string;
  label: string;
}
const moreOf = (extendedProps: Record<string, unknown>) => extendedProps.more as MoreChip | undefined;

/**
 * What one post shows in a cell: its state, time, title, and the article it is about with
 * a link to edit it. Plain DOM nodes filled with textContent rather than a
 * React element per event: a busy month holds hundreds of events, and
 * FullCalendar mounts a React portal for each custom element (see
 * docs/benchmarks.md). textContent keeps titles as text, never as HTML.
 */
function eventNodes(arg: EventContentArg) {
  const more = moreOf(arg.event.extendedProps);
  const root = document.createElement('div');
  root.className = 'cm-event';
  if (more) {
    root.className = 'cm-more';
    root.dataset.testid = `more-${more.day}`;
    root.textContent = more.label;
    return { domNodes: [root] };
  }
  const post = postOf(arg.event.extendedProps);
  const statusLabel = arg.event.extendedProps.statusLabel as string;
  root.title = `${statusLabel} · ${post.entry?.title ? `${post.title} — ${post.entry.title}` : post.title}`;
  // The state as a glyph with its name for screen readers and on hover: never the colour alone, in every view.
  const status = document.createElement('span');
  status.className = 'cm-event-status';
  status.setAttribute('role', 'img');
  status.setAttribute('aria-label', statusLabel);
  status.title = statusLabel;
  status.dataset.testid = 'event-status';
  status.dataset.status = post.status;
  status.textContent = STATUS_GLYPHS[post.status];
  root.appendChild(status);
  // Then the live links, so a long title's ellipsis never hides them.
  for (const live of liveOf(arg.event.extendedProps)) {
    const link = document.createElement('a');
    link.className = 'cm-event-live';
    link.href = live.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.setAttribute('aria-label', live.label);
    link.title = live.label;
    link.dataset.testid = 'event-live-link';
    link.textContent = '↗';
    // The live post opens, not the composer: FullCalendar opens the post on a click and on Enter or Space over the event.
    link.addEventListener('click', (event) => event.stopPropagation());
    link.addEventListener('keydown', (event) => event.stopPropagation());
    root.appendChild(link);
  }
  if (arg.timeText) {
    const time = document.createElement('b');
    time.textContent = `${arg.timeText} `;
    root.appendChild(time);
  }
  const title = document.createElement('span');
  title.textContent = post.title;
  root.appendChild(title);
  if (post.entry) {
    const link = document.createElement('a');
    link.className = 'cm-event-entry';
    link.href = post.entry.editUrl;
    link.dataset.testid = 'event-entry-link';
    link.textContent = `↳ ${post.entry.title ?? post.entry.documentId}`;
    // The article link opens the article, not the post.
    link.addEventListener('click', (event) => event.stopPropagation());
    root.appendChild(link);
  }
  return { domNodes: [root] };
}

/**
 * The FullCalendar grid (month, week, list), in the browser's zone, which is
 * the editor's zone: `timeZone: 'local'` does exact zone arithmetic with no
 * extra plugin, where a named zone would need Luxon or Moment.
 */
export const CalendarGrid = React.memo(function CalendarGrid(props: Props) {
  const { events, more, view, date, colorBy, lineColors, canMove, canPlan, onRangeChange, onOpen, onPlan, onDrop, onMore } = props;
  const { formatMessage, locale } = useIntl();

  // The last post a full cell draws, per day: its "+N more" chip goes right after it.
  const lastOfDay = React.useMemo(() => {
    const last = new Map<string, CalendarEvent>();
    for (const post of events) last.set(dayKey(new Date(post.scheduledAt)), post);
    return last;
  }, [events]);
  const inputs = React.useMemo<EventInput[]>(
    () => [
      ...events.map((post) => {
        const network = post.accounts[0]?.network;
        // A post without an account has no network colour: the neutral one, as a post without a pillar.
        const color = colorBy === 'network' ? (network ? NETWORK_COLORS[network] : NO_PILLAR_COLOR) : pillarColor(post.pillar, lineColors);
        const movable = canMove(post);
        const live = post.live.flatMap((link): LiveChip[] => {
          const url = httpUrlOrNull(link.url);
          if (!url) return [];
          const network = networkName(formatMessage, link.network);
          const label = link.accountName
            ? formatMessage(
                {
                  id: getTrad('calendar.live.viewAccount'),
                  defaultMessage: 'View the live post on {network} ({account})',
                },
                { network, account: link.accountName }
              )
            : formatMessage(
                {
                  id: getTrad('calendar.live.view'),
                  defaultMessage: 'View the live post on {network}',
                },
                { network }
              );
          return [{ url, label }];
        });
        return {
          id: post.documentId,
          title: post.title,
          start: post.scheduledAt,
          allDay: false,
          backgroundColor: color,
          borderColor: color,
          textColor: '#ffffff',
          startEditable: movable,
          durationEditable: false,
          classNames: [`cm-status-${post.status}`, movable ? 'cm-movable' : 'cm-locked'],
          extendedProps: { post, live, statusLabel: formatMessage(STATUS_LABELS[post.status]) },
        };
      }),
      // The chip is an event one millisecond after the day's last shown post: FullCalendar orders it last in the cell.
      ...more.flatMap(({ day, total }): EventInput[] => {
        const last = lastOfDay.get(day);
        if (!last) return [];
        const label = formatMessage(
          { id: getTrad('calendar.more'), defaultMessage: '+{count} more' },
          { count: total - (DAY_MAX_EVENTS - 1) }
        );
        return [
          {
            id: `more-${day}`,
            start: new Date(Date.parse(last.scheduledAt) + 1),
            allDay: false,
            editable: false,
            display: 'block',
            backgroundColor: 'transparent',
            borderColor: 'transparent',
            classNames: ['cm-more-chip'],
            extendedProps: { more: { day, label } satisfies MoreChip },
          },
        ];
      }),
    ],
    [events, more, lastOfDay, colorBy, lineColors, canMove, formatMessage]
  );

  const busyDays = React.useMemo(() => new Set(events.map((post) => dayKey(new Date(post.scheduledAt)))), [events]);
  const planHint = formatMessage({
    id: getTrad('calendar.planPost'),
    defaultMessage: 'Plan a post',
  });
  const buttonText = React.useMemo(
    () => ({
      today: formatMessage({
        id: getTrad('calendar.view.today'),
        defaultMessage: 'Today',
      }),
      month: formatMessage({
        id: getTrad('calendar.view.month'),
        defaultMessage: 'Month',
      }),
      week: formatMessage({
        id: getTrad('calendar.view.week'),
        defaultMessage: 'Week',
      }),
      list: formatMessage({
        id: getTrad('calendar.view.list'),
        defaultMessage: 'List',
      }),
    }),
    [formatMessage]
  );
  const eventClick = React.useCallback(
    (arg: EventClickArg) => {
      arg.jsEvent.preventDefault();
      const chip = moreOf(arg.event.extendedProps);
      if (chip) onMore(chip.day);
      else onOpen(postOf(arg.event.extendedProps));
    },
    [onOpen, onMore]
  );
  const eventDrop = React.useCallback((arg: EventDropArg) => onDrop(postOf(arg.event.extendedProps), arg), [onDrop]);

  // Always the same element shape: FullCalendar leaves stale text behind when a cell switches between a string and an element.
  const dayCellContent = React.useCallback(
    (arg: DayCellContentArg) => (
      <>
        {arg.view.type === 'dayGridMonth' && canPlan && !busyDays.has(dayKey(arg.date)) && !arg.isPast ? (
          <span className="cm-plan-hint" data-testid={`plan-${dayKey(arg.date)}`}>
            + {planHint}
          </span>
        ) : null}
        <span>{arg.dayNumberText}</span>
      </>
    ),
    [busyDays, canPlan, planHint]
  );

  const dateClick = React.useCallback(
    (arg: DateClickArg) => {
      if (!canPlan) return;
      // A day in the month view means its morning; a slot in the week view means that time.
      const time = arg.allDay
        ? '09:00'
        : `${String(arg.date.getHours()).padStart(2, '0')}:${String(arg.date.getMinutes()).padStart(2, '0')}`;
      onPlan(`${dayKey(arg.date)}T${time}`);
    },
    [canPlan, onPlan]
  );

  return (
    <CalendarTheme data-testid="calendar-grid">
      <FullCalendar
        plugins={PLUGINS}
        locales={LOCALES}
        locale={locale.startsWith('fr') ? 'fr' : 'en'}
        timeZone="local"
        initialView={view}
        initialDate={date}
        headerToolbar={TOOLBAR}
        buttonText={buttonText}
        firstDay={1}
        nowIndicator
        height="auto"
        dayMaxEvents={DAY_MAX_EVENTS}
        // Blocks in the month view too: its default for timed events is a dot that a custom content drops, so no colour showed.
        eventDisplay="block"
        editable
        eventDurationEditable={false}
        eventTimeFormat={TIME_FORMAT}
        slotLabelFormat={TIME_FORMAT}
        defaultTimedEventDuration="00:30"
        events={inputs}
        eventContent={eventNodes}
        dayCellContent={dayCellContent}
        datesSet={onRangeChange}
        eventClick={eventClick}
        eventDrop={eventDrop}
        dateClick={dateClick}
      />
    </CalendarTheme>
  );
});
