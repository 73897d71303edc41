/**
 * The admin HTTP API's shapes, as documented in docs/api.md. Written out here rather
 * than imported from the server's zod schemas, whose types are what the server keeps
 * after parsing (defaults applied), not what a client sends; and so the admin bundle
 * never reaches into server code. The network list is the exception: one list, from a
 * file with no imports, so a new network cannot be forgotten on one side.
 */
import { NETWORKS, type Network } from '../../server/strategy/linter/networks';

export { NETWORKS, type Network };

export interface Persona {
  name: string;
  description?: string;
}

export interface Pillar {
  name: string;
  targetShare: number;
  color?: string;
  description?: string;
}

export interface FrequencyTarget {
  network: Network;
  perWeek: number;
}

export interface EditorialLineInput {
  name: string;
  description?: string;
  audience?: string;
  personas?: Persona[];
  tone?: string;
  guidelines?: string;
  pillars?: Pillar[];
  hashtags?: { required: string[]; suggested: string[] };
  bannedWords?: string[];
  languages?: string[];
  frequencyTargets?: FrequencyTarget[];
}

export type EditorialLine = Required<EditorialLineInput> & {
  documentId: string;
  accountCount: number;
  createdAt: string;
  updatedAt: string;
};

export type FindingCode =
  | 'too_long'
  | 'too_many_bytes'
  | 'too_many_hashtags'
  | 'banned_word'
  | 'missing_hashtag'
  | 'suggested_hashtag'
  | 'empty';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface LintFinding {
  code: FindingCode;
  severity: FindingSeverity;
  message: string;
  params: Record<string, string | number>;
  ranges?: Array<{ start: number; end: number }>;
}

export interface LintLength {
  unit: 'graphemes' | 'weighted' | 'characters';
  counted: number;
  limit: number;
  bytes?: number;
  byteLimit?: number;
  hashtags?: number;
  maxHashtags?: number;
}

export interface LintResult {
  network: Network;
  ok: boolean;
  length: LintLength;
  findings: LintFinding[];
}

export interface LintInput {
  text: string;
  network: Network;
  editorialLineId?: string;
  accountId?: string;
}

export const WEBHOOK_FLAVORS = ['slack', 'discord', 'teams', 'mattermost', 'generic'] as const;
export type WebhookFlavor = (typeof WEBHOOK_FLAVORS)[number];

interface AccountInputBase {
  name: string;
  editorialLineId?: string | null;
}

export type AccountInput =
  | (AccountInputBase & { network: 'mastodon'; instanceUrl: string; accessToken: string })
  | (AccountInputBase & { network: 'bluesky'; identifier: string; service?: string; appPassword: string })
  | (AccountInputBase & { network: 'webhook'; url: string; flavor: WebhookFlavor; secret?: string })
  | (AccountInputBase & { network: 'sandbox'; handle?: string });

/** The networks an account can be added for in this version (the others need OAuth). */
export type ConnectableNetwork = AccountInput['network'];

export type CredentialsUpdate = { accessToken: string } | { appPassword: string } | { secret?: string; url?: string };

export interface AccountUpdate {
  name?: string;
  editorialLineId?: string | null;
  disabled?: boolean;
  credentials?: CredentialsUpdate;
}

export type AccountStatus = 'pending' | 'connected' | 'needs_reauth' | 'error' | 'disabled';

export interface SocialAccount {
  documentId: string;
  network: Network;
  name: string;
  handle: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  instanceUrl: string | null;
  settings: { flavor?: string; service?: string };
  status: AccountStatus;
  statusReason: string | null;
  lastCheckedAt: string | null;
  tokenExpiresAt: string | null;
  editorialLine: { documentId: string; name: string } | null;
  limits: { maxCharacters?: number };
  storedSecrets: string[];
  createdAt: string;
  updatedAt: string;
}

export interface PluginStatus {
  encryption: { configured: boolean; activeKeyId: string | null };
}

/** Strapi's error envelope, as sent by every refused request. */
export interface ApiErrorEnvelope {
  data: null;
  error: {
    status: number;
    name: string;
    message: string;
    details?: {
      code?: string;
      errors?: Array<{ path: Array<string | number>; message: string; code?: string }>;
    };
  };
}
