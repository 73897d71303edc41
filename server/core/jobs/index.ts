/**
 * The job toolkit: what every background job (publishing, the watch, token
 * refresh, comment polling, metric collection) is made of, so each keeps the
 * same rules: rows claimed by a conditional update with a lease, a ticker
 * that only wakes the job up, caps on parallel work, a known owner, and a
 * stop that gives back what was claimed and not started.
 */
export { claimRow, releaseRow, claimBatch, leaseFree, leaseFor, leaseCleared, DEFAULT_LEASE, type LeaseFields } from './claim';
export { newInstanceId, INSTANCE_ID } from './instance';
export { pool, createSlots, type Slots } from './pool';
export { createTicker, type Ticker, type TickerOptions } from './ticker';
