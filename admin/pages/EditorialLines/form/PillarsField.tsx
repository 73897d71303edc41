import { Box, Field, Flex, Grid, NumberInput, Status, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { errorFor } from '../../../api/errors';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';
import { RepeatableRows } from './RepeatableRows';
import { MAX_PILLAR_TOTAL, emptyPillar, pillarTotal, type PillarRow } from './values';

const MAX_PILLARS = 20;
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

interface PillarsFieldProps {
  pillars: PillarRow[];
  onChange: (pillars: PillarRow[]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

const TotalShare = ({ total }: { total: number }) => {
  const { formatMessage, formatNumber } = useIntl();
  const over = total > MAX_PILLAR_TOTAL;
  const variant = over ? 'danger' : total === MAX_PILLAR_TOTAL ? 'success' : 'neutral';
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} aria-live="polite">
      <Status variant={variant} size="S" data-testid="pillar-total">
        <Typography variant="omega" fontWeight="bold">
          {formatMessage(
            { id: getTrad('editorialLine.pillars.total'), defaultMessage: 'Total of the target shares: {total}% of 100%' },
            { total: formatNumber(total, { maximumFractionDigits: 1 }) }
          )}
        </Typography>
      </Status>
      {over ? (
        <Typography variant="pi" textColor="danger600" role="alert">
          {formatMessage(
            {
              id: getTrad('editorialLine.pillars.overTotal'),
              defaultMessage: 'The shares add up to {total}%, more than 100%. Lower them to save the line.',
            },
            { total: formatNumber(total, { maximumFractionDigits: 1 }) }
          )}
        </Typography>
      ) : null}
    </Flex>
  );
};

/**
 * Content pillars: the themes the line posts about, each with the share of posts it
 * should take. The running total is shown because the shares cannot exceed 100 %.
 */
export const PillarsField = ({ pillars, onChange, fieldErrors, disabled }: PillarsFieldProps) => {
  const { formatMessage } = useIntl();
  const groupError = fieldErrors.pillars;

  return (
    <RepeatableRows
      rows={pillars}
      onChange={onChange}
      disabled={disabled}
      max={MAX_PILLARS}
      newRow={emptyPillar}
      empty={formatMessage({
        id: getTrad('editorialLine.pillars.empty'),
        defaultMessage: 'No pillar yet. Pillars are the three to six themes you post about, such as “Tutorials” or “Community news”.',
      })}
      addLabel={formatMessage({ id: getTrad('editorialLine.pillars.add'), defaultMessage: 'Add a pillar' })}
      removeLabel={(number) =>
        formatMessage({ id: getTrad('editorialLine.pillars.remove'), defaultMessage: 'Remove pillar {number}' }, { number })
      }
      rowTestId="pillar-row"
      fields={(pillar, index, update) => {
        const colour = pillar.color.trim();
        const colourError = errorFor(fieldErrors, `pillars.${index}.color`);
        return (
          <>
            <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
              <TextField
                name={`pillars.${index}.name`}
                label={formatMessage({ id: getTrad('editorialLine.pillars.name'), defaultMessage: 'Pillar name' })}
                value={pillar.name}
                onChange={(name) => update({ name })}
                error={errorFor(fieldErrors, `pillars.${index}.name`)}
                required
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
              <Field.Root name={`pillars.${index}.targetShare`} error={errorFor(fieldErrors, `pillars.${index}.targetShare`)}>
                <Field.Label>
                  {formatMessage({ id: getTrad('editorialLine.pillars.share'), defaultMessage: 'Target share (%)' })}
                </Field.Label>
                <NumberInput
                  value={pillar.targetShare}
                  onValueChange={(targetShare) => update({ targetShare })}
                  step={5}
                  min={0}
                  max={100}
                  disabled={disabled}
                />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
              <Field.Root
                name={`pillars.${index}.engagementTarget`}
                error={errorFor(fieldErrors, `pillars.${index}.engagementTarget`)}
                hint={formatMessage({
                  id: getTrad('editorialLine.pillars.engagementHint'),
                  defaultMessage: 'The Reports page measures each pillar against it',
                })}
              >
                <Field.Label>
                  {formatMessage({ id: getTrad('editorialLine.pillars.engagement'), defaultMessage: 'Engagements per post, target' })}
                </Field.Label>
                <NumberInput
                  value={pillar.engagementTarget}
                  onValueChange={(engagementTarget) => update({ engagementTarget })}
                  step={1}
                  min={0}
                  disabled={disabled}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
              <Field.Root
                name={`pillars.${index}.color`}
                error={colourError}
                hint={formatMessage({
                  id: getTrad('editorialLine.pillars.colorHint'),
                  defaultMessage: 'Used in the calendar, e.g. #4945ff',
                })}
              >
                <Field.Label>{formatMessage({ id: getTrad('editorialLine.pillars.color'), defaultMessage: 'Colour' })}</Field.Label>
                <TextInput
                  value={pillar.color}
                  onChange={(event) => update({ color: event.target.value })}
                  placeholder="#4945ff"
                  disabled={disabled}
                  startAction={
                    <Box
                      aria-hidden
                      width="1.6rem"
                      height="1.6rem"
                      hasRadius
                      borderColor="neutral200"
                      style={{ backgroundColor: HEX_COLOUR.test(colour) ? colour : 'transparent' }}
                    />
                  }
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
          </>
        );
      }}
      below={(pillar, index, update) => (
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <TextField
            name={`pillars.${index}.description`}
            label={formatMessage({ id: getTrad('editorialLine.pillars.description'), defaultMessage: 'What it covers' })}
            value={pillar.description}
            onChange={(description) => update({ description })}
            error={errorFor(fieldErrors, `pillars.${index}.description`)}
            disabled={disabled}
          />
        </Grid.Item>
      )}
      footer={
        <>
          {pillars.length > 0 ? <TotalShare total={pillarTotal(pillars)} /> : null}
          {groupError ? (
            <Field.Root name="pillars" error={groupError}>
              <Field.Error />
            </Field.Root>
          ) : null}
        </>
      }
    />
  );
};
