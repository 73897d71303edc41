import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { PLUGIN_ID } from '../../shared/core/permissions';
import { serverMessage } from '../../shared/core/messages';
import { HttpError } from '../core/errors';
import { isUniqueViolation } from '../core/db/indexes';
import { newDocumentId } from '../core/db/ids';
import { getService } from '../core/services';
import {
  coolingDown,
  crisisSettingsSchema,
  detectCrisis,
  type CrisisCounts,
  type CrisisEvent,
  type CrisisMode,
  type CrisisOverview,
  type CrisisSettings,
  type CrisisVerdict,
} from '../../shared/inbox/crisis';
import { adminContact, inboxText, moderators, sendInboxEmail } from './emails';

/**
 * The crisis alert and crisis mode (docs/inbox.md, "Crisis").
 *
 * - After each ingest pass, three counts (negatives in the window, items in
 *   the window, negatives in the baseline before it) go through the pure
 *   detector (shared/inbox/crisis.ts). An alert is stored on the crisis
 *   timeline once per cooldown, whoever evaluates: the unique dedupe key is
 *   the cooldown slot, so two instances evaluating at once store one alert,
 *   and only the one that stored it e-mails the moderators.
 * - Crisis mode pauses publishing through the publishing pause switch (only
 *   if it was not paused already), writes the holding statement as a draft
 *   post, and tags what arrives `crisis`; ending it resumes publishing only
 *   if crisis mode was what paused it and nobody changed the pause since.
 */

const MODE_KEY = 'crisis-mode';
const SETTINGS_KEY = 'crisis-settings';
const DAY_MS = 86_400_000;
/** Site comments arrive one request at a time: evaluated at most this often per instance. */
const EVALUATE_EVERY_MS = 5_000;

const OFF: CrisisMode = { on: false, since: null, by: null, pausedPublishing: false, planDocumentId: null };

interface StoredMode extends CrisisMode {
  /** the pause switch's `since` crisis mode set, to know it is still ours when ending */
  pauseSince?: string | null;
}

interface Actor {
  id: number;
  name: string;
}

/** An item's sentiment as people see it: the override when there is one. */
const NEGATIVE = { $or: [{ sentimentOverride: 'negative' }, { sentimentOverride: { $null: true }, sentiment: 'negative' }] };

export function toCrisisEvent(row: Row): CrisisEvent {
  return {
    documentId: row.documentId,
    kind: row.kind as CrisisEvent['kind'],
    at: new Date(row.at as string).toISOString(),
    by: row.byId ? { id: Number(row.byId), name: String(row.byName ?? '') } : null,
    details: (row.details as CrisisEvent['details']) ?? {},
  };
}

export default ({ strapi }: { strapi: Strapi }) => {
  const events = () => strapi.db.query(UID.crisisEvent as never);
  const items = () => strapi.db.query(UID.inboxItem as never);
  const store = (key: string) => strapi.store({ type: 'plugin', name: PLUGIN_ID, key });
  let now = () => Date.now();
  let lastEvaluation = -Infinity;

  async function readMode(): Promise<StoredMode> {
    const value = (await store(MODE_KEY).get({})) as StoredMode | null;
    return value && typeof value.on === 'boolean' ? { ...OFF, ...value } : OFF;
  }
  const publicMode = ({ pauseSince: _ignored, ...mode }: StoredMode): CrisisMode => mode;

  async function record(kind: CrisisEvent['kind'], dedupeKey: string, by: Actor | null, details: CrisisEvent['details']) {
    const at = new Date(now());
    try {
      const row = (await events().create({
        data: {
          documentId: newDocumentId(),
          kind,
          at,
          byId: by?.id ?? null,
          byName: by?.name ?? null,
          details,
          dedupeKey,
          createdAt: at,
          updatedAt: at,
          publishedAt: at,
        },
      } as never)) as Row;
      return row;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  async function lastAlert(): Promise<Row | null> {
    return (await events().findOne({ where: { kind: 'alert' }, orderBy: [{ at: 'desc' }, { id: 'desc' }] } as never)) as Row | null;
  }

  async function counts(settings: CrisisSettings, at: number): Promise<CrisisCounts> {
    const windowStart = new Date(at - settings.windowMinutes * 60_000);
    const baselineStart = new Date(windowStart.getTime() - settings.baselineDays * DAY_MS);
    const notSpam = { status: { $ne: 'spam' } };
    const inWindow = { postedAt: { $gt: windowStart, $lte: new Date(at) } };
    const [windowNegatives, windowTotal, baselineNegatives, oldest] = await Promise.all([
      items().count({ where: { $and: [inWindow, notSpam, NEGATIVE] } } as never),
      items().count({ where: { $and: [inWindow, notSpam] } } as never),
      items().count({ where: { $and: [{ postedAt: { $gt: baselineStart, $lte: windowStart } }, notSpam, NEGATIVE] } } as never),
      // How far back the history goes: a baseline younger than its period is spread over what it covers.
      items().findOne({ select: ['postedAt'], orderBy: [{ postedAt: 'asc' }] } as never) as Promise<Row | null>,
    ]);
    const since = oldest ? new Date(oldest.postedAt as string).getTime() : windowStart.getTime();
    return {
      windowNegatives: Number(windowNegatives),
      windowTotal: Number(windowTotal),
      baselineNegatives: Number(baselineNegatives),
      baselineMinutes: Math.max(0, (windowStart.getTime() - since) / 60_000),
    };
  }

  return {
    useClock(fn: (() => number) | null) {
      now = fn ?? (() => Date.now());
      lastEvaluation = -Infinity;
    },

    async settings(): Promise<CrisisSettings> {
      const parsed = crisisSettingsSchema.safeParse((await store(SETTINGS_KEY).get({})) ?? {});
      // A stored value that no longer parses must not stop the detector: defaults win.
      return parsed.success ? parsed.data : crisisSettingsSchema.parse({});
    },

    async setSettings(settings: CrisisSettings): Promise<CrisisSettings> {
      await store(SETTINGS_KEY).set({ value: settings });
      return this.settings();
    },

    async mode(): Promise<CrisisMode> {
      return publicMode(await readMode());
    },

    /** The tags an item arriving now gets: `crisis` while crisis mode is on. */
    async tagsForNewItems(): Promise<string[]> {
      return (await readMode()).on ? ['crisis'] : [];
    },

    /**
     * One evaluation (after an ingest pass): the verdict, and the alert
     * stored and e-mailed when there is one and the cooldown allows it.
     * `throttle`: skipped if this instance evaluated within the last 5 s.
     */
    async evaluate(options: { throttle?: boolean } = {}): Promise<{ verdict: CrisisVerdict; alert: CrisisEvent | null } | null> {
      const at = now();
      if (options.throttle && at - lastEvaluation < EVALUATE_EVERY_MS) return null;
      lastEvaluation = at;
      const settings = await this.settings();
      if (!settings.enabled) return null;
      const found = await counts(settings, at);
      const verdict = detectCrisis(found, settings);
      if (!verdict.alert) return { verdict, alert: null };
      const last = await lastAlert();
      if (coolingDown(last ? new Date(last.at as string).getTime() : null, at, settings.cooldownMinutes)) return { verdict, alert: null };
      const mode = await readMode();
      const details: CrisisEvent['details'] = {
        counts: found,
        expected: Math.round(verdict.expected * 100) / 100,
        pValue: verdict.pValue,
        share: Math.round(verdict.share * 1000) / 1000,
        windowMinutes: settings.windowMinutes,
        emailed: 0,
        emailProblem: null,
      };
      const row = await record('alert', `alert:${Math.floor(at / (settings.cooldownMinutes * 60_000))}`, null, details);
      if (!row) return { verdict, alert: null };
      // During crisis mode the team is already on it: the alert goes on the timeline, nobody is e-mailed.
      if (mode.on) details.emailProblem = 'in_crisis_mode';
      else {
        const params = {
          count: found.windowNegatives,
          total: found.windowTotal,
          minutes: settings.windowMinutes,
          expected: details.expected!,
          days: settings.baselineDays,
        };
        const outcome = await sendInboxEmail(strapi, await moderators(strapi), (language) => ({
          subject: inboxText('crisis_alert_email_subject', language, params),
          text: inboxText('crisis_alert_email_body', language, params),
        }));
        details.emailed = outcome.sent;
        details.emailProblem = outcome.problem;
      }
      await events().update({ where: { id: row.id }, data: { details, updatedAt: new Date(now()) } } as never);
      return { verdict, alert: toCrisisEvent({ ...row, details }) };
    },

    async overview(): Promise<CrisisOverview> {
      const [mode, last, settings] = await Promise.all([readMode(), lastAlert(), this.settings()]);
      const recent = last && new Date(last.at as string).getTime() > now() - DAY_MS ? toCrisisEvent(last) : null;
      return { mode: publicMode(mode), alert: recent, settings };
    },

    /**
     * Crisis mode on: publishing paused (unless it already was), the holding
     * statement written as a draft post in the person's language, the start
     * on the timeline.
     */
    async start(actor: Actor, input: { language?: 'en' | 'fr'; note?: string }): Promise<CrisisMode> {
      const current = await readMode();
      if (current.on) throw new HttpError(409, 'crisis_already_on', serverMessage('crisis_already_on'));
      const publications = getService(strapi, 'publications');
      const pause = await publications.pauseState();
      let pauseSince: string | null = null;
      if (!pause.paused) pauseSince = (await publications.setPaused(true, actor.name, 'Crisis mode')).since;
      const language = input.language ?? (await adminContact(strapi, actor.id))?.language ?? 'en';
      const settings = await this.settings();
      const connected = (await getService(strapi, 'accounts').list()).filter((a) => a.status === 'connected').slice(0, 50);
      const title = `${inboxText('crisis_holding_title', language)} — ${new Date(now()).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      const plan = await getService(strapi, 'post-plans').create(
        {
          title,
          body: settings.holdingStatement[language],
          variants: {},
          accountIds: connected.map((a) => a.documentId),
          utm: { enabled: false },
          media: [],
        },
        { ...actor, actions: [] },
        { event: 'created', comment: 'Crisis mode: holding statement' }
      );
      const mode: StoredMode = {
        on: true,
        since: new Date(now()).toISOString(),
        by: actor,
        pausedPublishing: pauseSince !== null,
        pauseSince,
        planDocumentId: plan.documentId,
      };
      await store(MODE_KEY).set({ value: mode });
      await record('start', `start:${mode.since}:${newDocumentId()}`, actor, {
        pausedPublishing: mode.pausedPublishing,
        planDocumentId: plan.documentId,
        note: input.note ?? null,
      });
      return publicMode(mode);
    },

    /** Crisis mode off: publishing resumed only if crisis mode paused it and the pause is still that one. */
    async end(actor: Actor, input: { note?: string }): Promise<CrisisMode> {
      const current = await readMode();
      if (!current.on) throw new HttpError(409, 'crisis_not_on', serverMessage('crisis_not_on'));
      const publications = getService(strapi, 'publications');
      const pause = await publications.pauseState();
      const ours = current.pausedPublishing && pause.paused && pause.since === current.pauseSince;
      if (ours) await publications.setPaused(false, actor.name, null);
      await store(MODE_KEY).set({ value: OFF });
      await record('end', `end:${current.since}`, actor, { restoredPublishing: ours, note: input.note ?? null });
      return OFF;
    },

    /** The crisis timeline, oldest first (the reports read it). */
    async timeline(query: { from?: string; to?: string }): Promise<CrisisEvent[]> {
      const at: Record<string, Date> = {};
      if (query.from) at.$gte = new Date(query.from);
      if (query.to) at.$lt = new Date(query.to);
      const rows = (await events().findMany({
        where: Object.keys(at).length ? { at } : {},
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        limit: 1000,
      } as never)) as Row[];
      return rows.map(toCrisisEvent);
    },
  };
};
