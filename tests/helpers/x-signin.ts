import { randomUUID } from 'node:crypto';
import { createCredentialStore } from '../../server/accounts/credentials';
import type { PluginConfig } from '../../server/core/config';
import type { FakeX } from '../fakes/x';
import type { TestApp } from './strapi';

/**
 * An X sign-in as the OAuth callback stores it (server/core/oauth/service.ts):
 * the user, its two-hour access token and refresh token sealed, the fake's
 * address as the account's API base. No refresh is scheduled (`oauthRefreshAt`
 * null): the suites that use it (reliability) end long before the token does,
 * and their instances know no X token endpoint. tests/api/publishing-x.test.ts
 * signs in over HTTP.
 */
export async function xSignIn(app: TestApp, fake: FakeX, name = `X ${Math.random()}`): Promise<string> {
  const plugin = app.strapi.plugin('community-manager');
  const store = createCredentialStore(plugin.config('encryption') as PluginConfig['encryption']);
  const vaultKey = randomUUID();
  const { accessToken, refreshToken } = fake.grant();
  const created = await app.strapi.documents('plugin::community-manager.social-account' as never).create({
    data: {
      network: 'x',
      name,
      status: 'connected',
      networkAccountId: fake.user.id,
      handle: `@${fake.user.username}`,
      displayName: fake.user.name,
      profileUrl: `https://x.com/${fake.user.username}`,
      instanceUrl: fake.url,
      credentials: store.seal({ accessToken, refreshToken }, vaultKey),
      vaultKey,
      tokenExpiresAt: new Date(Date.now() + 2 * 3600_000),
      settings: { oauth: true, storedSecrets: ['accessToken', 'refreshToken'], username: fake.user.username },
    } as never,
  });
  return (created as unknown as { documentId: string }).documentId;
}
