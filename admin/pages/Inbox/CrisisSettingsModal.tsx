import * as React from 'react';
import { Button, Field, Flex, Modal, NumberInput, SingleSelect, SingleSelectOption, Toggle } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';
import { useFormErrors } from '../Watch/useFormErrors';
import { useCrisis, useCrisisSettingsSave, type CrisisSettings } from './insights';

const t = (id: string, defaultMessage: string) => ({ id: getTrad(id), defaultMessage });
const NUMBERS = [
  [
    'windowMinutes',
    t('crisis.settings.window', 'Window (minutes)'),
    t('crisis.settings.windowHint', 'The negative items of this window are compared with the baseline.'),
  ],
  [
    'baselineDays',
    t('crisis.settings.baseline', 'Baseline (days)'),
    t('crisis.settings.baselineHint', 'The days before the window that say what is usual.'),
  ],
  [
    'cooldownMinutes',
    t('crisis.settings.cooldown', 'Cooldown (minutes)'),
    t('crisis.settings.cooldownHint', 'No new alert sooner than this after the last one.'),
  ],
  [
    'minNegatives',
    t('crisis.settings.minNegatives', 'Minimum negative items'),
    t('crisis.settings.minNegativesHint', 'Fewer never alert.'),
  ],
  [
    'minShare',
    t('crisis.settings.minShare', 'Minimum negative share (0–1)'),
    t('crisis.settings.minShareHint', 'The negative items’ share of the window’s items.'),
  ],
] as const;

/** The crisis alert's settings and the holding statement's templates (docs/inbox.md, "Crisis"). */
export const CrisisSettingsModal = ({ onClose }: { onClose: () => void }) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const crisis = useCrisis(true);
  const save = useCrisisSettingsSave();
  const { errors, fail } = useFormErrors();
  const [values, setValues] = React.useState<CrisisSettings | null>(null);
  React.useEffect(() => {
    if (crisis.data && !values) setValues(crisis.data.settings);
  }, [crisis.data, values]);

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!values) return;
    save.mutate(values, {
      onSuccess: () => {
        toggleNotification({ type: 'success', message: formatMessage(t('crisis.settings.saved', 'Crisis settings saved')) });
        onClose();
      },
      onError: fail,
    });
  };

  return (
    <Modal.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Modal.Content>
        <Modal.Header closeLabel={formatMessage(t('crisis.close', 'Close'))}>
          <Modal.Title>{formatMessage(t('crisis.settings.title', 'Crisis alert and holding statement'))}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {values ? (
            <form id="crisis-settings-form" onSubmit={onSubmit}>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Field.Root name="enabled">
                  <Field.Label>{formatMessage(t('crisis.settings.enabled', 'Crisis alert'))}</Field.Label>
                  <Toggle
                    checked={values.enabled}
                    onLabel={formatMessage(t('crisis.settings.on', 'On'))}
                    offLabel={formatMessage(t('crisis.settings.off', 'Off'))}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, enabled: e.target.checked })}
                  />
                </Field.Root>
                {NUMBERS.map(([key, label, hint]) => (
                  <Field.Root key={key} name={key} error={errors[key]} hint={formatMessage(hint)}>
                    <Field.Label>{formatMessage(label)}</Field.Label>
                    <NumberInput
                      value={values[key]}
                      step={key === 'minShare' ? 0.05 : 1}
                      onValueChange={(value) => setValues({ ...values, [key]: value ?? 0 })}
                    />
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                ))}
                <Field.Root name="sensitivity" error={errors.sensitivity}>
                  <Field.Label>{formatMessage(t('crisis.settings.sensitivity', 'Sensitivity'))}</Field.Label>
                  <SingleSelect
                    value={values.sensitivity}
                    onChange={(value) => setValues({ ...values, sensitivity: value as CrisisSettings['sensitivity'] })}
                  >
                    <SingleSelectOption value="low">{formatMessage(t('crisis.settings.low', 'Low (1 in 10,000)'))}</SingleSelectOption>
                    <SingleSelectOption value="medium">
                      {formatMessage(t('crisis.settings.medium', 'Medium (1 in 1,000)'))}
                    </SingleSelectOption>
                    <SingleSelectOption value="high">{formatMessage(t('crisis.settings.high', 'High (1 in 100)'))}</SingleSelectOption>
                  </SingleSelect>
                  <Field.Error />
                </Field.Root>
                <TextField
                  name="holdingStatement.en"
                  multiline
                  label={formatMessage(t('crisis.settings.holdingEn', 'Holding statement in English'))}
                  value={values.holdingStatement.en}
                  error={errors['holdingStatement.en']}
                  onChange={(en) => setValues({ ...values, holdingStatement: { ...values.holdingStatement, en } })}
                />
                <TextField
                  name="holdingStatement.fr"
                  multiline
                  label={formatMessage(t('crisis.settings.holdingFr', 'Holding statement in French'))}
                  value={values.holdingStatement.fr}
                  error={errors['holdingStatement.fr']}
                  onChange={(fr) => setValues({ ...values, holdingStatement: { ...values.holdingStatement, fr } })}
                />
              </Flex>
            </form>
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{formatMessage(t('crisis.close', 'Close'))}</Button>
          </Modal.Close>
          <Button type="submit" form="crisis-settings-form" loading={save.isPending} disabled={!values}>
            {formatMessage(t('crisis.settings.save', 'Save'))}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
