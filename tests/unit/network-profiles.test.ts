import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NETWORKS, PROFILES, can, networksThat, profileOf } from '../../shared/networks';
import { LENGTH_RULES, NETWORK_LABELS } from '../../shared/networks/rules';
import { MEDIA_RULES } from '../../shared/networks/media-rules';
import { NETWORK_ADAPTERS, adapterFor } from '../../server/networks/registry';
import { FIRST_COMMENT_NETWORKS } from '../../admin/pages/Composer/composerValues';
import { CONNECTABLE_NETWORKS, COMING_SOON_NETWORKS, LINTABLE_NETWORKS } from '../../admin/networks';
import { toAccountInput } from '../../admin/pages/Accounts/accountForm';
import type { Message, NetworkProfile } from '../../shared/networks';
import { CREDENTIAL_SCHEMAS, accountInput } from '../../shared/accounts/contract';
import type { ConnectableNetwork } from '../../admin/api/types';

const translations = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'admin', 'translations', `${locale}.json`), 'utf8'));

/** Every text a profile gives the admin: name, help, field labels, hints, choices. */
const messagesOf = (profile: (typeof PROFILES)[number]): Message[] => [
  profile.label,
  ...('help' in profile && profile.help ? [profile.help] : []),
  ...('signIns' in profile && profile.signIns ? profile.signIns.flatMap((s) => [s.label, s.hint]) : []),
  ...profile.credentialFields.flatMap((field) => [
    field.label,
    ...('hint' in field && field.hint ? [field.hint] : []),
    ...('storedLabel' in field && field.storedLabel ? [field.storedLabel] : []),
    ...('replaceLabel' in field && field.replaceLabel ? [field.replaceLabel] : []),
    ...('choices' in field && field.choices ? field.choices.map((choice) => choice.label) : []),
  ]),
];

describe('network profiles', () => {
  it('lists each network once, and the linter and media rules come from them', () => {
    expect(new Set(NETWORKS).size).toBe(PROFILES.length);
    for (const profile of PROFILES) {
      expect(LENGTH_RULES[profile.id]).toBe(profile.length);
      expect(MEDIA_RULES[profile.id]).toBe(profile.media);
      expect(NETWORK_LABELS[profile.id]).toBe(profile.label.defaultMessage);
    }
  });

  it('every text a profile shows exists in English (the same words) and in French', () => {
    const en = translations('en');
    const fr = translations('fr');
    const messages = PROFILES.flatMap(messagesOf);
    expect(messages.length).toBeGreaterThan(PROFILES.length);
    expect(messages.filter((m) => en[m.id] !== m.defaultMessage).map((m) => [m.id, m.defaultMessage, en[m.id]])).toEqual([]);
    expect(messages.filter((m) => !fr[m.id]).map((m) => m.id)).toEqual([]);
  });

  it('a network can be connected exactly when the server has an adapter for it', () => {
    expect(networksThat('connect').sort()).toEqual(NETWORK_ADAPTERS.map((a) => a.id).sort());
    for (const adapter of NETWORK_ADAPTERS) expect(adapter.profile).toBe(profileOf(adapter.id));
  });

  it('the form a profile draws names the keys its zod schema parses, and offers to replace what the schema lets one replace', () => {
    for (const schema of CREDENTIAL_SCHEMAS) {
      const fields = profileOf(schema.network).credentialFields;
      const update = 'update' in schema ? schema.update.shape : {};
      expect([schema.network, fields.map((f) => f.name).sort()]).toEqual([schema.network, Object.keys(schema.fields).sort()]);
      const replaceable = fields.filter((f) => f.replaceable).map((f) => f.name);
      expect([schema.network, replaceable.sort()]).toEqual([schema.network, Object.keys(update).sort()]);
      // A field the form marks required is one the schema refuses to go without.
      const required = fields.filter((f) => f.required).map((f) => f.name);
      const optional = Object.entries(schema.fields as Record<string, { safeParse(v: unknown): { success: boolean } }>)
        .filter(([, field]) => field.safeParse(undefined).success)
        .map(([key]) => key);
      expect([schema.network, required.sort()]).toEqual([
        schema.network,
        Object.keys(schema.fields)
          .filter((k) => !optional.includes(k))
          .sort(),
      ]);
      // Storing secrets needs the encryption key: the profile says so when a field is secret.
      expect(profileOf(schema.network).capabilities.secrets).toBe(fields.some((f) => f.secret));
    }
  });

  it('the server parses and stores each network’s account form with the shared schemas', () => {
    expect(CREDENTIAL_SCHEMAS.map((schema) => schema.network)).toEqual(NETWORK_ADAPTERS.map((adapter) => adapter.id));
    for (const schema of CREDENTIAL_SCHEMAS) {
      const adapter = adapterFor(schema.network)!;
      expect([schema.network, Object.keys(adapter.credentials.fields)]).toEqual([schema.network, Object.keys(schema.fields)]);
      for (const [key, field] of Object.entries(schema.fields)) expect(adapter.credentials.fields[key]).toBe(field);
      expect(adapter.credentials.update).toBe('update' in schema ? schema.update : undefined);
    }
    // One branch per network: an unknown network is refused on `network`.
    const refused = accountInput.safeParse({ network: 'nowhere', name: 'A' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].path).toEqual(['network']);
  });

  it('a port exists exactly when the profile declares its capability', () => {
    for (const adapter of NETWORK_ADAPTERS) {
      const has = adapter.profile.capabilities;
      expect([adapter.id, Boolean(adapter.auth.oauth)]).toEqual([adapter.id, has.oauth]);
      expect([adapter.id, Boolean(adapter.comments)]).toEqual([adapter.id, has.comments]);
      expect([adapter.id, Boolean(adapter.comments?.hide)]).toEqual([adapter.id, has.hide]);
      expect([adapter.id, Boolean(adapter.comments?.reply)]).toEqual([adapter.id, has.reply]);
      expect([adapter.id, Boolean(adapter.metrics)]).toEqual([adapter.id, has.metrics]);
      expect([adapter.id, has.publish]).toEqual([adapter.id, true]);
      // Figures are written down only for a network that gives some.
      if (adapter.profile.figures) expect([adapter.id, has.metrics]).toEqual([adapter.id, true]);
    }
  });

  it('a first comment is offered where the adapter can reply, webhooks included', () => {
    for (const adapter of NETWORK_ADAPTERS) {
      expect((FIRST_COMMENT_NETWORKS as readonly string[]).includes(adapter.profile.id)).toBe(typeof adapter.publish.reply === 'function');
    }
    // The composer left webhooks out although their adapter sends the first comment as a second message.
    expect(FIRST_COMMENT_NETWORKS.filter((n) => can(n, 'secretAddress'))).not.toEqual([]);
  });

  it('the admin lists networks by capability', () => {
    expect([...CONNECTABLE_NETWORKS, ...COMING_SOON_NETWORKS].sort()).toEqual([...NETWORKS].sort());
    expect(CONNECTABLE_NETWORKS.every((n) => adapterFor(n))).toBe(true);
    expect(LINTABLE_NETWORKS.every((n) => profileOf(n).capabilities.lint)).toBe(true);
    expect(LINTABLE_NETWORKS.length).toBeGreaterThan(0);
  });

  it('the account form sends each field of the chosen network and nothing of another one', () => {
    for (const network of CONNECTABLE_NETWORKS) {
      const fields = Object.fromEntries(
        (PROFILES as readonly NetworkProfile[]).flatMap((p) => p.credentialFields).map((f) => [f.name, ` ${f.name}-value `])
      );
      const input = toAccountInput({ network: network as ConnectableNetwork, name: ' Brand ', editorialLineId: null, fields });
      const expected = Object.fromEntries(profileOf(network).credentialFields.map((f) => [f.name, `${f.name}-value`]));
      expect(input).toEqual({ network, name: 'Brand', editorialLineId: null, ...expected });
    }
  });
});
