import { pickerDomain, type PickerPort } from '../../../accounts/picker';
import { connectPagesInput, type LinkedInPageChoice } from '../../../../shared/networks/linkedin.pages';
import { linkedin } from '../../../../shared/networks/linkedin';
import { baseUrl } from '../../http';
import { DEFAULT_API_BASE } from '../api';
import { listPages, pageUrl, type LinkedInPage } from '../pages';
import { serverMessage } from '../../../../shared/core/messages';

/**
 * The LinkedIn page picker's port (the core: server/accounts/picker). A
 * sign-in with LinkedIn is a member's; each page they administer can be an
 * account of its own.
 *
 * A page connected gets a copy of the sign-in's tokens, sealed again under
 * its own vault key, and refreshes its own copy (LinkedIn keeps a refresh
 * token valid until its fixed end, refreshing or not): the copy ends when the
 * sign-in's does.
 */
export const linkedinPicker: PickerPort<LinkedInPage, Omit<LinkedInPageChoice, 'accountId'>> = {
  network: linkedin.id,
  input: connectPagesInput,
  messages: {
    notSignIn: { message: 'linkedin_pages_not_sign_in', code: 'not_a_linkedin_sign_in' },
    notOwned: { message: 'linkedin_page_not_administered', param: 'page', code: 'not_administered' },
    unavailable: 'linkedin_pages_unavailable',
  },
  async list({ row, secrets }, fetch) {
    const pages = await listPages(fetch, baseUrl(String(row.instanceUrl || DEFAULT_API_BASE)), secrets.accessToken ?? '', Date.now);
    return pages.map((p) => {
      const choice = { urn: p.urn, name: p.name, vanityName: p.vanityName, profileUrl: pageUrl(p) };
      // A page whose own lookup failed is listed, not connectable: the member sees it and why; the others load.
      return p.unavailable === null
        ? { key: p.urn, choice, item: p }
        : { key: p.urn, choice, unavailable: serverMessage('linkedin_page_unavailable', { message: p.unavailable }) };
    });
  },
  account(page, { row, secrets, settings }) {
    return {
      secrets,
      name: page.name,
      handle: page.vanityName ?? page.name,
      displayName: page.name,
      profileUrl: pageUrl(page),
      tokenExpiresAt: row.tokenExpiresAt ?? null,
      oauthRefreshAt: row.oauthRefreshAt ?? null,
      oauthGrantEndsAt: row.oauthGrantEndsAt ?? null,
      settings: { storedSecrets: settings.storedSecrets ?? ['accessToken'], organization: page.urn, pages: settings.pages ?? [] },
    };
  },
};

/** The LinkedIn page picker: the pages of a sign-in, and the chosen ones connected as accounts. */
export default pickerDomain('linkedin-pages', linkedinPicker);
