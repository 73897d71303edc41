import { Field, TextInput, Textarea } from '@strapi/design-system';

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  /** A Textarea instead of a one-line input. */
  multiline?: boolean;
  type?: 'text' | 'password' | 'url';
  autoComplete?: string;
}

/** A labelled text input with its hint and error, the pattern every form here repeats. */
export const TextField = ({
  name,
  label,
  value,
  onChange,
  hint,
  error,
  required,
  disabled,
  placeholder,
  multiline,
  type = 'text',
  autoComplete,
}: TextFieldProps) => (
  <Field.Root name={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
    {multiline ? (
      <Textarea value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} placeholder={placeholder} />
    ) : (
      <TextInput
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        placeholder={placeholder}
        autoComplete={autoComplete}
      />
    )}
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
