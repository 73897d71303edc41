/**
 * Posts a month cell shows before "+N more", like Google Calendar and
 * FullCalendar's own `dayMaxEvents`. The month view asks the server for no
 * more than this per day (`dayMax`, server/calendar/days.ts): FullCalendar
 * parses, slices and lays out every event it is given even when it then hides
 * it, and a busy month holds a thousand posts of which ~120 are visible
 * (docs/benchmarks.md). A full cell keeps DAY_MAX_EVENTS - 1 posts and the
 * "+N more" chip; a cell that fits keeps them all.
 */
export const DAY_MAX_EVENTS = 4;
