import { randomUUID } from 'node:crypto';
import type { Strapi, Row } from '../../core/strapi';
import { UID } from '../../../content-types';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import { messageText, serverMessage, type ServerMessage } from '../../../shared/core/messages';
import type { PickerUnavailable } from '../../../shared/accounts/picker';
import type { PluginConfig } from '../../core/config';
import { badRequest, fieldIssue, HttpError, notFound } from '../../core/errors';
import { accountFetch } from '../../core/http/account-fetch';
import { classify } from '../../networks/errors';
import type { Secrets } from '../../networks/types';
import { createCredentialStore } from '../credentials';
import type { PickerCandidate, PickerPort, PickerSignIn } from './port';

/** The picker's answer: the sign-in's entries, read from the network at that moment, each with the account it is already. */
export interface PickerAnswer<Choice extends object> {
  /** the sign-in the entries come from */
  accountId: string;
  pages: Array<Choice & { accountId: string | null; unavailable?: PickerUnavailable }>;
}

/** An entry's reason as the answer carries it: translated by the admin, English for API clients. */
const unavailableOf = (why: ServerMessage): PickerUnavailable => ({
  messageId: why.code,
  params: why.params,
  message: messageText(why.code, why.params),
});

/**
 * A page picker's service, the same for every network (the port says what
 * differs: ./port.ts). A sign-in is a person's, who may manage several pages
 * (or accounts reached through them); the sign-in connects one, and keeps
 * what it needs to list them again. The entries are read from the network at
 * the moment they are listed or connected, so one the person no longer
 * manages is not offered, and is refused if asked for.
 *
 * Connecting an entry seals the secrets the port gives under the account's
 * own vault key (every account opens only its own). An entry connected
 * already is updated with the fresh secrets: signing in again and picking
 * renews them all; the sign-in itself took its own when it was made.
 */
export function pickerService<Item, Choice extends object>(port: PickerPort<Item, Choice>, field: string) {
  return ({ strapi }: { strapi: Strapi }) => {
    const plugin = () => strapi.plugin(PLUGIN_ID);
    const outbound = () => plugin().config('outbound') as PluginConfig['outbound'];
    let store: ReturnType<typeof createCredentialStore> | null = null;
    const credentials = () => (store ??= createCredentialStore(plugin().config('encryption') as PluginConfig['encryption']));
    const accounts = () => strapi.db.query(UID.socialAccount as never);
    const { messages } = port;

    const fetch = accountFetch(outbound);

    /** The sign-in the entries are asked for: an account of this network connected by OAuth, with the secrets listing needs. */
    async function signIn(documentId: string): Promise<PickerSignIn> {
      const row = (await accounts().findOne({ where: { documentId }, populate: ['editorialLine'] } as never)) as Row | null;
      if (!row) throw notFound('Social account', serverMessage('account_not_found'));
      const settings = (row.settings ?? {}) as Record<string, unknown>;
      if (row.network !== port.network || !settings.oauth || !row.credentials || (port.accepts && !port.accepts(settings)))
        throw badRequest(serverMessage(messages.notSignIn.message), [], messages.notSignIn.code);
      let secrets: Secrets;
      try {
        secrets = credentials().open(String(row.credentials), String(row.vaultKey));
      } catch {
        throw badRequest(serverMessage(messages.notSignIn.message), [], 'credentials_unreadable');
      }
      // A sign-in made before the picker existed may not have kept what listing needs.
      if (port.needs && !secrets[port.needs] && messages.signInAgain)
        throw badRequest(serverMessage(messages.signInAgain), [], 'sign_in_again');
      return { row, secrets, settings };
    }

    async function live(sign: PickerSignIn): Promise<Array<PickerCandidate<Item, Choice>>> {
      try {
        return await port.list(sign, fetch);
      } catch (err) {
        // The network refused (the token ended or was revoked) or did not answer: nothing changes here; the admin shows why.
        const message = classify(err).message.slice(0, 300);
        throw new HttpError(502, messages.unavailable, serverMessage(messages.unavailable, { message }));
      }
    }

    async function answer(row: Row, candidates: Array<PickerCandidate<Item, Choice>>): Promise<PickerAnswer<Choice>> {
      const connected = (await accounts().findMany({
        where: { network: port.network, networkAccountId: { $in: candidates.map((c) => c.key) } },
        select: ['documentId', 'networkAccountId'],
      } as never)) as Row[];
      const byKey = new Map(connected.map((r) => [String(r.networkAccountId), String(r.documentId)]));
      return {
        accountId: String(row.documentId),
        pages: candidates.map((c) => ({
          ...c.choice,
          accountId: byKey.get(c.key) ?? null,
          ...('unavailable' in c ? { unavailable: unavailableOf(c.unavailable) } : {}),
        })),
      };
    }

    /** Creates the chosen entry's account, or renews the one it is already. */
    async function save(sign: PickerSignIn, key: string, item: Item, all: readonly Item[]) {
      const { row } = sign;
      const existing = (await accounts().findOne({ where: { network: port.network, networkAccountId: key } })) as Row | null;
      // The sign-in itself took its fresh secrets when it was made.
      if (existing?.documentId === row.documentId) return;
      const picked = port.account(item, sign, all);
      const extra = port.connected ? await port.connected(item, sign, fetch) : {};
      const vaultKey = existing ? String(existing.vaultKey || randomUUID()) : randomUUID();
      const data = {
        credentials: credentials().seal(picked.secrets, vaultKey),
        vaultKey,
        tokenExpiresAt: picked.tokenExpiresAt,
        oauthRefreshAt: picked.oauthRefreshAt,
        oauthGrantEndsAt: picked.oauthGrantEndsAt,
        oauthRefreshFailures: 0,
        oauthNoticeSentAt: null,
        networkAccountId: key,
        handle: picked.handle.slice(0, 255),
        displayName: picked.displayName.slice(0, 255),
        profileUrl: picked.profileUrl,
        ...(picked.avatarUrl !== undefined ? { avatarUrl: picked.avatarUrl } : {}),
        instanceUrl: row.instanceUrl ?? null,
        // A disabled account stays disabled: someone turned it off on purpose.
        ...(existing?.status === 'disabled' ? {} : { status: 'connected', statusReason: null, statusDetail: null }),
        lastCheckedAt: new Date(),
        leaseOwner: null,
        leaseUntil: null,
        settings: { ...((existing?.settings ?? {}) as object), oauth: true, ...picked.settings, ...extra },
      };
      if (existing) {
        await strapi.documents(UID.socialAccount).update({ documentId: String(existing.documentId), data: data as never });
      } else {
        const line = row.editorialLine as Row | null | undefined;
        await strapi.documents(UID.socialAccount).create({
          data: { ...data, network: port.network, name: picked.name.slice(0, 120), editorialLine: line?.documentId ?? null } as never,
        });
      }
    }

    return {
      async list(documentId: string): Promise<PickerAnswer<Choice>> {
        const sign = await signIn(documentId);
        return answer(sign.row, await live(sign));
      },

      async connect(documentId: string, keys: readonly string[]): Promise<PickerAnswer<Choice>> {
        const sign = await signIn(documentId);
        const candidates = await live(sign);
        const byKey = new Map(candidates.map((c) => [c.key, c]));
        // Not managed (not listed), or listed but not available now: each named at its place in the list.
        const refused = keys.flatMap((key, index) => {
          const candidate = byKey.get(key);
          if (!candidate) {
            const { message, param, code } = messages.notOwned;
            return [fieldIssue([field, index], serverMessage(message, { [param]: key }), code)];
          }
          return 'unavailable' in candidate ? [fieldIssue([field, index], candidate.unavailable, 'unavailable')] : [];
        });
        if (refused.length) {
          const first = refused[0];
          throw badRequest({ code: first.messageId!, params: first.params ?? {} }, refused, first.code);
        }
        const items = new Map(candidates.flatMap((c) => ('item' in c ? [[c.key, c.item] as const] : [])));
        const all = [...items.values()];
        for (const key of new Set(keys)) await save(sign, key, items.get(key)!, all);
        return answer(sign.row, candidates);
      },
    };
  };
}
