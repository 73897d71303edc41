import type { Row } from '../core/strapi';
import type { Network } from '../../shared/linter';
import type { PostStatus, TransitionName } from '../../shared/planning/workflow';

export interface TrailEntry {
  at: string;
  by: { id: number; name: string } | null;
  event: string;
  from?: PostStatus;
  to?: PostStatus;
  comment?: string;
  /** a move in time: the instants (UTC) and local times before and after */
  schedule?: {
    from: { scheduledAt: string | null; localTime: string | null; timezone: string | null };
    to: { scheduledAt: string; localTime: string; timezone: string };
  };
}

/** How a post plan came to be: by hand, from an entry's share timeline, or auto-shared on publish. */
export type PostOrigin = 'manual' | 'share-timeline' | 'auto-share';
export interface PostMedia {
  id: number;
  url: string;
  name: string;
  mime: string;
  /** bytes (Strapi stores kilobytes) */
  size: number;
  width: number | null;
  height: number | null;
  /** this post's alt text for the file, else the library's own */
  alternativeText: string | null;
}

export interface PostComment {
  id: number;
  body: string;
  by: { id: number; name: string };
  at: string;
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
  origin: PostOrigin;
  firstComment: string | null;
  trail: TrailEntry[];
  media: PostMedia[];
  /** the workflow transitions the requesting user may take now (set by the routes that know the user) */
  availableTransitions?: TransitionName[];
  createdAt: string;
  updatedAt: string;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function toPostMedia(file: Row, alts: Record<string, string> = {}): PostMedia {
  const own = alts[String(file.id)];
  return {
    id: file.id,
    url: String(file.url),
    name: String(file.name),
    mime: String(file.mime),
    size: Math.round(Number(file.size ?? 0) * 1000),
    width: num(file.width),
    height: num(file.height),
    alternativeText: own !== undefined && own !== '' ? own : str(file.alternativeText),
  };
}

export function toPostComment(row: Row): PostComment {
  return {
    id: row.id,
    body: String(row.body),
    by: { id: Number(row.authorId), name: String(row.authorName ?? '') },
    at: String(row.createdAt),
  };
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
    origin: (row.origin ?? 'manual') as PostOrigin,
    firstComment: str(row.firstComment),
    trail: Array.isArray(row.trail) ? (row.trail as TrailEntry[]) : [],
    media: (Array.isArray(row.media) ? (row.media as Row[]) : []).map((file) =>
      toPostMedia(file, (row.mediaAlt ?? {}) as Record<string, string>)
    ),
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
  };
}
