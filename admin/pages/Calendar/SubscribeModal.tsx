import * as React from 'react';
import { Alert, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useFeedActions, useFeedStatus } from '../../api/calendar';
import { useApiError } from '../../utils/serverMessages';
import { getTrad } from '../../utils/getTrad';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * The user's private iCalendar address: created, shown once, copied into a
 * calendar app; rotated when it leaked, revoked when no longer wanted.
 */
export const SubscribeModal = ({ open, onOpenChange }: Props) => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage, formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const status = useFeedStatus(open);
  const { create, revoke } = useFeedActions();
  // Shown once: the address lives only in this modal's state, never in the cache.
  const [url, setUrl] = React.useState<string | null>(null);
  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: readApiError(error).message });
  const exists = status.data?.exists ?? false;

  const close = (next: boolean) => {
    if (!next) setUrl(null);
    onOpenChange(next);
  };

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      toggleNotification({
        type: 'success',
        message: formatMessage({ id: getTrad('calendar.feed.copied'), defaultMessage: 'Address copied' }),
      });
    } catch {
      toggleNotification({
        type: 'warning',
        message: formatMessage({
          id: getTrad('calendar.feed.copyFailed'),
          defaultMessage: 'Copy failed: select the address and copy it by hand.',
        }),
      });
    }
  };

  const date = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : '');

  return (
    <Modal.Root open={open} onOpenChange={close}>
      <Modal.Content>
        <Modal.Header closeLabel={formatMessage({ id: getTrad('calendar.feed.close'), defaultMessage: 'Close' })}>
          <Modal.Title>
            {formatMessage({ id: getTrad('calendar.feed.title'), defaultMessage: 'Subscribe from your calendar app' })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>
              {formatMessage({
                id: getTrad('calendar.feed.explain'),
                defaultMessage:
                  'A private address that shows every planned and published post (two months back, a year ahead) in Google Calendar, Outlook or Apple Calendar. Anyone holding it can read your plan: keep it to yourself. It stops working if you revoke it or lose access to the calendar.',
              })}
            </Typography>
            {url ? (
              <>
                <Alert
                  variant="success"
                  closeLabel={formatMessage({ id: getTrad('calendar.feed.close'), defaultMessage: 'Close' })}
                  onClose={() => setUrl(null)}
                  title={formatMessage({ id: getTrad('calendar.feed.onceTitle'), defaultMessage: 'Copy it now' })}
                >
                  {formatMessage({
                    id: getTrad('calendar.feed.once'),
                    defaultMessage: 'This address is shown only once. Add it to your calendar app as a subscription (“From URL”).',
                  })}
                </Alert>
                <Field.Root name="feedUrl">
                  <Field.Label>{formatMessage({ id: getTrad('calendar.feed.url'), defaultMessage: 'Calendar address' })}</Field.Label>
                  <TextInput
                    readOnly
                    value={url}
                    onFocus={(e: React.FocusEvent<HTMLInputElement>) => e.target.select()}
                    data-testid="feed-url"
                  />
                </Field.Root>
                <Flex>
                  <Button variant="secondary" onClick={copy}>
                    {formatMessage({ id: getTrad('calendar.feed.copy'), defaultMessage: 'Copy the address' })}
                  </Button>
                </Flex>
              </>
            ) : exists ? (
              <Typography textColor="neutral600" data-testid="feed-status">
                {status.data?.lastUsedAt
                  ? formatMessage(
                      {
                        id: getTrad('calendar.feed.statusUsed'),
                        defaultMessage: 'Your address was created on {created} and last read by a calendar app on {used}.',
                      },
                      { created: date(status.data.createdAt), used: date(status.data.lastUsedAt) }
                    )
                  : formatMessage(
                      {
                        id: getTrad('calendar.feed.statusUnused'),
                        defaultMessage: 'Your address was created on {created}; no calendar app has read it yet.',
                      },
                      { created: date(status.data?.createdAt ?? null) }
                    )}
              </Typography>
            ) : (
              <Typography textColor="neutral600" data-testid="feed-status">
                {formatMessage({ id: getTrad('calendar.feed.none'), defaultMessage: 'You have no calendar address yet.' })}
              </Typography>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          {exists ? (
            <Button
              variant="danger-light"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(undefined, { onSuccess: () => setUrl(null), onError: fail })}
            >
              {formatMessage({ id: getTrad('calendar.feed.revoke'), defaultMessage: 'Revoke the address' })}
            </Button>
          ) : (
            <span />
          )}
          <Button
            loading={create.isPending}
            onClick={() => create.mutate(undefined, { onSuccess: (created) => setUrl(created.url), onError: fail })}
          >
            {exists
              ? formatMessage({ id: getTrad('calendar.feed.rotate'), defaultMessage: 'Replace with a new address' })
              : formatMessage({ id: getTrad('calendar.feed.create'), defaultMessage: 'Create my address' })}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
