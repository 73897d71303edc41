import * as React from 'react';
import { Box, Field, Flex, Tag, TextInput } from '@strapi/design-system';
import { Cross } from '@strapi/icons';

interface TagInputProps {
  name: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  /** Label of the remove button of one tag, e.g. "Remove #strapi". */
  removeLabel: (value: string) => string;
  hint?: string;
  error?: string;
  disabled?: boolean;
  placeholder?: string;
  /** Where typed or pasted text splits into several tags. Commas and new lines by default. */
  separator?: RegExp;
  /** Turns what was typed into the stored value, e.g. drops a leading "#". */
  normalize?: (raw: string) => string;
  /** A message when the value cannot be a tag; the text then stays in the input to be fixed. */
  validate?: (value: string) => string | undefined;
  /** How a stored value reads on its tag. */
  display?: (value: string) => string;
}

const DEFAULT_SEPARATOR = /[,\n]/;

/**
 * A list of short values typed one by one: Enter (or a separator) turns the text into
 * a removable tag. Text still in the input when it loses focus is kept as well, so a
 * click on Save never loses what was typed.
 */
export const TagInput = ({
  name,
  label,
  values,
  onChange,
  removeLabel,
  hint,
  error,
  disabled,
  placeholder,
  separator = DEFAULT_SEPARATOR,
  normalize = (raw) => raw.trim(),
  validate,
  display = (value) => value,
}: TagInputProps) => {
  const [draft, setDraft] = React.useState('');
  const [draftError, setDraftError] = React.useState<string | undefined>();

  /** Adds the valid parts of `text`; returns what could not be added, to leave in the input. */
  const commit = (text: string): string => {
    const known = new Set(values.map((value) => value.toLowerCase()));
    const added: string[] = [];
    const rejected: string[] = [];
    let firstError: string | undefined;
    for (const part of text.split(separator)) {
      const value = normalize(part);
      if (value === '' || known.has(value.toLowerCase())) continue;
      const problem = validate?.(value);
      if (problem) {
        rejected.push(part.trim());
        firstError ??= problem;
        continue;
      }
      known.add(value.toLowerCase());
      added.push(value);
    }
    if (added.length > 0) onChange([...values, ...added]);
    setDraftError(firstError);
    return rejected.join(', ');
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    // Enter adds a tag; it must not submit the surrounding form.
    event.preventDefault();
    setDraft(commit(draft));
  };

  const onInputChange = (event: React.ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    const parts = text.split(separator);
    if (parts.length === 1) {
      setDraft(text);
      if (draftError) setDraftError(undefined);
      return;
    }
    // A separator was typed or pasted: everything before the last one becomes tags.
    const last = parts.pop() ?? '';
    const rest = commit(parts.join(','));
    setDraft(rest ? `${rest}, ${last}` : last);
  };

  const remove = (value: string) => onChange(values.filter((item) => item !== value));

  return (
    <Field.Root name={name} hint={hint} error={draftError ?? error}>
      <Field.Label>{label}</Field.Label>
      <TextInput
        value={draft}
        onChange={onInputChange}
        onKeyDown={onKeyDown}
        onBlur={() => setDraft(commit(draft))}
        disabled={disabled}
        placeholder={placeholder}
      />
      <Field.Hint />
      <Field.Error />
      {values.length > 0 ? (
        // Unnamed on purpose: any name holding the field's label would make label queries ambiguous,
        // and each tag's remove button already says which value it removes.
        <Flex tag="ul" wrap="wrap" gap={2} paddingTop={1}>
          {values.map((value) => (
            <Box tag="li" key={value}>
              <Tag
                icon={<Cross />}
                label={removeLabel(value)}
                onClick={(event) => {
                  // The Tag's button has no type: inside a form it would otherwise submit it.
                  event.preventDefault();
                  remove(value);
                }}
                disabled={disabled}
              >
                {display(value)}
              </Tag>
            </Box>
          ))}
        </Flex>
      ) : null}
    </Field.Root>
  );
};
