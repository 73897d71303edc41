import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { adminAbility } from '../core/admin-ability';
import { ACTIONS, PLUGIN_ID } from '../../shared/core/permissions';
import type { PostStatus } from '../../shared/planning/workflow';
import { NETWORK_LABELS } from '../../shared/linter';
import type { CreatedFeed, FeedStatus } from './dto';
import { writeCalendar, type IcsEvent } from './ics';

/** What a subscribed calendar app shows: two months of history, a year ahead. */
export const FEED_DAYS_BACK = 60;
export const FEED_DAYS_AHEAD = 365;
const DAY_MS = 86_400_000;

const STATUS_LABELS: Record<PostStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
  partially_published: 'Partially published',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Compared even when no row matched, so a miss costs what a hit costs. */
const DUMMY_HASH = hashOf('no feed');

/**
 * Private iCalendar subscriptions: one random 32-byte token per admin user,
 * shown once; only its SHA-256 is stored, so a database leak gives no feed.
 */
export default ({ strapi }: { strapi: Strapi }) => {
  const feeds = () => strapi.db.query(UID.calendarFeed);

  const statusOf = (row: Row | null): FeedStatus => ({
    exists: Boolean(row),
    createdAt: row ? new Date(row.createdAt as string).toISOString() : null,
    lastUsedAt: row?.lastUsedAt ? new Date(row.lastUsedAt as string).toISOString() : null,
  });

  /**
   * What the user behind a feed may read now, from their current role (checked at
   * each fetch, so a role change takes effect on the next refresh): the calendar
   * at all (active, calendar.read), and post bodies (posts.read too, as
   * GET /post-plans/:id would allow) — the grid's titles and times need only the first.
   */
  async function readableBy(userId: number): Promise<{ calendar: boolean; bodies: boolean }> {
    const ability = await adminAbility(strapi, userId);
    const calendar = ability.can(ACTIONS.calendarRead);
    return { calendar, bodies: calendar && ability.can(ACTIONS.postsRead) };
  }

  async function userOf(token: string): Promise<{ feed: Row } | null> {
    const hash = hashOf(token);
    const feed = (await feeds().findOne({ where: { tokenHash: hash } })) as Row | null;
    const stored = Buffer.from(feed ? String(feed.tokenHash) : DUMMY_HASH, 'hex');
    const equal = timingSafeEqual(stored, Buffer.from(hash, 'hex'));
    return feed && equal ? { feed } : null;
  }

  return {
    async status(userId: number): Promise<FeedStatus> {
      return statusOf((await feeds().findOne({ where: { userId } })) as Row | null);
    },

    /** Creates the user's feed, or replaces it: the previous URL stops working at once. */
    async create(userId: number, publicBaseUrl: string): Promise<CreatedFeed> {
      const token = randomBytes(32).toString('base64url');
      await feeds().delete({ where: { userId } });
      const row = (await feeds().create({ data: { userId, tokenHash: hashOf(token), lastUsedAt: null } })) as Row;
      return { ...statusOf(row), url: `${publicBaseUrl.replace(/\/$/, '')}/api/${PLUGIN_ID}/calendar/${token}.ics` };
    },

    async revoke(userId: number): Promise<FeedStatus> {
      await feeds().delete({ where: { userId } });
      return statusOf(null);
    },

    /** The feed's iCalendar text, or null for any token that must look unknown. */
    async render(token: string, adminBaseUrl: string, now = new Date()): Promise<string | null> {
      const found = await userOf(token);
      if (!found) return null;
      const may = await readableBy(Number(found.feed.userId));
      if (!may.calendar) return null;
      await feeds().update({ where: { id: found.feed.id }, data: { lastUsedAt: now } });
      const rows = (await strapi.documents(UID.postPlan).findMany({
        filters: {
          status: { $ne: 'cancelled' },
          scheduledAt: {
            $gte: new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS).toISOString(),
            $lt: new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS).toISOString(),
          },
        } as never,
        fields: [...(may.bodies ? ['body'] : []), 'title', 'scheduledAt', 'status', 'pillar', 'campaign', 'updatedAt'] as never,
        populate: { accounts: { fields: ['name', 'network'] } } as never,
        sort: ['scheduledAt:asc'],
        limit: 10_000,
      })) as unknown as Row[];
      const admin = adminBaseUrl.replace(/\/$/, '');
      const events: IcsEvent[] = rows.map((row) => {
        const accounts = (Array.isArray(row.accounts) ? row.accounts : []) as Row[];
        const networks = [...new Set(accounts.map((a) => NETWORK_LABELS[a.network as keyof typeof NETWORK_LABELS] ?? String(a.network)))];
        const status = STATUS_LABELS[row.status as PostStatus] ?? String(row.status);
        return {
          uid: `post-plan-${row.documentId}@${PLUGIN_ID}`,
          start: new Date(row.scheduledAt as string),
          summary: `[${status}] ${String(row.title)}${networks.length ? ` (${networks.join(', ')})` : ''}`,
          description: [
            may.bodies ? String(row.body ?? '') : '',
            accounts.length ? `Accounts: ${accounts.map((a) => String(a.name)).join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('\n\n'),
          url: `${admin}/plugins/${PLUGIN_ID}/posts/${row.documentId}`,
          categories: [row.pillar, row.campaign].filter((v): v is string => typeof v === 'string' && v !== ''),
          lastModified: row.updatedAt ? new Date(row.updatedAt as string) : undefined,
        };
      });
      return writeCalendar({
        productId: `-//${PLUGIN_ID}//Strapi community manager//EN`,
        name: 'Social posts – community manager',
        refreshInterval: 'PT1H',
        events,
        now,
      });
    },
  };
};
