import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { PublishSteps } from '../networks/types';
import { unknownOutcome } from '../networks/errors';
import type { PublicationStore } from './store';

/**
 * The steps of one publication made of several calls (an X thread's parts,
 * an Instagram container), in the publication's own row (`steps`): the
 * adapter saves each step before its next call, and a later attempt reads
 * them back. Cleared once the post is whole.
 *
 * An attempt's writes are fenced by its lease. The attempt that publishes
 * passes `lease`: each save is one conditional UPDATE that writes the steps
 * and extends the lease only while the row is still `publishing` under its
 * token. An attempt whose lease ran out (a slow call at a machine's peak, a
 * stalled process) has been judged unknown by a reaper and possibly resent by
 * another instance; its save then writes nothing and throws, so it stops
 * before its next call instead of making a second container or a second post
 * next to the one the new attempt makes. `fence()` is the same check without
 * a write, right before a call that publishes.
 *
 * Without `lease` (the reconciliation, the first comment after the post is
 * out) the writes are plain: the row is no longer being published.
 */
export function publicationSteps(
  store: Pick<PublicationStore, 'readSteps' | 'writeSteps' | 'extendLease'>,
  rowId: number,
  lease?: { owner: string; until: () => number }
): PublishSteps {
  const lost = () =>
    unknownOutcome('lease_lost', 'This attempt no longer holds the publication (its lease ran out): another attempt decides the post');
  return {
    load: () => store.readSteps(rowId),
    async save(key, value) {
      const next = { ...(await store.readSteps(rowId)), [key]: value };
      const written = await store.writeSteps(rowId, next, lease ? { owner: lease.owner, untilMs: lease.until() } : undefined);
      if (!written && lease) throw lost();
    },
    async clear() {
      // Once the post is out: an attempt that lost its lease meanwhile leaves them to the one that holds it.
      await store.writeSteps(rowId, null, lease ? { owner: lease.owner, untilMs: lease.until() } : undefined);
    },
    async fence() {
      if (lease && !(await store.extendLease(rowId, lease.owner, lease.until()))) throw lost();
    },
  };
}

/**
 * What the ahead job (jobs/ahead.ts) made for a publication before its
 * instant (a media container), in Strapi's core store: the publish adopts it
 * into its own steps, so only the attempt holding the lease writes those.
 */
export function aheadSteps(strapi: Strapi, publicationId: string): PublishSteps {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: `publish-ahead:${publicationId}` });
  const read = async () => {
    const value = (await store().get({})) as Record<string, unknown> | null;
    return Object.fromEntries(Object.entries(value ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  };
  return {
    load: read,
    async save(key, value) {
      await store().set({ value: { ...(await read()), [key]: value } });
    },
    async clear() {
      await store().delete({});
    },
  };
}
