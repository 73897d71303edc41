import * as React from 'react';
import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { useUpdateAccount } from '../../api/accounts';
import { useApiError } from '../../utils/serverMessages';
import type { AccountUpdate, CredentialsUpdate, SocialAccount } from '../../api/types';
import { TextField } from '../../components/TextField';
import { NETWORK_LABELS, profileMessage } from '../../networks';
import { profileOf } from '../../../shared/networks';
import { CredentialInput } from './CredentialFields';
import { getTrad } from '../../utils/getTrad';
import { EditorialLineSelect } from './EditorialLineSelect';

interface EditValues {
  name: string;
  editorialLineId: string | null;
  /** replacements typed for the network's replaceable fields, by name */
  fields: Record<string, string>;
}

const valuesOf = (account: SocialAccount): EditValues => ({
  name: account.name,
  editorialLineId: account.editorialLine?.documentId ?? null,
  fields: {},
});

/** The fields of this account's network a person may replace, from its profile. */
const replaceableFields = (account: SocialAccount) => profileOf(account.network)?.credentialFields.filter((f) => f.replaceable) ?? [];

/** Only the secrets that were typed are replaced: an empty field keeps the stored one. */
function credentialsOf(account: SocialAccount, values: EditValues): CredentialsUpdate | undefined {
  const update = Object.fromEntries(
    replaceableFields(account).flatMap((field) => {
      const value = values.fields[field.name]?.trim() ?? '';
      return value ? [[field.name, value]] : [];
    })
  );
  return Object.keys(update).length > 0 ? update : undefined;
}

/** How "Stored, encrypted: …" names a stored secret: its field's words, or its name. */
const storedLabel = (account: SocialAccount, name: string): MessageDescriptor | null => {
  const field = profileOf(account.network)?.credentialFields.find((f) => f.name === name);
  return field?.storedLabel ? profileMessage(field.storedLabel) : null;
};

interface EditAccountModalProps {
  account: SocialAccount;
  onClose: () => void;
}

/** Rename an account, attach it to another line, or give it new credentials (which re-checks it). */
export const EditAccountModal = ({ account, onClose }: EditAccountModalProps) => {
  const { formatMessage, formatList } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const update = useUpdateAccount();
  const [values, setValues] = React.useState(() => valuesOf(account));
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({});
  const set = <K extends keyof EditValues>(key: K, value: EditValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const setField = (name: string, value: string) => setValues((current) => ({ ...current, fields: { ...current.fields, [name]: value } }));
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
          const problem = readError(error);
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
              {replaceableFields(account).map((field, index) => (
                <CredentialInput
                  key={field.name}
                  field={field}
                  value={values.fields[field.name]}
                  set={setField}
                  label={field.replaceLabel ? formatMessage(profileMessage(field.replaceLabel)) : undefined}
                  hint={keepHint}
                  // A refusal of the whole credentials object shows on the first field.
                  error={fieldErrors[field.name] ?? (index === 0 ? fieldErrors.credentials : undefined)}
                />
              ))}
              {account.storedSecrets.length > 0 ? (
                <Typography variant="pi" textColor="neutral600">
                  {formatMessage(
                    { id: getTrad('accounts.edit.stored'), defaultMessage: 'Stored, encrypted: {secrets}.' },
                    {
                      secrets: formatList(
                        account.storedSecrets.map((name) => {
                          const label = storedLabel(account, name);
                          return label ? formatMessage(label) : name;
                        })
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
