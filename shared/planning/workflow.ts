import { ACTION_DEFINITIONS, ACTIONS, actionUid, type Action } from '../core/permissions';

/**
 * The post-plan approval workflow: which status change a person may ask for,
 * from where, and with which permission. Pure data plus a reader, so the
 * service, the routes and the admin's buttons all obey the same table.
 *
 * `published`, `partially_published` and `failed` are written by the publisher
 * only; the one way out of `failed` by hand is back to draft or a retry.
 */

export const POST_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'partially_published',
  'failed',
  'cancelled',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const TRANSITION_NAMES = [
  'submit',
  'withdraw',
  'approve',
  'send_back',
  'schedule',
  'unschedule',
  'cancel',
  'restore',
  'retry',
] as const;
export type TransitionName = (typeof TRANSITION_NAMES)[number];

export interface WorkflowSettings {
  /** a post must be approved before it can be scheduled */
  approvalRequired: boolean;
  /** moving an approved post in time sends it back to review too */
  retimeNeedsReview: boolean;
}

export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = Object.freeze({
  approvalRequired: true,
  retimeNeedsReview: false,
});

/** A row that applies only under some settings; when it does not, the refusal says why. */
type Condition = 'approval_not_required';

export interface TransitionRule {
  name: TransitionName;
  from: readonly PostStatus[];
  to: PostStatus;
  action: Action;
  when?: Condition;
  needsComment?: true;
}

export const WORKFLOW: readonly TransitionRule[] = [
  { name: 'submit', from: ['draft'], to: 'in_review', action: ACTIONS.postsCreate },
  { name: 'withdraw', from: ['in_review', 'failed'], to: 'draft', action: ACTIONS.postsCreate },
  { name: 'approve', from: ['in_review'], to: 'approved', action: ACTIONS.postsApprove },
  { name: 'send_back', from: ['in_review'], to: 'draft', action: ACTIONS.postsApprove, needsComment: true },
  { name: 'schedule', from: ['approved'], to: 'scheduled', action: ACTIONS.postsPublish },
  { name: 'schedule', from: ['draft'], to: 'scheduled', action: ACTIONS.postsPublish, when: 'approval_not_required' },
  { name: 'unschedule', from: ['scheduled'], to: 'approved', action: ACTIONS.postsPublish },
  { name: 'cancel', from: ['draft', 'in_review', 'approved'], to: 'cancelled', action: ACTIONS.postsCreate },
  { name: 'cancel', from: ['scheduled'], to: 'cancelled', action: ACTIONS.postsPublish },
  { name: 'restore', from: ['cancelled'], to: 'draft', action: ACTIONS.postsCreate },
  { name: 'retry', from: ['failed'], to: 'scheduled', action: ACTIONS.postsPublish },
];

export interface TransitionRequest {
  from: PostStatus;
  transition: TransitionName;
  /** action uids the user holds, e.g. 'plugin::community-manager.posts.approve' */
  userActions: readonly string[];
  comment?: string;
  settings: WorkflowSettings;
}

export type TransitionResult =
  | {
      ok: true;
      to: PostStatus;
      trail: { transition: TransitionName; from: PostStatus; to: PostStatus; comment?: string };
    }
  | {
      ok: false;
      code: 'not_allowed_from_status' | 'missing_permission' | 'comment_required' | 'approval_required';
      message: string;
      requiredAction?: string;
    };

type Refusal = Extract<TransitionResult, { ok: false }>;

export type EditResult = { ok: true; status: PostStatus } | { ok: false; code: 'published_is_read_only'; message: string };

/** How a status reads after "this post is …". */
const STATE: Record<PostStatus, string> = {
  draft: 'a draft',
  in_review: 'in review',
  approved: 'approved',
  scheduled: 'scheduled',
  published: 'published',
  partially_published: 'partially published',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** `verb` reads after "to", `done` after "a post can be". */
const WORDS: Record<TransitionName, { verb: string; done: string }> = {
  submit: { verb: 'submit it for review', done: 'submitted for review' },
  withdraw: { verb: 'take it back to draft', done: 'taken back to draft' },
  approve: { verb: 'approve it', done: 'approved' },
  send_back: { verb: 'send it back to its author', done: 'sent back to its author' },
  schedule: { verb: 'schedule it', done: 'scheduled' },
  unschedule: { verb: 'unschedule it', done: 'unscheduled' },
  cancel: { verb: 'cancel it', done: 'cancelled' },
  restore: { verb: 'restore it to draft', done: 'restored to draft' },
  retry: { verb: 'retry it', done: 'retried' },
};

interface ConditionCheck {
  holds: (settings: WorkflowSettings) => boolean;
  refusal: Refusal['code'];
  message: (from: PostStatus, name: TransitionName) => string;
}

const CONDITIONS: Record<Condition, ConditionCheck> = {
  approval_not_required: {
    holds: (settings) => !settings.approvalRequired,
    refusal: 'approval_required',
    message: (from, name) =>
      `Posts need approval before they are ${WORDS[name].done}, and this one is ${STATE[from]}: submit it for review first.`,
  },
};

const joinOr = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : items.join('');

const permissionName = (action: Action) => ACTION_DEFINITIONS.find((definition) => definition.uid === action)?.displayName ?? action;

const applies = (rule: TransitionRule, settings: WorkflowSettings) => rule.when === undefined || CONDITIONS[rule.when].holds(settings);

/** The rule a user may follow from `from`, or why not; comments are checked by `transition` alone. */
function authorise(
  from: PostStatus,
  name: TransitionName,
  userActions: readonly string[],
  settings: WorkflowSettings
): { ok: true; rule: TransitionRule } | Refusal {
  const named = WORKFLOW.filter((rule) => rule.name === name);
  const fromHere = named.filter((rule) => rule.from.includes(from));
  const rule = fromHere.find((candidate) => applies(candidate, settings));

  if (!rule) {
    const unmet = fromHere.find((candidate) => candidate.when)?.when;
    if (unmet) return { ok: false, code: CONDITIONS[unmet].refusal, message: CONDITIONS[unmet].message(from, name) };
    const allowed = named.filter((candidate) => applies(candidate, settings)).flatMap((candidate) => candidate.from);
    return {
      ok: false,
      code: 'not_allowed_from_status',
      message: `A post can be ${WORDS[name].done} only when it is ${joinOr(allowed.map((status) => STATE[status]))}; this one is ${STATE[from]}.`,
    };
  }

  const requiredAction = actionUid(rule.action);
  if (!userActions.includes(requiredAction)) {
    return {
      ok: false,
      code: 'missing_permission',
      message: `This post is ${STATE[from]}; to ${WORDS[name].verb} you need the "${permissionName(rule.action)}" permission.`,
      requiredAction,
    };
  }
  return { ok: true, rule };
}

export function transition(req: TransitionRequest): TransitionResult {
  const authorised = authorise(req.from, req.transition, req.userActions, req.settings);
  if (!authorised.ok) return authorised;
  const { rule } = authorised;

  const comment = req.comment?.trim();
  if (rule.needsComment && !comment) {
    return {
      ok: false,
      code: 'comment_required',
      message: `A post can be ${WORDS[req.transition].done} only with a comment that says what to change.`,
    };
  }
  return {
    ok: true,
    to: rule.to,
    trail: { transition: req.transition, from: req.from, to: rule.to, ...(comment ? { comment } : {}) },
  };
}

/** The buttons the admin shows; a transition that needs a comment is listed, the dialog asks for it. */
export function availableTransitions(status: PostStatus, userActions: readonly string[], settings: WorkflowSettings): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => authorise(status, name, userActions, settings).ok);
}

/**
 * Statuses that carry an approval. `failed` is one: a retry publishes the
 * approved content as is, so new content must be approved again first.
 */
const APPROVED_STATUSES: readonly PostStatus[] = ['approved', 'scheduled', 'failed'];

/**
 * The status a post takes after its content or timing is edited. When a
 * scheduled post goes back to review, the caller withdraws its publications.
 */
export function afterEdit(status: PostStatus, change: { content: boolean; timing: boolean }, settings: WorkflowSettings): EditResult {
  if (status === 'published' || status === 'partially_published') {
    return {
      ok: false,
      code: 'published_is_read_only',
      message: `This post is ${STATE[status]}: what went out on the networks cannot be edited here. Create a new post instead.`,
    };
  }
  if (!settings.approvalRequired || !APPROVED_STATUSES.includes(status)) return { ok: true, status };
  const needsReview = change.content || (change.timing && settings.retimeNeedsReview);
  return { ok: true, status: needsReview ? 'in_review' : status };
}

/**
 * What a post's edit changes, in the terms the workflow decides on. `content`
 * is what goes out: texts, accounts, media and their alt texts, first comment,
 * UTM and campaign (the campaign is the UTM's fallback, so it is in the
 * outgoing links). `timing` is when. The title, pillar, editorial line and
 * linked entry are the team's own labels: they change neither.
 */
export interface PostChange {
  content: boolean;
  timing: boolean;
}

/** A write that is not a named transition: an edit (PUT, reschedule) or a deletion. */
export type WriteRequest = {
  from: PostStatus;
  userActions: readonly string[];
  settings: WorkflowSettings;
} & ({ write: 'edit'; change: PostChange } | { write: 'delete' });

export type WriteDecision =
  | { ok: true; to: PostStatus; action: Action }
  | {
      ok: false;
      code: 'published_is_read_only' | 'published_cannot_be_deleted' | 'missing_permission';
      message: string;
      requiredAction?: string;
    };

const actionOf = (name: TransitionName, from: PostStatus) =>
  WORKFLOW.find((rule) => rule.name === name && rule.from.includes(from))?.action;

/**
 * The action a write needs, read from the transition table so every route
 * asks the same: deleting a post is cancelling it for good (the cancel row's
 * action); changing the words or time of a scheduled post is taking it off
 * the schedule (the unschedule row's action), whether it then goes back to
 * review or is scheduled again at the new time. Everything else is authoring.
 */
function writeAction(req: WriteRequest): { action: Action; verb: string } {
  if (req.write === 'delete') return { action: actionOf('cancel', req.from) ?? ACTIONS.postsCreate, verb: 'delete it' };
  const offTheSchedule = req.change.content || req.change.timing ? actionOf('unschedule', req.from) : undefined;
  return offTheSchedule
    ? { action: offTheSchedule, verb: 'change its words or its time' }
    : { action: ACTIONS.postsCreate, verb: 'edit it' };
}

/**
 * The one decision for every write that is not a named transition: PUT,
 * reschedule and DELETE all ask here, so a change is refused or allowed the
 * same way whatever the route, with the status it leads to.
 */
export function decideWrite(req: WriteRequest): WriteDecision {
  if (req.write === 'delete' && (req.from === 'published' || req.from === 'partially_published')) {
    return {
      ok: false,
      code: 'published_cannot_be_deleted',
      message: `This post is ${STATE[req.from]}: it is the record of what went out on the networks, so it cannot be deleted.`,
    };
  }
  const edit = req.write === 'edit' ? afterEdit(req.from, req.change, req.settings) : ({ ok: true, status: req.from } as const);
  if (!edit.ok) return edit;
  const { action, verb } = writeAction(req);
  const requiredAction = actionUid(action);
  if (!req.userActions.includes(requiredAction)) {
    return {
      ok: false,
      code: 'missing_permission',
      message: `This post is ${STATE[req.from]}; to ${verb} you need the "${permissionName(action)}" permission.`,
      requiredAction,
    };
  }
  return { ok: true, to: edit.status, action };
}

/**
 * Shortcuts: a path through the table taken in one request, allowed when the
 * table lets this user take every step of it, as if asked one by one. The
 * table stays the one source of truth; a shortcut only saves the clicks.
 *
 * `approve_and_schedule`: with approval required, someone who may approve and
 * publish schedules a draft (or a post in review) at once, instead of sending
 * it to review, approving it and scheduling it in three requests. It is asked
 * through the `schedule` route (`{ approve: true }`), so its guard is the
 * schedule route's, and each step is checked again here.
 */
export const SHORTCUT_NAMES = ['approve_and_schedule'] as const;
export type ShortcutName = (typeof SHORTCUT_NAMES)[number];

/** Every action the composer may offer: a transition of the table or a shortcut through it. */
export type PlanActionName = TransitionName | ShortcutName;

/** An action the requesting user may take on a post now, and the status it leads to. */
export interface PlanAction {
  name: PlanActionName;
  to: PostStatus;
}

const SHORTCUT_PATHS: Record<ShortcutName, Partial<Record<PostStatus, readonly TransitionName[]>>> = {
  approve_and_schedule: { draft: ['submit', 'approve', 'schedule'], in_review: ['approve', 'schedule'] },
};

export interface ShortcutRequest {
  from: PostStatus;
  shortcut: ShortcutName;
  userActions: readonly string[];
  settings: WorkflowSettings;
}

export type ShortcutResult =
  | { ok: true; to: PostStatus; steps: readonly TransitionName[]; trail: { transition: ShortcutName; from: PostStatus; to: PostStatus } }
  | Refusal;

/** Walks the shortcut's steps through `transition`: the first refusal is the answer, with its own code and message. */
export function takeShortcut(req: ShortcutRequest): ShortcutResult {
  const steps = SHORTCUT_PATHS[req.shortcut][req.from];
  if (!steps) {
    const allowed = Object.keys(SHORTCUT_PATHS[req.shortcut]) as PostStatus[];
    return {
      ok: false,
      code: 'not_allowed_from_status',
      message: `A post can be approved and scheduled in one step only when it is ${joinOr(allowed.map((status) => STATE[status]))}; this one is ${STATE[req.from]}.`,
    };
  }
  let at = req.from;
  for (const step of steps) {
    const result = transition({ from: at, transition: step, userActions: req.userActions, settings: req.settings });
    if (!result.ok) return result;
    at = result.to;
  }
  return { ok: true, to: at, steps, trail: { transition: req.shortcut, from: req.from, to: at } };
}

/**
 * What the composer offers on a post in `status`: the shortcuts that work
 * first (only where they save a step: with approval required), then the
 * table's transitions. Computed on the server for the requesting user.
 */
export function allowedActions(status: PostStatus, userActions: readonly string[], settings: WorkflowSettings): PlanAction[] {
  const shortcuts = settings.approvalRequired
    ? SHORTCUT_NAMES.flatMap((shortcut) => {
        const result = takeShortcut({ from: status, shortcut, userActions, settings });
        return result.ok ? [{ name: shortcut, to: result.to }] : [];
      })
    : [];
  const transitions = availableTransitions(status, userActions, settings).map((name) => {
    const result = transition({ from: status, transition: name, userActions, settings, comment: 'listed' });
    return { name, to: result.ok ? result.to : status };
  });
  return [...shortcuts, ...transitions];
}
