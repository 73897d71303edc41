import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ConnectableNetwork } from '../../api/types';
import { TextField } from '../../components/TextField';
import { profileMessage } from '../../networks';
import { profileOf, type CredentialField } from '../../../shared/networks';

interface CredentialFieldsProps {
  network: ConnectableNetwork;
  values: Record<string, string>;
  set: (name: string, value: string) => void;
  fieldErrors: Record<string, string>;
}

/**
 * The fields one network needs to connect, as its profile lists them
 * (docs/api.md `AccountInput`). Secrets use password inputs and are never
 * offered to the browser's autofill.
 */
export const CredentialFields = ({ network, values, set, fieldErrors }: CredentialFieldsProps) => (
  <>
    {profileOf(network).credentialFields.map((field) => (
      <CredentialInput key={field.name} field={field} value={values[field.name]} set={set} error={fieldErrors[field.name]} />
    ))}
  </>
);

interface CredentialInputProps {
  field: CredentialField;
  value: string | undefined;
  set: (name: string, value: string) => void;
  error?: string;
  /** the Edit dialog's label and hint instead of the form's */
  label?: string;
  hint?: string;
}

export const CredentialInput = ({ field, value, set, error, label, hint }: CredentialInputProps) => {
  const { formatMessage } = useIntl();
  if (field.kind === 'choice') {
    return (
      <Field.Root name={field.name} error={error} required={field.required}>
        <Field.Label>{label ?? formatMessage(profileMessage(field.label))}</Field.Label>
        <SingleSelect value={value ?? field.initial ?? ''} onChange={(next) => set(field.name, String(next))}>
          {(field.choices ?? []).map((choice) => (
            <SingleSelectOption key={choice.value} value={choice.value}>
              {formatMessage(profileMessage(choice.label))}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Error />
      </Field.Root>
    );
  }
  return (
    <TextField
      name={field.name}
      type={field.kind === 'secret' ? 'password' : field.kind === 'url' ? 'url' : undefined}
      autoComplete={field.secret ? 'off' : undefined}
      label={label ?? formatMessage(profileMessage(field.label))}
      hint={hint ?? (field.hint ? formatMessage(profileMessage(field.hint)) : undefined)}
      placeholder={field.placeholder}
      value={value ?? ''}
      onChange={(next) => set(field.name, next)}
      error={error}
      required={label ? false : field.required}
    />
  );
};
