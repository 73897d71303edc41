import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { HttpError, badRequest, fieldError, notFound } from '../core/errors';
import { getService } from '../core/services';
import { lint, type Network } from '../strategy/linter';
import { toPostPlan, type PostPlan, type TrailEntry } from './dto';
import { resolveSchedule } from './schedule';
import type { PostPlanInput } from './schemas';
import { DEFAULT_WORKFLOW_SETTINGS, afterEdit, transition as runTransition, type TransitionName } from './workflow';

const POPULATE = {
  accounts: { fields: ['name', 'network', 'handle', 'status', 'limits'] },
  editorialLine: { fields: ['name'] },
} as const;

export interface Actor {
  id: number;
  name: string;
  actions: readonly string[];
}

const LENGTH_CODES = new Set(['too_long', 'too_many_bytes', 'too_many_hashtags', 'empty']);

export default ({ strapi }: { strapi: Strapi }) => {
  const documents = () => strapi.documents(UID.postPlan);
  const settings = DEFAULT_WORKFLOW_SETTINGS;

  async function findRow(documentId: string): Promise<Row> {
    const row = (await documents().findOne({ documentId, populate: POPULATE as never })) as unknown as Row | null;
    if (!row) throw notFound('Post plan');
    return row;
  }

  const trailEntry = (actor: Actor, event: string, extra: Partial<TrailEntry> = {}): TrailEntry => ({
    at: new Date().toISOString(),
    by: { id: actor.id, name: actor.name },
    event,
    ...extra,
  });

  /** Checks every reference the input makes, so nothing is stored pointing at nothing. */
  async function toData(input: PostPlanInput) {
    const accounts = getService(strapi, 'accounts');
    for (const [i, id] of input.accountIds.entries()) {
      const exists = await accounts.exists(id);
      if (!exists) throw badRequest('This account does not exist', [{ path: ['accountIds', i], message: 'This account does not exist', code: 'not_found' }]);
    }
    if (input.editorialLineId && !(await getService(strapi, 'editorial-lines').exists(input.editorialLineId))) {
      throw fieldError('editorialLineId', 'This editorial line does not exist', 'not_found');
    }
    if (input.entry) {
      if (!strapi.contentTypes[input.entry.uid as keyof typeof strapi.contentTypes]) {
        throw fieldError('entry.uid', `There is no content type ${input.entry.uid}`, 'not_found');
      }
      const entry = await strapi.documents(input.entry.uid as never).findOne({ documentId: input.entry.documentId });
      if (!entry) throw fieldError('entry.documentId', 'The linked entry does not exist', 'not_found');
    }
    const schedule = input.schedule ? resolveSchedule(input.schedule) : null;
    return {
      title: input.title,
      body: input.body,
      variants: input.variants,
      accounts: input.accountIds,
      editorialLine: input.editorialLineId ?? null,
      scheduledAt: schedule?.scheduledAt ?? null,
      timezone: schedule?.timezone ?? null,
      localTime: schedule?.localTime ?? null,
      pillar: input.pillar ?? null,
      campaign: input.campaign ?? null,
      firstComment: input.firstComment ?? null,
      utm: input.utm,
      entry: input.entry ?? null,
    };
  }

  /** What must hold before a post may be scheduled: a future time, accounts that can take it, texts within limits. */
  function assertSchedulable(row: Row) {
    if (!row.scheduledAt) throw fieldError('schedule', 'Choose a date and time before scheduling', 'schedule_missing');
    if (new Date(row.scheduledAt as string).getTime() <= Date.now()) {
      throw fieldError('schedule', 'This time is in the past: choose a later one', 'in_the_past');
    }
    const accounts = (Array.isArray(row.accounts) ? row.accounts : []) as Row[];
    if (!accounts.length) throw fieldError('accountIds', 'Choose at least one account', 'no_account');
    const variants = (row.variants ?? {}) as Partial<Record<Network, { body: string }>>;
    for (const account of accounts) {
      if (account.status === 'disabled') {
        throw fieldError('accountIds', `${String(account.name)} is disabled: enable it or remove it from the post`, 'account_disabled');
      }
      const network = account.network as Network;
      const text = variants[network]?.body ?? String(row.body ?? '');
      const limit = (account.limits as { maxCharacters?: number } | null)?.maxCharacters;
      const result = lint({ text, network, limit });
      const problem = result.findings.find((f) => LENGTH_CODES.has(f.code));
      if (problem) {
        throw new HttpError(400, problem.code, `${String(account.name)}: ${problem.message}`, [
          { path: ['variants', network, 'body'], message: problem.message, code: problem.code },
        ], { network, length: result.length });
      }
    }
  }

  return {
    async list(query: { status?: string; from?: string; to?: string; page: number; pageSize: number }) {
      const filters: Record<string, unknown> = {};
      if (query.status) filters.status = query.status;
      if (query.from || query.to) {
        filters.scheduledAt = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) };
      }
      const [rows, total] = await Promise.all([
        documents().findMany({
          filters: filters as never,
          populate: POPULATE as never,
          sort: ['scheduledAt:asc', 'createdAt:desc'],
          start: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }) as unknown as Promise<Row[]>,
        documents().count({ filters: filters as never }),
      ]);
      return { results: rows.map(toPostPlan), pagination: { page: query.page, pageSize: query.pageSize, total } };
    },

    async get(documentId: string): Promise<PostPlan> {
      return toPostPlan(await findRow(documentId));
    },

    async create(input: PostPlanInput, actor: Actor): Promise<PostPlan> {
      const data = await toData(input);
      const row = (await documents().create({ data: { ...data, status: 'draft', trail: [trailEntry(actor, 'created')] } as never })) as unknown as Row;
      return this.get(row.documentId);
    },

    async update(documentId: string, input: PostPlanInput, actor: Actor): Promise<PostPlan> {
      const before = toPostPlan(await findRow(documentId));
      const data = await toData(input);
      const content =
        before.title !== data.title ||
        before.body !== data.body ||
        JSON.stringify(before.variants) !== JSON.stringify(data.variants) ||
        JSON.stringify(before.accounts.map((a) => a.documentId).sort()) !== JSON.stringify([...data.accounts].sort()) ||
        before.firstComment !== data.firstComment;
      const timing = before.scheduledAt !== (data.scheduledAt ? data.scheduledAt.toISOString() : null);
      const edit = afterEdit(before.status, { content, timing }, settings);
      if (!edit.ok) throw new HttpError(409, edit.code, edit.message);
      const trail = [...before.trail, trailEntry(actor, 'edited', edit.status !== before.status ? { from: before.status, to: edit.status } : {})];
      await documents().update({ documentId, data: { ...data, status: edit.status, trail } as never });
      return this.get(documentId);
    },

    async remove(documentId: string): Promise<{ documentId: string }> {
      await findRow(documentId);
      await documents().delete({ documentId });
      return { documentId };
    },

    async transition(documentId: string, name: TransitionName, comment: string | undefined, actor: Actor): Promise<PostPlan> {
      const row = await findRow(documentId);
      const result = runTransition({ from: row.status as never, transition: name, userActions: actor.actions, comment, settings });
      if (!result.ok) {
        const status = result.code === 'missing_permission' ? 403 : 400;
        throw new HttpError(status, result.code, result.message, result.code === 'comment_required' ? [{ path: ['comment'], message: result.message, code: result.code }] : []);
      }
      if (result.to === 'scheduled') assertSchedulable(row);
      const trail = [...((row.trail as TrailEntry[]) ?? []), trailEntry(actor, name, { from: result.trail.from, to: result.trail.to, ...(result.trail.comment ? { comment: result.trail.comment } : {}) })];
      await documents().update({ documentId, data: { status: result.to, trail } as never });
      return this.get(documentId);
    },
  };
};
