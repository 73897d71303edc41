import type { MessageDescriptor } from 'react-intl';
import type { AccountInput, ConnectableNetwork, Network } from '../../api/types';
import { can, profileOf } from '../../../shared/networks';
import { profileMessage } from '../../networks';

export { CONNECTABLE_NETWORKS, COMING_SOON_NETWORKS } from '../../networks';

/**
 * The dialog's values. Credential fields are kept by name across networks, so
 * switching network keeps what was typed in a field both ask for. Field names
 * are the API's, so a 400's paths name them directly.
 */
export interface AccountFormValues {
  network: ConnectableNetwork | null;
  name: string;
  editorialLineId: string | null;
  fields: Record<string, string>;
}

export const emptyAccountForm = (): AccountFormValues => ({ network: null, name: '', editorialLineId: null, fields: {} });

/** What the form sends: each field the network's profile lists, an empty optional one left out. */
export function toAccountInput(values: AccountFormValues & { network: ConnectableNetwork }): AccountInput {
  const input: Record<string, unknown> = { network: values.network, name: values.name.trim(), editorialLineId: values.editorialLineId };
  for (const field of profileOf(values.network).credentialFields) {
    const value = (values.fields[field.name] ?? field.initial ?? '').trim();
    if (value !== '' || field.required) input[field.name] = value;
  }
  return input as AccountInput;
}

/** A network that stores no secret (the sandbox) works without an encryption key. */
export const needsEncryption = (network: Network) => can(network, 'secrets');

/** How to get the credentials, shown above the form. */
export const networkHelp = (network: ConnectableNetwork): MessageDescriptor | null => {
  const help = profileOf(network).help;
  return help ? profileMessage(help) : null;
};

/** The label of a choice the account was made with (a webhook's message format), from its profile. */
export const choiceLabel = (network: string, fieldName: string, value: unknown): MessageDescriptor | null => {
  const choice = profileOf(network)
    ?.credentialFields.find((field) => field.name === fieldName)
    ?.choices?.find((item) => item.value === value);
  return choice ? profileMessage(choice.label) : null;
};
