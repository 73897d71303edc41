import * as React from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CalendarFilters } from '../../api/calendar';
import type { ColorBy } from './palette';

export type CalendarView = 'dayGridMonth' | 'timeGridWeek' | 'listMonth';
const VIEWS: readonly CalendarView[] = ['dayGridMonth', 'timeGridWeek', 'listMonth'];
const FILTER_KEYS = ['accountIds', 'networks', 'pillars', 'campaigns', 'statuses'] as const;

/**
 * The calendar's state lives in the address (view, date, filters, colouring)
 * so a link shows a colleague exactly the same calendar.
 */
export function useCalendarParams() {
  const [params, setParams] = useSearchParams();
  const filters: CalendarFilters = React.useMemo(() => {
    const list = (key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
    return {
      accountIds: list('accountIds'),
      networks: list('networks'),
      pillars: list('pillars'),
      campaigns: list('campaigns'),
      statuses: list('statuses'),
    };
  }, [params]);
  const viewParam = params.get('view') as CalendarView | null;
  const view: CalendarView = viewParam && VIEWS.includes(viewParam) ? viewParam : 'dayGridMonth';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : undefined;
  const colorBy: ColorBy = params.get('colorBy') === 'network' ? 'network' : 'pillar';
  /** the editorial line the summary compares with, when there are several */
  const line = params.get('line') || undefined;

  // setParams changes identity with every navigation; callers need a stable `update` (FullCalendar re-applies changed handlers).
  const setParamsRef = React.useRef(setParams);
  setParamsRef.current = setParams;
  /*
   * FullCalendar reports its first range from its own componentDidMount, which
   * runs before this component's effects: react-router's navigate() is not
   * ready yet (it warns "navigate() should be called in useEffect" and drops
   * the change). Changes asked for before this component has mounted wait
   * here and are written by the layout effect below, which runs after
   * react-router's own (hooks run in order).
   */
  const mounted = React.useRef(false);
  const pending = React.useRef<Record<string, string | string[] | undefined> | null>(null);
  const write = React.useCallback(
    (changes: Record<string, string | string[] | undefined>) =>
      setParamsRef.current(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            const text = Array.isArray(value) ? value.join(',') : value;
            if (text) next.set(key, text);
            else next.delete(key);
          }
          return next;
        },
        { replace: true }
      ),
    []
  );
  const update = React.useCallback(
    (changes: Record<string, string | string[] | undefined>) => {
      if (mounted.current) write(changes);
      else pending.current = { ...pending.current, ...changes };
    },
    [write]
  );
  React.useLayoutEffect(() => {
    mounted.current = true;
    if (pending.current) {
      const changes = pending.current;
      pending.current = null;
      write(changes);
    }
    return () => {
      mounted.current = false;
    };
  }, [write]);

  const activeFilters = FILTER_KEYS.reduce((count, key) => count + filters[key].length, 0);
  return {
    filters,
    view,
    date,
    colorBy,
    line,
    update,
    activeFilters,
    clearFilters: () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]))),
  };
}
