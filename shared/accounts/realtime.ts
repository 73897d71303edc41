import { isServerMessageCode, messageText, type MessageParams, type ServerMessage, type ServerMessageCode } from '../core/messages';

/**
 * Whether a network pushes an account's new comments to the site (a webhook
 * subscription made for it, Facebook's `feed` field of a page) or they only
 * arrive by the inbox's poll. Kept on the account's public settings
 * (`settings.realtime`), never secret: when the subscription was last made or
 * tried, and why it failed. The poll goes on either way (the catch-up); a
 * failure never fails the connection.
 */
export interface RealtimeState {
  subscribed: boolean;
  /** when the subscription was made or tried (ISO) */
  at: string;
  /** why it is not subscribed; null when it is */
  reason: ServerMessage | null;
}

/** What the admin sees of it (`SocialAccount.realtime`): the state, the poll's period, the reason in English and as a code. */
export interface RealtimeView {
  subscribed: boolean;
  at: string;
  /** the inbox's poll period, in minutes: how late a comment may arrive without the push */
  pollMinutes: number;
  /** `realtime_polling` with `minutes` and `reason` (the reason's own code in `reasonId`, its facts in `params`) */
  messageId: ServerMessageCode | null;
  reasonId: ServerMessageCode | null;
  params: MessageParams;
  /** the English sentence, for API clients */
  message: string | null;
}

export const subscribed = (at: number): RealtimeState => ({ subscribed: true, at: new Date(at).toISOString(), reason: null });
export const polling = (at: number, reason: ServerMessage): RealtimeState => ({
  subscribed: false,
  at: new Date(at).toISOString(),
  reason,
});

/** The stored state, read defensively (a row written by hand or by an older version); null when the account has none. */
export function readRealtime(raw: unknown): RealtimeState | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as { subscribed?: unknown; at?: unknown; reason?: unknown };
  if (typeof r.subscribed !== 'boolean' || typeof r.at !== 'string') return null;
  const why = r.reason as { code?: unknown; params?: unknown } | null | undefined;
  const reason =
    why && isServerMessageCode(why.code)
      ? { code: why.code, params: why.params && typeof why.params === 'object' ? (why.params as MessageParams) : {} }
      : null;
  return {
    subscribed: r.subscribed,
    at: r.at,
    reason: r.subscribed ? null : (reason ?? { code: 'realtime_refused', params: { message: '?' } }),
  };
}

/** The state as the account's DTO shows it, with the inbox's poll period. */
export function realtimeView(state: RealtimeState, pollSeconds: number): RealtimeView {
  const pollMinutes = Math.max(1, Math.round(pollSeconds / 60));
  if (state.subscribed || !state.reason)
    return { subscribed: true, at: state.at, pollMinutes, messageId: null, reasonId: null, params: {}, message: null };
  const reason = messageText(state.reason.code, state.reason.params);
  return {
    subscribed: false,
    at: state.at,
    pollMinutes,
    messageId: 'realtime_polling',
    reasonId: state.reason.code,
    params: state.reason.params,
    message: messageText('realtime_polling', { minutes: pollMinutes, reason }),
  };
}
