import type { PublishSteps } from '../../server/networks/types';

/** A publication's steps (server/publishing/steps.ts) in memory: what an attempt saved, and how many requests preceded each save. */
export type RecordedSteps = PublishSteps & {
  saved: Record<string, string>;
  log: Array<{ key: string; value: string; requestsBefore: number }>;
};

/** `requests()`: how many requests the fake has received so far, logged with each save (a step saved before its call). */
export function recordedSteps(requests: () => number): RecordedSteps {
  const saved: Record<string, string> = {};
  const log: RecordedSteps['log'] = [];
  return {
    saved,
    log,
    load: async () => ({ ...saved }),
    save: async (key, value) => {
      saved[key] = value;
      log.push({ key, value, requestsBefore: requests() });
    },
    clear: async () => {
      for (const key of Object.keys(saved)) delete saved[key];
    },
  };
}
