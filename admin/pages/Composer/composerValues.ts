import type { Network, SocialAccount } from '../../api/types';
import type { PostPlan, PostPlanInput } from '../../api/postPlans';
import { networksThat } from '../../../shared/networks';

/** What other pages may hand the composer to start from (the calendar's day, an article...). */
export interface ComposerInitial {
  title?: string;
  body?: string;
  /** wall-clock time in the editor's zone, YYYY-MM-DDTHH:mm */
  local?: string;
  timezone?: string;
  accountIds?: string[];
  mediaIds?: number[];
  entry?: { uid: string; documentId: string; title?: string };
  link?: string;
  pillar?: string;
  campaign?: string;
}

export interface ComposerMediaValue {
  id: number;
  url: string;
  name: string;
  mime: string;
  /** bytes */
  size: number;
  alt: string;
}

export interface ComposerValues {
  title: string;
  body: string;
  variants: Partial<Record<Network, string>>;
  accountIds: string[];
  editorialLineId: string | null;
  local: string;
  timezone: string;
  fold: 'earlier' | 'later' | null;
  pillar: string;
  campaign: string;
  firstComment: string;
  utmEnabled: boolean;
  entry: { uid: string; documentId: string; title?: string } | null;
  media: ComposerMediaValue[];
}

/** The browser's zone: an editor plans in the time they live in. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function valuesFromPlan(plan: PostPlan): ComposerValues {
  return {
    title: plan.title,
    body: plan.body,
    variants: Object.fromEntries(Object.entries(plan.variants).map(([network, v]) => [network, v?.body ?? ''])),
    accountIds: plan.accounts.map((a) => a.documentId),
    editorialLineId: plan.editorialLine?.documentId ?? null,
    local: plan.localTime ?? '',
    timezone: plan.timezone ?? browserZone(),
    fold: null,
    pillar: plan.pillar ?? '',
    campaign: plan.campaign ?? '',
    firstComment: plan.firstComment ?? '',
    utmEnabled: plan.utm.enabled,
    entry: plan.entry,
    media: plan.media.map((m) => ({ id: m.id, url: m.url, name: m.name, mime: m.mime, size: m.size, alt: m.alternativeText ?? '' })),
  };
}

export function valuesFromInitial(initial: ComposerInitial = {}): ComposerValues {
  const body = [initial.body, initial.link].filter(Boolean).join('\n\n');
  return {
    title: initial.title ?? '',
    body,
    variants: {},
    accountIds: initial.accountIds ?? [],
    editorialLineId: null,
    local: initial.local ?? '',
    timezone: initial.timezone ?? browserZone(),
    fold: null,
    pillar: initial.pillar ?? '',
    campaign: initial.campaign ?? '',
    firstComment: '',
    utmEnabled: true,
    entry: initial.entry ?? null,
    media: [],
  };
}

export function toInput(values: ComposerValues): PostPlanInput {
  const nullable = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    title: values.title,
    body: values.body,
    // An override equal to the body is no override: the network inherits later edits of the body.
    variants: Object.fromEntries(
      Object.entries(values.variants)
        .filter(([, text]) => text !== undefined && text !== values.body)
        .map(([network, text]) => [network, { body: text as string }])
    ),
    accountIds: values.accountIds,
    editorialLineId: values.editorialLineId,
    schedule: values.local ? { local: values.local, timezone: values.timezone, ...(values.fold ? { fold: values.fold } : {}) } : null,
    pillar: nullable(values.pillar),
    campaign: nullable(values.campaign),
    firstComment: nullable(values.firstComment),
    utm: { enabled: values.utmEnabled },
    entry: values.entry ? { uid: values.entry.uid, documentId: values.entry.documentId } : null,
    media: values.media.map((m) => ({ id: m.id, ...(m.alt.trim() ? { alt: m.alt.trim() } : {}) })),
  };
}

/** Networks that can carry a first comment (a reply under the post, or a second webhook message): their profiles say. */
export const FIRST_COMMENT_NETWORKS: readonly Network[] = networksThat('firstComment');

/** What the picker and preview need of an account; a reviewer without `accounts.read` has only the post's own copy. */
export type PreviewAccount = Pick<SocialAccount, 'documentId' | 'name' | 'network' | 'handle' | 'status'> &
  Partial<Pick<SocialAccount, 'limits' | 'editorialLine' | 'statusCode' | 'statusParams' | 'statusReason'>>;
