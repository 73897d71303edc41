import { ACTIONS, actionUid, type Action } from '../../shared/core/permissions';
import { postChange, type Outgoing } from '../../server/planning/changes';
import {
  afterEdit,
  availableTransitions,
  decideWrite,
  DEFAULT_WORKFLOW_SETTINGS,
  POST_STATUSES,
  transition,
  TRANSITION_NAMES,
  type PostStatus,
  type TransitionName,
  type WorkflowSettings,
} from '../../shared/planning/workflow';

const withApproval: WorkflowSettings = { approvalRequired: true, retimeNeedsReview: false };
const withoutApproval: WorkflowSettings = { approvalRequired: false, retimeNeedsReview: false };
const SETTINGS: Record<string, WorkflowSettings> = {
  'approval required': withApproval,
  'no approval': withoutApproval,
  'approval required and retimes reviewed': { approvalRequired: true, retimeNeedsReview: true },
  'no approval but retimes reviewed': { approvalRequired: false, retimeNeedsReview: true },
};

const READ = actionUid(ACTIONS.postsRead);
const CREATE = actionUid(ACTIONS.postsCreate);
const APPROVE = actionUid(ACTIONS.postsApprove);
const PUBLISH = actionUid(ACTIONS.postsPublish);

const author = [READ, CREATE];
const approver = [READ, APPROVE];
const publisher = [READ, PUBLISH];
const wholeTeam = [READ, CREATE, APPROVE, PUBLISH];
const ROLES: Record<string, string[]> = {
  'an author': author,
  'an approver': approver,
  'a publisher': publisher,
  'the whole team': wholeTeam,
  'someone who may only read': [READ],
};

const create = ACTIONS.postsCreate;
const approve = ACTIONS.postsApprove;
const publish = ACTIONS.postsPublish;
const REFUSED = 'not_allowed_from_status';
const NEEDS_APPROVAL = 'approval_required';

type Outcome = PostStatus | typeof REFUSED | typeof NEEDS_APPROVAL;
const isStatus = (outcome: Outcome): outcome is PostStatus => (POST_STATUSES as readonly string[]).includes(outcome);

/**
 * The whole workflow, written out by hand: what becomes of a post in each
 * status when someone holding every post permission asks for each transition,
 * with approval required and without, and the one permission that suffices.
 * A change to the table that is not also made here fails.
 */
const MATRIX: Array<[PostStatus, TransitionName, Outcome, Outcome, Action | null]> = [
  // from                   transition     approval required   approval not required   needs
  ['draft', 'submit', 'in_review', 'in_review', create],
  ['draft', 'withdraw', REFUSED, REFUSED, null],
  ['draft', 'approve', REFUSED, REFUSED, null],
  ['draft', 'send_back', REFUSED, REFUSED, null],
  ['draft', 'schedule', NEEDS_APPROVAL, 'scheduled', publish],
  ['draft', 'unschedule', REFUSED, REFUSED, null],
  ['draft', 'cancel', 'cancelled', 'cancelled', create],
  ['draft', 'restore', REFUSED, REFUSED, null],
  ['draft', 'retry', REFUSED, REFUSED, null],

  ['in_review', 'submit', REFUSED, REFUSED, null],
  ['in_review', 'withdraw', 'draft', 'draft', create],
  ['in_review', 'approve', 'approved', 'approved', approve],
  ['in_review', 'send_back', 'draft', 'draft', approve],
  ['in_review', 'schedule', REFUSED, REFUSED, null],
  ['in_review', 'unschedule', REFUSED, REFUSED, null],
  ['in_review', 'cancel', 'cancelled', 'cancelled', create],
  ['in_review', 'restore', REFUSED, REFUSED, null],
  ['in_review', 'retry', REFUSED, REFUSED, null],

  ['approved', 'submit', REFUSED, REFUSED, null],
  ['approved', 'withdraw', REFUSED, REFUSED, null],
  ['approved', 'approve', REFUSED, REFUSED, null],
  ['approved', 'send_back', REFUSED, REFUSED, null],
  ['approved', 'schedule', 'scheduled', 'scheduled', publish],
  ['approved', 'unschedule', REFUSED, REFUSED, null],
  ['approved', 'cancel', 'cancelled', 'cancelled', create],
  ['approved', 'restore', REFUSED, REFUSED, null],
  ['approved', 'retry', REFUSED, REFUSED, null],

  ['scheduled', 'submit', REFUSED, REFUSED, null],
  ['scheduled', 'withdraw', REFUSED, REFUSED, null],
  ['scheduled', 'approve', REFUSED, REFUSED, null],
  ['scheduled', 'send_back', REFUSED, REFUSED, null],
  ['scheduled', 'schedule', REFUSED, REFUSED, null],
  ['scheduled', 'unschedule', 'approved', 'approved', publish],
  ['scheduled', 'cancel', 'cancelled', 'cancelled', publish],
  ['scheduled', 'restore', REFUSED, REFUSED, null],
  ['scheduled', 'retry', REFUSED, REFUSED, null],

  ['published', 'submit', REFUSED, REFUSED, null],
  ['published', 'withdraw', REFUSED, REFUSED, null],
  ['published', 'approve', REFUSED, REFUSED, null],
  ['published', 'send_back', REFUSED, REFUSED, null],
  ['published', 'schedule', REFUSED, REFUSED, null],
  ['published', 'unschedule', REFUSED, REFUSED, null],
  ['published', 'cancel', REFUSED, REFUSED, null],
  ['published', 'restore', REFUSED, REFUSED, null],
  ['published', 'retry', REFUSED, REFUSED, null],

  ['partially_published', 'submit', REFUSED, REFUSED, null],
  ['partially_published', 'withdraw', REFUSED, REFUSED, null],
  ['partially_published', 'approve', REFUSED, REFUSED, null],
  ['partially_published', 'send_back', REFUSED, REFUSED, null],
  ['partially_published', 'schedule', REFUSED, REFUSED, null],
  ['partially_published', 'unschedule', REFUSED, REFUSED, null],
  ['partially_published', 'cancel', REFUSED, REFUSED, null],
  ['partially_published', 'restore', REFUSED, REFUSED, null],
  ['partially_published', 'retry', REFUSED, REFUSED, null],

  ['failed', 'submit', REFUSED, REFUSED, null],
  ['failed', 'withdraw', 'draft', 'draft', create],
  ['failed', 'approve', REFUSED, REFUSED, null],
  ['failed', 'send_back', REFUSED, REFUSED, null],
  ['failed', 'schedule', REFUSED, REFUSED, null],
  ['failed', 'unschedule', REFUSED, REFUSED, null],
  ['failed', 'cancel', REFUSED, REFUSED, null],
  ['failed', 'restore', REFUSED, REFUSED, null],
  ['failed', 'retry', 'scheduled', 'scheduled', publish],

  ['cancelled', 'submit', REFUSED, REFUSED, null],
  ['cancelled', 'withdraw', REFUSED, REFUSED, null],
  ['cancelled', 'approve', REFUSED, REFUSED, null],
  ['cancelled', 'send_back', REFUSED, REFUSED, null],
  ['cancelled', 'schedule', REFUSED, REFUSED, null],
  ['cancelled', 'unschedule', REFUSED, REFUSED, null],
  ['cancelled', 'cancel', REFUSED, REFUSED, null],
  ['cancelled', 'restore', 'draft', 'draft', create],
  ['cancelled', 'retry', REFUSED, REFUSED, null],
];

const outcomeOf = (from: PostStatus, name: TransitionName, settings: WorkflowSettings, userActions = wholeTeam): Outcome => {
  const result = transition({ from, transition: name, userActions, settings, comment: 'Please shorten the hook.' });
  if (result.ok) return result.to;
  if (result.code === REFUSED || result.code === NEEDS_APPROVAL) return result.code;
  throw new Error(`unexpected refusal ${result.code}: ${result.message}`);
};

describe('the whole transition table', () => {
  it('lists every status against every transition exactly once', () => {
    const listed = MATRIX.map(([from, name]) => `${from} ${name}`);
    const every = POST_STATUSES.flatMap((from) => TRANSITION_NAMES.map((name) => `${from} ${name}`));
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...every].sort());
  });

  it.each(MATRIX)(
    'a post that is %s, asked to %s: %s when approval is required, %s when it is not',
    (from, name, whenRequired, whenNotRequired) => {
      expect(outcomeOf(from, name, withApproval)).toBe(whenRequired);
      expect(outcomeOf(from, name, withoutApproval)).toBe(whenNotRequired);
    }
  );

  // [from, transition, the permission it needs, the settings under which the table allows it, the status it leads to]
  const allowed = MATRIX.flatMap(([from, name, whenRequired, whenNotRequired, needs]) =>
    needs === null
      ? []
      : [
          whenRequired === NEEDS_APPROVAL
            ? ([from, name, needs, withoutApproval, whenNotRequired] as const)
            : ([from, name, needs, withApproval, whenRequired] as const),
        ]
  );

  it.each(allowed)('a post that is %s can be asked to %s by someone who holds only %s', (from, name, needs, settings, to) => {
    const result = transition({ from, transition: name, userActions: [READ, actionUid(needs)], settings, comment: 'Tighten it.' });
    expect(result).toMatchObject({ ok: true, to });
  });

  it.each(allowed)('a post that is %s cannot be asked to %s without %s, whatever else the user holds', (from, name, needs, settings) => {
    const everythingElse = wholeTeam.filter((uid) => uid !== actionUid(needs));
    const result = transition({ from, transition: name, userActions: everythingElse, settings, comment: 'Tighten it.' });
    expect(result).toMatchObject({ ok: false, code: 'missing_permission', requiredAction: actionUid(needs) });
  });

  it.each(POST_STATUSES)('on a post that is %s, the whole team sees exactly the buttons the table allows', (status) => {
    const allowedIn = (column: 2 | 3) => MATRIX.filter((row) => row[0] === status && isStatus(row[column])).map((row) => row[1]);
    expect(availableTransitions(status, wholeTeam, withApproval)).toEqual(allowedIn(2));
    expect(availableTransitions(status, wholeTeam, withoutApproval)).toEqual(allowedIn(3));
  });
});

describe('who may do what', () => {
  it('an author submits a draft for review', () => {
    expect(transition({ from: 'draft', transition: 'submit', userActions: author, settings: withApproval })).toEqual({
      ok: true,
      to: 'in_review',
      trail: { transition: 'submit', from: 'draft', to: 'in_review' },
    });
  });

  it('an author cannot approve their own post under review', () => {
    const result = transition({ from: 'in_review', transition: 'approve', userActions: author, settings: withApproval });
    expect(result).toEqual({
      ok: false,
      code: 'missing_permission',
      requiredAction: 'plugin::community-manager.posts.approve',
      message: 'This post is in review; to approve it you need the "Approve posts" permission.',
    });
  });

  it('an approver approves a post under review but cannot schedule it', () => {
    expect(transition({ from: 'in_review', transition: 'approve', userActions: approver, settings: withApproval })).toMatchObject({
      ok: true,
      to: 'approved',
    });
    expect(transition({ from: 'approved', transition: 'schedule', userActions: approver, settings: withApproval })).toMatchObject({
      ok: false,
      code: 'missing_permission',
      requiredAction: PUBLISH,
    });
  });

  it('a publisher schedules an approved post', () => {
    expect(transition({ from: 'approved', transition: 'schedule', userActions: publisher, settings: withApproval })).toEqual({
      ok: true,
      to: 'scheduled',
      trail: { transition: 'schedule', from: 'approved', to: 'scheduled' },
    });
  });

  it('a publisher cannot schedule a post still in review, whether approval is required or not', () => {
    for (const settings of [withApproval, withoutApproval]) {
      const result = transition({ from: 'in_review', transition: 'schedule', userActions: publisher, settings });
      expect(result).toMatchObject({ ok: false, code: 'not_allowed_from_status' });
    }
  });

  it('when approval is required, scheduling a draft directly is refused as needing approval, even for the whole team', () => {
    const result = transition({ from: 'draft', transition: 'schedule', userActions: wholeTeam, settings: withApproval });
    expect(result).toEqual({
      ok: false,
      code: 'approval_required',
      message: 'Posts need approval before they are scheduled, and this one is a draft: submit it for review first.',
    });
  });

  it('when approval is not required, a publisher schedules a draft directly', () => {
    expect(transition({ from: 'draft', transition: 'schedule', userActions: publisher, settings: withoutApproval })).toEqual({
      ok: true,
      to: 'scheduled',
      trail: { transition: 'schedule', from: 'draft', to: 'scheduled' },
    });
  });

  it('an author cancels their draft but needs a publisher to cancel a scheduled post', () => {
    expect(transition({ from: 'draft', transition: 'cancel', userActions: author, settings: withApproval })).toMatchObject({
      ok: true,
      to: 'cancelled',
    });
    expect(transition({ from: 'scheduled', transition: 'cancel', userActions: author, settings: withApproval })).toEqual({
      ok: false,
      code: 'missing_permission',
      requiredAction: PUBLISH,
      message: 'This post is scheduled; to cancel it you need the "Schedule and publish posts" permission.',
    });
    expect(transition({ from: 'scheduled', transition: 'cancel', userActions: publisher, settings: withApproval })).toMatchObject({
      ok: true,
      to: 'cancelled',
    });
  });

  it('after a failed publication, the author takes the post back to draft and the publisher retries it', () => {
    expect(transition({ from: 'failed', transition: 'withdraw', userActions: author, settings: withApproval })).toMatchObject({
      ok: true,
      to: 'draft',
    });
    expect(transition({ from: 'failed', transition: 'retry', userActions: author, settings: withApproval })).toMatchObject({
      ok: false,
      code: 'missing_permission',
      requiredAction: PUBLISH,
    });
    expect(transition({ from: 'failed', transition: 'retry', userActions: publisher, settings: withApproval })).toMatchObject({
      ok: true,
      to: 'scheduled',
    });
  });

  it('nobody can hand-cancel a published post, and the refusal says which statuses could be', () => {
    expect(transition({ from: 'published', transition: 'cancel', userActions: wholeTeam, settings: withApproval })).toEqual({
      ok: false,
      code: 'not_allowed_from_status',
      message: 'A post can be cancelled only when it is a draft, in review, approved or scheduled; this one is published.',
    });
  });

  it('a user holding no post permission at all is told the status problem before the permission one', () => {
    const result = transition({ from: 'cancelled', transition: 'approve', userActions: [], settings: withApproval });
    expect(result).toMatchObject({ ok: false, code: 'not_allowed_from_status' });
  });

  it('permissions are matched by full action uid, not by a bare action name', () => {
    const result = transition({ from: 'in_review', transition: 'approve', userActions: ['posts.approve'], settings: withApproval });
    expect(result).toMatchObject({ ok: false, code: 'missing_permission' });
  });
});

describe('sending a post back to its author', () => {
  it('is refused without a comment', () => {
    expect(transition({ from: 'in_review', transition: 'send_back', userActions: approver, settings: withApproval })).toEqual({
      ok: false,
      code: 'comment_required',
      message: 'A post can be sent back to its author only with a comment that says what to change.',
    });
  });

  it.each(['', '   ', '\n\t  \n'])('is refused with a comment of only whitespace (%j)', (comment) => {
    const result = transition({ from: 'in_review', transition: 'send_back', userActions: approver, comment, settings: withApproval });
    expect(result).toMatchObject({ ok: false, code: 'comment_required' });
  });

  it('with a comment returns the post to draft and keeps the trimmed comment in the approval trail', () => {
    const result = transition({
      from: 'in_review',
      transition: 'send_back',
      userActions: approver,
      comment: '  The link points to last year’s event.\n',
      settings: withApproval,
    });
    expect(result).toEqual({
      ok: true,
      to: 'draft',
      trail: { transition: 'send_back', from: 'in_review', to: 'draft', comment: 'The link points to last year’s event.' },
    });
  });

  it('an author without the approve permission cannot send back, even with a comment', () => {
    const result = transition({ from: 'in_review', transition: 'send_back', userActions: author, comment: 'No.', settings: withApproval });
    expect(result).toMatchObject({ ok: false, code: 'missing_permission', requiredAction: APPROVE });
  });

  it('approving needs no comment, but an optional one is kept in the trail', () => {
    const withNote = transition({
      from: 'in_review',
      transition: 'approve',
      userActions: approver,
      comment: ' Nice one ',
      settings: withApproval,
    });
    expect(withNote).toMatchObject({ ok: true, trail: { comment: 'Nice one' } });
    const silent = transition({ from: 'in_review', transition: 'approve', userActions: approver, comment: '  ', settings: withApproval });
    expect(silent.ok && 'comment' in silent.trail).toBe(false);
  });
});

describe('the buttons each role sees', () => {
  it.each<[string, PostStatus, string, TransitionName[]]>([
    ['an author', 'draft', 'approval required', ['submit', 'cancel']],
    ['an author', 'in_review', 'approval required', ['withdraw', 'cancel']],
    ['an author', 'approved', 'approval required', ['cancel']],
    ['an author', 'scheduled', 'approval required', []],
    ['an author', 'failed', 'approval required', ['withdraw']],
    ['an author', 'cancelled', 'approval required', ['restore']],
    ['an author', 'published', 'approval required', []],
    ['an approver', 'draft', 'approval required', []],
    ['an approver', 'in_review', 'approval required', ['approve', 'send_back']],
    ['an approver', 'approved', 'approval required', []],
    ['a publisher', 'draft', 'approval required', []],
    ['a publisher', 'draft', 'no approval', ['schedule']],
    ['a publisher', 'approved', 'approval required', ['schedule']],
    ['a publisher', 'scheduled', 'approval required', ['unschedule', 'cancel']],
    ['a publisher', 'failed', 'approval required', ['retry']],
    ['a publisher', 'partially_published', 'approval required', []],
    ['the whole team', 'in_review', 'approval required', ['withdraw', 'approve', 'send_back', 'cancel']],
    ['the whole team', 'draft', 'no approval', ['submit', 'schedule', 'cancel']],
    ['someone who may only read', 'in_review', 'approval required', []],
  ])('%s looking at a post that is %s, with %s, sees %j', (role, status, settingsName, expected) => {
    expect(availableTransitions(status, ROLES[role], SETTINGS[settingsName])).toEqual(expected);
  });
});

describe('editing a post', () => {
  const CHANGES: Record<string, { content: boolean; timing: boolean }> = {
    'its content': { content: true, timing: false },
    'its timing': { content: false, timing: true },
    'its content and timing': { content: true, timing: true },
    nothing: { content: false, timing: false },
  };

  it('defaults to requiring approval and letting approved posts move in time without review', () => {
    expect(DEFAULT_WORKFLOW_SETTINGS).toEqual({ approvalRequired: true, retimeNeedsReview: false });
  });

  it.each<[PostStatus, string, string, PostStatus]>([
    ['approved', 'its content', 'approval required', 'in_review'],
    ['approved', 'its timing', 'approval required', 'approved'],
    ['approved', 'its content and timing', 'approval required', 'in_review'],
    ['scheduled', 'its content', 'approval required', 'in_review'],
    ['scheduled', 'its timing', 'approval required', 'scheduled'],
    ['scheduled', 'its timing', 'approval required and retimes reviewed', 'in_review'],
    ['approved', 'its timing', 'approval required and retimes reviewed', 'in_review'],
    ['scheduled', 'its content and timing', 'approval required and retimes reviewed', 'in_review'],
    ['scheduled', 'nothing', 'approval required and retimes reviewed', 'scheduled'],
    ['failed', 'its content', 'approval required', 'in_review'],
    ['failed', 'its timing', 'approval required', 'failed'],
    ['scheduled', 'its content', 'no approval', 'scheduled'],
    ['approved', 'its content and timing', 'no approval', 'approved'],
    ['scheduled', 'its timing', 'no approval but retimes reviewed', 'scheduled'],
    ['draft', 'its content and timing', 'approval required and retimes reviewed', 'draft'],
    ['in_review', 'its content', 'approval required', 'in_review'],
    ['in_review', 'its timing', 'approval required and retimes reviewed', 'in_review'],
    ['cancelled', 'its content', 'approval required', 'cancelled'],
  ])('a post that is %s, when someone changes %s (%s), becomes %s', (status, what, settingsName, expected) => {
    expect(afterEdit(status, CHANGES[what], SETTINGS[settingsName])).toEqual({ ok: true, status: expected });
  });

  it.each<[PostStatus, string, string]>([
    ['published', 'its content', 'approval required'],
    ['published', 'its timing', 'no approval'],
    ['partially_published', 'its content and timing', 'approval required and retimes reviewed'],
    ['partially_published', 'nothing', 'no approval'],
  ])('a post that is %s is read-only: changing %s is refused (%s)', (status, what, settingsName) => {
    expect(afterEdit(status, CHANGES[what], SETTINGS[settingsName])).toEqual({
      ok: false,
      code: 'published_is_read_only',
      message: `This post is ${status.replace('_', ' ')}: what went out on the networks cannot be edited here. Create a new post instead.`,
    });
  });
});

/**
 * Every write that is not a named transition (PUT, reschedule, DELETE): the
 * permission it needs is the one the dedicated transition needs from that
 * status, and the status it leads to is `afterEdit`'s.
 */
describe('deciding a write, whatever the route', () => {
  const EDITS: Record<string, { content: boolean; timing: boolean }> = {
    'its words': { content: true, timing: false },
    'its time': { content: false, timing: true },
    'its words and time': { content: true, timing: true },
    'only its labels': { content: false, timing: false },
  };
  type Write = string | 'delete';
  const request = (from: PostStatus, write: Write, role: string, settings = withApproval) =>
    write === 'delete'
      ? decideWrite({ from, write: 'delete', userActions: ROLES[role], settings })
      : decideWrite({ from, write: 'edit', change: EDITS[write], userActions: ROLES[role], settings });

  it.each<[string, PostStatus, Write, PostStatus | 'missing_permission' | 'published_is_read_only' | 'published_cannot_be_deleted']>([
    ['an author', 'draft', 'its words and time', 'draft'],
    ['an author', 'draft', 'delete', 'draft'],
    ['an author', 'in_review', 'its words', 'in_review'],
    ['an author', 'approved', 'its words', 'in_review'],
    ['an author', 'approved', 'its time', 'approved'],
    ['an author', 'approved', 'only its labels', 'approved'],
    ['an author', 'approved', 'delete', 'approved'],
    ['an author', 'scheduled', 'its words', 'missing_permission'],
    ['an author', 'scheduled', 'its time', 'missing_permission'],
    ['an author', 'scheduled', 'its words and time', 'missing_permission'],
    ['an author', 'scheduled', 'delete', 'missing_permission'],
    ['an author', 'scheduled', 'only its labels', 'scheduled'],
    ['the whole team', 'scheduled', 'its words', 'in_review'],
    ['the whole team', 'scheduled', 'its time', 'scheduled'],
    ['the whole team', 'scheduled', 'delete', 'scheduled'],
    ['a publisher', 'scheduled', 'only its labels', 'missing_permission'],
    ['an author', 'failed', 'its words', 'in_review'],
    ['an author', 'failed', 'its time', 'failed'],
    ['an author', 'failed', 'delete', 'failed'],
    ['an author', 'cancelled', 'delete', 'cancelled'],
    ['someone who may only read', 'draft', 'its words', 'missing_permission'],
    ['someone who may only read', 'draft', 'delete', 'missing_permission'],
    ['an author', 'published', 'only its labels', 'published_is_read_only'],
    ['the whole team', 'published', 'its time', 'published_is_read_only'],
    ['the whole team', 'published', 'delete', 'published_cannot_be_deleted'],
    ['the whole team', 'partially_published', 'delete', 'published_cannot_be_deleted'],
  ])('%s: a %s post, asked to change %s, gives %s', (role, from, write, expected) => {
    const decision = request(from, write, role);
    expect(decision.ok ? decision.to : decision.code).toBe(expected);
  });

  it('asks, of a scheduled post, for what unschedule asks and, to delete, for what cancel asks', () => {
    const needed = (from: PostStatus, write: Write) => {
      const decision = request(from, write, 'someone who may only read');
      return decision.ok ? null : decision.requiredAction;
    };
    expect(needed('scheduled', 'its time')).toBe(PUBLISH);
    expect(needed('scheduled', 'delete')).toBe(PUBLISH);
    expect(needed('approved', 'delete')).toBe(CREATE);
    expect(needed('approved', 'its words')).toBe(CREATE);
    expect(request('scheduled', 'its words', 'an author')).toMatchObject({
      message: 'This post is scheduled; to change its words or its time you need the "Schedule and publish posts" permission.',
    });
  });

  it('follows the settings for where a change leads, once the permission is there', () => {
    expect(request('scheduled', 'its time', 'the whole team', { approvalRequired: true, retimeNeedsReview: true })).toMatchObject({
      ok: true,
      to: 'in_review',
    });
    expect(request('scheduled', 'its words', 'the whole team', withoutApproval)).toMatchObject({ ok: true, to: 'scheduled' });
    expect(request('scheduled', 'its words', 'an author', withoutApproval)).toMatchObject({ ok: false, code: 'missing_permission' });
  });
});

describe('what an edit changes', () => {
  const stored: Outgoing = {
    body: 'Hello',
    variants: { mastodon: { body: 'Hi Mastodon' } },
    accountIds: ['a', 'b'],
    media: [1, 2],
    mediaAlt: { '1': 'A cat' },
    firstComment: null,
    utm: { enabled: true },
    campaign: 'spring',
    scheduledAt: '2031-05-05T08:00:00.000Z',
  };

  it.each<[string, Partial<Outgoing>, { content: boolean; timing: boolean }]>([
    ['nothing', {}, { content: false, timing: false }],
    ['the same accounts in another order', { accountIds: ['b', 'a'] }, { content: false, timing: false }],
    ['a blank first comment for none', { firstComment: '' }, { content: false, timing: false }],
    ['a blank UTM campaign for none', { utm: { enabled: true, campaign: '' } }, { content: false, timing: false }],
    ['the body', { body: 'Hello again' }, { content: true, timing: false }],
    ['a variant', { variants: { mastodon: { body: 'Hey' } } }, { content: true, timing: false }],
    ['an account', { accountIds: ['a'] }, { content: true, timing: false }],
    ['the media order', { media: [2, 1] }, { content: true, timing: false }],
    ['an alt text', { mediaAlt: { '1': 'A dog' } }, { content: true, timing: false }],
    ['the first comment', { firstComment: 'More below' }, { content: true, timing: false }],
    ['the UTM campaign', { utm: { enabled: true, campaign: 'launch' } }, { content: true, timing: false }],
    ['UTM off', { utm: { enabled: false } }, { content: true, timing: false }],
    ['the campaign (the UTM fallback)', { campaign: 'autumn' }, { content: true, timing: false }],
    ['the time', { scheduledAt: '2031-05-06T08:00:00.000Z' }, { content: false, timing: true }],
    ['no time any more', { scheduledAt: null }, { content: false, timing: true }],
  ])('%s', (_what, edit, expected) => {
    expect(postChange(stored, { ...stored, ...edit })).toEqual(expected);
  });
});
