import type { Row } from '../core/strapi';
import type { Network } from '../../shared/linter';
import type { PostStatus } from '../../shared/planning/workflow';
import type { TrailEntry, PostOrigin, PostMedia, PostComment, PostPlan } from '../../shared/planning/contract';
export type { TrailEntry, PostOrigin, PostMedia, PostComment, PostPlan };

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
