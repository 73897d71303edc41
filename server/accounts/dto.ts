import type { Row } from '../core/strapi';
import type { Network } from '../../shared/linter';
import { profileOf } from '../../shared/networks';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { unrenewableEnd, type ExpiryRow } from './expiry';
import type { AccountStatus, SocialAccount } from '../../shared/accounts/contract';
import { readRealtime, realtimeView } from '../../shared/accounts/realtime';
export type { AccountStatus, SocialAccount };

const asksForService = (network: string) => profileOf(network)?.credentialFields.some((field) => field.name === 'service') ?? false;

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const date = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/** The inbox's default poll period, for a caller that does not say (CM_INBOX_POLL_SECONDS). */
const POLL_SECONDS = 300;

/**
 * `expiry`: the account's re-authorization date and posts due after it (server/accounts/expiry.ts), when it has one;
 * `pollSeconds`: the inbox's poll period, which a page not subscribed to real-time updates waits for.
 */
export function toSocialAccount(
  row: Row,
  expiry?: { reauthBy: string; postsDueAfterReauth: number },
  pollSeconds = POLL_SECONDS
): SocialAccount {
  const settings = (row.settings ?? {}) as Record<string, unknown>;
  const realtime = readRealtime(settings.realtime);
  const line = row.editorialLine as Row | null | undefined;
  const detail = row.statusDetail as { code?: unknown; params?: unknown } | null | undefined;
  return {
    documentId: row.documentId,
    network: row.network as Network,
    name: String(row.name),
    handle: str(row.handle),
    displayName: str(row.displayName),
    avatarUrl: httpUrlOrNull(str(row.avatarUrl)),
    profileUrl: httpUrlOrNull(str(row.profileUrl)),
    instanceUrl: str(row.instanceUrl),
    // Only the public settings are copied, by name: a new private setting cannot leak by default.
    settings: {
      ...(typeof settings.flavor === 'string' ? { flavor: settings.flavor } : {}),
      // The sign-in the account came from when it is not its network's own (Instagram Login): its "Reconnect" uses it.
      ...(typeof settings.signIn === 'string' ? { signIn: settings.signIn } : {}),
      // A network whose form asks for its server (`service`) shows the one in use.
      ...(asksForService(String(row.network)) && str(row.instanceUrl) ? { service: String(row.instanceUrl) } : {}),
    },
    status: row.status as AccountStatus,
    statusReason: str(row.statusReason),
    statusCode: detail && typeof detail.code === 'string' ? detail.code : null,
    statusParams: detail && detail.params && typeof detail.params === 'object' ? (detail.params as Record<string, string | number>) : {},
    lastCheckedAt: date(row.lastCheckedAt),
    tokenExpiresAt: date(row.tokenExpiresAt),
    signInEndsAt: (() => {
      const end = unrenewableEnd(row as unknown as ExpiryRow);
      return end === null ? null : new Date(end).toISOString();
    })(),
    reauthBy: expiry?.reauthBy ?? null,
    postsDueAfterReauth: expiry?.postsDueAfterReauth ?? 0,
    editorialLine: line ? { documentId: line.documentId, name: String(line.name) } : null,
    limits: (row.limits ?? {}) as SocialAccount['limits'],
    storedSecrets: Array.isArray(settings.storedSecrets) ? (settings.storedSecrets as string[]) : [],
    realtime: realtime ? realtimeView(realtime, pollSeconds) : null,
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
  };
}
