import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';

import type { PauseState } from './dto';

const OFF: PauseState = { paused: false, since: null, by: null, reason: null };

/**
 * "Pause all publishing" lives in the database (Strapi's core store), not in
 * memory: every instance reads it before each claim, so one click stops new
 * publications everywhere within one tick. Posts already on the wire finish.
 */
export function createPauseSwitch(strapi: Strapi) {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'publishing-pause' });
  return {
    async get(): Promise<PauseState> {
      const value = (await store().get({})) as PauseState | null;
      return value && typeof value.paused === 'boolean' ? { ...OFF, ...value } : OFF;
    },
    async set(paused: boolean, by: string, reason: string | null, now: number): Promise<PauseState> {
      const value: PauseState = paused ? { paused, since: new Date(now).toISOString(), by, reason } : OFF;
      await store().set({ value });
      return value;
    },
  };
}
