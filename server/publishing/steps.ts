import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { PublishSteps } from '../networks/types';

/**
 * The steps of one publication made of several calls (an X thread's parts),
 * in Strapi's core store (the database, so every instance sees them): the
 * adapter saves each step before its next call, and a later attempt reads
 * them back. Only the lease owner of the publication writes; the entry is
 * removed once the post is whole.
 *
 * `publish-ahead` is another entry of the same kind: what the ahead job
 * (jobs/ahead.ts) made for the publication before its instant, which only
 * the publish adopts into its own steps.
 */
export function publicationSteps(
  strapi: Strapi,
  publicationId: string,
  kind: 'publish-steps' | 'publish-ahead' = 'publish-steps'
): PublishSteps {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: `${kind}:${publicationId}` });
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
