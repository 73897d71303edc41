import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { HttpError, badRequest, fieldError, fieldIssue, notFound, type FieldError } from '../core/errors';
import { serverMessage, type ServerMessage } from '../../shared/core/messages';
import { getService } from '../core/services';
import { newDocumentId } from '../core/db/ids';
import { isUniqueViolation } from '../core/db/indexes';
import { ACTION_DEFINITIONS, actionUid } from '../../shared/core/permissions';
import { lint, loadTwitterText, type Network } from '../../shared/linter';
import { postPlanInput } from '../../shared/planning/contract';
import type { Actor } from '../planning/service';
import type { PostPlan } from '../planning/dto';
import { formatLocalDateTime, resolveLocalTime, utcToLocal } from '../../shared/planning/time';
import { effectiveFields, siteContentType } from '../settings/content-types';
import { fillTemplate, fillUrlPattern } from '../../shared/settings/placeholders';
import type { ContentTypeSettings } from '../../shared/settings/contract';
import { toEntryPost, type EntryPanelConfig, type EntryPost, type EntryPrefill, type PrefillMedia } from './dto';
import { DAY_WORD, openingLanguage, openingsFor, type OpeningLanguage } from './openings';
import type { ShareTimelineInput, ShareTimelineResult } from '../../shared/entries/contract';
import { timelineSteps } from './timeline';

/** Who the trail names for posts nobody typed: auto-share acts with every plugin action, inside the workflow's rules. */
const AUTO_SHARE_ACTOR: Actor = { id: 0, name: 'Auto-share', actions: ACTION_DEFINITIONS.map((a) => actionUid(a.uid)) };
const MAX_EXCERPT = 500;
const MINUTE = 60_000;

/** Text of a string, rich text or blocks value, on one paragraph and cut at a word. */
function plainText(value: unknown): string {
  const collect = (node: unknown): string => {
    if (typeof node === 'string') return node;
    if (Array.isArray(node)) return node.map(collect).join(' ');
    if (node && typeof node === 'object') {
      const { text, children } = node as { text?: unknown; children?: unknown };
      return typeof text === 'string' ? text : collect(children);
    }
    return '';
  };
  const text = collect(value).replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_EXCERPT) return text;
  return `${text.slice(0, MAX_EXCERPT).replace(/\s+\S*$/, '')}…`;
}

/** A refusal naming one step of the timeline by its index (a number, as zod names array items). */
const offsetError = (index: number, message: ServerMessage, code: string) =>
  badRequest(message, [fieldIssue(['offsets', index], message, code)], code);

/** A user's abilities as Strapi's admin authentication builds them (opaque here: the Content Manager reads them). */
export type UserAbility = object;

interface PermissionCheckers {
  create(options: { userAbility: UserAbility; model: string }): {
    cannot: { read(entity: Row): boolean };
    sanitizeOutput(entity: Row): Promise<Row>;
  };
}

interface EntrySource {
  settings: ContentTypeSettings;
  title: string;
  excerpt: string;
  link: string | null;
  media: PrefillMedia[];
}

export default ({ strapi }: { strapi: Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  const plans = () => getService(strapi, 'post-plans');
  // One auto-share at a time per entry in this instance, so a double publish cannot create two sets of posts.
  const running = new Map<string, Promise<unknown>>();

  async function enabledSettings(uid: string): Promise<ContentTypeSettings> {
    const found = await settings().contentType(uid);
    if (!found || !siteContentType(strapi, uid)) throw fieldError('uid', serverMessage('entry_type_not_enabled', { uid }), 'not_enabled');
    return found;
  }

  /** Reads the entry through the mapping of the settings: its title, excerpt, public URL and cover. */
  /**
   * An entry's words reach a post only for a user who may read it in the Content
   * Manager (its type, its locale, any condition of their role), and only the
   * fields they may read there: the plugin's own posts.create is no read right on
   * the site's content. Unreadable and missing entries are told apart, as the
   * Content Manager itself does.
   */
  function readableBy(reader: UserAbility, uid: string, entry: Row): Promise<Row> {
    const checker = (strapi.plugin('content-manager').service('permission-checker') as unknown as PermissionCheckers).create({
      userAbility: reader,
      model: uid,
    });
    if (checker.cannot.read(entry)) throw new HttpError(403, 'entry_not_readable', serverMessage('entry_not_readable'));
    return checker.sanitizeOutput(entry);
  }

  /** `reader`: the signed-in user, whose Content Manager rights apply; none for the server's own auto-share. */
  async function readEntry(
    uid: string,
    documentId: string,
    options: { locale?: string | null; status?: 'draft' | 'published'; reader?: UserAbility } = {}
  ): Promise<EntrySource> {
    const contentType = await enabledSettings(uid);
    const fields = effectiveFields(siteContentType(strapi, uid)!, contentType.fields);
    // The role's conditions (e.g. "is creator") are checked against the author.
    const populate = [...(fields.image ? [fields.image] : []), ...(options.reader ? ['createdBy'] : [])];
    const found = (await strapi.documents(uid as never).findOne({
      documentId,
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.status ? { status: options.status } : {}),
      ...(populate.length ? { populate } : {}),
    } as never)) as unknown as Row | null;
    if (!found) throw notFound('Entry', serverMessage('entry_not_found'));
    const entry = options.reader ? await readableBy(options.reader, uid, found) : found;
    const cover = fields.image ? (entry[fields.image] as Row | null | undefined) : null;
    return {
      settings: contentType,
      title: fields.title ? plainText(entry[fields.title]) : '',
      excerpt: fields.excerpt ? plainText(entry[fields.excerpt]) : '',
      link: contentType.urlPattern ? fillUrlPattern(contentType.urlPattern, entry) : null,
      media: cover?.url
        ? [
            {
              id: cover.id,
              url: String(cover.url),
              name: String(cover.name ?? ''),
              mime: String(cover.mime ?? ''),
              alternativeText: (cover.alternativeText as string | null) ?? null,
            },
          ]
        : [],
    };
  }

  /** The language of the openings: the first editorial line among the accounts that names one. */
  async function languageOf(accountIds: string[]): Promise<OpeningLanguage> {
    for (const id of accountIds) {
      const line = (await getService(strapi, 'accounts').get(id)).editorialLine;
      if (line) {
        const { languages } = await getService(strapi, 'editorial-lines').get(line.documentId);
        if (languages.length) return openingLanguage(languages);
      }
    }
    return 'en';
  }

  async function assertAccountsExist(accountIds: string[]) {
    const errors: FieldError[] = [];
    for (const [i, id] of accountIds.entries()) {
      if (!(await getService(strapi, 'accounts').exists(id)))
        errors.push(fieldIssue(['accountIds', i], serverMessage('account_missing'), 'not_found'));
    }
    if (errors.length) throw badRequest(serverMessage('account_missing'), errors, 'not_found');
  }

  /**
   * A shorter text for each network the full one overflows (the excerpt goes,
   * the opening, title and link stay); nothing where the full text fits.
   */
  function variantsFor(networks: Network[], full: string, short: string): PostPlan['variants'] {
    const overflows = (text: string, network: Network) => lint({ text, network }).findings.some((f) => f.code === 'too_long');
    return Object.fromEntries(networks.filter((n) => overflows(full, n)).map((n) => [n, { body: short }]));
  }

  /** The auto-shared post's time: publish time + delay, rounded up to the minute and at least a minute ahead. */
  function autoShareSchedule(delayMinutes: number, timezone: string) {
    const at = new Date(Math.ceil((Date.now() + Math.max(delayMinutes, 1) * MINUTE) / MINUTE) * MINUTE);
    const local = utcToLocal(at, timezone);
    const resolution = resolveLocalTime(local, timezone);
    const fold = resolution.kind === 'ambiguous' ? (resolution.earlier.utc.getTime() === at.getTime() ? 'earlier' : 'later') : undefined;
    return { local: formatLocalDateTime(local), timezone, ...(fold ? { fold } : {}) } as const;
  }

  /** A claim older than this is taken to be from an instance that died mid-share, and may be taken over. */
  const STALE_CLAIM_MS = 10 * MINUTE;

  /**
   * Claims the auto-share of one entry before any post is made: one record per
   * key (a unique index), created as `running`, or a failed / abandoned one
   * moved back to `running` by a conditional update. Two instances handling
   * the same publish at the same moment cannot both win, so cannot both make
   * the posts. Returns the record's id, or null when it is not ours to do.
   */
  async function claim(key: string, entry: { uid: string; documentId: string; locale: string | null }): Promise<number | null> {
    const log = strapi.db.query(UID.autoShare);
    const previous = (await log.findOne({ where: { key } })) as Row | null;
    if (!previous) {
      try {
        const created = (await log.create({
          data: {
            documentId: newDocumentId(),
            key,
            entryUid: entry.uid,
            entryDocumentId: entry.documentId,
            locale: entry.locale,
            status: 'running',
            postPlans: [],
            error: null,
            attempts: 1,
          },
        })) as Row;
        return Number(created.id);
      } catch (err) {
        if (isUniqueViolation(err)) return null;
        throw err;
      }
    }
    // Re-publishing (an edit, a fix) never shares again; only a failed or abandoned attempt is retried.
    const abandoned = previous.status === 'running' && Date.now() - new Date(String(previous.updatedAt)).getTime() > STALE_CLAIM_MS;
    if (previous.status !== 'failed' && !abandoned) return null;
    const attempts = Number(previous.attempts ?? 1);
    const taken = await log.updateMany({
      where: { id: previous.id, status: previous.status, attempts },
      data: { status: 'running', attempts: attempts + 1, error: null, updatedAt: new Date() },
    });
    return Number((taken as { count?: number }).count ?? 0) === 1 ? Number(previous.id) : null;
  }

  async function settle(id: number, data: { status: 'created' | 'failed'; postPlans: string[]; error: string | null }) {
    await strapi.db.query(UID.autoShare).update({ where: { id }, data: { ...data, updatedAt: new Date() } });
  }

  async function autoShareOnce(entry: { uid: string; documentId: string; locale: string | null }) {
    const contentType = await settings().contentType(entry.uid);
    if (!contentType?.autoShare.enabled) return null;
    const key = `${entry.uid}:${entry.documentId}:${entry.locale ?? ''}`;
    const claimed = await claim(key, entry);
    if (claimed === null) return null;
    const auto = contentType.autoShare;
    const created: string[] = [];
    try {
      const source = await readEntry(entry.uid, entry.documentId, { locale: entry.locale, status: 'published' });
      const body = fillTemplate(auto.template, { title: source.title, url: source.link ?? '', excerpt: source.excerpt });
      const scheduled = auto.mode === 'scheduled';
      const input = postPlanInput.parse({
        title: (source.title || entry.documentId).slice(0, 200),
        body,
        accountIds: auto.accountIds,
        entry: { uid: entry.uid, documentId: entry.documentId },
        schedule: scheduled || auto.delayMinutes > 0 ? autoShareSchedule(auto.delayMinutes, auto.timezone) : null,
      });
      const plan = await plans().create(input, AUTO_SHARE_ACTOR, { origin: 'auto-share' });
      created.push(plan.documentId);
      let error: string | null = null;
      if (scheduled) {
        const { approvalRequired } = await settings().workflow();
        try {
          await plans().transition(plan.documentId, approvalRequired ? 'submit' : 'schedule', undefined, AUTO_SHARE_ACTOR);
        } catch (err) {
          // The post exists as a draft; the reason it could not go further is recorded for the team.
          error = `Created as a draft, not scheduled: ${(err as Error).message}`;
        }
      }
      await settle(claimed, { status: 'created', postPlans: created, error });
      return created;
    } catch (err) {
      const message = (err as Error).message;
      strapi.log.warn(`[community-manager] auto-share of ${key} failed: ${message}`);
      await settle(claimed, { status: 'failed', postPlans: created, error: message.slice(0, 2000) });
      return null;
    }
  }

  return {
    async config(uid: string): Promise<EntryPanelConfig> {
      const contentType = await settings().contentType(uid);
      const enabled = Boolean(contentType && siteContentType(strapi, uid));
      const accounts = enabled
        ? (await getService(strapi, 'accounts').list())
            .filter((a) => a.status !== 'disabled')
            .map(({ documentId, name, network }) => ({ documentId, name, network }))
        : [];
      return { enabled, autoShare: Boolean(enabled && contentType?.autoShare.enabled), accounts };
    },

    async prefill(uid: string, documentId: string, reader: UserAbility): Promise<EntryPrefill> {
      const source = await readEntry(uid, documentId, { reader });
      return {
        title: source.title,
        body: [source.excerpt, source.link].filter(Boolean).join('\n\n'),
        link: source.link,
        excerpt: source.excerpt,
        entry: { uid, documentId, title: source.title },
        media: source.media,
      };
    },

    async posts(uid: string, documentId: string): Promise<EntryPost[]> {
      await enabledSettings(uid);
      const posts = await plans().listForEntry({ uid, documentId });
      const outcomes = await getService(strapi, 'publications').outcomesFor(posts.map((post) => post.documentId));
      return posts.map((post) => toEntryPost(post, outcomes.get(post.documentId) ?? []));
    },

    /** One draft per offset, each opening differently, all linked to the entry and left for review. */
    async shareTimeline(input: ShareTimelineInput, actor: Actor, reader: UserAbility): Promise<ShareTimelineResult> {
      const firstIndex = new Map<number, number>();
      input.offsets.forEach((offset, i) => {
        if (firstIndex.has(offset)) throw offsetError(i, serverMessage('timeline_day_twice', { day: offset }), 'duplicate');
        firstIndex.set(offset, i);
      });
      const source = await readEntry(input.uid, input.documentId, { reader });
      await assertAccountsExist(input.accountIds);
      const now = new Date();
      const steps = timelineSteps({ offsets: [...input.offsets].sort((a, b) => a - b), time: input.time, timezone: input.timezone, now });
      const past = steps.find((step) => step.utc.getTime() <= now.getTime());
      if (past)
        throw offsetError(
          firstIndex.get(past.offset)!,
          serverMessage('timeline_day_past', { day: past.offset, time: input.time }),
          'in_the_past'
        );

      const language = await languageOf(input.accountIds);
      const networks = [
        ...new Set(await Promise.all(input.accountIds.map(async (id) => (await getService(strapi, 'accounts').get(id)).network))),
      ];
      const openings = openingsFor(
        steps.map((s) => s.offset),
        language
      );
      const core = [source.title, source.excerpt, source.link].filter(Boolean).join('\n\n');
      const short = [source.title, source.link].filter(Boolean).join('\n\n');
      const results: EntryPost[] = [];
      await loadTwitterText();
      for (const [i, step] of steps.entries()) {
        const full = `${openings[i]} ${core}`;
        const plan = await plans().create(
          postPlanInput.parse({
            title: `${source.title || input.documentId}`.slice(0, 180) + ` (${DAY_WORD[language]} ${step.offset})`,
            body: full,
            variants: variantsFor(networks, full, `${openings[i]} ${short}`),
            accountIds: input.accountIds,
            entry: { uid: input.uid, documentId: input.documentId },
            schedule: { local: step.local, timezone: input.timezone, ...(step.fold ? { fold: step.fold } : {}) },
          }),
          actor,
          { origin: 'share-timeline' }
        );
        // A new draft: nothing is scheduled, so nothing is published yet.
        results.push(toEntryPost(plan, []));
      }
      return { results, shifted: steps.filter((s) => s.shifted).map(({ offset, local }) => ({ offset, local })) };
    },

    /** Called after an entry is published: creates its auto-shared posts once, never throws. */
    async autoShareOnPublish(entry: { uid: string; documentId: string; locale: string | null }): Promise<string[] | null> {
      const key = `${entry.uid}:${entry.documentId}:${entry.locale ?? ''}`;
      const before = running.get(key) ?? Promise.resolve();
      const run = before
        .then(() => autoShareOnce(entry))
        .catch((err: Error) => {
          strapi.log.error(`[community-manager] auto-share of ${key} could not be recorded: ${err.message}`);
          return null;
        });
      running.set(key, run);
      try {
        return await run;
      } finally {
        if (running.get(key) === run) running.delete(key);
      }
    },
  };
};
