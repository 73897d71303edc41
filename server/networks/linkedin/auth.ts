import type { AuthPort } from '../types';
import { reason } from '../../../shared/accounts/reasons';
import { linkedin as profile } from '../../../shared/networks/linkedin';
import { classify } from '../errors';
import { unreachable } from '../http';
import { OutboundError } from '../../core/http/guarded-fetch';
import { DEFAULT_API_BASE } from './api';
import { listPages, pageUrl } from './pages';

/**
 * A LinkedIn account is one organization page: the check asks LinkedIn which
 * pages the signed-in member still administers, and whether this is one.
 */
export const auth: AuthPort = {
  async check({ instanceUrl, settings, secrets, fetch }) {
    const base = (instanceUrl || DEFAULT_API_BASE).replace(/\/+$/, '');
    const urn = typeof settings.organization === 'string' ? settings.organization : null;
    let pages;
    try {
      pages = await listPages(fetch, base, secrets.accessToken ?? '', Date.now);
    } catch (err) {
      if (err instanceof OutboundError) return unreachable(err, base);
      const failure = classify(err);
      if (failure.kind === 'auth') return { status: 'needs_reauth', reason: reason('oauth_grant_refused', { message: failure.message }) };
      const status = failure.code === 'linkedin_version_retired' ? 426 : failure.code;
      return { status: 'error', reason: reason('unexpected_status', { status, message: failure.message }) };
    }
    const page = pages.find((p) => p.urn === urn);
    if (!page) {
      return {
        status: 'needs_reauth',
        reason: reason('oauth_grant_refused', { message: 'the signed-in member no longer administers this LinkedIn page' }),
      };
    }
    // Administered, but its own details did not load this time: connected, the stored name kept.
    if (page.unavailable !== null) return { status: 'connected', reason: null, limits: { maxCharacters: profile.length.limit } };
    return {
      status: 'connected',
      reason: null,
      profile: {
        networkAccountId: page.urn,
        handle: page.vanityName ?? page.name,
        displayName: page.name,
        profileUrl: pageUrl(page),
      },
      limits: { maxCharacters: profile.length.limit },
    };
  },
};
