import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { HttpError, badRequest, fieldError, fieldIssue, notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { getService } from '../core/services';
import { ACTIONS, actionUid } from '../../shared/core/permissions';
import { lint, loadTwitterText, type Network } from '../../shared/linter';
import { toPostPlan, type PostOrigin, type PostPlan, type TrailEntry } from './dto';
import { resolveSchedule } from './schedule';
import type { ListQuery, PostPlanInput, ScheduleInput } from '../../shared/planning/contract';
import { checkMedia } from '../../shared/networks/media-rules';
import { renderText } from '../../shared/planning/utm';
import { listFilters, listSort } from './list-query';
import { commentMethods } from './comments';
import type { BulkAction, BulkResult, PostPage } from '../../shared/planning/contract';
import {
  decideWrite,
  takeShortcut,
  transition as runTransition,
  type PostChange,
  type PostStatus,
  type TransitionName,
} from '../../shared/planning/workflow';
import { postChange, type Outgoing } from './changes';
import { forPublishing } from './for-publishing';

const POPULATE = {
  accounts: { fields: ['name', 'network', 'handle', 'status', 'limits'] },
  editorialLine: { fields: ['name'] },
  media: { fields: ['name', 'url', 'mime', 'size', 'width', 'height', 'alternativeText'] },
} as const;

export interface Actor {
  id: number;
  name: string;
  actions: readonly string[];
}

const LENGTH_CODES = new Set(['too_long', 'too_many_bytes', 'too_many_hashtags', 'empty']);

export default ({ strapi }: { strapi: Strapi }) => {
  const documents = () => strapi.documents(UID.postPlan);
  // Read on every write: a change on the settings page applies at once, on every instance.
  const workflowSettings = () => getService(strapi, 'settings').workflow();

  /**
   * Publishing keeps one publication per target account in step with the plan.
   * Call this after EVERY write that can change a plan's status, time or
   * accounts (update, transition, remove, and any new method: reschedule, bulk
   * actions, duplicate...). It is idempotent. `rearm` only for the transitions
   * into `scheduled` (schedule, retry): a publication a publisher cancelled, or
   * that failed, goes out again by their decision, never as a side effect of an edit.
   */
  const syncPublications = (documentId: string, options: { rearm?: boolean } = {}) =>
    getService(strapi, 'publications').syncPlan(documentId, options);

  /**
   * Every write that is not a named transition asks the workflow here (PUT,
   * reschedule, DELETE), so the same change gets the same answer whatever the
   * route. Returns the status the post takes.
   */
  async function authoriseWrite(
    from: PostStatus,
    write: { write: 'edit'; change: PostChange } | { write: 'delete' },
    actor: Actor
  ): Promise<PostStatus> {
    const decision = decideWrite({ from, userActions: actor.actions, settings: await workflowSettings(), ...write });
    if (!decision.ok) {
      const status = decision.code === 'missing_permission' ? 403 : 409;
      // The workflow's English names the states and the permission; the code says the rule in any language.
      throw new HttpError(
        status,
        decision.code,
        { ...serverMessage(decision.code), text: decision.message },
        [],
        decision.requiredAction ? { requiredAction: decision.requiredAction } : {}
      );
    }
    return decision.to;
  }

  /**
   * A new time is checked as scheduling checks it, whatever the route: never in
   * the past (it would go out at once), and a post that stays scheduled keeps one.
   */
  function assertNewTime(scheduledAt: Date | null, to: PostStatus) {
    if (!scheduledAt) {
      if (to === 'scheduled') throw fieldError('schedule', serverMessage('schedule_keep_time'), 'schedule_missing');
      return;
    }
    if (scheduledAt.getTime() <= Date.now()) {
      const message = serverMessage('in_the_past');
      throw new HttpError(400, 'in_the_past', message, [fieldIssue(['schedule', 'local'], message, 'in_the_past')]);
    }
  }

  /** The stored post in the terms `postChange` compares. */
  const outgoingOf = (row: Row, plan: PostPlan): Outgoing => ({
    body: plan.body,
    variants: plan.variants,
    accountIds: plan.accounts.map((a) => a.documentId),
    media: plan.media.map((file) => file.id),
    mediaAlt: (row.mediaAlt ?? {}) as Record<string, string>,
    firstComment: plan.firstComment,
    utm: plan.utm,
    campaign: plan.campaign,
    scheduledAt: plan.scheduledAt,
  });

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
      if (!exists)
        throw badRequest(serverMessage('account_missing'), [fieldIssue(['accountIds', i], serverMessage('account_missing'), 'not_found')]);
    }
    if (input.editorialLineId && !(await getService(strapi, 'editorial-lines').exists(input.editorialLineId))) {
      throw fieldError('editorialLineId', serverMessage('line_missing'), 'not_found');
    }
    if (input.entry) {
      if (!strapi.contentTypes[input.entry.uid as keyof typeof strapi.contentTypes]) {
        throw fieldError('entry.uid', serverMessage('content_type_missing', { uid: input.entry.uid }), 'not_found');
      }
      const entry = await strapi.documents(input.entry.uid as never).findOne({ documentId: input.entry.documentId });
      if (!entry) throw fieldError('entry.documentId', serverMessage('entry_missing'), 'not_found');
    }
    const mediaIds = input.media.map((file) => file.id);
    if (mediaIds.length) {
      const found = (await strapi.db.query('plugin::upload.file').findMany({ where: { id: { $in: mediaIds } }, select: ['id'] })) as Row[];
      const known = new Set(found.map((file) => Number(file.id)));
      const missing = input.media.findIndex((file) => !known.has(file.id));
      if (missing !== -1) {
        const message = serverMessage('media_missing');
        throw badRequest(message, [fieldIssue(['media', missing, 'id'], message, 'not_found')]);
      }
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
      // Plain columns beside the JSON: the article panel and the posts filters use them the same way on every database.
      entryUid: input.entry?.uid ?? null,
      entryDocumentId: input.entry?.documentId ?? null,
      media: mediaIds,
      mediaAlt: Object.fromEntries(input.media.filter((file) => file.alt).map((file) => [String(file.id), file.alt])),
    };
  }

  /** What must hold before a post may be scheduled: a future time, accounts that can take it, texts within limits. */
  function assertSchedulable(row: Row) {
    if (!row.scheduledAt) throw fieldError('schedule', serverMessage('schedule_missing'), 'schedule_missing');
    if (new Date(row.scheduledAt as string).getTime() <= Date.now()) {
      throw fieldError('schedule', serverMessage('in_the_past'), 'in_the_past');
    }
    const accounts = (Array.isArray(row.accounts) ? row.accounts : []) as Row[];
    if (!accounts.length) throw fieldError('accountIds', serverMessage('post_accounts_required'), 'no_account');
    const variants = (row.variants ?? {}) as Partial<Record<Network, { body: string }>>;
    for (const account of accounts) {
      if (account.status === 'disabled') {
        throw fieldError('accountIds', serverMessage('post_account_disabled', { account: String(account.name) }), 'account_disabled');
      }
      const network = account.network as Network;
      const text = variants[network]?.body ?? String(row.body ?? '');
      const limit = (account.limits as { maxCharacters?: number } | null)?.maxCharacters;
      const result = lint({ text, network, limit });
      const problem = result.findings.find((f) => LENGTH_CODES.has(f.code));
      if (problem) {
        throw new HttpError(
          400,
          problem.code,
          `${String(account.name)}: ${problem.message}`,
          [{ path: ['variants', network, 'body'], message: problem.message, code: problem.code }],
          { network, length: result.length }
        );
      }
      const files = toPostPlan(row).media;
      const [mediaProblem] = checkMedia(network, files, String(account.name));
      if (mediaProblem) {
        const index = files.findIndex((file) => file.id === mediaProblem.fileId);
        const message = { ...serverMessage(mediaProblem.code, mediaProblem.params), text: mediaProblem.message };
        throw new HttpError(
          400,
          mediaProblem.code,
          message,
          [fieldIssue(index === -1 ? ['media'] : ['media', index], message, mediaProblem.code)],
          { network, ...(mediaProblem.fileName ? { file: mediaProblem.fileName } : {}) }
        );
      }
    }
  }

  const publishing = forPublishing(strapi);

  return {
    /** For publishing only: the plans' words at the moment of sending (see for-publishing.ts). */
    textsToPublish: publishing.textsToPublish,
    /** For publishing only: the plans' titles on the Publishing page. */
    titlesOf: publishing.titlesOf,
    /** For publishing only: the status a plan's publications add up to. */
    setPublishedStatus: publishing.setPublishedStatus,

    async list(query: ListQuery): Promise<PostPage> {
      const filters = listFilters(query);
      const [rows, total] = await Promise.all([
        documents().findMany({
          filters: filters as never,
          populate: POPULATE as never,
          sort: listSort(query),
          start: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }) as unknown as Promise<Row[]>,
        documents().count({ filters: filters as never }),
      ]);
      return { results: rows.map(toPostPlan), pagination: { page: query.page, pageSize: query.pageSize, total } };
    },

    /** The post plans linked to one CMS entry, newest first (the article side panel). */
    async listForEntry(entry: { uid: string; documentId: string }): Promise<PostPlan[]> {
      const rows = (await documents().findMany({
        filters: { entryUid: entry.uid, entryDocumentId: entry.documentId } as never,
        populate: POPULATE as never,
        sort: ['createdAt:desc', 'id:desc'],
        limit: 200,
      })) as unknown as Row[];
      return rows.map(toPostPlan);
    },

    async get(documentId: string): Promise<PostPlan> {
      return toPostPlan(await findRow(documentId));
    },

    /**
     * `origin` says how the post came to be (by hand, share timeline, auto-share);
     * `event`/`comment` name its first trail entry (a duplicate says what it copies).
     */
    async create(
      input: PostPlanInput,
      actor: Actor,
      options: { origin?: PostOrigin; event?: string; comment?: string } = {}
    ): Promise<PostPlan> {
      const data = await toData(input);
      const first = trailEntry(actor, options.event ?? 'created', options.comment ? { comment: options.comment } : {});
      const row = (await documents().create({
        data: { ...data, origin: options.origin ?? 'manual', status: 'draft', trail: [first] } as never,
      })) as unknown as Row;
      return this.get(row.documentId);
    },

    async update(documentId: string, input: PostPlanInput, actor: Actor): Promise<PostPlan> {
      const beforeRow = await findRow(documentId);
      const before = toPostPlan(beforeRow);
      const data = await toData(input);
      const after = { ...data, accountIds: data.accounts, scheduledAt: data.scheduledAt ? data.scheduledAt.toISOString() : null };
      const change = postChange(outgoingOf(beforeRow, before), after);
      const status = await authoriseWrite(before.status, { write: 'edit', change }, actor);
      if (change.timing) assertNewTime(data.scheduledAt, status);
      const trail = [...before.trail, trailEntry(actor, 'edited', status !== before.status ? { from: before.status, to: status } : {})];
      await documents().update({ documentId, data: { ...data, status, trail } as never });
      await syncPublications(documentId);
      return this.get(documentId);
    },

    /**
     * Moves a post in time and nothing else (calendar drag and drop, and its
     * Undo). The same timing-only edit as a PUT with a new time, decided by
     * the same `authoriseWrite`: an approved post stays approved unless the
     * workflow settings say otherwise; a scheduled one needs a publisher.
     */
    async reschedule(documentId: string, input: ScheduleInput, actor: Actor): Promise<PostPlan> {
      const before = toPostPlan(await findRow(documentId));
      const status = await authoriseWrite(before.status, { write: 'edit', change: { content: false, timing: true } }, actor);
      const schedule = resolveSchedule(input);
      assertNewTime(schedule.scheduledAt, status);
      const moved = {
        from: { scheduledAt: before.scheduledAt, localTime: before.localTime, timezone: before.timezone },
        to: { scheduledAt: schedule.scheduledAt.toISOString(), localTime: schedule.localTime, timezone: schedule.timezone },
      };
      const statusChange = status !== before.status ? { from: before.status, to: status } : {};
      const trail = [...before.trail, trailEntry(actor, 'rescheduled', { ...statusChange, schedule: moved })];
      await documents().update({
        documentId,
        data: { scheduledAt: schedule.scheduledAt, timezone: schedule.timezone, localTime: schedule.localTime, status, trail } as never,
      });
      // A scheduled post moved on the calendar moves its publications too.
      await syncPublications(documentId);
      return this.get(documentId);
    },

    /**
     * Deleting is cancelling for good, with the cancel transition's permission;
     * a published post is the record of what went out and stays. A scheduled
     * post is cancelled first (its pending publications taken back, each by a
     * conditional write), then the post goes with its publications, unless one
     * went out or may have meanwhile: then it stays, cancelled, with them.
     */
    async remove(documentId: string, actor: Actor): Promise<{ documentId: string }> {
      const row = await findRow(documentId);
      const from = row.status as PostStatus;
      await authoriseWrite(from, { write: 'delete' }, actor);
      if (from === 'scheduled') {
        const trail = [...((row.trail as TrailEntry[]) ?? []), trailEntry(actor, 'cancel', { from, to: 'cancelled', comment: 'Deleted' })];
        await documents().update({ documentId, data: { status: 'cancelled', trail } as never });
        await syncPublications(documentId);
      }
      await getService(strapi, 'publications').removeForPlan(documentId);
      await documents().delete({ documentId });
      await strapi.db.query(UID.postComment).deleteMany({ where: { postPlan: documentId } });
      return { documentId };
    },

    /**
     * A named transition; `approve` on `schedule` takes the approve_and_schedule
     * shortcut (approval required, the user may take each step): one write, one
     * trail line that says so, with the actor.
     */
    async transition(
      documentId: string,
      name: TransitionName,
      comment: string | undefined,
      actor: Actor,
      options: { approve?: boolean } = {}
    ): Promise<PostPlan> {
      const row = await findRow(documentId);
      const settings = await workflowSettings();
      const from = row.status as PostStatus;
      const result =
        options.approve && name === 'schedule' && settings.approvalRequired
          ? takeShortcut({ from, shortcut: 'approve_and_schedule', userActions: actor.actions, settings })
          : runTransition({ from, transition: name, userActions: actor.actions, comment, settings });
      if (!result.ok) {
        const status = result.code === 'missing_permission' ? 403 : 400;
        const message = { ...serverMessage(result.code), text: result.message };
        throw new HttpError(
          status,
          result.code,
          message,
          result.code === 'comment_required' ? [fieldIssue(['comment'], message, result.code)] : []
        );
      }
      if (result.to === 'scheduled') {
        await loadTwitterText();
        assertSchedulable(row);
      }
      const said = 'comment' in result.trail ? result.trail.comment : undefined;
      const trail = [
        ...((row.trail as TrailEntry[]) ?? []),
        trailEntry(actor, result.trail.transition, {
          from: result.trail.from,
          to: result.trail.to,
          ...(said ? { comment: said } : {}),
        }),
      ];
      await documents().update({ documentId, data: { status: result.to, trail } as never });
      await syncPublications(documentId, { rearm: result.to === 'scheduled' });
      return this.get(documentId);
    },

    /**
     * The active admins who may approve posts, by name, for the composer's
     * "Send to review" (who will see it). Read from the roles' permissions; the
     * super admin role holds every action without rows of its own.
     */
    async approvers(): Promise<Array<{ id: number; name: string }>> {
      const permissions = (await strapi.db
        .query('admin::permission')
        .findMany({ where: { action: actionUid(ACTIONS.postsApprove) }, populate: ['role'] })) as Row[];
      const superAdmin = (await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })) as Row | null;
      const roleIds = [...permissions.map((permission) => (permission.role as Row | null)?.id), superAdmin?.id].filter(
        (id): id is number => typeof id === 'number'
      );
      if (!roleIds.length) return [];
      const users = (await strapi.db.query('admin::user').findMany({
        where: { isActive: true, $or: [{ blocked: false }, { blocked: null }], roles: { id: { $in: roleIds } } },
        select: ['id', 'firstname', 'lastname', 'email'],
        orderBy: { id: 'asc' },
        limit: 50,
      })) as Row[];
      return users.map((user) => ({
        id: Number(user.id),
        name: [user.firstname, user.lastname].filter(Boolean).join(' ') || String(user.email),
      }));
    },

    /** What each network of the post receives: `renderText` with the site's hosts, as the publisher sends it. */
    async texts(documentId: string): Promise<Partial<Record<Network, string>>> {
      const plan = toPostPlan(await findRow(documentId));
      const siteHosts = await getService(strapi, 'settings').siteHosts();
      // renderText finds links with twitter-text, loaded on first use.
      await loadTwitterText();
      const networks = [...new Set(plan.accounts.map((a) => a.network))];
      return Object.fromEntries(networks.map((network) => [network, renderText(plan, network, siteHosts)]));
    },

    /** A new draft with the same content and no schedule, for the next occasion. */
    async duplicate(documentId: string, actor: Actor): Promise<PostPlan> {
      if (!actor.actions.includes(actionUid(ACTIONS.postsCreate))) {
        throw new HttpError(403, 'missing_permission', serverMessage('duplicate_not_allowed'));
      }
      const source = toPostPlan(await findRow(documentId));
      const input: PostPlanInput = {
        title: `${source.title.slice(0, 193)} (copy)`,
        body: source.body,
        variants: source.variants,
        accountIds: source.accounts.map((a) => a.documentId),
        editorialLineId: source.editorialLine?.documentId ?? null,
        schedule: null,
        pillar: source.pillar,
        campaign: source.campaign,
        firstComment: source.firstComment,
        utm: source.utm,
        entry: source.entry,
        media: source.media.map((file) => ({ id: file.id, alt: file.alternativeText ?? undefined })),
      };
      // Through create(), so whatever create does for a new draft (checks, sync) a copy gets too.
      return this.create(input, actor, { event: 'duplicated', comment: `Copy of "${source.title}"` });
    },

    /**
     * One action over many posts. Each goes through the same method as its own
     * route, with the same workflow and permission checks; a refusal is reported
     * for that post and never stops the others.
     */
    async bulk(action: BulkAction, documentIds: readonly string[], actor: Actor) {
      const results: BulkResult[] = [];
      for (const documentId of documentIds) {
        try {
          const result =
            action === 'duplicate' ? await this.duplicate(documentId, actor) : await this.transition(documentId, action, undefined, actor);
          results.push({ documentId, ok: true, result });
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          results.push({ documentId, ok: false, code: error.code, message: error.message });
        }
      }
      return results;
    },

    ...commentMethods(strapi, findRow),
  };
};
