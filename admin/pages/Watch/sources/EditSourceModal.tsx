import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useWatchMutation, type SourceInput, type WatchSource } from '../../../api/watch';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';
import { useFormErrors } from '../useFormErrors';
import { SourceFields } from './SourceFields';
import { SourceFormModal } from './SourceFormModal';

export const EditSourceModal = ({ source, onClose }: { source: WatchSource; onClose: () => void }) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const [values, setValues] = React.useState<SourceInput>({
    url: source.url,
    name: source.name,
    tags: source.tags,
    keywords: source.keywords,
    intervalMinutes: source.intervalMinutes,
  });
  const { errors, fail } = useFormErrors();
  const update = useWatchMutation((api, input: SourceInput) => api.sources.update(source.documentId, input));

  const onSubmit = () => {
    update.mutate(values, {
      onSuccess: () => {
        toggleNotification({
          type: 'success',
          message: formatMessage({ id: getTrad('watch.source.saved'), defaultMessage: 'Source saved.' }),
        });
        onClose();
      },
      onError: fail,
    });
  };

  return (
    <SourceFormModal
      title={formatMessage({ id: getTrad('watch.source.edit'), defaultMessage: 'Edit {name}' }, { name: source.name })}
      submitLabel={formatMessage({ id: getTrad('watch.source.saveChanges'), defaultMessage: 'Save' })}
      pending={update.isPending}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <TextField
        name="url"
        type="url"
        required
        label={formatMessage({ id: getTrad('watch.source.feedUrl'), defaultMessage: 'Feed address' })}
        value={values.url}
        error={errors.url}
        onChange={(url) => setValues((v) => ({ ...v, url }))}
      />
      <SourceFields values={values} errors={errors} onChange={(change) => setValues((v) => ({ ...v, ...change }))} />
    </SourceFormModal>
  );
};
