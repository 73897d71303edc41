import { postPlanInput } from '../../shared/planning/contract';
import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { HttpError, notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { getService } from '../core/services';
import type { Actor } from '../planning/service';
import { toWatchItem, type WatchItem } from './dto';
import { ITEM_TABLE } from './indexes';
import { isUniqueViolation } from '../core/db/indexes';
import { newDocumentId } from '../core/db/ids';
import { matchAlerts, matchKeywords, pillarTerms, relevance, searchableText, type EditorialTerms } from './matching';
import type { ItemDraft } from './normalize';
import type { ItemsPage, ItemsQuery } from '../../shared/watch/contract';
import { commentaryTemplate } from './curation';

/** Rows per insert statement (about 25 columns each). */
const INSERT_CHUNK = 200;

export default ({ strapi }: { strapi: Strapi }) => {
  const rows = () => strapi.db.query(UID.watchItem);

  async function findRow(documentId: string): Promise<Row> {
    const row = (await rows().findOne({ where: { documentId } })) as Row | null;
    if (!row) throw notFound('Item', serverMessage('item_not_found'));
    return row;
  }

  /** The editorial lines' pillars and hashtags, the yardstick of relevance. */
  async function editorialTerms(): Promise<EditorialTerms> {
    const lines = await getService(strapi, 'editorial-lines').list();
    return {
      pillars: lines.flatMap((line) => line.pillars.map((p) => ({ name: p.name, terms: pillarTerms(p.name, p.description ?? '') }))),
      hashtags: [...new Set(lines.flatMap((line) => [...line.hashtags.required, ...line.hashtags.suggested]))],
    };
  }

  async function filtersOf(query: ItemsQuery): Promise<Record<string, unknown>> {
    const and: Array<Record<string, unknown>> = [];
    if (query.source) and.push({ sourceRef: query.source });
    if (query.tag) {
      const sources = await getService(strapi, 'watch-sources').list();
      and.push({
        sourceRef: {
          $in: sources
            .filter((s) => s.tags.includes(query.tag!))
            .map((s) => s.documentId)
            .concat('-'),
        },
      });
    }
    if (query.keyword) and.push({ keywordIndex: { $containsi: `|${query.keyword.toLowerCase()}|` } });
    if (query.state === 'unread') and.push({ state: 'new' });
    else if (query.state && query.state !== 'all') and.push({ state: query.state });
    else if (!query.state) and.push({ state: { $ne: 'archived' } });
    if (query.alerted !== undefined) and.push({ alerted: query.alerted });
    if (query.from) and.push({ publishedTime: { $gte: new Date(query.from) } });
    if (query.to) and.push({ publishedTime: { $lt: new Date(query.to) } });
    if (query.q) {
      // Each word must appear somewhere (title, summary, content or author), in any order.
      for (const word of query.q.split(/\s+/).filter(Boolean).slice(0, 8)) {
        and.push({ $or: ['title', 'summary', 'content', 'author'].map((field) => ({ [field]: { $containsi: word } })) });
      }
    }
    return and.length ? { $and: and } : {};
  }

  return {
    async list(query: ItemsQuery): Promise<ItemsPage> {
      const where = await filtersOf(query);
      const orderBy =
        query.sort === 'relevant'
          ? [{ relevance: 'desc' }, { publishedTime: 'desc' }, { id: 'desc' }]
          : [{ publishedTime: 'desc' }, { id: 'desc' }];
      const [found, total] = await Promise.all([
        rows().findMany({ where, orderBy, offset: (query.page - 1) * query.pageSize, limit: query.pageSize }) as Promise<Row[]>,
        rows().count({ where }),
      ]);
      return { results: found.map(toWatchItem), pagination: { page: query.page, pageSize: query.pageSize, total } };
    },

    async get(documentId: string): Promise<WatchItem> {
      return toWatchItem(await findRow(documentId));
    },

    /**
     * Stores the new entries of one fetch: keywords, relevance and alerts are
     * worked out once here. Known entries are skipped by a lookup first; a
     * concurrent insert of the same entry (another instance) hits the unique
     * index and is skipped too.
     */
    async store(source: Row, drafts: ItemDraft[]): Promise<{ created: number }> {
      if (!drafts.length) return { created: 0 };
      const sourceRef = source.documentId;
      const unique = [...new Map(drafts.map((d) => [d.dedupKey, d])).values()];
      const known = new Set(
        (
          (await rows().findMany({ select: ['dedupKey'], where: { sourceRef, dedupKey: { $in: unique.map((d) => d.dedupKey) } } })) as Row[]
        ).map((r) => String(r.dedupKey))
      );
      const fresh = unique.filter((d) => !known.has(d.dedupKey));
      if (!fresh.length) return { created: 0 };
      const [terms, rules] = await Promise.all([editorialTerms(), getService(strapi, 'watch-alerts').activeRules()]);
      const keywords = Array.isArray(source.keywords) ? (source.keywords as string[]) : [];
      const now = new Date();
      const data = fresh.map((draft) => {
        const text = searchableText(draft);
        const matched = matchKeywords(text, keywords);
        const score = relevance(text, terms, matched.length);
        const alerts = matchAlerts(text, rules);
        return {
          documentId: newDocumentId(),
          sourceRef,
          sourceName: source.name,
          ...draft,
          matchedKeywords: matched,
          keywordIndex: matched.length ? `|${matched.map((k) => k.toLowerCase()).join('|')}|`.slice(0, 2000) : null,
          pillars: score.pillars,
          relevance: score.score,
          alertRules: alerts,
          alerted: alerts.length > 0,
          state: 'new',
          createdAt: now,
          updatedAt: now,
          publishedAt: now,
        };
      });
      // Chunks keep each statement under the databases' bound-parameter limits (SQLite 32,766, PostgreSQL 65,535).
      let created = 0;
      for (let start = 0; start < data.length; start += INSERT_CHUNK) {
        const chunk = data.slice(start, start + INSERT_CHUNK);
        try {
          await rows().createMany({ data: chunk });
          created += chunk.length;
          continue;
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
        // Someone stored some of these meanwhile: one by one, skipping the ones already there.
        for (const row of chunk) {
          try {
            await rows().create({ data: row });
            created++;
          } catch (err) {
            if (!isUniqueViolation(err)) throw err;
          }
        }
      }
      return { created };
    },

    async unreadCounts(): Promise<Map<string, number>> {
      const counts = (await strapi.db
        .connection(ITEM_TABLE)
        .select('source_ref')
        .count({ n: '*' })
        .where('state', 'new')
        .groupBy('source_ref')) as Array<{
        source_ref: string;
        n: number | string;
      }>;
      return new Map(counts.map((c) => [c.source_ref, Number(c.n)]));
    },

    async alertCount(): Promise<number> {
      return rows().count({ where: { alerted: true, state: 'new' } });
    },

    async setState(documentId: string, state: 'new' | 'read' | 'starred' | 'archived'): Promise<WatchItem> {
      const row = await findRow(documentId);
      await rows().update({ where: { id: row.id }, data: { state, updatedAt: new Date() } });
      return this.get(documentId);
    },

    async bulkState(ids: string[], state: 'new' | 'read' | 'starred' | 'archived'): Promise<{ updated: number }> {
      // A curated item stays curated: its link to the draft is the point.
      const { count } = await rows().updateMany({
        where: { documentId: { $in: ids }, state: { $ne: 'curated' } },
        data: { state, updatedAt: new Date() },
      });
      return { updated: count };
    },

    async renameSource(sourceRef: string, name: string) {
      await rows().updateMany({ where: { sourceRef }, data: { sourceName: name } });
    },

    async removeOfSource(sourceRef: string): Promise<number> {
      const { count } = await rows().deleteMany({ where: { sourceRef } });
      return count;
    },

    /** Since `since`, the items that tripped an alert with the digest on, for the daily email. */
    async alertedSince(since: Date, ruleIds: string[]): Promise<WatchItem[]> {
      const found = (await rows().findMany({
        where: { alerted: true, fetchedAt: { $gt: since } },
        orderBy: [{ publishedTime: 'desc' }],
        limit: 200,
      })) as Row[];
      const wanted = new Set(ruleIds);
      return found
        .filter((row) => (Array.isArray(row.alertRules) ? (row.alertRules as string[]) : []).some((id) => wanted.has(id)))
        .map(toWatchItem);
    },

    /**
     * One click from an item to a post draft: the item's title and link with a
     * commentary template, created through the post plans' own service (so its
     * checks and trail apply), then the item is marked curated and linked.
     */
    async curate(documentId: string, input: { commentary?: string; editorialLineId?: string | null }, actor: Actor) {
      const row = await findRow(documentId);
      const item = toWatchItem(row);
      if (item.curatedPlanId && (await strapi.documents(UID.postPlan).findOne({ documentId: item.curatedPlanId }))) {
        throw new HttpError(409, 'already_curated', serverMessage('item_already_curated'), [], { postPlanId: item.curatedPlanId });
      }
      // Through the post plans' own input schema, so their defaults (media, UTM…) apply as for any new post.
      const plan = await getService(strapi, 'post-plans').create(
        postPlanInput.parse({
          title: item.title.slice(0, 200),
          body: commentaryTemplate(item, input.commentary),
          variants: {},
          accountIds: [],
          editorialLineId: input.editorialLineId ?? null,
          schedule: null,
          pillar: item.pillars[0]?.slice(0, 80) ?? null,
          campaign: null,
          firstComment: null,
          utm: { enabled: false },
          entry: null,
        }),
        actor
      );
      await rows().update({ where: { id: row.id }, data: { state: 'curated', curatedPlanId: plan.documentId, updatedAt: new Date() } });
      return { item: await this.get(documentId), postPlan: { documentId: plan.documentId, title: plan.title, status: plan.status } };
    },
  };
};
