import { ACTIONS, actionUid } from '../../shared/core/permissions';
import { allowedActions, takeShortcut, type PostStatus, type WorkflowSettings } from '../../shared/planning/workflow';
import { preselectAccounts } from '../../admin/pages/Composer/preselectAccounts';

const READ = actionUid(ACTIONS.postsRead);
const CREATE = actionUid(ACTIONS.postsCreate);
const APPROVE = actionUid(ACTIONS.postsApprove);
const PUBLISH = actionUid(ACTIONS.postsPublish);
const withApproval: WorkflowSettings = { approvalRequired: true, retimeNeedsReview: false };
const withoutApproval: WorkflowSettings = { approvalRequired: false, retimeNeedsReview: false };
const names = (status: PostStatus, actions: string[], settings: WorkflowSettings) =>
  allowedActions(status, actions, settings).map((action) => action.name);

describe('what the composer offers (allowedActions)', () => {
  it.each<[string, string[], PostStatus, WorkflowSettings, string[]]>([
    ['an author, approval on', [READ, CREATE], 'draft', withApproval, ['submit', 'cancel']],
    ['the whole team, approval on', [READ, CREATE, APPROVE, PUBLISH], 'draft', withApproval, ['approve_and_schedule', 'submit', 'cancel']],
    ['the whole team, approval off', [READ, CREATE, APPROVE, PUBLISH], 'draft', withoutApproval, ['submit', 'schedule', 'cancel']],
    [
      'an approver who may publish, in review',
      [READ, APPROVE, PUBLISH],
      'in_review',
      withApproval,
      ['approve_and_schedule', 'approve', 'send_back'],
    ],
    ['an approver who may not publish, in review', [READ, APPROVE], 'in_review', withApproval, ['approve', 'send_back']],
    // Approve and publish but not create: the draft's first step (submit) is not theirs, so no shortcut.
    ['an approver and publisher on a draft', [READ, APPROVE, PUBLISH], 'draft', withApproval, []],
    ['the whole team on an approved post', [READ, CREATE, APPROVE, PUBLISH], 'approved', withApproval, ['schedule', 'cancel']],
  ])('%s', (_who, actions, status, settings, expected) => {
    expect(names(status, actions, settings)).toEqual(expected);
  });

  it('says where each action leads', () => {
    expect(allowedActions('draft', [READ, CREATE, APPROVE, PUBLISH], withApproval)).toEqual([
      { name: 'approve_and_schedule', to: 'scheduled' },
      { name: 'submit', to: 'in_review' },
      { name: 'cancel', to: 'cancelled' },
    ]);
  });
});

describe('the approve-and-schedule shortcut', () => {
  it('walks the table from a draft and reports itself as one step', () => {
    expect(
      takeShortcut({ from: 'draft', shortcut: 'approve_and_schedule', userActions: [CREATE, APPROVE, PUBLISH], settings: withApproval })
    ).toEqual({
      ok: true,
      to: 'scheduled',
      steps: ['submit', 'approve', 'schedule'],
      trail: { transition: 'approve_and_schedule', from: 'draft', to: 'scheduled' },
    });
  });

  it('answers with the first step it may not take', () => {
    expect(
      takeShortcut({ from: 'draft', shortcut: 'approve_and_schedule', userActions: [CREATE, PUBLISH], settings: withApproval })
    ).toMatchObject({
      ok: false,
      code: 'missing_permission',
      requiredAction: APPROVE,
    });
    expect(
      takeShortcut({ from: 'in_review', shortcut: 'approve_and_schedule', userActions: [APPROVE], settings: withApproval })
    ).toMatchObject({
      ok: false,
      code: 'missing_permission',
      requiredAction: PUBLISH,
    });
  });

  it('is refused from a status it does not start from', () => {
    expect(
      takeShortcut({ from: 'scheduled', shortcut: 'approve_and_schedule', userActions: [CREATE, APPROVE, PUBLISH], settings: withApproval })
    ).toMatchObject({ ok: false, code: 'not_allowed_from_status' });
  });
});

describe('the share timeline’s ticked accounts', () => {
  const line = (id: string) => ({ documentId: id, name: `Line ${id}` });
  const facts = [
    { documentId: 'a', status: 'connected', editorialLine: line('L1') },
    { documentId: 'b', status: 'needs_reauth', editorialLine: line('L1') },
    { documentId: 'c', status: 'connected', editorialLine: line('L2') },
    { documentId: 'd', status: 'error', editorialLine: line('L2') },
  ];
  const offered = facts.map(({ documentId }) => ({ documentId }));

  it('ticks the connected accounts of the line of the entry’s latest post', () => {
    expect(preselectAccounts(offered, facts, ['c', 'a'])).toEqual({ ids: ['c'], basis: { kind: 'line', name: 'Line L2' } });
  });

  it('ticks nothing when the connected accounts span several lines and no post tells which', () => {
    expect(preselectAccounts(offered, facts, [])).toEqual({ ids: [], basis: { kind: 'several_lines' } });
  });

  it('ticks every connected account of the one line there is, never a broken one', () => {
    const one = facts.filter((account) => account.editorialLine.documentId === 'L1');
    expect(preselectAccounts(one, one, [])).toEqual({ ids: ['a'], basis: { kind: 'line', name: 'Line L1' } });
  });

  it('ticks nothing when it cannot tell which accounts are healthy', () => {
    expect(preselectAccounts(offered, undefined, [])).toEqual({ ids: [], basis: { kind: 'unknown' } });
  });
});
