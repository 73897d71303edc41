import * as React from 'react';
import { useSearchParams } from 'react-router-dom';
import { POST_STATUSES } from '../../../shared/planning/workflow';
import type { PostListQuery, PostStatus } from '../../api/postPlans';
import { NETWORKS, type Network } from '../../api/types';
import { withListChanges } from '../../utils/listParams';

export const PAGE_SIZE = 20;
const SORTS = ['scheduledAt', 'updatedAt', 'title', 'status'] as const;
/** The address's keys that filter the list (the page number and the sort are not filters). */
const FILTER_KEYS = ['q', 'status', 'network', 'accountId', 'pillar', 'campaign'] as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * The posts list's state lives in the address, as the calendar's does: a reload,
 * the back button or a shared link shows the same filtered, sorted page. What
 * the address holds is checked here; anything else is ignored, not sent.
 */
export function usePostsParams() {
  const [params, setParams] = useSearchParams();
  const query: PostListQuery = React.useMemo(() => {
    const text = (key: string) => params.get(key)?.trim() || undefined;
    const statuses = (params.get('status') ?? '').split(',').filter((s): s is PostStatus => oneOf(POST_STATUSES, s) !== undefined);
    const page = Number(params.get('page'));
    return {
      q: text('q'),
      status: statuses.length ? statuses : undefined,
      network: oneOf<Network>(NETWORKS, params.get('network')),
      accountId: text('accountId'),
      pillar: text('pillar'),
      campaign: text('campaign'),
      sort: oneOf(SORTS, params.get('sort')) ?? 'scheduledAt',
      order: params.get('order') === 'desc' ? 'desc' : 'asc',
      page: Number.isInteger(page) && page > 1 ? page : 1,
      pageSize: PAGE_SIZE,
    };
  }, [params]);

  // setParams changes identity with every navigation; the debounced search needs a stable `update`.
  const setParamsRef = React.useRef(setParams);
  setParamsRef.current = setParams;
  /** Changes some keys; any change but the page's goes back to page 1. Replaces the history entry, as the calendar does. */
  const update = React.useCallback(
    (changes: Partial<Record<keyof PostListQuery, string | string[] | number | undefined>>) =>
      setParamsRef.current(
        (current) =>
          withListChanges(
            current,
            Object.fromEntries(
              Object.entries(changes).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value?.toString()])
            )
          ),
        { replace: true }
      ),
    []
  );

  const activeFilters = FILTER_KEYS.filter((key) => params.get(key)).length;
  return { query, update, activeFilters };
}
