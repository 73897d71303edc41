import type { MessageDescriptor } from 'react-intl';
import type { AccountInput, ConnectableNetwork, Network, WebhookFlavor } from '../../api/types';
import { getTrad } from '../../utils/getTrad';

/**
 * Every network's fields side by side, so switching network in the dialog keeps
 * what was typed. Field names are the API's, so a 400's paths name them directly.
 */
export interface AccountFormValues {
  network: ConnectableNetwork | null;
  name: string;
  editorialLineId: string | null;
  instanceUrl: string;
  accessToken: string;
  identifier: string;
  appPassword: string;
  service: string;
  url: string;
  flavor: WebhookFlavor;
  secret: string;
  handle: string;
}

export const emptyAccountForm = (): AccountFormValues => ({
  network: null,
  name: '',
  editorialLineId: null,
  instanceUrl: '',
  accessToken: '',
  identifier: '',
  appPassword: '',
  service: '',
  url: '',
  flavor: 'slack',
  secret: '',
  handle: '',
});

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

export function toAccountInput(values: AccountFormValues & { network: ConnectableNetwork }): AccountInput {
  const common = { name: values.name.trim(), editorialLineId: values.editorialLineId };
  switch (values.network) {
    case 'mastodon':
      return { ...common, network: 'mastodon', instanceUrl: values.instanceUrl.trim(), accessToken: values.accessToken.trim() };
    case 'bluesky':
      return {
        ...common,
        network: 'bluesky',
        identifier: values.identifier.trim(),
        appPassword: values.appPassword.trim(),
        service: optional(values.service),
      };
    case 'webhook':
      return { ...common, network: 'webhook', url: values.url.trim(), flavor: values.flavor, secret: optional(values.secret) };
    case 'sandbox':
      return { ...common, network: 'sandbox', handle: optional(values.handle) };
  }
}

/** The networks of this version, then those that need OAuth and come later, shown as such. */
export const CONNECTABLE_NETWORKS: readonly ConnectableNetwork[] = ['mastodon', 'bluesky', 'webhook', 'sandbox'];
export const COMING_SOON_NETWORKS: readonly Network[] = ['linkedin', 'facebook', 'instagram', 'x', 'threads'];

/** The sandbox stores no secret: it is the one network that works without an encryption key. */
export const needsEncryption = (network: ConnectableNetwork) => network !== 'sandbox';

export const NETWORK_HELP: Record<ConnectableNetwork, MessageDescriptor> = {
  mastodon: {
    id: getTrad('accounts.help.mastodon'),
    defaultMessage:
      'On your instance, open Preferences › Development › New application, give it the read and write:statuses scopes, then copy “Your access token”.',
  },
  bluesky: {
    id: getTrad('accounts.help.bluesky'),
    defaultMessage: 'Create an app password in Bluesky (Settings › Privacy and security › App passwords). Never use your main password.',
  },
  webhook: {
    id: getTrad('accounts.help.webhook'),
    defaultMessage:
      'Posts go to a chat channel through its incoming webhook URL (Slack, Discord, Teams, Mattermost) or to any JSON endpoint.',
  },
  sandbox: {
    id: getTrad('accounts.help.sandbox'),
    defaultMessage: 'A pretend network that publishes nowhere: try the whole workflow without risk. It needs no credentials.',
  },
};

export const WEBHOOK_FLAVOR_LABELS: Record<WebhookFlavor, MessageDescriptor> = {
  slack: { id: getTrad('accounts.flavor.slack'), defaultMessage: 'Slack' },
  discord: { id: getTrad('accounts.flavor.discord'), defaultMessage: 'Discord' },
  teams: { id: getTrad('accounts.flavor.teams'), defaultMessage: 'Microsoft Teams' },
  mattermost: { id: getTrad('accounts.flavor.mattermost'), defaultMessage: 'Mattermost' },
  generic: { id: getTrad('accounts.flavor.generic'), defaultMessage: 'Generic JSON' },
};
