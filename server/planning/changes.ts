import type { PostChange } from '../../shared/planning/workflow';

/** What of a post the workflow weighs, from the stored row or from a resolved input alike. */
export interface Outgoing {
  body: string;
  variants: Partial<Record<string, { body: string }>>;
  accountIds: readonly string[];
  /** media library ids, in the order attached */
  media: readonly number[];
  mediaAlt: Partial<Record<string, string>>;
  firstComment: string | null;
  utm: { enabled: boolean; campaign?: string };
  campaign: string | null;
  /** ISO instant */
  scheduledAt: string | null;
}

/** JSON with object keys sorted: the same value stored and sent compares equal whatever the key order. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v
  );

/** A blank optional text is the same as none (the form sends '', the row reads back null). */
const orNull = (text: string | null | undefined) => (text ? text : null);

const outgoingParts = (post: Outgoing) => ({
  body: post.body,
  variants: post.variants,
  // Which accounts, not in which order they were picked.
  accountIds: [...post.accountIds].sort(),
  media: post.media,
  mediaAlt: post.mediaAlt,
  firstComment: orNull(post.firstComment),
  // The link's utm_campaign is the UTM campaign, else the post's campaign: both change the outgoing text.
  utm: { enabled: post.utm.enabled, campaign: orNull(post.utm.campaign) },
  campaign: orNull(post.campaign),
});

/** What an edit changes, in the workflow's terms (see `PostChange`). */
export function postChange(before: Outgoing, after: Outgoing): PostChange {
  return {
    content: canonical(outgoingParts(before)) !== canonical(outgoingParts(after)),
    timing: before.scheduledAt !== after.scheduledAt,
  };
}
