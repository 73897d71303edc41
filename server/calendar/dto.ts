import type { Network } from '../../shared/linter';
import type { PostStatus } from '../../shared/planning/workflow';
import type { PillarMixRow, WeekFrequency } from './summary';

/** One post plan as the calendar grid draws it: no body, no trail, no variants. */
export interface CalendarEvent {
  documentId: string;
  title: string;
  scheduledAt: string;
  timezone: string | null;
  localTime: string | null;
  status: PostStatus;
  pillar: string | null;
  campaign: string | null;
  accounts: Array<{ documentId: string; name: string; network: Network }>;
  /** the CMS entry the post is about, with the title it has now and its edit page in the content manager */
  entry: { uid: string; documentId: string; title: string | null; editUrl: string } | null;
  /** the live posts of a published or partially published post (http(s) addresses only); empty otherwise */
  live: Array<{ network: Network; accountName: string | null; url: string }>;
}

/** `GET /calendar/events` with `dayMax`: what a month grid draws, and which days hold more. */
export interface CalendarMonthEvents {
  events: CalendarEvent[];
  /** the days (YYYY-MM-DD in the asked zone) holding more than dayMax posts, with their total */
  more: Array<{ day: string; total: number }>;
}

export interface CalendarSummary {
  from: string;
  to: string;
  timezone: string;
  editorialLine: { documentId: string; name: string } | null;
  countedStatuses: readonly PostStatus[];
  pillarMix: { total: number; rows: PillarMixRow[] };
  frequency: WeekFrequency[];
}

export interface FeedStatus {
  exists: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
}

/** Answer of a create or rotate: the only time the URL (and so the token) is ever shown. */
export interface CreatedFeed extends FeedStatus {
  url: string;
}
