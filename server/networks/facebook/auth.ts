import { z } from 'zod';
import type { AuthPort } from '../types';
import { facebook as profile } from '../../../shared/networks/facebook';
import { checkFailure } from '../meta/check';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH, failure, graphGet } from '../meta/graph';
import { pageUrl } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

const page = lazySchema(() => z.object({ id: z.string(), name: z.string().optional(), link: z.string().optional() }));

/**
 * The page token still reads the page. A token that died (password changed,
 * role lost, app removed: error 190) needs a new sign-in.
 */
export const auth: AuthPort = {
  async check({ instanceUrl, settings, secrets, fetch }) {
    const version = typeof settings.graphVersion === 'string' ? settings.graphVersion : DEFAULT_GRAPH_VERSION;
    const base = (instanceUrl || FACEBOOK_GRAPH).replace(/\/+$/, '');
    const id = typeof settings.page === 'string' ? settings.page : '';
    try {
      const res = await graphGet({ fetch }, `${base}/${version}/${id}?fields=id,name,link`, secrets.accessToken, 'accountCheck');
      if (res.status !== 200) throw failure(res, Date.now(), 'Facebook page');
      const p = page.parse(res.data);
      return {
        status: 'connected',
        reason: null,
        profile: { networkAccountId: p.id, handle: p.name ?? p.id, displayName: p.name ?? p.id, profileUrl: pageUrl(p.id) },
        limits: { maxCharacters: profile.length.limit },
      };
    } catch (err) {
      return checkFailure(err, base);
    }
  },
};
