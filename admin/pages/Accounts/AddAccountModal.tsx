import * as React from 'react';
import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useCreateAccount } from '../../api/accounts';
import { useApiError } from '../../utils/serverMessages';
import type { ConnectableNetwork } from '../../api/types';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';
import { CHECK_RESULT_MESSAGES, CHECK_RESULT_TYPES } from './accountStatus';
import { emptyAccountForm, networkHelp, toAccountInput, type AccountFormValues } from './accountForm';
import { CredentialFields } from './CredentialFields';
import { EditorialLineSelect } from './EditorialLineSelect';
import { NetworkChoice } from './NetworkChoice';
import { OAuthConnect } from './OAuthConnect';
import { SignInChoice, useAvailableSignIns } from './SignInChoice';
import { NetworkAbilities } from './NetworkAbilities';
import { can, profileOf } from '../../../shared/networks';
import { useStatusReason } from './useStatusReason';

interface AddAccountModalProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  encryptionConfigured: boolean;
}

/** "Add an account": choose a network, fill in what it needs; the server checks the connection at once. */
export const AddAccountModal = ({ open, onOpenChange, encryptionConfigured }: AddAccountModalProps) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const statusReason = useStatusReason();
  const { toggleNotification } = useNotification();
  const create = useCreateAccount();
  const [values, setValues] = React.useState(emptyAccountForm);
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({});
  // How to sign in, for a network that offers more than one way (Instagram); the network's own by default.
  const [signIn, setSignIn] = React.useState<string | null>(null);

  const clearError = (key: string) =>
    setFieldErrors((current) => {
      if (!(key in current)) return current;
      const rest = { ...current };
      delete rest[key];
      return rest;
    });

  const set = <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    clearError(key);
  };

  const setField = (name: string, value: string) => {
    setValues((current) => ({ ...current, fields: { ...current.fields, [name]: value } }));
    clearError(name);
  };

  const close = () => {
    onOpenChange(false);
    // Secrets typed into a dialog that was closed should not come back when it reopens.
    setValues(emptyAccountForm());
    setFieldErrors({});
    setSignIn(null);
  };

  // A network whose form asks nothing and that signs in through OAuth is added by "Sign in with …" alone.
  const signInOnly = values.network !== null && profileOf(values.network).credentialFields.length === 0 && can(values.network, 'oauth');

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { network } = values;
    if (network === null || create.isPending || signInOnly) return;
    if (values.name.trim() === '') {
      setFieldErrors({
        name: formatMessage({ id: getTrad('accounts.errors.nameRequired'), defaultMessage: 'Give the account a name.' }),
      });
      return;
    }
    create.mutate(toAccountInput({ ...values, network }), {
      onSuccess: (account) => {
        toggleNotification({
          type: CHECK_RESULT_TYPES[account.status],
          message: formatMessage(CHECK_RESULT_MESSAGES[account.status], { name: account.name, reason: statusReason(account) ?? '' }),
        });
        close();
      },
      onError: (error) => {
        // Everything typed stays in the dialog; the named fields show what to fix.
        const problem = readError(error);
        setFieldErrors(problem.fieldErrors);
        toggleNotification({ type: 'danger', message: problem.message });
      },
    });
  };

  const chooseNetwork = (network: ConnectableNetwork) => {
    set('network', network);
    setFieldErrors({});
    setSignIn(null);
  };

  const help = values.network ? networkHelp(values.network) : null;
  // The sign-in used: the one chosen, else the network's own when it is set up, else the one that is.
  const available = useAvailableSignIns(values.network);
  const chosenSignIn =
    signIn && available.includes(signIn) ? signIn : values.network && available.includes(values.network) ? values.network : available[0];

  return (
    <Modal.Root open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <Modal.Content>
        <Box tag="form" noValidate onSubmit={onSubmit}>
          <Modal.Header closeLabel={formatMessage({ id: getTrad('accounts.form.close'), defaultMessage: 'Close' })}>
            <Modal.Title>{formatMessage({ id: getTrad('accounts.add'), defaultMessage: 'Add an account' })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <NetworkChoice value={values.network} onChange={chooseNetwork} encryptionConfigured={encryptionConfigured} />
              {values.network ? (
                <>
                  {help ? (
                    <Typography variant="omega" textColor="neutral600">
                      {formatMessage(help)}
                    </Typography>
                  ) : null}
                  <NetworkAbilities network={values.network} />
                  <TextField
                    name="name"
                    label={formatMessage({ id: getTrad('accounts.form.name'), defaultMessage: 'Name' })}
                    hint={formatMessage({
                      id: getTrad('accounts.form.nameHint'),
                      defaultMessage: 'How the account appears in the plugin, e.g. “Brand on Mastodon”.',
                    })}
                    value={values.name}
                    onChange={(value) => set('name', value)}
                    error={fieldErrors.name}
                    required
                  />
                  <CredentialFields network={values.network} values={values.fields} set={setField} fieldErrors={fieldErrors} />
                  <SignInChoice network={values.network} available={available} value={chosenSignIn ?? ''} onChange={setSignIn} />
                  <OAuthConnect
                    network={values.network}
                    signIn={chosenSignIn ?? values.network}
                    name={values.name}
                    editorialLineId={values.editorialLineId}
                  />
                  <EditorialLineSelect
                    value={values.editorialLineId}
                    onChange={(editorialLineId) => set('editorialLineId', editorialLineId)}
                    error={fieldErrors.editorialLineId}
                  />
                </>
              ) : null}
              {fieldErrors.network ? (
                <Typography variant="pi" textColor="danger600">
                  {fieldErrors.network}
                </Typography>
              ) : null}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Button variant="tertiary" onClick={close}>
              {formatMessage({ id: getTrad('accounts.form.cancel'), defaultMessage: 'Cancel' })}
            </Button>
            {signInOnly ? null : (
              <Button type="submit" disabled={values.network === null} loading={create.isPending}>
                {formatMessage({ id: getTrad('accounts.form.submit'), defaultMessage: 'Add and check the connection' })}
              </Button>
            )}
          </Modal.Footer>
        </Box>
      </Modal.Content>
    </Modal.Root>
  );
};
