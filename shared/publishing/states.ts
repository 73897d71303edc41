/**
 * A publication's states and the named transitions between them, as data:
 * the scheduler, the runner, the reaper, a plan's sync and a person's action
 * all take their `from` states here, so no code path can move a row along an
 * edge this table does not have. Pure (no Node, no DOM): the admin reads it
 * too, to know which buttons a state offers.
 *
 * Each transition is one conditional UPDATE (`… WHERE id = ? AND state IN
 * (from) [AND lease_owner = ?]`) with its history line in the same statement
 * (server/publishing/store.ts); a caller may narrow `from` to the states it
 * read, never widen it.
 */

export const PUBLICATION_STATES = [
  'scheduled',
  'held',
  'claimed',
  'publishing',
  'published',
  'failed',
  'unknown',
  'missed',
  'cancelled',
] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export const PUBLICATION_TRANSITIONS = [
  'claim',
  'give_back',
  'lease_expired',
  'back_off',
  'start',
  'succeed',
  'retry_later',
  'fail',
  'hold',
  'release',
  'outcome_unknown',
  'recheck',
  'reconcile_found',
  'reconcile_absent',
  'miss',
  'drop',
  'move',
  'rearm',
  'publish_now',
  'retry',
  'cancel',
  'mark_published',
  'note_first_comment',
] as const;
export type PublicationTransition = (typeof PUBLICATION_TRANSITIONS)[number];

/** Who takes a transition: the claiming loop, the runner on a network's answer, the reaper, a plan's change, an account's change, a person. */
export type Actor = 'scheduler' | 'network' | 'reaper' | 'plan' | 'account' | 'person';

export interface PublicationRule {
  name: PublicationTransition;
  from: readonly PublicationState[];
  /** `same`: the row keeps its state (a plan re-timed a held row; an unknown looked up again later) */
  to: PublicationState | 'same';
  by: Actor;
  /** the history line's `event` */
  event?: string;
}

export const PUBLICATION_RULES: readonly PublicationRule[] = [
  // The scheduler takes a due row (attempts + 1), or gives a claimed one back untouched (attempts - 1): paused, stopping, plan edited.
  { name: 'claim', from: ['scheduled'], to: 'claimed', by: 'scheduler' },
  { name: 'give_back', from: ['claimed'], to: 'scheduled', by: 'scheduler' },
  { name: 'lease_expired', from: ['claimed'], to: 'scheduled', by: 'reaper', event: 'lease_expired' },
  // The network's limits could not be read before the send: the next tick tries again.
  { name: 'back_off', from: ['claimed'], to: 'scheduled', by: 'scheduler' },
  // The attempt id is stored before the request leaves.
  { name: 'start', from: ['claimed'], to: 'publishing', by: 'scheduler' },
  // A late answer still settles a row the reaper judged unknown meanwhile.
  { name: 'succeed', from: ['publishing', 'unknown'], to: 'published', by: 'network', event: 'published' },
  { name: 'retry_later', from: ['publishing'], to: 'scheduled', by: 'network', event: 'retry_later' },
  { name: 'fail', from: ['claimed', 'publishing'], to: 'failed', by: 'network', event: 'failed' },
  { name: 'hold', from: ['claimed', 'publishing'], to: 'held', by: 'network', event: 'held' },
  // The account's other scheduled rows follow it on hold, and come back when it is connected again.
  { name: 'hold', from: ['scheduled'], to: 'held', by: 'account' },
  { name: 'release', from: ['held'], to: 'scheduled', by: 'account' },
  { name: 'outcome_unknown', from: ['publishing'], to: 'unknown', by: 'network', event: 'outcome_unknown' },
  { name: 'outcome_unknown', from: ['publishing'], to: 'unknown', by: 'reaper', event: 'outcome_unknown' },
  // Reconciliation: looked up later, found, or found absent (sent again with the same attempt id).
  { name: 'recheck', from: ['unknown'], to: 'same', by: 'scheduler' },
  { name: 'reconcile_found', from: ['unknown'], to: 'published', by: 'scheduler', event: 'reconciled_found' },
  { name: 'reconcile_absent', from: ['unknown'], to: 'scheduled', by: 'scheduler', event: 'reconciled_absent' },
  { name: 'miss', from: ['scheduled'], to: 'missed', by: 'scheduler', event: 'missed' },
  // The plan no longer wants it (unscheduled, cancelled, deleted, account taken off); a claimed row is not sent yet.
  { name: 'drop', from: ['scheduled', 'held', 'claimed'], to: 'cancelled', by: 'plan', event: 'cancelled' },
  { name: 'move', from: ['scheduled', 'held'], to: 'same', by: 'plan', event: 'moved' },
  { name: 'move', from: ['claimed'], to: 'scheduled', by: 'plan', event: 'moved' },
  // Only the workflow's schedule and retry re-arm a settled row: a publisher's cancel stands through an edit.
  { name: 'rearm', from: ['cancelled', 'failed', 'missed'], to: 'scheduled', by: 'plan', event: 'scheduled' },
  { name: 'publish_now', from: ['scheduled'], to: 'scheduled', by: 'person', event: 'publishNow' },
  { name: 'retry', from: ['failed', 'unknown', 'missed', 'held'], to: 'scheduled', by: 'person', event: 'retry' },
  { name: 'cancel', from: ['scheduled', 'claimed', 'held', 'failed', 'unknown', 'missed'], to: 'cancelled', by: 'person', event: 'cancel' },
  { name: 'mark_published', from: ['unknown', 'failed', 'missed'], to: 'published', by: 'person', event: 'markPublished' },
  // The post is out but its first comment is not: said on the row, which stays published.
  { name: 'note_first_comment', from: ['published'], to: 'same', by: 'network' },
];

/** Every state `name` may leave, whoever takes it. */
export function fromOf(name: PublicationTransition): readonly PublicationState[] {
  const states = new Set<PublicationState>();
  for (const rule of PUBLICATION_RULES) if (rule.name === name) for (const s of rule.from) states.add(s);
  return PUBLICATION_STATES.filter((s) => states.has(s));
}

/**
 * The `from` of a conditional update for `name`, narrowed to `states` (the
 * ones this caller read or may act on). Throws on a state the table does not
 * allow: a code path cannot widen a transition.
 */
export function fromFor(name: PublicationTransition, ...states: PublicationState[]): readonly PublicationState[] {
  const allowed = fromOf(name);
  if (!states.length) return allowed;
  for (const state of states) if (!allowed.includes(state)) throw new Error(`Transition ${name} cannot leave ${state}`);
  return states;
}

/** What `name` makes of a row in `state`, or null when the table refuses it. */
export function nextState(state: PublicationState, name: PublicationTransition): PublicationState | null {
  const rule = PUBLICATION_RULES.find((r) => r.name === name && r.from.includes(state));
  if (!rule) return null;
  return rule.to === 'same' ? state : rule.to;
}

/**
 * The state a conditional update for `name` from `from` writes: one state
 * for all of them, or null when each row keeps its own (`same`). Throws when
 * the states would go different ways: the caller must split its update.
 */
export function toOf(name: PublicationTransition, from: readonly PublicationState[]): PublicationState | null {
  const targets = new Set<PublicationState | null>();
  for (const state of from) {
    const next = nextState(state, name);
    if (next === null) throw new Error(`Transition ${name} cannot leave ${state}`);
    const rule = PUBLICATION_RULES.find((r) => r.name === name && r.from.includes(state))!;
    targets.add(rule.to === 'same' ? null : next);
  }
  if (targets.size !== 1) throw new Error(`Transition ${name} from ${from.join(', ')} leads to different states`);
  return [...targets][0];
}

/** The history line's event of `name` (the rule leaving `state`), or the transition's name. */
export function eventOf(name: PublicationTransition, state?: PublicationState): string {
  const rule = PUBLICATION_RULES.find((r) => r.name === name && (state === undefined || r.from.includes(state)));
  return rule?.event ?? name;
}

/** What a person may do to a publication in `state` (the Publishing page's buttons). */
export function personTransitions(state: PublicationState): PublicationTransition[] {
  return PUBLICATION_RULES.filter((r) => r.by === 'person' && r.from.includes(state)).map((r) => r.name);
}

/** States a person must look at: the publishing page's "needs you" list and the menu badge. */
export const NEEDS_A_PERSON: readonly PublicationState[] = ['failed', 'unknown', 'missed', 'held'];
/** States the scheduler may still move without anyone's help. */
export const PENDING: readonly PublicationState[] = ['scheduled', 'claimed', 'publishing'];
/** States after which a plan's status may change (the runner rolls the plan up). */
export const SETTLED: readonly PublicationState[] = ['published', 'failed', 'missed', 'cancelled', 'held', 'unknown'];
/** States that keep a plan `scheduled`: a publication may still go out. */
export const OPEN: readonly PublicationState[] = ['scheduled', 'held', 'claimed', 'publishing', 'unknown'];
/** Never reached a network: such rows may go with their plan. */
export const NEVER_SENT: readonly PublicationState[] = ['cancelled', 'failed', 'missed'];
