import { Field, Grid, NumberInput } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { NETWORKS, type Network } from '../../../api/types';
import { NETWORK_LABELS } from '../../../networks';
import type { EditorialLineFormValues } from './values';

interface FrequencyTargetsFieldProps {
  frequency: EditorialLineFormValues['frequency'];
  onChange: (frequency: EditorialLineFormValues['frequency']) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** Posts per week the line aims at, per network; a blank network has no target. */
export const FrequencyTargetsField = ({ frequency, onChange, fieldErrors, disabled }: FrequencyTargetsFieldProps) => {
  const { formatMessage } = useIntl();

  const set = (network: Network, perWeek: number | undefined) => {
    const next = { ...frequency };
    if (perWeek === undefined) delete next[network];
    else next[network] = perWeek;
    onChange(next);
  };

  return (
    <Grid.Root gap={4} data-testid="frequency-targets">
      {NETWORKS.map((network) => (
        <Grid.Item key={network} col={3} s={6} xs={12} direction="column" alignItems="stretch">
          <Field.Root name={`frequency.${network}`} error={fieldErrors[`frequency.${network}`]}>
            <Field.Label>{formatMessage(NETWORK_LABELS[network])}</Field.Label>
            <NumberInput
              value={frequency[network]}
              onValueChange={(value) => set(network, value)}
              min={0}
              max={200}
              step={1}
              disabled={disabled}
            />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
