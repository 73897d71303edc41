import type { Row } from '../core/strapi';
import type { Network } from '../strategy/linter';
import type { PostStatus } from './workflow';

export interface TrailEntry {
  at: string;
  by: { id: number; name: string } | null;
  event: string;
  from?: PostStatus;
  to?: PostStatus;
  comment?: string;
}

export interface PostPlan {
  documentId: string;
  title: string;
  body: string;
  variants: Partial<Record<Network, { body: string }>>;
  accounts: Array<{ documentId: string; name: string; network: Network; handle: string | null; status: string }>;
  editorialLine: { documentId: string; name: string } | null;
  scheduledAt: string | null;
  timezone: string | null;
  localTime: string | null;
  status: PostStatus;
  pillar: string | null;
  campaign: string | null;
  utm: { enabled: boolean; campaign?: string };
  entry: { uid: string; documentId: string } | null;
  firstComment: string | null;
  trail: TrailEntry[];
  createdAt: string;
  updatedAt: string;
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export function toPostPlan(row: Row): PostPlan {
  const accounts = (Array.isArray(row.accounts) ? row.accounts : []) as Row[];
  const line = row.editorialLine as Row | null | undefined;
  return {
    documentId: row.documentId,
    title: String(row.title),
    body: String(row.body ?? ''),
    variants: (row.variants ?? {}) as PostPlan['variants'],
    accounts: accounts.map((a) => ({
      documentId: a.documentId,
      name: String(a.name),
      network: a.network as Network,
      handle: str(a.handle),
      status: String(a.status),
    })),
    editorialLine: line ? { documentId: line.documentId, name: String(line.name) } : null,
    scheduledAt: row.scheduledAt ? new Date(row.scheduledAt as string).toISOString() : null,
    timezone: str(row.timezone),
    localTime: str(row.localTime),
    status: row.status as PostStatus,
    pillar: str(row.pillar),
    campaign: str(row.campaign),
    utm: (row.utm ?? { enabled: false }) as PostPlan['utm'],
    entry: (row.entry ?? null) as PostPlan['entry'],
    firstComment: str(row.firstComment),
    trail: Array.isArray(row.trail) ? (row.trail as TrailEntry[]) : [],
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
  };
}
