import type { IntlShape, MessageDescriptor } from 'react-intl';
import type { ComposerContext, PlanActionName, PostPlan, TransitionName } from '../../api/postPlans';
import { getTrad } from '../../utils/getTrad';

/** The button for each workflow transition, as the composer and the posts page show it. */
export const TRANSITION_LABELS: Record<TransitionName, MessageDescriptor> = {
  submit: { id: getTrad('composer.action.submit'), defaultMessage: 'Send to review' },
  withdraw: { id: getTrad('composer.action.withdraw'), defaultMessage: 'Back to draft' },
  approve: { id: getTrad('composer.action.approve'), defaultMessage: 'Approve' },
  send_back: { id: getTrad('composer.action.send_back'), defaultMessage: 'Send back with a comment' },
  schedule: { id: getTrad('composer.action.schedule'), defaultMessage: 'Schedule' },
  unschedule: { id: getTrad('composer.action.unschedule'), defaultMessage: 'Unschedule' },
  cancel: { id: getTrad('composer.action.cancel'), defaultMessage: 'Cancel the post' },
  restore: { id: getTrad('composer.action.restore'), defaultMessage: 'Restore to draft' },
  retry: { id: getTrad('composer.action.retry'), defaultMessage: 'Retry' },
};

/** The composer's buttons: the transitions and the workflow's shortcuts. */
export const ACTION_LABELS: Record<PlanActionName, MessageDescriptor> = {
  ...TRANSITION_LABELS,
  approve_and_schedule: { id: getTrad('composer.action.approve_and_schedule'), defaultMessage: 'Approve and schedule' },
};

/**
 * A wall-clock time in its zone as people read it: "Tue 5 May, 10:00 Paris".
 * The local time is already the zone's, so it is formatted as UTC (no shift).
 */
export function formatWhen(local: string | null | undefined, timezone: string | null | undefined, locale: string): string | null {
  const match = local ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local) : null;
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const text = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(wall);
  const place = timezone ? (timezone.split('/').pop() ?? timezone).replace(/_/g, ' ') : '';
  return place ? `${text} ${place}` : text;
}

const approverNames = (intl: IntlShape, context: ComposerContext | undefined) =>
  intl.formatList(
    (context?.approvers ?? []).map((approver) => approver.name),
    { type: 'conjunction' }
  );

/** What a button does, said before it is pressed; null where the label says it all. */
export function describeAction(
  intl: IntlShape,
  name: PlanActionName,
  context: ComposerContext | undefined,
  when: string | null
): string | null {
  const { formatMessage } = intl;
  switch (name) {
    case 'submit':
      return context?.approvers.length
        ? formatMessage(
            { id: getTrad('composer.describe.submit'), defaultMessage: 'Asks {names} to approve it.' },
            { names: approverNames(intl, context) }
          )
        : formatMessage({
            id: getTrad('composer.describe.submitNobody'),
            defaultMessage: 'No one may approve posts yet: an administrator gives the permission in Settings, Roles.',
          });
    case 'approve_and_schedule':
      return when
        ? formatMessage(
            {
              id: getTrad('composer.describe.approveAndSchedule'),
              defaultMessage: 'Approves it in your name and schedules it for {when}, in one step.',
            },
            { when }
          )
        : formatMessage({
            id: getTrad('composer.describe.approveAndScheduleNoTime'),
            defaultMessage: 'Approves it in your name and schedules it, in one step: choose a date and time first.',
          });
    case 'schedule':
      return when
        ? formatMessage({ id: getTrad('composer.describe.schedule'), defaultMessage: 'It goes out on {when}.' }, { when })
        : formatMessage({ id: getTrad('composer.describe.scheduleNoTime'), defaultMessage: 'Choose a date and time first.' });
    case 'approve':
      return formatMessage({
        id: getTrad('composer.describe.approve'),
        defaultMessage: 'Approves it; someone who may publish then schedules it.',
      });
    case 'unschedule':
      return formatMessage({
        id: getTrad('composer.describe.unschedule'),
        defaultMessage: 'Takes it off the schedule: it stays approved and does not go out.',
      });
    default:
      return null;
  }
}

/** The confirmation once an action is done: what happened, not just "saved". */
export function doneText(intl: IntlShape, name: PlanActionName | undefined, plan: PostPlan, context: ComposerContext | undefined): string {
  const { formatMessage } = intl;
  const when = formatWhen(plan.localTime, plan.timezone, intl.locale) ?? '';
  switch (name) {
    case undefined:
      return formatMessage({ id: getTrad('composer.saved'), defaultMessage: 'Post saved' });
    case 'submit':
      return context?.approvers.length
        ? formatMessage(
            { id: getTrad('composer.done.submit'), defaultMessage: 'Sent to review to {names}' },
            { names: approverNames(intl, context) }
          )
        : formatMessage({ id: getTrad('composer.done.submitNobody'), defaultMessage: 'Sent to review' });
    case 'approve_and_schedule':
      return formatMessage(
        { id: getTrad('composer.done.approveAndSchedule'), defaultMessage: 'Approved and scheduled for {when}' },
        { when }
      );
    case 'schedule':
    case 'retry':
      return formatMessage({ id: getTrad('composer.done.schedule'), defaultMessage: 'Scheduled for {when}' }, { when });
    case 'approve':
      return formatMessage({ id: getTrad('composer.done.approve'), defaultMessage: 'Approved' });
    case 'withdraw':
      return formatMessage({ id: getTrad('composer.done.withdraw'), defaultMessage: 'Back to draft' });
    case 'send_back':
      return formatMessage({ id: getTrad('composer.done.send_back'), defaultMessage: 'Sent back to its author' });
    case 'unschedule':
      return formatMessage({ id: getTrad('composer.done.unschedule'), defaultMessage: 'Unscheduled: it will not go out' });
    case 'cancel':
      return formatMessage({ id: getTrad('composer.done.cancel'), defaultMessage: 'Post cancelled' });
    case 'restore':
      return formatMessage({ id: getTrad('composer.done.restore'), defaultMessage: 'Restored to draft' });
  }
}
