import * as React from 'react';
import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { useUpdateAccount } from '../../api/accounts';
import { readApiError } from '../../api/errors';
import type { AccountUpdate, CredentialsUpdate, SocialAccount } from '../../api/types';
import { TextField } from '../../components/TextField';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { EditorialLineSelect } from './EditorialLineSelect';

const SECRET_LABELS: Record<string, MessageDescriptor> = {
  accessToken: { id: getTrad('accounts.secret.accessToken'), defaultMessage: 'access token' },
  appPassword: { id: getTrad('accounts.secret.appPassword'), defaultMessage: 'app password' },
  url: { id: getTrad('accounts.secret.url'), defaultMessage: 'webhook URL' },
  secret: { id: getTrad('accounts.secret.secret'), defaultMessage: 'signing secret' },
};

interface EditValues {
  name: string;
  editorialLineId: string | null;
  accessToken: string;
  appPassword: string;
  url: string;
  secret: string;
}

const valuesOf = (account: SocialAccount): EditValues => ({
  name: account.name,
  editorialLineId: account.editorialLine?.documentId ?? null,
  accessToken: '',
  appPassword: '',
  url: '',
  secret: '',
});

/** Only the secrets that were typed are replaced: an empty field keeps the stored one. */
function credentialsOf(account: SocialAccount, values: EditValues): CredentialsUpdate | undefined {
  switch (account.network) {
    case 'mastodon':
      return values.accessToken.trim() ? { accessToken: values.accessToken.trim() } : undefined;
    case 'bluesky':
      return values.appPassword.trim() ? { appPassword: values.appPassword.trim() } : undefined;
    case 'webhook': {
      const update = {
        ...(values.url.trim() ? { url: values.url.trim() } : {}),
        ...(values.secret.trim() ? { secret: values.secret.trim() } : {}),
      };
      return Object.keys(update).length > 0 ? update : undefined;
    }
    default:
      return undefined;
  }
}

interface EditAccountModalProps {
  account: SocialAccount;
  onClose: () => void;
}

/** Rename an account, attach it to another line, or give it new credentials (which re-checks it). */
export const EditAccountModal = ({ account, onClose }: EditAccountModalProps) => {
  const { formatMessage, formatList } = useIntl();
  const { toggleNotification } = useNotification();
  const update = useUpdateAccount();
  const [values, setValues] = React.useState(() => valuesOf(account));
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({});
  const set = <K extends keyof EditValues>(key: K, value: EditValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const keepHint = formatMessage({
    id: getTrad('accounts.edit.keepHint'),
    defaultMessage: 'Leave empty to keep the stored one. It is never shown again.',
  });

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const credentials = credentialsOf(account, values);
    const body: AccountUpdate = {
      name: values.name.trim(),
      editorialLineId: values.editorialLineId,
      ...(credentials ? { credentials } : {}),
    };
    update.mutate(
      { documentId: account.documentId, update: body },
      {
        onSuccess: () => {
          toggleNotification({
            type: 'success',
            message: formatMessage({ id: getTrad('accounts.edit.saved'), defaultMessage: '{name} saved.' }, { name: body.name }),
          });
          onClose();
        },
        onError: (error) => {
          const problem = readApiError(error);
          // `credentials.accessToken` is shown on the access token field.
          setFieldErrors(
            Object.fromEntries(Object.entries(problem.fieldErrors).map(([path, message]) => [path.replace(/^credentials\./, ''), message]))
          );
          toggleNotification({ type: 'danger', message: problem.message });
        },
      }
    );
  };

  return (
    <Modal.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Modal.Content>
        <Box tag="form" noValidate onSubmit={onSubmit}>
          <Modal.Header closeLabel={formatMessage({ id: getTrad('accounts.form.close'), defaultMessage: 'Close' })}>
            <Modal.Title>
              {formatMessage(
                { id: getTrad('accounts.edit.title'), defaultMessage: 'Edit {name} ({network})' },
                { name: account.name, network: formatMessage(NETWORK_LABELS[account.network]) }
              )}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <TextField
                name="name"
                label={formatMessage({ id: getTrad('accounts.form.name'), defaultMessage: 'Name' })}
                value={values.name}
                onChange={(value) => set('name', value)}
                error={fieldErrors.name}
                required
              />
              <EditorialLineSelect
                value={values.editorialLineId}
                onChange={(editorialLineId) => set('editorialLineId', editorialLineId)}
                error={fieldErrors.editorialLineId}
              />
              {account.network === 'mastodon' ? (
                <TextField
                  name="accessToken"
                  type="password"
                  autoComplete="off"
                  label={formatMessage({ id: getTrad('accounts.edit.accessToken'), defaultMessage: 'New access token' })}
                  hint={keepHint}
                  value={values.accessToken}
                  onChange={(value) => set('accessToken', value)}
                  error={fieldErrors.accessToken ?? fieldErrors.credentials}
                />
              ) : null}
              {account.network === 'bluesky' ? (
                <TextField
                  name="appPassword"
                  type="password"
                  autoComplete="off"
                  label={formatMessage({ id: getTrad('accounts.edit.appPassword'), defaultMessage: 'New app password' })}
                  hint={keepHint}
                  value={values.appPassword}
                  onChange={(value) => set('appPassword', value)}
                  error={fieldErrors.appPassword ?? fieldErrors.credentials}
                />
              ) : null}
              {account.network === 'webhook' ? (
                <>
                  <TextField
                    name="url"
                    type="url"
                    autoComplete="off"
                    label={formatMessage({ id: getTrad('accounts.edit.url'), defaultMessage: 'New webhook URL' })}
                    hint={keepHint}
                    value={values.url}
                    onChange={(value) => set('url', value)}
                    error={fieldErrors.url ?? fieldErrors.credentials}
                  />
                  <TextField
                    name="secret"
                    type="password"
                    autoComplete="off"
                    label={formatMessage({ id: getTrad('accounts.edit.secret'), defaultMessage: 'New signing secret' })}
                    hint={keepHint}
                    value={values.secret}
                    onChange={(value) => set('secret', value)}
                    error={fieldErrors.secret}
                  />
                </>
              ) : null}
              {account.storedSecrets.length > 0 ? (
                <Typography variant="pi" textColor="neutral600">
                  {formatMessage(
                    { id: getTrad('accounts.edit.stored'), defaultMessage: 'Stored, encrypted: {secrets}.' },
                    {
                      secrets: formatList(
                        account.storedSecrets.map((name) => (SECRET_LABELS[name] ? formatMessage(SECRET_LABELS[name]) : name))
                      ),
                    }
                  )}
                </Typography>
              ) : null}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Button variant="tertiary" onClick={onClose}>
              {formatMessage({ id: getTrad('accounts.form.cancel'), defaultMessage: 'Cancel' })}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {formatMessage({ id: getTrad('accounts.edit.submit'), defaultMessage: 'Save' })}
            </Button>
          </Modal.Footer>
        </Box>
      </Modal.Content>
    </Modal.Root>
  );
};
