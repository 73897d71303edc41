import * as React from 'react';
import { Box, Button, Field, Flex, IconButton, Textarea, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { useAuth } from '@strapi/strapi/admin';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { useApiError } from '../../utils/serverMessages';
import { useCommentMutations, usePostComments, type TrailEntry } from '../../api/postPlans';
import { FormSection } from '../../components/FormSection';
import { getTrad } from '../../utils/getTrad';
import { usePublishingTrail } from '../Publishing/messages';

/** Trail events in the past tense (the trail says what happened, the buttons what to do). */
const EVENTS: Record<string, MessageDescriptor> = {
  created: { id: getTrad('composer.event.created'), defaultMessage: 'created' },
  edited: { id: getTrad('composer.event.edited'), defaultMessage: 'edited' },
  duplicated: { id: getTrad('composer.event.duplicated'), defaultMessage: 'created as a copy' },
  submit: { id: getTrad('composer.event.submit'), defaultMessage: 'submitted for review' },
  withdraw: { id: getTrad('composer.event.withdraw'), defaultMessage: 'taken back to draft' },
  approve: { id: getTrad('composer.event.approve'), defaultMessage: 'approved' },
  send_back: { id: getTrad('composer.event.send_back'), defaultMessage: 'sent back to its author' },
  schedule: { id: getTrad('composer.event.schedule'), defaultMessage: 'scheduled' },
  unschedule: { id: getTrad('composer.event.unschedule'), defaultMessage: 'unscheduled' },
  cancel: { id: getTrad('composer.event.cancel'), defaultMessage: 'cancelled' },
  restore: { id: getTrad('composer.event.restore'), defaultMessage: 'restored to draft' },
  retry: { id: getTrad('composer.event.retry'), defaultMessage: 'retried' },
  approve_and_schedule: { id: getTrad('composer.event.approve_and_schedule'), defaultMessage: 'approved and scheduled in one step' },
};

const when = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** The trail (what happened to the post) and the internal conversation about it, side by side. */
export const CommentsPanel = ({ documentId, trail }: { documentId: string; trail: TrailEntry[] }) => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage, locale } = useIntl();
  const comments = usePostComments(documentId);
  const { add, remove } = useCommentMutations(documentId);
  const me = useAuth('Composer', (state) => state.user?.id);
  const [text, setText] = React.useState('');
  const addError = add.error ? readApiError(add.error) : null;
  // Publishing's lines (issue 14, item 7): who or what sent it, where, and the live link or the reason.
  const publishing = usePublishingTrail();

  return (
    <FormSection title={formatMessage({ id: getTrad('composer.history'), defaultMessage: 'History and comments' })} data-testid="comments">
      <Flex direction="column" alignItems="stretch" gap={2}>
        {trail.map((entry, index) => (
          <Typography key={`${entry.at}-${index}`} variant="pi" textColor="neutral600" tag="p" data-testid="trail-entry">
            {formatMessage(
              { id: getTrad('composer.trail.entry'), defaultMessage: '{when}: {who}, {event}' },
              {
                when: when(entry.at, locale),
                who: entry.by?.name ?? '—',
                event: EVENTS[entry.event] ? formatMessage(EVENTS[entry.event]) : entry.event,
                ...publishing(entry),
              }
            )}
            {entry.comment ? ` — “${entry.comment}”` : ''}
          </Typography>
        ))}
      </Flex>
      <Flex direction="column" alignItems="stretch" gap={2}>
        {(comments.data ?? []).map((comment) => (
          <Box key={comment.id} padding={3} hasRadius background="neutral100" data-testid="comment">
            <Flex justifyContent="space-between">
              <Typography variant="pi" fontWeight="bold">
                {comment.by.name} · {when(comment.at, locale)}
              </Typography>
              {String(comment.by.id) === String(me) ? (
                <IconButton
                  label={formatMessage({ id: getTrad('composer.comments.delete'), defaultMessage: 'Delete my comment' })}
                  variant="ghost"
                  onClick={() => remove.mutate(comment.id)}
                >
                  <Trash />
                </IconButton>
              ) : null}
            </Flex>
            <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
              {comment.body}
            </Typography>
          </Box>
        ))}
      </Flex>
      <Field.Root name="comment" error={addError?.fieldErrors.body ?? addError?.message}>
        <Field.Label>{formatMessage({ id: getTrad('composer.comments.new'), defaultMessage: 'Internal comment' })}</Field.Label>
        <Textarea value={text} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)} />
        <Field.Error />
      </Field.Root>
      <Box>
        <Button
          variant="secondary"
          loading={add.isPending}
          disabled={text.trim() === ''}
          onClick={() => add.mutate(text, { onSuccess: () => setText('') })}
        >
          {formatMessage({ id: getTrad('composer.comments.add'), defaultMessage: 'Add comment' })}
        </Button>
      </Box>
    </FormSection>
  );
};
