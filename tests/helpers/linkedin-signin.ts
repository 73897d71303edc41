import { randomUUID } from 'node:crypto';
import { createCredentialStore } from '../../server/accounts/credentials';
import type { PluginConfig } from '../../server/core/config';
import type { FakeLinkedIn } from '../fakes/linkedin';
import type { TestApp } from './strapi';

/**
 * A LinkedIn sign-in as the OAuth callback stores it (server/core/oauth/service.ts):
 * the first page the member administers, its token sealed, the other pages in
 * `settings.pages`. For suites that need one without the consent page (the
 * RBAC sweep); tests/api/publishing-linkedin.test.ts signs in over HTTP.
 */
export async function linkedInSignIn(app: TestApp, fake: FakeLinkedIn): Promise<string> {
  const plugin = app.strapi.plugin('community-manager');
  const store = createCredentialStore(plugin.config('encryption') as PluginConfig['encryption']);
  const vaultKey = randomUUID();
  const [first] = fake.options.pages;
  const created = await app.strapi.documents('plugin::community-manager.social-account' as never).create({
    data: {
      network: 'linkedin',
      name: `LinkedIn ${Math.random()}`,
      status: 'connected',
      networkAccountId: `urn:li:organization:${first.id}`,
      handle: first.vanityName,
      displayName: first.name,
      instanceUrl: fake.url,
      credentials: store.seal({ accessToken: fake.grant() }, vaultKey),
      vaultKey,
      tokenExpiresAt: new Date(Date.now() + 60 * 86_400_000),
      oauthGrantEndsAt: new Date(Date.now() + 60 * 86_400_000),
      settings: {
        oauth: true,
        storedSecrets: ['accessToken'],
        organization: `urn:li:organization:${first.id}`,
        pages: fake.options.pages.map((p) => ({ urn: `urn:li:organization:${p.id}`, name: p.name })),
      },
    } as never,
  });
  return (created as unknown as { documentId: string }).documentId;
}
