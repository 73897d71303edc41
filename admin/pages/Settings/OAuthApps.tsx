import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { useOAuthApps, useSaveOAuthApp, type OAuthApp, type OAuthAppInput } from '../../api/oauth';
import { useApiError } from '../../utils/serverMessages';
import { FormSection } from '../../components/FormSection';
import { TextField } from '../../components/TextField';
import { networkName } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { SIGN_IN_LABELS } from '../Accounts/SignInChoice';
import { isVersionOption } from '../../../shared/oauth/options';

/** The options the networks' sign-ins read (their ports' `options`), named for people; another shows its name. */
const OPTION_LABELS: Record<string, MessageDescriptor> = {
  apiUrl: { id: getTrad('oauth.settings.option.apiUrl'), defaultMessage: 'API address' },
  apiBaseUrl: { id: getTrad('oauth.settings.option.apiBaseUrl'), defaultMessage: 'API address' },
  authorizeUrl: { id: getTrad('oauth.settings.option.authorizeUrl'), defaultMessage: 'Authorization page address' },
  tokenUrl: { id: getTrad('oauth.settings.option.tokenUrl'), defaultMessage: 'Token endpoint address' },
  userinfoUrl: { id: getTrad('oauth.settings.option.userinfoUrl'), defaultMessage: 'User info endpoint address' },
  graphVersion: {
    id: getTrad('oauth.settings.option.graphVersion'),
    defaultMessage: 'Graph API version (such as v24.0; accounts use it from their next sign-in)',
  },
};

/**
 * One network's app: the redirect URI to register at the network, the client
 * id, whether a secret is set (never the secret), the network's options. A
 * value the environment sets is shown as such and cannot be edited here.
 */
const AppCard = ({ app }: { app: OAuthApp }) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const save = useSaveOAuthApp();
  const [clientId, setClientId] = React.useState(app.clientId ?? '');
  const [secret, setSecret] = React.useState('');
  const [options, setOptions] = React.useState<Record<string, string>>(
    Object.fromEntries(Object.entries(app.options).map(([k, v]) => [k, v.value ?? '']))
  );
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({});
  const fromEnv = (variable: string) =>
    formatMessage({ id: getTrad('oauth.settings.fromEnv'), defaultMessage: 'Set by the environment variable {variable}.' }, { variable });

  const submit = (input: OAuthAppInput) =>
    save.mutate(
      { network: app.network, input },
      {
        onSuccess: () => {
          setSecret('');
          setFieldErrors({});
          toggleNotification({
            type: 'success',
            message: formatMessage({ id: getTrad('oauth.settings.saved'), defaultMessage: 'App saved.' }),
          });
        },
        onError: (error) => {
          const problem = readError(error);
          setFieldErrors(problem.fieldErrors);
          toggleNotification({ type: 'danger', message: problem.message });
        },
      }
    );

  const onSave = () => {
    const input: OAuthAppInput = {};
    if (app.clientIdSource !== 'env') input.clientId = clientId.trim() || null;
    if (app.clientSecretSource !== 'env' && secret) input.clientSecret = secret;
    const editable = Object.entries(app.options).filter(([, v]) => v.source !== 'env');
    if (editable.length) input.options = Object.fromEntries(editable.map(([k]) => [k, options[k]?.trim() || null]));
    submit(input);
  };

  const secretState = app.clientSecretSet
    ? formatMessage({ id: getTrad('oauth.settings.secretSet'), defaultMessage: 'set' })
    : formatMessage({ id: getTrad('oauth.settings.secretNotSet'), defaultMessage: 'not set' });

  return (
    <Box padding={4} background="neutral100" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex gap={2}>
          <Typography variant="delta" tag="h3">
            {SIGN_IN_LABELS[app.network] ? formatMessage(SIGN_IN_LABELS[app.network]!) : networkName(formatMessage, app.network)}
          </Typography>
          <Badge>
            {app.serverConfigured && app.clientId
              ? formatMessage({ id: getTrad('oauth.settings.ready'), defaultMessage: 'sign-in available' })
              : formatMessage({ id: getTrad('oauth.settings.notReady'), defaultMessage: 'not set up' })}
          </Badge>
        </Flex>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="pi" fontWeight="bold">
            {formatMessage({ id: getTrad('oauth.settings.redirectUri'), defaultMessage: 'Redirect URI to register at the network' })}
          </Typography>
          <Typography variant="omega" tag="code">
            {app.redirectUri}
          </Typography>
        </Flex>
        <TextField
          name={`oauth-${app.network}-clientId`}
          label={formatMessage({ id: getTrad('oauth.settings.clientId'), defaultMessage: 'Client id' })}
          value={clientId}
          onChange={setClientId}
          disabled={app.clientIdSource === 'env'}
          hint={app.clientIdSource === 'env' ? fromEnv(app.env.clientId) : undefined}
          error={fieldErrors.clientId}
        />
        <TextField
          name={`oauth-${app.network}-clientSecret`}
          type="password"
          autoComplete="new-password"
          label={formatMessage(
            { id: getTrad('oauth.settings.clientSecret'), defaultMessage: 'Client secret ({state})' },
            { state: secretState }
          )}
          value={secret}
          onChange={setSecret}
          disabled={app.clientSecretSource === 'env'}
          hint={
            app.clientSecretSource === 'env'
              ? fromEnv(app.env.clientSecret)
              : formatMessage({
                  id: getTrad('oauth.settings.clientSecret.hint'),
                  defaultMessage: 'Stored encrypted and never shown again. Leave empty to keep the current one.',
                })
          }
          error={fieldErrors.clientSecret}
        />
        {Object.entries(app.options).map(([name, option]) => (
          <TextField
            key={name}
            name={`oauth-${app.network}-${name}`}
            // A version (Graph's v24.0) is no address: a url field would make the browser flag it.
            type={isVersionOption(name) ? 'text' : 'url'}
            label={OPTION_LABELS[name] ? formatMessage(OPTION_LABELS[name]!) : name}
            value={options[name] ?? ''}
            onChange={(value) => setOptions((current) => ({ ...current, [name]: value }))}
            disabled={option.source === 'env'}
            hint={option.source === 'env' ? fromEnv(option.env) : option.env}
            error={fieldErrors[`options.${name}`]}
          />
        ))}
        <Flex gap={2}>
          <Button type="button" onClick={onSave} loading={save.isPending}>
            {formatMessage({ id: getTrad('oauth.settings.save'), defaultMessage: 'Save this app' })}
          </Button>
          {app.clientSecretSource === 'settings' ? (
            <Button type="button" variant="danger-light" onClick={() => submit({ clientSecret: null })} disabled={save.isPending}>
              {formatMessage({ id: getTrad('oauth.settings.removeSecret'), defaultMessage: 'Remove the secret' })}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Box>
  );
};

/** Settings: the apps the plugin signs in with, per network that offers OAuth. */
export const OAuthApps = () => {
  const { formatMessage } = useIntl();
  const apps = useOAuthApps();
  if (!apps.data?.length) return null;
  return (
    <FormSection
      title={formatMessage({ id: getTrad('oauth.settings.title'), defaultMessage: 'Sign in with OAuth: apps' })}
      description={formatMessage({
        id: getTrad('oauth.settings.description'),
        defaultMessage:
          'Register an app at the network with the redirect URI below, then enter its client id and secret here or in the server’s environment (the environment wins).',
      })}
    >
      {apps.data.map((app) => (
        <AppCard key={app.network} app={app} />
      ))}
    </FormSection>
  );
};
