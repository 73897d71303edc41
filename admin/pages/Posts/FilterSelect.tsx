import { SingleSelect, SingleSelectOption } from '@strapi/design-system';

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
