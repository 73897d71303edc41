import { Field, Grid, NumberInput } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { errorFor } from '../../../api/errors';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';
import { RepeatableRows } from './RepeatableRows';
import { emptyCampaignTarget, type CampaignTargetRow } from './values';

const MAX_CAMPAIGN_TARGETS = 100;

interface CampaignTargetsFieldProps {
  targets: CampaignTargetRow[];
  onChange: (targets: CampaignTargetRow[]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** A campaign goal's numbers: each optional, at least. */
const GOALS = [
  { field: 'posts', id: 'editorialLine.campaigns.posts', label: 'Posts', col: 2, step: 1 },
  { field: 'engagements', id: 'editorialLine.campaigns.engagements', label: 'Engagements', col: 3, step: 10 },
  { field: 'engagementPerPost', id: 'editorialLine.campaigns.perPost', label: 'Per post', col: 2, step: 1 },
] as const;

/**
 * A campaign's goals: the posts it should have, the engagements it should
 * earn, the engagement per post. A campaign is the label posts carry (the
 * composer's "Campaign"), so a target names it; the Reports page's campaign
 * comparison measures each one against its goals.
 */
export const CampaignTargetsField = ({ targets, onChange, fieldErrors, disabled }: CampaignTargetsFieldProps) => {
  const { formatMessage } = useIntl();
  return (
    <RepeatableRows
      rows={targets}
      onChange={onChange}
      disabled={disabled}
      max={MAX_CAMPAIGN_TARGETS}
      newRow={emptyCampaignTarget}
      testId="campaign-targets"
      empty={formatMessage({
        id: getTrad('editorialLine.campaigns.empty'),
        defaultMessage: 'No campaign target yet. Name a campaign your posts carry and what it should reach.',
      })}
      addLabel={formatMessage({ id: getTrad('editorialLine.campaigns.add'), defaultMessage: 'Add a campaign target' })}
      removeLabel={(number) =>
        formatMessage({ id: getTrad('editorialLine.campaigns.remove'), defaultMessage: 'Remove campaign target {number}' }, { number })
      }
      rowTestId="campaign-target"
      fields={(target, index, update) => (
        <>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <TextField
              name={`campaignTargets.${index}.campaign`}
              label={formatMessage({ id: getTrad('editorialLine.campaigns.name'), defaultMessage: 'Campaign' })}
              value={target.campaign}
              onChange={(campaign) => update({ campaign })}
              error={errorFor(fieldErrors, `campaignTargets.${index}.campaign`)}
              required
              disabled={disabled}
            />
          </Grid.Item>
          {GOALS.map(({ field, id, label, col, step }) => (
            <Grid.Item key={field} col={col} s={4} direction="column" alignItems="stretch">
              <Field.Root name={`campaignTargets.${index}.${field}`} error={errorFor(fieldErrors, `campaignTargets.${index}.${field}`)}>
                <Field.Label>{formatMessage({ id: getTrad(id), defaultMessage: label })}</Field.Label>
                <NumberInput
                  value={target[field]}
                  onValueChange={(value) => update({ [field]: value })}
                  min={0}
                  step={step}
                  disabled={disabled}
                />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
          ))}
        </>
      )}
      footer={
        fieldErrors.campaignTargets ? (
          <Field.Root name="campaignTargets" error={fieldErrors.campaignTargets}>
            <Field.Error />
          </Field.Root>
        ) : null
      }
    />
  );
};
