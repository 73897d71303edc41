import { Field, Grid, NumberInput } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { errorFor } from '../../../api/errors';
import type { KpiTargets } from '../../../api/types';
import { getTrad } from '../../../utils/getTrad';

interface KpiTargetsFieldProps {
  targets: KpiTargets;
  onChange: (targets: KpiTargets) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** The Reports page's tiles measure attainment against these; the words say which way each one counts. */
const FIELDS: ReadonlyArray<{ key: keyof KpiTargets; id: string; label: string; min: number; max: number; step: number }> = [
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
  const set = (key: keyof KpiTargets, value: number | undefined) => {
    const next = { ...targets };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
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
  );
};
