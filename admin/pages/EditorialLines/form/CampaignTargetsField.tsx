import { Box, Button, Field, Flex, Grid, IconButton, NumberInput, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { errorFor } from '../../../api/errors';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';
import { emptyCampaignTarget, type CampaignTargetRow } from './values';

const MAX_CAMPAIGN_TARGETS = 100;

interface CampaignTargetsFieldProps {
  targets: CampaignTargetRow[];
  onChange: (targets: CampaignTargetRow[]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/**
 * A campaign's goals: the posts it should have, the engagements it should
 * earn, the engagement per post. A campaign is the label posts carry (the
 * composer's "Campaign"), so a target names it; the Reports page's campaign
 * comparison measures each one against its goals.
 */
export const CampaignTargetsField = ({ targets, onChange, fieldErrors, disabled }: CampaignTargetsFieldProps) => {
  const { formatMessage } = useIntl();
  const update = (key: string, patch: Partial<CampaignTargetRow>) =>
    onChange(targets.map((target) => (target.key === key ? { ...target, ...patch } : target)));
  const number = (
    target: CampaignTargetRow,
    index: number,
    field: 'posts' | 'engagements' | 'engagementPerPost',
    label: string,
    step: number
  ) => (
    <Field.Root name={`campaignTargets.${index}.${field}`} error={errorFor(fieldErrors, `campaignTargets.${index}.${field}`)}>
      <Field.Label>{label}</Field.Label>
      <NumberInput
        value={target[field]}
        onValueChange={(value) => update(target.key, { [field]: value })}
        min={0}
        step={step}
        disabled={disabled}
      />
      <Field.Error />
    </Field.Root>
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="campaign-targets">
      {targets.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({
            id: getTrad('editorialLine.campaigns.empty'),
            defaultMessage: 'No campaign target yet. Name a campaign your posts carry and what it should reach.',
          })}
        </Typography>
      ) : null}
      {targets.map((target, index) => (
        <Box key={target.key} padding={4} hasRadius borderColor="neutral200" data-testid={`campaign-target-${index}`}>
          <Grid.Root gap={4}>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <TextField
                name={`campaignTargets.${index}.campaign`}
                label={formatMessage({ id: getTrad('editorialLine.campaigns.name'), defaultMessage: 'Campaign' })}
                value={target.campaign}
                onChange={(campaign) => update(target.key, { campaign })}
                error={errorFor(fieldErrors, `campaignTargets.${index}.campaign`)}
                required
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={2} s={4} direction="column" alignItems="stretch">
              {number(target, index, 'posts', formatMessage({ id: getTrad('editorialLine.campaigns.posts'), defaultMessage: 'Posts' }), 1)}
            </Grid.Item>
            <Grid.Item col={3} s={4} direction="column" alignItems="stretch">
              {number(
                target,
                index,
                'engagements',
                formatMessage({ id: getTrad('editorialLine.campaigns.engagements'), defaultMessage: 'Engagements' }),
                10
              )}
            </Grid.Item>
            <Grid.Item col={2} s={4} direction="column" alignItems="stretch">
              {number(
                target,
                index,
                'engagementPerPost',
                formatMessage({ id: getTrad('editorialLine.campaigns.perPost'), defaultMessage: 'Per post' }),
                1
              )}
            </Grid.Item>
            <Grid.Item col={1} s={12} justifyContent="flex-end" alignItems="flex-start">
              <IconButton
                label={formatMessage(
                  { id: getTrad('editorialLine.campaigns.remove'), defaultMessage: 'Remove campaign target {number}' },
                  { number: index + 1 }
                )}
                variant="ghost"
                onClick={() => onChange(targets.filter((item) => item.key !== target.key))}
                disabled={disabled}
              >
                <Trash />
              </IconButton>
            </Grid.Item>
          </Grid.Root>
        </Box>
      ))}
      {fieldErrors.campaignTargets ? (
        <Field.Root name="campaignTargets" error={fieldErrors.campaignTargets}>
          <Field.Error />
        </Field.Root>
      ) : null}
      {disabled ? null : (
        <Box>
          <Button
            variant="secondary"
            startIcon={<Plus />}
            onClick={() => onChange([...targets, emptyCampaignTarget()])}
            disabled={targets.length >= MAX_CAMPAIGN_TARGETS}
          >
            {formatMessage({ id: getTrad('editorialLine.campaigns.add'), defaultMessage: 'Add a campaign target' })}
          </Button>
        </Box>
      )}
    </Flex>
  );
};
