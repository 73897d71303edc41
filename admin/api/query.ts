import * as React from 'react';

/**
 * The plugin's own small query cache, in place of @tanstack/react-query v5
 * (docs/decisions.md, "Admin weight"): Strapi's admin already ships react-query
 * v3 for itself, and a second copy cost ~12 KB gzip on every admin page for the
 * handful of features the pages use. Same names and the same behaviour for
 * those: one request per key shared by every component that asks, a fresh
 * `staleTime`, retries, invalidation by key prefix (active queries refetch),
 * `setQueryData`, the previous key's data kept on screen while the next loads,
 * polling and a refetch when the tab becomes visible again.
 */

export type QueryKey = readonly unknown[];
type QueryFn<T> = (context: { signal: AbortSignal }) => Promise<T>;
/** `(failureCount, error)`: failureCount is 0 at the first failure, as in react-query. */
type Retry = boolean | number | ((failureCount: number, error: unknown) => boolean);

/** In place of a query function: the query does not run (its key still names the cache entry). */
export const skipToken = Symbol('skipToken');

/** `placeholderData: keepPreviousData` shows the previous key's data while the new key loads. */
export function keepPreviousData<T>(previous: T | undefined): T | undefined {
  return previous;
}

interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
  status: 'pending' | 'error' | 'success';
  fetching: boolean;
  updatedAt: number;
  /** Set by invalidateQueries: the next mount or focus refetches whatever the staleTime. */
  invalidated: boolean;
}

/** Object keys sorted, so `{ a, b }` and `{ b, a }` name the same entry (react-query hashes keys the same way). */
export const hashKey = (key: unknown): string =>
  JSON.stringify(key, (_, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((name) => [name, (value as Record<string, unknown>)[name]])
        )
      : value
  );

const startsWith = (key: QueryKey, prefix: QueryKey) =>
  key.length >= prefix.length && prefix.every((part, index) => hashKey(part) === hashKey(key[index]));

const shouldRetry = (retry: Retry, failureCount: number, error: unknown) =>
  typeof retry === 'function' ? retry(failureCount, error) : typeof retry === 'number' ? failureCount < retry : retry;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/**
 * The next answer, reusing every part of the previous one that is equal to it (as
 * react-query's structural sharing): a refetch or a poll that brings nothing new
 * hands the pages the very same objects, so their memos and effects do not rerun.
 */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  const arrays = Array.isArray(previous) && Array.isArray(next);
  if (!arrays && !(isPlainObject(previous) && isPlainObject(next))) return next;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  const copy: Record<string, unknown> = arrays ? ([] as unknown as Record<string, unknown>) : {};
  let same = keys.length === Object.keys(before).length;
  for (const key of keys) {
    copy[key] = replaceEqualDeep(before[key], after[key]);
    if (copy[key] !== before[key] || !(key in before)) same = false;
  }
  return (same ? previous : copy) as T;
}

/** Unused entries are dropped after five minutes, as react-query's default gcTime. */
const GC_MS = 5 * 60_000;

class Query<T = unknown> {
  state: QueryState<T> = { data: undefined, error: null, status: 'pending', fetching: false, updatedAt: 0, invalidated: false };
  fn: QueryFn<T> | null = null;
  retry: Retry = false;
  private listeners = new Set<() => void>();
  private running: { controller: AbortController; promise: Promise<void> } | null = null;
  private gcTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly key: QueryKey,
    private readonly drop: () => void
  ) {}

  get observed() {
    return this.listeners.size > 0;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    clearTimeout(this.gcTimer);
    return () => {
      this.listeners.delete(listener);
      if (!this.observed) this.gcTimer = setTimeout(() => !this.observed && !this.running && this.drop(), GC_MS);
    };
  };

  set(patch: Partial<QueryState<T>>) {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((listener) => listener());
  }

  isStale(staleTime: number) {
    return this.state.status !== 'success' || this.state.invalidated || Date.now() - this.state.updatedAt >= staleTime;
  }

  /** Joins the request in flight, unless `restart`: then it is aborted and a new one sent (its answer may be out of date). */
  fetch(restart = false): Promise<void> {
    if (this.running && !restart) return this.running.promise;
    const fn = this.fn;
    if (!fn) return Promise.resolve();
    this.cancel();
    const controller = new AbortController();
    const current = () => this.running?.controller === controller;
    const run = async () => {
      for (let failureCount = 0; ; failureCount += 1) {
        try {
          const answer = await fn({ signal: controller.signal });
          if (current())
            this.set({
              data: replaceEqualDeep(this.state.data, answer),
              error: null,
              status: 'success',
              fetching: false,
              updatedAt: Date.now(),
              invalidated: false,
            });
          return;
        } catch (error) {
          if (!current()) return;
          if (!shouldRetry(this.retry, failureCount, error)) {
            this.set({ error: error as Error, status: 'error', fetching: false });
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** failureCount, 30_000)));
          if (!current()) return;
        }
      }
    };
    this.running = { controller, promise: Promise.resolve() };
    this.set({ fetching: true });
    const promise = run().finally(() => {
      if (current()) this.running = null;
    });
    this.running.promise = promise;
    return promise;
  }

  cancel() {
    this.running?.controller.abort();
    this.running = null;
  }

  dispose() {
    this.cancel();
    clearTimeout(this.gcTimer);
  }
}

export interface QueryDefaults {
  staleTime: number;
  retry: Retry;
}

interface KeyFilter {
  queryKey: QueryKey;
  /** Only the entry named by exactly this key, not the ones it prefixes. */
  exact?: boolean;
}

export class QueryClient {
  private queries = new Map<string, Query>();

  constructor(readonly defaults: QueryDefaults) {}

  /** The cache entry of a key, created empty on first use. */
  build<T>(queryKey: QueryKey): Query<T> {
    const hash = hashKey(queryKey);
    let query = this.queries.get(hash);
    if (!query) {
      query = new Query(queryKey, () => this.queries.delete(hash));
      query.retry = this.defaults.retry;
      this.queries.set(hash, query);
    }
    return query as Query<T>;
  }

  private find({ queryKey, exact }: KeyFilter) {
    const hash = hashKey(queryKey);
    return [...this.queries.values()].filter((query) => (exact ? hashKey(query.key) === hash : startsWith(query.key, queryKey)));
  }

  getQueryState<T>(queryKey: QueryKey): QueryState<T> | undefined {
    return this.queries.get(hashKey(queryKey))?.state as QueryState<T> | undefined;
  }

  getQueryData<T>(queryKey: QueryKey): T | undefined {
    return this.getQueryState<T>(queryKey)?.data;
  }

  /** The updater's `undefined` leaves the entry as it was. */
  setQueryData<T>(queryKey: QueryKey, updater: T | undefined | ((previous: T | undefined) => T | undefined)) {
    const query = this.build<T>(queryKey);
    const data = typeof updater === 'function' ? (updater as (previous: T | undefined) => T | undefined)(query.state.data) : updater;
    if (data !== undefined)
      query.set({
        data: replaceEqualDeep(query.state.data, data),
        error: null,
        status: 'success',
        updatedAt: Date.now(),
        invalidated: false,
      });
  }

  /** Fetches unless the entry is fresh; resolves once it is in. */
  prefetchQuery<T>({ queryKey, queryFn, staleTime }: { queryKey: QueryKey; queryFn: QueryFn<T>; staleTime?: number }): Promise<void> {
    const query = this.build<T>(queryKey);
    query.fn = queryFn;
    return query.isStale(staleTime ?? this.defaults.staleTime) ? query.fetch() : Promise.resolve();
  }

  /** Marks the matching entries stale; the ones on screen refetch now. Resolves when they are in. */
  async invalidateQueries(filter: KeyFilter): Promise<void> {
    await Promise.all(
      this.find(filter).map((query) => {
        query.set({ invalidated: true });
        return query.observed ? query.fetch(true) : undefined;
      })
    );
  }

  removeQueries(filter: KeyFilter) {
    for (const query of this.find(filter)) {
      query.dispose();
      this.queries.delete(hashKey(query.key));
    }
  }
}

const QueryClientContext = React.createContext<QueryClient | null>(null);

export const QueryClientProvider = ({ client, children }: { client: QueryClient; children: React.ReactNode }) =>
  React.createElement(QueryClientContext.Provider, { value: client }, children);

export function useQueryClient(): QueryClient {
  const client = React.useContext(QueryClientContext);
  if (!client) throw new Error('community-manager: a query hook is used outside its QueryClientProvider');
  return client;
}

export interface QueryOptions<T> {
  queryKey: QueryKey;
  queryFn: QueryFn<T> | typeof skipToken;
  enabled?: boolean;
  staleTime?: number;
  retry?: Retry;
  placeholderData?: typeof keepPreviousData;
  /** Polls while mounted and the tab is visible. */
  refetchInterval?: number;
  /** Refetches a stale entry when the tab becomes visible again (on by default, as in react-query). */
  refetchOnWindowFocus?: boolean;
}

interface QueryResultBase {
  /** A request on its way (the first load, a refetch or a poll). */
  isFetching: boolean;
  /** Pending and a request on its way: the first load. */
  isLoading: boolean;
  /** This key has had an answer (data or error) at least once. */
  isFetched: boolean;
  /** `data` is the previous key's, shown while this key loads. */
  isPlaceholderData: boolean;
  refetch: () => Promise<void>;
}

/** A union on `status`, as react-query's: after `isPending` and `isError` are ruled out, `data` is there. */
export type QueryResult<T> = QueryResultBase &
  (
    | { status: 'pending'; data: undefined; error: null; isPending: true; isError: false; isSuccess: false }
    | { status: 'error'; data: T | undefined; error: Error; isPending: false; isError: true; isSuccess: false }
    | { status: 'success'; data: T; error: null; isPending: false; isError: false; isSuccess: true }
  );

export function useQuery<T>(options: QueryOptions<T>): QueryResult<T> {
  const client = useQueryClient();
  const query = client.build<T>(options.queryKey);
  const enabled = options.enabled !== false && options.queryFn !== skipToken;
  if (enabled) {
    // The latest closure: it reads the latest props (the key names the same request).
    query.fn = options.queryFn as QueryFn<T>;
    query.retry = options.retry ?? client.defaults.retry;
  }
  const staleTime = options.staleTime ?? client.defaults.staleTime;
  const state = React.useSyncExternalStore(query.subscribe, () => query.state);

  React.useEffect(() => {
    if (enabled && query.isStale(staleTime)) void query.fetch();
  }, [query, enabled, staleTime]);

  const { refetchInterval, refetchOnWindowFocus = true } = options;
  React.useEffect(() => {
    if (!enabled || !refetchInterval) return undefined;
    const timer = setInterval(() => document.visibilityState === 'visible' && void query.fetch(), refetchInterval);
    return () => clearInterval(timer);
  }, [query, enabled, refetchInterval]);
  React.useEffect(() => {
    if (!enabled || !refetchOnWindowFocus) return undefined;
    const onVisible = () => document.visibilityState === 'visible' && query.isStale(staleTime) && void query.fetch();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [query, enabled, refetchOnWindowFocus, staleTime]);

  // The last data this component showed, for keepPreviousData on the next key.
  const previous = React.useRef<T | undefined>(undefined);
  const placeholder = state.status === 'pending' && options.placeholderData === keepPreviousData && previous.current !== undefined;
  if (state.data !== undefined) previous.current = state.data;
  const data = placeholder ? previous.current : state.data;
  const status = placeholder ? 'success' : state.status;
  // An enabled entry without data is fetched by the effect above: report it as loading from the first render.
  const fetching = state.fetching || (enabled && state.status === 'pending');
  const refetch = React.useCallback(() => query.fetch(true), [query]);
  const base: QueryResultBase = {
    isFetching: fetching,
    isLoading: status === 'pending' && fetching,
    isFetched: state.updatedAt > 0 || state.status === 'error',
    isPlaceholderData: placeholder,
    refetch,
  };
  if (status === 'success') return { ...base, status, data: data as T, error: null, isPending: false, isError: false, isSuccess: true };
  if (status === 'error')
    return { ...base, status, data, error: state.error ?? new Error('query failed'), isPending: false, isError: true, isSuccess: false };
  return { ...base, status, data: undefined, error: null, isPending: true, isError: false, isSuccess: false };
}

interface MutateCallbacks<TData, TVariables> {
  onSuccess?: (data: TData, variables: TVariables) => unknown;
  onError?: (error: Error, variables: TVariables) => unknown;
  onSettled?: (data: TData | undefined, error: Error | null, variables: TVariables) => unknown;
}

export interface MutationOptions<TData, TVariables> extends MutateCallbacks<TData, TVariables> {
  mutationFn: (variables: TVariables) => Promise<TData>;
}

interface MutationState<TData, TVariables> {
  status: 'idle' | 'pending' | 'success' | 'error';
  data: TData | undefined;
  error: Error | null;
  variables: TVariables | undefined;
}

export interface MutationResult<TData, TVariables> extends MutationState<TData, TVariables> {
  isIdle: boolean;
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  /** Errors land in `error` and `onError`; nothing is thrown. */
  mutate: (variables: TVariables, callbacks?: MutateCallbacks<TData, TVariables>) => void;
  mutateAsync: (variables: TVariables, callbacks?: MutateCallbacks<TData, TVariables>) => Promise<TData>;
  reset: () => void;
}

const IDLE = { status: 'idle', data: undefined, error: null, variables: undefined } as const;

/**
 * As react-query's: the hook's callbacks run first and are awaited (so an
 * invalidation they return is done before the mutation stops pending), then
 * the call's own callbacks, only for the latest call of a mounted component.
 */
export function useMutation<TData, TVariables = void>(options: MutationOptions<TData, TVariables>): MutationResult<TData, TVariables> {
  const [state, setState] = React.useState<MutationState<TData, TVariables>>(IDLE);
  const latestOptions = React.useRef(options);
  latestOptions.current = options;
  const lastCall = React.useRef(0);
  const mounted = React.useRef(true);
  React.useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const mutateAsync = React.useCallback(async (variables: TVariables, callbacks?: MutateCallbacks<TData, TVariables>) => {
    const call = (lastCall.current += 1);
    const own = latestOptions.current;
    const isLatest = () => mounted.current && call === lastCall.current;
    setState({ status: 'pending', data: undefined, error: null, variables });
    let data: TData;
    try {
      data = await own.mutationFn(variables);
      await own.onSuccess?.(data, variables);
      await own.onSettled?.(data, null, variables);
    } catch (thrown) {
      const error = thrown as Error;
      try {
        await own.onError?.(error, variables);
        await own.onSettled?.(undefined, error, variables);
      } finally {
        if (call === lastCall.current) setState({ status: 'error', data: undefined, error, variables });
        if (isLatest()) {
          callbacks?.onError?.(error, variables);
          callbacks?.onSettled?.(undefined, error, variables);
        }
      }
      throw error;
    }
    if (call === lastCall.current) setState({ status: 'success', data, error: null, variables });
    if (isLatest()) {
      callbacks?.onSuccess?.(data, variables);
      callbacks?.onSettled?.(data, null, variables);
    }
    return data;
  }, []);

  const mutate = React.useCallback(
    (variables: TVariables, callbacks?: MutateCallbacks<TData, TVariables>) => {
      mutateAsync(variables, callbacks).catch(() => undefined);
    },
    [mutateAsync]
  );
  const reset = React.useCallback(() => setState(IDLE), []);

  return {
    ...state,
    isIdle: state.status === 'idle',
    isPending: state.status === 'pending',
    isError: state.status === 'error',
    isSuccess: state.status === 'success',
    mutate,
    mutateAsync,
    reset,
  };
}
