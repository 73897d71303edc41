import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useEditorialLines } from '../../api/editorialLines';
import { getTrad } from '../../utils/getTrad';

interface EditorialLineSelectProps {
  value: string | null;
  onChange: (editorialLineId: string | null) => void;
  error?: string;
}

/**
 * Which editorial line the account's posts are checked against. Hidden when the
 * user may not read editorial lines: there would be nothing to choose from.
 */
export const EditorialLineSelect = ({ value, onChange, error }: EditorialLineSelectProps) => {
  const { formatMessage } = useIntl();
  const lines = useEditorialLines();
  if (!lines.isSuccess) return null;

  return (
    <Field.Root
      name="editorialLineId"
      error={error}
      hint={
        lines.data.length === 0
          ? formatMessage({
              id: getTrad('accounts.form.noLines'),
              defaultMessage: 'No editorial line yet: you can attach one later.',
            })
          : undefined
      }
    >
      <Field.Label>{formatMessage({ id: getTrad('accounts.form.editorialLine'), defaultMessage: 'Editorial line' })}</Field.Label>
      <SingleSelect
        value={value}
        onChange={(next) => onChange(String(next))}
        onClear={() => onChange(null)}
        clearLabel={formatMessage({ id: getTrad('accounts.form.clearEditorialLine'), defaultMessage: 'Remove the editorial line' })}
        placeholder={formatMessage({ id: getTrad('accounts.form.noEditorialLine'), defaultMessage: 'No editorial line' })}
        disabled={lines.data.length === 0}
      >
        {lines.data.map((line) => (
          <SingleSelectOption key={line.documentId} value={line.documentId}>
            {line.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
