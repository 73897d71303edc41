import { Field, Flex, Grid, NumberInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { errorFor } from '../../../api/errors';
import type { KpiTargets, Network } from '../../../api/types';
import { MEASURED_NETWORKS, NETWORK_LABELS } from '../../../networks';
import { getTrad } from '../../../utils/getTrad';

interface KpiTargetsFieldProps {
  targets: KpiTargets;
  onChange: (targets: KpiTargets) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** The Reports page's tiles measure attainment against these; the words say which way each one counts. */
const FIELDS: ReadonlyArray<{
  key: Exclude<keyof KpiTargets, 'networks'>;
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
}> = [
  {
    key: 'engagementPerPost',
    id: 'editorialLine.kpiTargets.engagementPerPost',
    label: 'Engagements per post, at least',
    min: 0,
    max: 1_000_000,
    step: 1,
  },
  {
    key: 'engagementRate',
    id: 'editorialLine.kpiTargets.engagementRate',
    label: 'Engagement rate (%), at least',
    min: 0,
    max: 100,
    step: 0.1,
  },
  {
    key: 'followerGrowthPerMonth',
    id: 'editorialLine.kpiTargets.followerGrowthPerMonth',
    label: 'Follower growth (% a month), at least',
    min: -100,
    max: 1000,
    step: 0.5,
  },
  {
    key: 'conversations',
    id: 'editorialLine.kpiTargets.conversations',
    label: 'Conversations received, at least',
    min: 0,
    max: 10_000_000,
    step: 1,
  },
  {
    key: 'firstResponseMinutes',
    id: 'editorialLine.kpiTargets.firstResponseMinutes',
    label: 'First response (minutes), at most',
    min: 0,
    max: 525_600,
    step: 5,
  },
  {
    key: 'positiveShare',
    id: 'editorialLine.kpiTargets.positiveShare',
    label: 'Positive sentiment (%), at least',
    min: 0,
    max: 100,
    step: 1,
  },
  {
    key: 'negativeShare',
    id: 'editorialLine.kpiTargets.negativeShare',
    label: 'Negative sentiment (%), at most',
    min: 0,
    max: 100,
    step: 1,
  },
];

export const KpiTargetsField = ({ targets, onChange, fieldErrors, disabled }: KpiTargetsFieldProps) => {
  const { formatMessage } = useIntl();
  const set = (key: Exclude<keyof KpiTargets, 'networks'>, value: number | undefined) => {
    const next = { ...targets };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  type NetworkTarget = NonNullable<NonNullable<KpiTargets['networks']>[Network]>;
  const setNetwork = (network: Network, key: keyof NetworkTarget, value: number | undefined) => {
    const mine: NetworkTarget = { ...(targets.networks?.[network] ?? {}) };
    if (value === undefined) delete mine[key];
    else mine[key] = value;
    const networks: NonNullable<KpiTargets['networks']> = { ...(targets.networks ?? {}), [network]: mine };
    // A network without a target of its own is left out, and so is the whole map when none has one.
    if (!Object.keys(mine).length) delete networks[network];
    const { networks: _old, ...rest } = targets;
    onChange(Object.keys(networks).length ? { ...rest, networks } : rest);
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Grid.Root gap={4} data-testid="kpi-targets">
        {FIELDS.map(({ key, id, label, min, max, step }) => (
          <Grid.Item key={key} col={4} s={6} xs={12} direction="column" alignItems="stretch">
            <Field.Root name={`kpiTargets.${key}`} error={errorFor(fieldErrors, `kpiTargets.${key}`)}>
              <Field.Label>{formatMessage({ id: getTrad(id), defaultMessage: label })}</Field.Label>
              <NumberInput
                value={targets[key]}
                onValueChange={(value) => set(key, value)}
                min={min}
                max={max}
                step={step}
                disabled={disabled}
              />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
        ))}
      </Grid.Root>
      <Flex direction="column" alignItems="stretch" gap={3} data-testid="network-targets">
        <Typography variant="sigma" textColor="neutral600">
          {formatMessage({ id: getTrad('editorialLine.kpiTargets.perNetwork'), defaultMessage: 'Per network (instead of the line’s)' })}
        </Typography>
        {/* Only networks that give figures: a webhook has nothing to aim at. */}
        {MEASURED_NETWORKS.map((network) => (
          <Grid.Root key={network} gap={4}>
            <Grid.Item col={4} s={12} alignItems="center">
              <Typography fontWeight="bold">{formatMessage(NETWORK_LABELS[network])}</Typography>
            </Grid.Item>
            <Grid.Item col={4} s={6} direction="column" alignItems="stretch">
              <Field.Root
                name={`kpiTargets.networks.${network}.engagementRate`}
                error={errorFor(fieldErrors, `kpiTargets.networks.${network}.engagementRate`)}
              >
                <Field.Label>
                  {formatMessage({
                    id: getTrad('editorialLine.kpiTargets.engagementRate'),
                    defaultMessage: 'Engagement rate (%), at least',
                  })}
                </Field.Label>
                <NumberInput
                  value={targets.networks?.[network]?.engagementRate}
                  onValueChange={(value) => setNetwork(network, 'engagementRate', value)}
                  min={0}
                  max={100}
                  step={0.1}
                  disabled={disabled}
                />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={4} s={6} direction="column" alignItems="stretch">
              <Field.Root
                name={`kpiTargets.networks.${network}.followerGrowthPerMonth`}
                error={errorFor(fieldErrors, `kpiTargets.networks.${network}.followerGrowthPerMonth`)}
              >
                <Field.Label>
                  {formatMessage({
                    id: getTrad('editorialLine.kpiTargets.followerGrowthPerMonth'),
                    defaultMessage: 'Follower growth (% a month), at least',
                  })}
                </Field.Label>
                <NumberInput
                  value={targets.networks?.[network]?.followerGrowthPerMonth}
                  onValueChange={(value) => setNetwork(network, 'followerGrowthPerMonth', value)}
                  min={-100}
                  max={1000}
                  step={0.5}
                  disabled={disabled}
                />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
          </Grid.Root>
        ))}
      </Flex>
    </Flex>
  );
};
