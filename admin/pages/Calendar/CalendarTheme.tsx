import { styled } from 'styled-components';

/**
 * FullCalendar draws with its own CSS variables; mapping them onto the design
 * system's theme tokens gives the grid the admin's look in the light and the
 * dark theme alike (the tokens change with the theme, these rules do not).
 */
export const CalendarTheme = styled.div`
  --fc-border-color: ${({ theme }) => theme.colors.neutral200};
  --fc-page-bg-color: ${({ theme }) => theme.colors.neutral0};
  --fc-neutral-bg-color: ${({ theme }) => theme.colors.neutral100};
  --fc-neutral-text-color: ${({ theme }) => theme.colors.neutral600};
  --fc-list-event-hover-bg-color: ${({ theme }) => theme.colors.primary100};
  --fc-today-bg-color: ${({ theme }) => theme.colors.primary100};
  --fc-now-indicator-color: ${({ theme }) => theme.colors.danger600};
  --fc-highlight-color: ${({ theme }) => theme.colors.primary200};
  --fc-button-bg-color: ${({ theme }) => theme.colors.neutral0};
  --fc-button-text-color: ${({ theme }) => theme.colors.neutral800};
  --fc-button-border-color: ${({ theme }) => theme.colors.neutral200};
  --fc-button-hover-bg-color: ${({ theme }) => theme.colors.neutral100};
  --fc-button-hover-border-color: ${({ theme }) => theme.colors.neutral300};
  --fc-button-active-bg-color: ${({ theme }) => theme.colors.primary100};
  --fc-button-active-border-color: ${({ theme }) => theme.colors.primary600};
  --fc-event-text-color: #ffffff;

  background: ${({ theme }) => theme.colors.neutral0};
  color: ${({ theme }) => theme.colors.neutral800};
  border-radius: ${({ theme }) => theme.borderRadius};
  box-shadow: ${({ theme }) => theme.shadows.tableShadow};
  padding: ${({ theme }) => theme.spaces[4]};
  font-size: ${({ theme }) => theme.fontSizes[2]};

  .fc .fc-button {
    font-size: ${({ theme }) => theme.fontSizes[1]};
    font-weight: 600;
    border-radius: ${({ theme }) => theme.borderRadius};
  }
  .fc .fc-button-primary:not(:disabled).fc-button-active {
    color: ${({ theme }) => theme.colors.primary700};
  }
  .fc .fc-toolbar-title {
    font-size: ${({ theme }) => theme.fontSizes[4]};
    font-weight: 600;
  }
  .fc a {
    color: inherit;
  }
  .fc .fc-list-day-cushion,
  .fc .fc-col-header-cell {
    background: ${({ theme }) => theme.colors.neutral100};
  }
  /*
   * The invitation shows on the empty day under the pointer, not on every cell at once.
   * Out of the flow: in the day number's line it took room even when hidden, and a
   * longer label ("+ Planifier une publication") wrapped in narrow cells, so days with
   * and without it had their numbers at different heights (the French "jumping" numbers).
   */
  .fc .fc-daygrid-day-top {
    position: relative;
    z-index: 4;
  }
  /* The hint is placed against the whole cell's top line, not against the number. */
  .fc .fc-daygrid-day-top .fc-daygrid-day-number {
    position: static;
    font-variant-numeric: tabular-nums;
  }
  .cm-plan-hint {
    position: absolute;
    top: ${({ theme }) => theme.spaces[1]};
    left: ${({ theme }) => theme.spaces[1]};
    right: 2.5em;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    opacity: 0;
    transition: opacity 120ms;
    color: ${({ theme }) => theme.colors.primary600};
    font-size: ${({ theme }) => theme.fontSizes[0]};
    cursor: pointer;
  }
  .fc-daygrid-day:hover .cm-plan-hint,
  .fc-daygrid-day:focus-within .cm-plan-hint {
    opacity: 1;
  }
  .cm-event {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    padding: 0 2px;
    line-height: 1.4;
  }
  .cm-event-entry {
    display: block;
    font-size: ${({ theme }) => theme.fontSizes[0]};
    text-decoration: underline;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  /* A live post's link: a small chip before the time, legible on a coloured block and on a dot line alike (plain .fc a rules would make it inherit). */
  .fc a.cm-event-live {
    display: inline-block;
    min-width: 1.4em;
    margin-right: ${({ theme }) => theme.spaces[1]};
    text-align: center;
    text-decoration: none;
    font-weight: 600;
    border-radius: ${({ theme }) => theme.borderRadius};
    background: ${({ theme }) => theme.colors.primary100};
    color: ${({ theme }) => theme.colors.primary700};
  }
  .fc a.cm-event-live:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 1px;
  }
  .fc-list .cm-event,
  .fc-list .cm-event-entry {
    white-space: normal;
    color: ${({ theme }) => theme.colors.neutral800};
  }
  .fc-event.cm-more-chip {
    cursor: pointer;
  }
  .cm-more {
    padding: 0 2px;
    font-weight: 600;
    color: ${({ theme }) => theme.colors.neutral800};
  }
  /* The state glyph: a light chip, legible on any pillar or network colour and on a list line. */
  .cm-event-status {
    display: inline-block;
    min-width: 1.3em;
    margin-right: ${({ theme }) => theme.spaces[1]};
    text-align: center;
    border-radius: ${({ theme }) => theme.borderRadius};
    background: rgba(255, 255, 255, 0.9);
    color: #32324d;
    font-weight: 600;
  }
  /* Not yet approved: hatched, so a draft reads as unfinished even in grey scale. */
  .fc-event.cm-status-draft,
  .fc-event.cm-status-in_review {
    background-image: repeating-linear-gradient(135deg, rgba(255, 255, 255, 0.22) 0 4px, transparent 4px 8px);
  }
  .fc-event.cm-status-cancelled .cm-event > span:last-of-type {
    text-decoration: line-through;
  }
  .fc-event.cm-locked {
    cursor: pointer;
    opacity: 0.85;
  }
`;
