import { Box, Combobox, ComboboxOption, SingleSelect, SingleSelectOption } from '@strapi/design-system';

interface FilterSelectProps {
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  /** undefined when cleared */
  onChange: (value: string | undefined) => void;
}

/** One filter of the posts list: its name as placeholder until chosen, clearable. */
export const FilterSelect = ({ label, value, options, onChange }: FilterSelectProps) => (
  <SingleSelect
    aria-label={label}
    placeholder={label}
    value={value ?? ''}
    onClear={() => onChange(undefined)}
    onChange={(next) => onChange(String(next))}
  >
    {options.map((option) => (
      <SingleSelectOption key={option.value} value={option.value}>
        {option.label}
      </SingleSelectOption>
    ))}
  </SingleSelect>
);

interface FilterComboboxProps extends FilterSelectProps {
  clearLabel: string;
  /** said when what is typed matches no value */
  noOptions: string;
}

/**
 * A filter over values people typed (pillars, campaigns): one types to narrow
 * the list, but only a value that exists can be chosen, so the list never
 * filters on a misspelling.
 */
export const FilterCombobox = ({ label, value, options, onChange, clearLabel, noOptions }: FilterComboboxProps) => (
  <Box minWidth="16rem">
    <Combobox
      aria-label={label}
      placeholder={label}
      value={value ?? ''}
      clearLabel={clearLabel}
      noOptionsMessage={() => noOptions}
      onClear={() => onChange(undefined)}
      onChange={(next?: string) => onChange(next || undefined)}
    >
      {options.map((option) => (
        <ComboboxOption key={option.value} value={option.value}>
          {option.label}
        </ComboboxOption>
      ))}
    </Combobox>
  </Box>
);
