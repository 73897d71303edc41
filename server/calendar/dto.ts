import type { CalendarEvent, CalendarMonthEvents, CalendarSummary, FeedStatus, CreatedFeed } from '../../shared/calendar/contract';
export type { CalendarEvent, CalendarMonthEvents, CalendarSummary, FeedStatus, CreatedFeed };
