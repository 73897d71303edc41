import * as React from 'react';
import { Dialog, Flex, IconButton } from '@strapi/design-system';
import { ArrowClockwise, Eye, EyeStriked, Pencil, Plus, Trash } from '@strapi/icons';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useCheckAccount, useDeleteAccount, useUpdateAccount } from '../../api/accounts';
import { readApiError } from '../../api/errors';
import type { SocialAccount } from '../../api/types';
import { getTrad } from '../../utils/getTrad';
import { can } from '../../../shared/networks';
import { networkName } from '../../networks';
import { CHECK_RESULT_MESSAGES, CHECK_RESULT_TYPES } from './accountStatus';
import { useStatusReason } from './useStatusReason';

interface AccountRowActionsProps {
  account: SocialAccount;
  onEdit: (account: SocialAccount) => void;
  /** the LinkedIn page picker: the other pages this sign-in's member administers */
  onPickPages?: (account: SocialAccount) => void;
}

/** Check, edit, disable or enable, delete: each button names the account, for screen readers and tests. */
export const AccountRowActions = ({ account, onEdit, onPickPages }: AccountRowActionsProps) => {
  const { formatMessage } = useIntl();
  const statusReason = useStatusReason();
  const { toggleNotification } = useNotification();
  const check = useCheckAccount();
  const update = useUpdateAccount();
  const remove = useDeleteAccount();
  const [confirmingDelete, setConfirmingDelete] = React.useState(false);
  const disabled = account.status === 'disabled';
  const name = account.name;
  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: readApiError(error).message });

  // Enabling re-checks the connection on the server: its result is what the user needs to know.
  const announceCheck = (checked: SocialAccount) =>
    toggleNotification({
      type: CHECK_RESULT_TYPES[checked.status],
      message: formatMessage(CHECK_RESULT_MESSAGES[checked.status], { name: checked.name, reason: statusReason(checked) ?? '' }),
    });

  const onCheck = () => check.mutate(account.documentId, { onSuccess: announceCheck, onError: fail });

  const onToggle = () =>
    update.mutate(
      { documentId: account.documentId, update: { disabled: !disabled } },
      {
        onSuccess: (updated) =>
          disabled
            ? announceCheck(updated)
            : toggleNotification({
                type: 'success',
                message: formatMessage(
                  { id: getTrad('accounts.disabledNotice'), defaultMessage: '{name} is disabled: nothing is published to it.' },
                  { name }
                ),
              }),
        onError: fail,
      }
    );

  const onDelete = async () => {
    try {
      await remove.mutateAsync(account.documentId);
      toggleNotification({
        type: 'success',
        message: formatMessage({ id: getTrad('accounts.deleted'), defaultMessage: '{name} deleted.' }, { name }),
      });
    } catch (error) {
      fail(error);
    } finally {
      setConfirmingDelete(false);
    }
  };

  return (
    <Flex gap={1} justifyContent="flex-end">
      {disabled ? null : (
        <IconButton
          label={formatMessage({ id: getTrad('accounts.actions.check'), defaultMessage: 'Check the connection of {name}' }, { name })}
          variant="ghost"
          onClick={onCheck}
          disabled={check.isPending}
        >
          <ArrowClockwise />
        </IconButton>
      )}
      {onPickPages && can(account.network, 'pagePicker') && !account.settings.signIn && !disabled ? (
        <IconButton
          label={formatMessage(
            {
              id: getTrad('accounts.actions.pages'),
              defaultMessage: 'Connect other {network} pages of the person signed in for {name}',
            },
            { name, network: networkName(formatMessage, account.network) }
          )}
          variant="ghost"
          onClick={() => onPickPages(account)}
        >
          <Plus />
        </IconButton>
      ) : null}
      <IconButton
        label={formatMessage({ id: getTrad('accounts.actions.edit'), defaultMessage: 'Edit {name}' }, { name })}
        variant="ghost"
        onClick={() => onEdit(account)}
      >
        <Pencil />
      </IconButton>
      <IconButton
        label={
          disabled
            ? formatMessage({ id: getTrad('accounts.actions.enable'), defaultMessage: 'Enable {name}' }, { name })
            : formatMessage({ id: getTrad('accounts.actions.disable'), defaultMessage: 'Disable {name}' }, { name })
        }
        variant="ghost"
        onClick={onToggle}
        disabled={update.isPending}
      >
        {disabled ? <Eye /> : <EyeStriked />}
      </IconButton>
      <Dialog.Root open={confirmingDelete} onOpenChange={setConfirmingDelete}>
        <Dialog.Trigger>
          <IconButton
            label={formatMessage({ id: getTrad('accounts.actions.delete'), defaultMessage: 'Delete {name}' }, { name })}
            variant="ghost"
          >
            <Trash />
          </IconButton>
        </Dialog.Trigger>
        <ConfirmDialog
          title={formatMessage({ id: getTrad('accounts.deleteTitle'), defaultMessage: 'Delete this account?' })}
          onConfirm={onDelete}
        >
          {formatMessage(
            {
              id: getTrad('accounts.deleteBody'),
              defaultMessage:
                '{name} will be removed from the plugin and its stored credentials erased. The account itself stays on the network.',
            },
            { name }
          )}
        </ConfirmDialog>
      </Dialog.Root>
    </Flex>
  );
};
