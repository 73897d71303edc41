import { randomUUID } from 'node:crypto';
import { createCredentialStore } from '../../server/accounts/credentials';
import type { PluginConfig } from '../../server/core/config';
import type { FakeMeta } from '../fakes/meta';
import type { TestApp } from './strapi';

/**
 * A Facebook sign-in as the OAuth callback stores it (server/core/oauth/service.ts):
 * the first page the person manages with its page token, the long-lived user
 * token beside it (`userAccessToken`, for the page picker), the pages in
 * `settings.pages`. For suites that need one without the consent page (the
 * RBAC sweep); tests/api/publishing-meta.test.ts signs in over HTTP.
 */
export async function facebookSignIn(app: TestApp, fake: FakeMeta): Promise<string> {
  const plugin = app.strapi.plugin('community-manager');
  const store = createCredentialStore(plugin.config('encryption') as PluginConfig['encryption']);
  const vaultKey = randomUUID();
  const [first] = fake.pages;
  const created = await app.strapi.documents('plugin::community-manager.social-account' as never).create({
    data: {
      network: 'facebook',
      name: `Facebook ${Math.random()}`,
      status: 'connected',
      networkAccountId: first.id,
      handle: first.name,
      displayName: first.name,
      instanceUrl: fake.graphUrl,
      credentials: store.seal({ accessToken: fake.grant('page', first.id), userAccessToken: fake.grant('user-long') }, vaultKey),
      vaultKey,
      settings: {
        oauth: true,
        storedSecrets: ['accessToken'],
        page: first.id,
        pages: fake.pages.map((p) => ({ id: p.id, name: p.name, instagramId: p.instagramId })),
        graphVersion: fake.version,
      },
    } as never,
  });
  return (created as unknown as { documentId: string }).documentId;
}

/**
 * An Instagram sign-in (Facebook Login) as the OAuth callback stores it: the
 * Instagram account of the first linked page, that page's token, the
 * long-lived user token beside it (for the account picker).
 */
export async function instagramSignIn(app: TestApp, fake: FakeMeta): Promise<string> {
  const plugin = app.strapi.plugin('community-manager');
  const store = createCredentialStore(plugin.config('encryption') as PluginConfig['encryption']);
  const vaultKey = randomUUID();
  const page = fake.pages.find((p) => p.instagramId)!;
  const user = fake.instagramUsers.find((u) => u.id === page.instagramId)!;
  const created = await app.strapi.documents('plugin::community-manager.social-account' as never).create({
    data: {
      network: 'instagram',
      name: `Instagram ${Math.random()}`,
      status: 'connected',
      networkAccountId: user.id,
      handle: `@${user.username}`,
      displayName: user.name,
      instanceUrl: fake.graphUrl,
      credentials: store.seal({ accessToken: fake.grant('page', page.id), userAccessToken: fake.grant('user-long') }, vaultKey),
      vaultKey,
      settings: {
        oauth: true,
        storedSecrets: ['accessToken'],
        instagramId: user.id,
        page: page.id,
        username: user.username,
        pages: fake.pages.filter((p) => p.instagramId).map((p) => ({ id: p.id, name: p.name, instagramId: p.instagramId })),
        graphVersion: fake.version,
      },
    } as never,
  });
  return (created as unknown as { documentId: string }).documentId;
}
