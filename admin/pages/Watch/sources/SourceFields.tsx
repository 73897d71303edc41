import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SourceInput } from '../../../api/watch';
import { TagInput } from '../../../components/TagInput';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';

export const INTERVALS = [15, 30, 60, 120, 360, 720, 1440] as const;

interface SourceFieldsProps {
  values: SourceInput;
  errors: Record<string, string>;
  onChange: (change: Partial<SourceInput>) => void;
}

/** Name, tags, keywords and how often: the part of a source the add and edit forms share. */
export const SourceFields = ({ values, errors, onChange }: SourceFieldsProps) => {
  const { formatMessage } = useIntl();
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <TextField
        name="name"
        label={formatMessage({ id: getTrad('watch.source.name'), defaultMessage: 'Name' })}
        hint={formatMessage({ id: getTrad('watch.source.nameHint'), defaultMessage: 'Empty: the feed’s own title.' })}
        value={values.name ?? ''}
        error={errors.name}
        onChange={(name) => onChange({ name })}
      />
      <TagInput
        name="tags"
        label={formatMessage({ id: getTrad('watch.source.tags'), defaultMessage: 'Tags' })}
        values={values.tags}
        error={errors.tags}
        onChange={(tags) => onChange({ tags })}
        removeLabel={(value) => formatMessage({ id: getTrad('watch.source.removeTag'), defaultMessage: 'Remove {value}' }, { value })}
      />
      <TagInput
        name="keywords"
        label={formatMessage({ id: getTrad('watch.source.keywords'), defaultMessage: 'Keywords' })}
        hint={formatMessage({
          id: getTrad('watch.source.keywordsHint'),
          defaultMessage: 'Items that mention one are marked and can be filtered.',
        })}
        values={values.keywords}
        error={errors.keywords}
        onChange={(keywords) => onChange({ keywords })}
        removeLabel={(value) => formatMessage({ id: getTrad('watch.source.removeTag'), defaultMessage: 'Remove {value}' }, { value })}
      />
      <Field.Root name="intervalMinutes" error={errors.intervalMinutes} required>
        <Field.Label>{formatMessage({ id: getTrad('watch.source.interval'), defaultMessage: 'Check every' })}</Field.Label>
        <SingleSelect value={String(values.intervalMinutes)} onChange={(value) => onChange({ intervalMinutes: Number(value) })}>
          {INTERVALS.map((minutes) => (
            <SingleSelectOption key={minutes} value={String(minutes)}>
              {minutes < 60
                ? formatMessage({ id: getTrad('watch.source.minutes'), defaultMessage: '{count} minutes' }, { count: minutes })
                : formatMessage(
                    { id: getTrad('watch.source.hours'), defaultMessage: '{count, plural, one {# hour} other {# hours}}' },
                    { count: minutes / 60 }
                  )}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Error />
      </Field.Root>
    </Flex>
  );
};
