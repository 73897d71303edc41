import { z } from 'zod';
import type { NetworkFetch } from '../types';
import { safeJson } from '../http';
import { classify, permanent } from '../errors';
import { ORGANIZATION_PREFIX, failure, restGet } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * The organization pages a member administers: the page picker's data.
 * `GET /rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED`
 * (the Organization Access Control finder, which replaces the older
 * `organizationalEntityAcls`), then each page's name and vanity name from
 * `GET /rest/organizations/{id}`. One page whose own lookup fails (a 403, a
 * 500, a reset) is kept with why (`unavailable`): the picker lists it as not
 * available and the member's other pages still load.
 */

export interface LinkedInPage {
  urn: string;
  id: string;
  name: string;
  vanityName: string | null;
  /** why its details did not load (LinkedIn's words, or the transport's); null when they did */
  unavailable: string | null;
}

const acls = lazySchema(() =>
  z.object({
    elements: z.array(
      z.object({
        organization: z.string().optional(),
        organizationalTarget: z.string().optional(),
        role: z.string(),
        state: z.string(),
      })
    ),
  })
);
const organization = lazySchema(() =>
  z.object({
    id: z.union([z.number(), z.string()]),
    localizedName: z.string().max(300).optional(),
    vanityName: z.string().max(300).optional(),
  })
);

/** At most this many pages are looked up by name in one sign-in. */
const MAX_PAGES = 25;

export async function listPages(fetch: NetworkFetch, base: string, accessToken: string, now: () => number): Promise<LinkedInPage[]> {
  const url = `${base}/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&count=100`;
  const res = await restGet(fetch, url, accessToken);
  const data = safeJson(res.text());
  if (res.status !== 200) throw failure({ status: res.status, headers: res.headers, data }, now(), 'organization roles');
  const parsed = acls.safeParse(data);
  if (!parsed.success) throw permanent('oauth_bad_answer', 'LinkedIn answered the organization roles without a list');
  const urns = [
    ...new Set(
      parsed.data.elements
        // The finder filters already; a page whose role is not approved administration is never offered.
        .filter((e) => e.role === 'ADMINISTRATOR' && e.state === 'APPROVED')
        .map((e) => e.organization ?? e.organizationalTarget ?? '')
        .filter((urn) => urn.startsWith(ORGANIZATION_PREFIX) && /^\d+$/.test(urn.slice(ORGANIZATION_PREFIX.length)))
    ),
  ].slice(0, MAX_PAGES);
  const pages: LinkedInPage[] = [];
  for (const urn of urns) {
    const id = urn.slice(ORGANIZATION_PREFIX.length);
    const page: LinkedInPage = { urn, id, name: `LinkedIn page ${id}`, vanityName: null, unavailable: null };
    try {
      const info = await restGet(fetch, `${base}/rest/organizations/${id}`, accessToken);
      const data = safeJson(info.text());
      const org = organization.safeParse(data);
      if (info.status !== 200)
        page.unavailable = failure({ status: info.status, headers: info.headers, data }, now(), 'organization').message;
      else if (!org.success) page.unavailable = 'LinkedIn answered the organization without its id';
      else {
        page.name = org.data.localizedName || page.name;
        page.vanityName = org.data.vanityName || null;
      }
    } catch (err) {
      page.unavailable = classify(err).message;
    }
    pages.push({ ...page, unavailable: page.unavailable?.slice(0, 300) ?? null });
  }
  return pages;
}

export const pageUrl = (page: Pick<LinkedInPage, 'id' | 'vanityName'>) =>
  `https://www.linkedin.com/company/${encodeURIComponent(page.vanityName ?? page.id)}/`;
