import * as React from 'react';
import { Badge, Box, Button, Checkbox, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { networkName } from '../../networks';
import { profileOf } from '../../../shared/networks';
import { serverMessageText, useApiError } from '../../utils/serverMessages';
import { getTrad } from '../../utils/getTrad';
import { useConnectNetworkPages, useNetworkPages, type PickerNetwork } from './networkPages';

interface PagesDialogProps {
  network: PickerNetwork;
  /** the sign-in (account) whose pages are offered */
  accountId: string;
  accountName: string;
  /** opened by the return from a sign-in: closes itself when there is no other page to offer */
  afterSignIn: boolean;
  onClose: () => void;
}

/**
 * The page picker (LinkedIn, Facebook): a person who signs in may run
 * several pages; the first one the network lists is connected by the
 * sign-in, and here the person picks which others become accounts. Each page
 * connected is an account of its own (its own posts, comments and figures).
 *
 * After a sign-in, the pages connected already get the sign-in's fresh
 * tokens at once: a "Reconnect" from any of them renews them all, not only
 * the page the sign-in lands on.
 */
export const PagesDialog = ({ network, accountId, accountName, afterSignIn, onClose }: PagesDialogProps) => {
  const intl = useIntl();
  const { formatMessage } = intl;
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const pages = useNetworkPages(network, accountId);
  const connect = useConnectNetworkPages(network, accountId);
  const renew = useConnectNetworkPages(network, accountId);
  const [chosen, setChosen] = React.useState<string[]>([]);
  const [renewal, setRenewal] = React.useState<'none' | 'running' | 'done'>(afterSignIn ? 'none' : 'done');
  // What can be picked: not connected yet, and its details loaded (one that did not is shown with why, not offered).
  const open = (pages.data?.pages ?? []).filter((p) => p.accountId === null && p.unavailable === null);
  const nothingToPick = pages.isSuccess && open.length === 0;
  const name = networkName(formatMessage, network);
  // What the picker lists: pages, or (Instagram) the accounts linked to them.
  const noun = profileOf(network)?.pages?.noun ?? 'page';

  // After a sign-in: the other pages connected already take the new tokens.
  React.useEffect(() => {
    if (renewal !== 'none' || !pages.isSuccess) return;
    // One whose details did not load now would refuse the whole renewal: it keeps its token until it loads again.
    const others = pages.data.pages
      .filter((p) => p.accountId !== null && p.accountId !== accountId && p.unavailable === null)
      .map((p) => p.key);
    if (!others.length) return setRenewal('done');
    setRenewal('running');
    renew.mutate(others, {
      onSuccess: () =>
        toggleNotification({
          type: 'success',
          message: formatMessage(
            {
              id: getTrad('accounts.pages.renewed'),
              defaultMessage:
                '{count, plural, one {The sign-in of # other {network} {noun, select, account {account} other {page}} was renewed too.} other {The sign-in of # other {network} {noun, select, account {accounts} other {pages}} was renewed too.}}',
            },
            { count: others.length, network: name, noun }
          ),
        }),
      onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
      onSettled: () => setRenewal('done'),
    });
  }, [renewal, pages.isSuccess, pages.data, accountId, renew, toggleNotification, formatMessage, readError, name]);

  // After a sign-in, a person with no other page to connect has nothing to choose: no dialog.
  React.useEffect(() => {
    if (afterSignIn && nothingToPick && renewal === 'done') onClose();
  }, [afterSignIn, nothingToPick, renewal, onClose]);
  if (afterSignIn && pages.isPending) return null;
  if (afterSignIn && nothingToPick) return null;

  const toggle = (page: string, on: boolean) => setChosen((current) => (on ? [...current, page] : current.filter((u) => u !== page)));
  const submit = () =>
    connect.mutate(chosen, {
      onSuccess: () => {
        toggleNotification({
          type: 'success',
          message: formatMessage(
            {
              id: getTrad('accounts.pages.done'),
              defaultMessage:
                '{count, plural, one {# {network} {noun, select, account {account} other {page}} connected} other {# {network} {noun, select, account {accounts} other {pages}} connected}}',
            },
            { count: chosen.length, network: name, noun }
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
            {formatMessage(
              {
                id: getTrad('accounts.pages.title'),
                defaultMessage: 'Choose the {network} {noun, select, account {accounts} other {pages}} to connect',
              },
              { network: name, noun }
            )}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4} data-testid="network-pages">
            <Typography variant="omega" textColor="neutral600">
              {formatMessage(
                {
                  id: getTrad('accounts.pages.intro'),
                  defaultMessage:
                    '{noun, select, account {The person signed in for {name} runs the pages these accounts are linked to. Each account you pick becomes an account here, signed in as the same person.} other {The person signed in for {name} runs these pages. Each page you pick becomes an account of its own, signed in as the same person.}}',
                },
                { name: accountName, noun }
              )}
            </Typography>
            {pages.isPending ? (
              <Flex justifyContent="center" padding={4}>
                <Loader small>
                  {formatMessage(
                    {
                      id: getTrad('accounts.pages.loading'),
                      defaultMessage: 'Asking {network} for the {noun, select, account {accounts} other {pages}}…',
                    },
                    { network: name, noun }
                  )}
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
                  id: getTrad('accounts.pages.none'),
                  defaultMessage:
                    '{noun, select, account {Every account of the pages this person runs is connected already.} other {Every page this person runs is connected already.}}',
                })}
              </Typography>
            ) : null}
            {(pages.data?.pages ?? []).map((page) => (
              <Box key={page.key}>
                <Flex gap={2}>
                  <Checkbox
                    checked={page.accountId !== null || chosen.includes(page.key)}
                    disabled={page.accountId !== null || page.unavailable !== null || connect.isPending}
                    onCheckedChange={(checked: boolean | 'indeterminate') => toggle(page.key, checked === true)}
                  >
                    {page.name}
                    {page.detail ? ` (${page.detail})` : ''}
                  </Checkbox>
                  {page.accountId !== null ? (
                    <Badge>
                      {formatMessage(
                        // The same word in English; French agrees it with the page or the account.
                        {
                          id: getTrad('accounts.pages.connected'),
                          defaultMessage: '{noun, select, account {Connected} other {Connected}}',
                        },
                        { noun }
                      )}
                    </Badge>
                  ) : null}
                  {page.unavailable !== null ? (
                    <Badge>{formatMessage({ id: getTrad('accounts.pages.unavailable'), defaultMessage: 'Not available' })}</Badge>
                  ) : null}
                </Flex>
                {page.unavailable !== null ? (
                  <Typography variant="pi" textColor="neutral600">
                    {serverMessageText(intl, page.unavailable.messageId, page.unavailable.params, page.unavailable.message)}
                  </Typography>
                ) : null}
              </Box>
            ))}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {formatMessage({ id: getTrad('accounts.pages.later'), defaultMessage: 'Not now' })}
          </Button>
          <Button onClick={submit} disabled={chosen.length === 0} loading={connect.isPending}>
            {formatMessage(
              {
                id: getTrad('accounts.pages.submit'),
                defaultMessage:
                  '{count, plural, =0 {Connect the {noun, select, account {accounts} other {pages}}} one {Connect # {noun, select, account {account} other {page}}} other {Connect # {noun, select, account {accounts} other {pages}}}}',
              },
              { count: chosen.length, noun }
            )}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
