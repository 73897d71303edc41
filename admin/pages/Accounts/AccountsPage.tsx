import * as React from 'react';
import { Button, EmptyStateLayout, Flex } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ACTIONS } from '../../../shared/core/permissions';
import { useAccounts, usePluginStatus } from '../../api/accounts';
import { useApiError } from '../../utils/serverMessages';
import type { SocialAccount } from '../../api/types';
import { sectionById } from '../../sections';
import { getTrad } from '../../utils/getTrad';
import { can } from '../../../shared/networks';
import { useCan } from '../../utils/permissions';
import { AccountsTable } from './AccountsTable';
import { AddAccountModal } from './AddAccountModal';
import { EditAccountModal } from './EditAccountModal';
import { EncryptionAlert } from './EncryptionAlert';
import { OAuthNotices } from './OAuthConnect';
import { ReauthNotice } from './ReauthNotice';
import { PagesDialog } from './PagesDialog';
import { isPickerNetwork } from './networkPages';

export const AccountsPage = () => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const accounts = useAccounts();
  const status = usePluginStatus();
  const { allowed: canManage, isLoading: checkingPermissions } = useCan(ACTIONS.accountsManage);
  const [adding, setAdding] = React.useState(false);
  const [editing, setEditing] = React.useState<SocialAccount | null>(null);
  // The page picker (LinkedIn, Facebook): opened by the return from a sign-in, or from an account's row.
  const [picking, setPicking] = React.useState<{ accountId: string; afterSignIn: boolean } | null>(null);
  const pickAfterSignIn = React.useCallback((accountId: string) => setPicking({ accountId, afterSignIn: true }), []);
  const closePicker = React.useCallback(() => setPicking(null), []);
  const pickedAccount = picking ? accounts.data?.find((a) => a.documentId === picking.accountId) : undefined;
  const title = formatMessage({ id: getTrad('accounts.title'), defaultMessage: 'Social accounts' });
  // Until the status is known, assume a key is set rather than flash a warning.
  const encryptionConfigured = status.data?.encryption.configured ?? true;

  if (accounts.isPending || checkingPermissions) return <Page.Loading />;
  if (accounts.isError) return <Page.Error content={readError(accounts.error).message} />;

  const addButton = (label: string) => (
    <Button startIcon={<Plus />} onClick={() => setAdding(true)}>
      {label}
    </Button>
  );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage(sectionById('accounts').purpose)}
        primaryAction={
          canManage && accounts.data.length > 0
            ? addButton(formatMessage({ id: getTrad('accounts.add'), defaultMessage: 'Add an account' }))
            : null
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {encryptionConfigured ? null : <EncryptionAlert />}
          <OAuthNotices onConnected={canManage ? pickAfterSignIn : undefined} />
          <ReauthNotice accounts={accounts.data} canManage={canManage} />
          {accounts.data.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={
                canManage
                  ? formatMessage({
                      id: getTrad('accounts.empty'),
                      defaultMessage:
                        'No account yet. Add the first one: a Mastodon or Bluesky account, a chat channel through a webhook, or the Sandbox to try things out.',
                    })
                  : formatMessage({
                      id: getTrad('accounts.emptyReadOnly'),
                      defaultMessage: 'No account yet. Ask someone allowed to manage accounts to connect the first one.',
                    })
              }
              action={
                canManage ? addButton(formatMessage({ id: getTrad('accounts.addFirst'), defaultMessage: 'Add your first account' })) : null
              }
            />
          ) : (
            <AccountsTable
              accounts={accounts.data}
              canManage={canManage}
              onEdit={setEditing}
              onPickPages={(account) => setPicking({ accountId: account.documentId, afterSignIn: false })}
            />
          )}
        </Flex>
      </Layouts.Content>
      {canManage ? <AddAccountModal open={adding} onOpenChange={setAdding} encryptionConfigured={encryptionConfigured} /> : null}
      {canManage && editing ? <EditAccountModal key={editing.documentId} account={editing} onClose={() => setEditing(null)} /> : null}
      {canManage &&
      picking &&
      pickedAccount &&
      can(pickedAccount.network, 'pagePicker') &&
      isPickerNetwork(pickedAccount.network) &&
      // An account of a further sign-in (Instagram Login) has no pages behind it to pick from.
      !pickedAccount.settings.signIn ? (
        <PagesDialog
          key={picking.accountId}
          network={pickedAccount.network}
          accountId={picking.accountId}
          accountName={pickedAccount.name}
          afterSignIn={picking.afterSignIn}
          onClose={closePicker}
        />
      ) : null}
    </Page.Main>
  );
};
