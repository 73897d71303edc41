import type { Strapi } from '../core/strapi';
import { UID } from '../../content-types';
import { getService } from '../core/services';
import { chunks } from '../core/lists';
import { OPEN, type PublicationState } from '../../shared/publishing/states';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { readPublicationMessage } from '../../shared/publishing/messages';
import type { OutcomeActor, PublicationOutcomeKind, PublicationTrailLine } from '../../shared/publishing/contract';
import type { PublishedStatus } from '../planning/for-publishing';
import type { HistoryEntry, PublicationRow } from './dto';

/** Plans read or written by one statement: a backlog of thousands settles in several. */
const ROLL_UP_CHUNK = 500;

export type RolledUp = PublishedStatus;

/** A person who acted on a publication from the Publishing page, as the plan's trail names them. */
export interface Person {
  id: number;
  name: string;
  /** the publication they acted on: other rows' person lines keep the name their history holds */
  publicationDocumentId: string;
}

/** The plan's status its publications give, or null while there are none. Pure, for tests. */
export function rollUpStatus(states: readonly PublicationState[]): RolledUp | null {
  const live = states.filter((s) => s !== 'cancelled');
  if (!live.length) return null;
  if (live.some((s) => OPEN.includes(s))) return 'scheduled';
  const published = live.filter((s) => s === 'published').length;
  if (published === live.length) return 'published';
  return published > 0 ? 'partially_published' : 'failed';
}

/**
 * The history events that settle a publication, and what the plan's trail
 * calls each. A plan's own change (`cancelled` by the plan, `moved`) is not
 * here: the plan's trail already says it, with its author.
 */
const OUTCOMES: Record<string, { outcome: PublicationOutcomeKind; person: boolean }> = {
  published: { outcome: 'published', person: false },
  reconciled_found: { outcome: 'published', person: false },
  markPublished: { outcome: 'marked_published', person: true },
  failed: { outcome: 'failed', person: false },
  missed: { outcome: 'missed', person: false },
  outcome_unknown: { outcome: 'unknown', person: false },
  held: { outcome: 'held', person: false },
  cancel: { outcome: 'cancelled', person: true },
};

/** A person's history line names them in `by` (or, before issue 14, in its message "by Jane"). */
const personOf = (entry: HistoryEntry): string => entry.by ?? /^by (.+)$/.exec(entry.message ?? '')?.[1] ?? '—';

export type TrailRow = Pick<
  PublicationRow,
  'documentId' | 'planDocumentId' | 'accountDocumentId' | 'network' | 'state' | 'externalUrl' | 'errorCode' | 'lastError' | 'history'
>;

/** Who settled a publication, read from the history line that took it to its state. */
export function actorOf(entry: HistoryEntry): OutcomeActor {
  return OUTCOMES[entry.event]?.person ? { kind: 'person', name: personOf(entry) } : { kind: 'scheduler' };
}

/** The history line that took the row to its present state, if it is an outcome. */
export function settlingEntry(row: Pick<TrailRow, 'state' | 'history'>): HistoryEntry | null {
  const history = Array.isArray(row.history) ? row.history : [];
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    if (entry.to === undefined) continue;
    return entry.to === row.state && OUTCOMES[entry.event] ? entry : null;
  }
  return null;
}

/**
 * The plan trail's line for a settled publication: what happened, on which
 * network, who or what did it, the live link or the reason. Null when the
 * row's state is not an outcome (it is on its way, or the plan dropped it).
 * Pure, for tests.
 */
export function outcomeLineOf(row: TrailRow, person?: Person | null): PublicationTrailLine | null {
  const entry = settlingEntry(row);
  if (!entry) return null;
  const { outcome } = OUTCOMES[entry.event];
  const actor = actorOf(entry);
  const byPerson = actor.kind === 'person' && !!person && person.publicationDocumentId === row.documentId;
  return {
    at: entry.at,
    by: byPerson ? { id: person.id, name: person.name } : null,
    event: 'publication',
    outcome,
    actor: byPerson ? { kind: 'person', name: person.name } : actor,
    publication: {
      documentId: row.documentId,
      accountDocumentId: row.accountDocumentId,
      network: row.network,
      url: row.state === 'published' ? httpUrlOrNull(row.externalUrl) : null,
      error: row.errorCode && row.state !== 'published' ? readPublicationMessage(row.errorCode, row.lastError ?? '') : null,
    },
  };
}

const isLine = (value: unknown): value is PublicationTrailLine =>
  typeof value === 'object' && value !== null && (value as { event?: unknown }).event === 'publication';

/** The lines of `rows` the trail does not hold yet: one per settling (a retried post that fails again gets a second line). */
export function newOutcomeLines(trail: readonly unknown[], lines: readonly PublicationTrailLine[]): PublicationTrailLine[] {
  const seen = new Set(trail.filter(isLine).map((l) => `${l.publication?.documentId}@${l.at}`));
  return lines.filter((l) => !seen.has(`${l.publication.documentId}@${l.at}`));
}

const TRAIL_FIELDS = [
  'planDocumentId',
  'state',
  'documentId',
  'accountDocumentId',
  'network',
  'externalUrl',
  'errorCode',
  'lastError',
  'history',
] as const;

/**
 * Rolls plans up from their publications: published, partially published or
 * failed once every publication has settled, back to scheduled when a person
 * retries one. Planning writes the status (`setPublishedStatus`, the one
 * place the publisher changes a plan); this reads the publications.
 *
 * The same pass adds to each plan's trail the outcome of every publication
 * that settled since (published on a network by the scheduler, marked
 * published by a person, failed and why): the trail is derived from the rows,
 * so a line missed by a crash is written by the next roll-up, never twice.
 * `person` names who acted when a request from the Publishing page rolls up.
 *
 * Many plans at once: the scheduler settles a batch of publications and rolls
 * their plans up together: two reads for the whole batch and one UPDATE per
 * kind of change (scheduled → published…), in runs of ROLL_UP_CHUNK plans.
 */
export async function rollUpPlans(
  strapi: Strapi,
  planDocumentIds: Iterable<string>,
  now: number,
  person?: Person | null
): Promise<Map<string, RolledUp | null>> {
  const ids = [...new Set(planDocumentIds)];
  const result = new Map<string, RolledUp | null>();
  if (!ids.length) return result;
  const statesOf = new Map<string, PublicationState[]>(ids.map((id) => [id, []]));
  const linesOf = new Map<string, PublicationTrailLine[]>();
  for (const part of chunks(ids, ROLL_UP_CHUNK)) {
    const rows = (await strapi.db
      .query(UID.publication)
      .findMany({ where: { planDocumentId: { $in: part } }, select: [...TRAIL_FIELDS], orderBy: { id: 'asc' } })) as unknown as TrailRow[];
    for (const row of rows) {
      statesOf.get(row.planDocumentId)?.push(row.state);
      const line = outcomeLineOf(row, person);
      if (line) linesOf.set(row.planDocumentId, [...(linesOf.get(row.planDocumentId) ?? []), line]);
    }
  }
  for (const id of ids) result.set(id, rollUpStatus(statesOf.get(id)!));
  const outcomeLines = new Map(
    [...linesOf].map(([id, lines]) => [
      id,
      (trail: readonly unknown[]) => newOutcomeLines(trail, lines).sort((a, b) => a.at.localeCompare(b.at)),
    ])
  );
  await getService(strapi, 'post-plans').setPublishedStatus(result, now, outcomeLines);
  return result;
}

export async function rollUpPlan(strapi: Strapi, planDocumentId: string, now: number, person?: Person | null): Promise<RolledUp | null> {
  return (await rollUpPlans(strapi, [planDocumentId], now, person)).get(planDocumentId) ?? null;
}
