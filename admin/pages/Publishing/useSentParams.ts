import * as React from 'react';
import { useSearchParams } from 'react-router-dom';
import { NETWORKS } from '../../api/types';
import { withListChanges } from '../../utils/listParams';

/** The Sent tab's keys in the address; leaving the tab drops them (they mean nothing to the queue). */
export const SENT_KEYS = ['account', 'network', 'from', 'to', 'page'] as const;
type SentKey = (typeof SENT_KEYS)[number];

export interface SentParams {
  account: string | undefined;
  network: string | undefined;
  /** the first and last days, in the user's zone */
  from: Date | undefined;
  to: Date | undefined;
  page: number;
}

/** A day of the user's calendar as the address writes it: `2026-12-03`, not an instant (a shared link means the same days). */
export const dayKey = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

const dayOf = (value: string | null): Date | undefined => {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  // 2026-02-31 is not a day: the Date rolls over into March.
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : undefined;
};

/**
 * The Sent tab's filters live in the address, as the Posts page's do: a
 * reload or a shared link shows the same filtered page. What the address holds
 * is checked here; anything else is ignored, not sent (the route would refuse it).
 */
export function useSentParams() {
  const [search, setSearch] = useSearchParams();
  const params: SentParams = React.useMemo(() => {
    const account = search.get('account') ?? '';
    const network = search.get('network') ?? '';
    const from = dayOf(search.get('from'));
    const to = dayOf(search.get('to'));
    const page = Number(search.get('page'));
    return {
      account: /^[a-z0-9]{1,64}$/.test(account) ? account : undefined,
      network: (NETWORKS as readonly string[]).includes(network) ? network : undefined,
      from,
      // A range that ends before it starts would be refused: its end is dropped.
      to: to && from && to < from ? undefined : to,
      page: Number.isInteger(page) && page > 1 ? page : 1,
    };
  }, [search]);

  /** Changes some keys; any change but the page's goes back to page 1. Replaces the history entry, as the Posts page does. */
  const update = React.useCallback(
    (changes: Partial<Record<SentKey, string | Date | number | undefined>>) =>
      setSearch(
        (current) =>
          withListChanges(
            current,
            Object.fromEntries(
              Object.entries(changes).map(([key, value]) => [key, value instanceof Date ? dayKey(value) : value?.toString()])
            )
          ),
        { replace: true }
      ),
    [setSearch]
  );
  return { params, update };
}
