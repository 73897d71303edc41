import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { tableOf } from '../core/db/columns';
import { caseOn } from '../core/db/case';
import { chunks, groupBy } from '../core/lists';
import type { UtmPlan } from '../../shared/planning/utm';

/**
 * What publishing needs of post plans, and nothing more: planning owns the
 * plan's rows; publishing reads a plan's words at the moment of sending and
 * writes the status its publications add up to, through these functions only.
 */

/** Plans read or written by one statement: a backlog of thousands settles in several. */
const CHUNK = 500;

/** Plan statuses the publisher owns; a draft or a cancelled plan is never touched. */
const PUBLISHER_OWNED = ['scheduled', 'published', 'partially_published', 'failed'];

export type PublishedStatus = 'scheduled' | 'published' | 'partially_published' | 'failed';

export interface PlanFileRef {
  id: number;
  url: string;
  mime: string;
  name: string;
  alternativeText?: string | null;
}

/** A plan's words and media as publishing sends them. */
export type PlanToPublish = UtmPlan & {
  documentId: string;
  firstComment: string | null;
  media: PlanFileRef[] | null;
  mediaAlt: Record<string, string> | null;
};

export function forPublishing(strapi: Strapi) {
  return {
    /** The texts and media of many plans, in one read; only these fields. */
    async textsToPublish(documentIds: readonly string[]): Promise<Map<string, PlanToPublish>> {
      const plans = (await strapi.documents(UID.postPlan).findMany({
        filters: { documentId: { $in: [...documentIds] } } as never,
        fields: ['body', 'variants', 'firstComment', 'utm', 'campaign', 'mediaAlt'] as never,
        populate: { media: { fields: ['url', 'mime', 'name', 'alternativeText'] } } as never,
      })) as unknown as PlanToPublish[];
      return new Map(plans.map((p) => [p.documentId, p]));
    },

    /** Plans' titles, for the Publishing page. */
    async titlesOf(documentIds: readonly string[]): Promise<Map<string, string>> {
      if (!documentIds.length) return new Map();
      const plans = (await strapi
        .documents(UID.postPlan)
        .findMany({ filters: { documentId: { $in: [...documentIds] } } as never, fields: ['title'] })) as unknown as Array<{
        documentId: string;
        title: string;
      }>;
      return new Map(plans.map((p) => [p.documentId, p.title]));
    },

    /**
     * The one place the publisher writes a plan's status: each plan in
     * `targets` takes the status its publications add up to, when the status
     * it holds is one the publisher owns; its trail records the change.
     * One UPDATE per (from, to) pair, each plan's trail a CASE on its id,
     * conditional on the status it was read with (a person's edit in between
     * wins). A row write, not the entity manager's: about 0.6 ms a plan there,
     * the largest cost of a batch (bench/publish-latency).
     */
    async setPublishedStatus(
      targets: ReadonlyMap<string, PublishedStatus | null>,
      now: number,
      /** publishing's outcome lines (server/publishing/rollup.ts): given the plan's trail, the lines to add to it */
      outcomeLines?: ReadonlyMap<string, (trail: readonly unknown[]) => unknown[]>
    ): Promise<void> {
      const ids = [...targets.keys()];
      const changes: Array<{ id: number; from: string; to: string; trail: unknown[] }> = [];
      for (const part of chunks(ids, CHUNK)) {
        const plans = (await strapi.db
          .query(UID.postPlan)
          .findMany({ where: { documentId: { $in: part } }, select: ['id', 'documentId', 'status', 'trail'] })) as unknown as Row[];
        for (const plan of plans) {
          const target = targets.get(String(plan.documentId));
          const trail = Array.isArray(plan.trail) ? plan.trail : [];
          const lines = outcomeLines?.get(String(plan.documentId))?.(trail) ?? [];
          const moves = !!target && PUBLISHER_OWNED.includes(String(plan.status)) && plan.status !== target;
          if (!moves && !lines.length) continue;
          // An outcome line alone keeps the status (the UPDATE below is still conditional on it).
          changes.push({
            id: Number(plan.id),
            from: String(plan.status),
            to: moves ? target : String(plan.status),
            trail: [
              ...trail,
              ...lines,
              ...(moves ? [{ at: new Date(now).toISOString(), by: null, event: 'publishing', from: plan.status, to: target }] : []),
            ],
          });
        }
      }
      if (!changes.length) return;
      const { name: table, col } = tableOf(strapi, UID.postPlan);
      for (const group of groupBy(changes, (c) => `${c.from}>${c.to}`)) {
        const { from, to } = group[0];
        for (const part of chunks(group, CHUNK)) {
          await strapi.db
            .connection(table)
            .whereIn(
              col('id'),
              part.map((c) => c.id)
            )
            .andWhere(col('status'), from)
            .update({
              [col('status')]: to,
              [col('trail')]: caseOn(
                strapi,
                col('id'),
                part.map((c) => [c.id, c.trail] as const),
                { json: true }
              ),
              [col('updatedAt')]: new Date(),
            });
        }
      }
    },
  };
}
