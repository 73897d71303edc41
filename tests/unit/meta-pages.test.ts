import type { GuardedResponse } from '../../server/core/http/guarded-fetch';
import { listPages, readPages } from '../../server/networks/meta/login';
import type { NetworkFetch } from '../../server/networks/types';

/**
 * `/me/accounts` read entry by entry: a page Facebook lists without its token,
 * or with a field out of shape, is that page's problem (the pickers list it
 * as not available), never the whole list's; the sign-in uses only the pages
 * it can publish to.
 */
const api = { base: 'https://graph.example.test', version: 'v24.0', graph: 'https://graph.example.test/v24.0' };

function answering(body: unknown): NetworkFetch {
  return async (url) => {
    const text = JSON.stringify(body);
    const res: GuardedResponse = {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(text),
      url,
      text: () => text,
      json: <T>() => JSON.parse(text) as T,
    };
    return res;
  };
}

const data = [
  { id: '101', name: 'Harbour Café', access_token: 'page-token-101', instagram_business_account: { id: '178' } },
  { id: '102', name: 'Harbour Events' },
  { id: '103', name: 'x'.repeat(301), access_token: 'page-token-103' },
  { id: '104', name: 'Harbour Dock', access_token: 'page-token-104', instagram_business_account: { id: 'not-digits' } },
  { name: 'No id at all', access_token: 'page-token' },
  'not an object',
];

describe('Meta pages, entry by entry', () => {
  it('keeps the order, marks a page without its token or out of shape, and leaves out what has no id', async () => {
    expect(await readPages(answering({ data }), api, 'user-token', Date.now())).toEqual([
      { id: '101', name: 'Harbour Café', accessToken: 'page-token-101', instagramId: '178' },
      { id: '102', name: 'Harbour Events', instagramId: null, accessToken: null, problem: 'no_token' },
      { id: '103', name: 'x'.repeat(200), instagramId: null, accessToken: null, problem: 'unreadable' },
      { id: '104', name: 'Harbour Dock', instagramId: null, accessToken: null, problem: 'unreadable' },
    ]);
  });

  it('the sign-in lists only the pages it can publish to', async () => {
    expect((await listPages(answering({ data }), api, 'user-token', Date.now())).map((p) => p.id)).toEqual(['101']);
  });

  it('an answer without a list of pages is still the whole list failing', async () => {
    await expect(readPages(answering({ data: 'none' }), api, 'user-token', Date.now())).rejects.toThrow(/without a list of pages/);
  });
});
