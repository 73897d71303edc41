import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { WEBHOOK_FLAVORS, type ConnectableNetwork, type WebhookFlavor } from '../../api/types';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';
import { WEBHOOK_FLAVOR_LABELS, type AccountFormValues } from './accountForm';

interface CredentialFieldsProps {
  network: ConnectableNetwork;
  values: AccountFormValues;
  set: <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) => void;
  fieldErrors: Record<string, string>;
}

/** The fields one network needs to connect (docs/api.md `AccountInput`). Secrets use password inputs. */
export const CredentialFields = ({ network, values, set, fieldErrors }: CredentialFieldsProps) => {
  const { formatMessage } = useIntl();

  switch (network) {
    case 'mastodon':
      return (
        <>
          <TextField
            name="instanceUrl"
            type="url"
            label={formatMessage({ id: getTrad('accounts.form.instanceUrl'), defaultMessage: 'Instance URL' })}
            placeholder="https://mastodon.social"
            value={values.instanceUrl}
            onChange={(value) => set('instanceUrl', value)}
            error={fieldErrors.instanceUrl}
            required
          />
          <TextField
            name="accessToken"
            type="password"
            autoComplete="off"
            label={formatMessage({ id: getTrad('accounts.form.accessToken'), defaultMessage: 'Access token' })}
            value={values.accessToken}
            onChange={(value) => set('accessToken', value)}
            error={fieldErrors.accessToken}
            required
          />
        </>
      );
    case 'bluesky':
      return (
        <>
          <TextField
            name="identifier"
            label={formatMessage({ id: getTrad('accounts.form.identifier'), defaultMessage: 'Handle' })}
            hint={formatMessage({
              id: getTrad('accounts.form.identifierHint'),
              defaultMessage: 'Such as alice.bsky.social, or a DID.',
            })}
            placeholder="alice.bsky.social"
            value={values.identifier}
            onChange={(value) => set('identifier', value)}
            error={fieldErrors.identifier}
            required
          />
          <TextField
            name="appPassword"
            type="password"
            autoComplete="off"
            label={formatMessage({ id: getTrad('accounts.form.appPassword'), defaultMessage: 'App password' })}
            value={values.appPassword}
            onChange={(value) => set('appPassword', value)}
            error={fieldErrors.appPassword}
            required
          />
          <TextField
            name="service"
            type="url"
            label={formatMessage({ id: getTrad('accounts.form.service'), defaultMessage: 'PDS URL' })}
            hint={formatMessage({
              id: getTrad('accounts.form.serviceHint'),
              defaultMessage: 'Only for a self-hosted server. Leave empty for https://bsky.social.',
            })}
            placeholder="https://bsky.social"
            value={values.service}
            onChange={(value) => set('service', value)}
            error={fieldErrors.service}
          />
        </>
      );
    case 'webhook':
      return (
        <>
          <TextField
            name="url"
            type="url"
            autoComplete="off"
            label={formatMessage({ id: getTrad('accounts.form.url'), defaultMessage: 'Webhook URL' })}
            hint={formatMessage({
              id: getTrad('accounts.form.urlHint'),
              defaultMessage: 'Anyone holding this URL can post to the channel: it is stored encrypted, like a password.',
            })}
            value={values.url}
            onChange={(value) => set('url', value)}
            error={fieldErrors.url}
            required
          />
          <Field.Root name="flavor" error={fieldErrors.flavor} required>
            <Field.Label>{formatMessage({ id: getTrad('accounts.form.flavor'), defaultMessage: 'Message format' })}</Field.Label>
            <SingleSelect value={values.flavor} onChange={(value) => set('flavor', String(value) as WebhookFlavor)}>
              {WEBHOOK_FLAVORS.map((flavor) => (
                <SingleSelectOption key={flavor} value={flavor}>
                  {formatMessage(WEBHOOK_FLAVOR_LABELS[flavor])}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
          <TextField
            name="secret"
            type="password"
            autoComplete="off"
            label={formatMessage({ id: getTrad('accounts.form.secret'), defaultMessage: 'Signing secret' })}
            hint={formatMessage({
              id: getTrad('accounts.form.secretHint'),
              defaultMessage: 'Optional. When set, every request carries an HMAC signature the receiver can verify.',
            })}
            value={values.secret}
            onChange={(value) => set('secret', value)}
            error={fieldErrors.secret}
          />
        </>
      );
    case 'sandbox':
      return (
        <TextField
          name="handle"
          label={formatMessage({ id: getTrad('accounts.form.handle'), defaultMessage: 'Handle' })}
          hint={formatMessage({
            id: getTrad('accounts.form.handleHint'),
            defaultMessage: 'Optional. Made from the name when empty.',
          })}
          placeholder="demo"
          value={values.handle}
          onChange={(value) => set('handle', value)}
          error={fieldErrors.handle}
        />
      );
  }
};
