import * as React from 'react';
import { Badge, Box, Button, Checkbox, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useApiError } from '../../utils/serverMessages';
import { getTrad } from '../../utils/getTrad';
import { useConnectLinkedInPages, useLinkedInPages } from './linkedinPages';

interface LinkedInPagesDialogProps {
  /** the LinkedIn sign-in (account) whose pages are offered */
  accountId: string;
  accountName: string;
  /** opened by the return from a sign-in: closes itself when there is no other page to offer */
  afterSignIn: boolean;
  onClose: () => void;
}

/**
 * The LinkedIn page picker: a member who signs in with LinkedIn may
 * administer several pages; the first one LinkedIn lists is connected by the
 * sign-in, and here the person picks which others become accounts. Each page
 * connected is an account of its own (its own posts, comments and figures),
 * signed in as the same member.
 */
export const LinkedInPagesDialog = ({ accountId, accountName, afterSignIn, onClose }: LinkedInPagesDialogProps) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const pages = useLinkedInPages(accountId);
  const connect = useConnectLinkedInPages(accountId);
  const [chosen, setChosen] = React.useState<string[]>([]);
  const open = (pages.data?.pages ?? []).filter((p) => p.accountId === null);
  const nothingToPick = pages.isSuccess && open.length === 0;

  // After a sign-in, a member with a single page has nothing to choose: no dialog.
  React.useEffect(() => {
    if (afterSignIn && nothingToPick) onClose();
  }, [afterSignIn, nothingToPick, onClose]);
  if (afterSignIn && pages.isPending) return null;
  if (afterSignIn && nothingToPick) return null;

  const toggle = (urn: string, on: boolean) => setChosen((current) => (on ? [...current, urn] : current.filter((u) => u !== urn)));
  const submit = () =>
    connect.mutate(chosen, {
      onSuccess: () => {
        toggleNotification({
          type: 'success',
          message: formatMessage(
            {
              id: getTrad('accounts.linkedinPages.done'),
              defaultMessage: '{count, plural, one {# LinkedIn page connected} other {# LinkedIn pages connected}}',
            },
            { count: chosen.length }
          ),
        });
        onClose();
      },
      onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
    });

  return (
    <Modal.Root open onOpenChange={(next) => (next ? undefined : onClose())}>
      <Modal.Content>
        <Modal.Header closeLabel={formatMessage({ id: getTrad('accounts.form.close'), defaultMessage: 'Close' })}>
          <Modal.Title>
            {formatMessage({ id: getTrad('accounts.linkedinPages.title'), defaultMessage: 'Choose the LinkedIn pages to connect' })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4} data-testid="linkedin-pages">
            <Typography variant="omega" textColor="neutral600">
              {formatMessage(
                {
                  id: getTrad('accounts.linkedinPages.intro'),
                  defaultMessage:
                    'The member signed in for {name} administers these pages. Each page you pick becomes an account of its own, signed in as the same member.',
                },
                { name: accountName }
              )}
            </Typography>
            {pages.isPending ? (
              <Flex justifyContent="center" padding={4}>
                <Loader small>
                  {formatMessage({ id: getTrad('accounts.linkedinPages.loading'), defaultMessage: 'Asking LinkedIn for the pages…' })}
                </Loader>
              </Flex>
            ) : null}
            {pages.isError ? (
              <Typography variant="omega" textColor="danger600">
                {readError(pages.error).message}
              </Typography>
            ) : null}
            {nothingToPick ? (
              <Typography variant="omega">
                {formatMessage({
                  id: getTrad('accounts.linkedinPages.none'),
                  defaultMessage: 'Every page this member administers is connected already.',
                })}
              </Typography>
            ) : null}
            {(pages.data?.pages ?? []).map((page) => (
              <Box key={page.urn}>
                <Flex gap={2}>
                  <Checkbox
                    checked={page.accountId !== null || chosen.includes(page.urn)}
                    disabled={page.accountId !== null || connect.isPending}
                    onCheckedChange={(checked: boolean | 'indeterminate') => toggle(page.urn, checked === true)}
                  >
                    {page.name}
                    {page.vanityName ? ` (${page.vanityName})` : ''}
                  </Checkbox>
                  {page.accountId !== null ? (
                    <Badge>{formatMessage({ id: getTrad('accounts.linkedinPages.connected'), defaultMessage: 'Connected' })}</Badge>
                  ) : null}
                </Flex>
              </Box>
            ))}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {formatMessage({ id: getTrad('accounts.linkedinPages.later'), defaultMessage: 'Not now' })}
          </Button>
          <Button onClick={submit} disabled={chosen.length === 0} loading={connect.isPending}>
            {formatMessage(
              {
                id: getTrad('accounts.linkedinPages.submit'),
                defaultMessage: '{count, plural, =0 {Connect the pages} one {Connect # page} other {Connect # pages}}',
              },
              { count: chosen.length }
            )}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
