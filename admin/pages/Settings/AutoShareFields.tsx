import { Box, Checkbox, Field, Flex, Grid, NumberInput, SingleSelect, SingleSelectOption, Toggle, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { errorFor } from '../../api/errors';
import type { AutoShareSettings } from '../../api/settings';
import type { SocialAccount } from '../../api/types';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';

interface AutoShareFieldsProps {
  value: AutoShareSettings;
  draftAndPublish: boolean;
  /** undefined when the user may not read accounts */
  accounts: SocialAccount[] | undefined;
  pathPrefix: string;
  fieldErrors: Record<string, string>;
  onChange: (value: AutoShareSettings) => void;
}

/** Posts created when an entry is published: as drafts, or scheduled after a delay. */
export const AutoShareFields = ({ value, draftAndPublish, accounts, pathPrefix, fieldErrors, onChange }: AutoShareFieldsProps) => {
  const { formatMessage } = useIntl();
  const error = (key: string) => errorFor(fieldErrors, `${pathPrefix}.${key}`);
  const set = <K extends keyof AutoShareSettings>(key: K, next: AutoShareSettings[K]) => onChange({ ...value, [key]: next });

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {formatMessage({ id: getTrad('settings.autoShare.heading'), defaultMessage: 'Auto-share on publish' })}
      </Typography>
      <Field.Root
        name={`${pathPrefix}.enabled`}
        error={error('enabled')}
        hint={
          draftAndPublish
            ? formatMessage({
                id: getTrad('settings.autoShare.hint'),
                defaultMessage:
                  'The first time an entry is published, posts are created from the template. Publishing it again creates none.',
              })
            : formatMessage({
                id: getTrad('settings.autoShare.noDraftAndPublish'),
                defaultMessage: 'This type has no draft & publish: its entries are never published.',
              })
        }
      >
        <Field.Label>
          {formatMessage({ id: getTrad('settings.autoShare.enabled'), defaultMessage: 'Create posts when an entry is published' })}
        </Field.Label>
        <Toggle
          checked={value.enabled}
          disabled={!draftAndPublish && !value.enabled}
          onLabel={formatMessage({ id: getTrad('settings.on'), defaultMessage: 'On' })}
          offLabel={formatMessage({ id: getTrad('settings.off'), defaultMessage: 'Off' })}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('enabled', e.target.checked)}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      {value.enabled ? (
        <>
          <Grid.Root gap={4}>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Field.Root name={`${pathPrefix}.mode`} error={error('mode')}>
                <Field.Label>{formatMessage({ id: getTrad('settings.autoShare.mode'), defaultMessage: 'Create them as' })}</Field.Label>
                <SingleSelect value={value.mode} onChange={(next) => set('mode', next === 'scheduled' ? 'scheduled' : 'draft')}>
                  <SingleSelectOption value="draft">
                    {formatMessage({ id: getTrad('settings.autoShare.mode.draft'), defaultMessage: 'Drafts to review' })}
                  </SingleSelectOption>
                  <SingleSelectOption value="scheduled">
                    {formatMessage({
                      id: getTrad('settings.autoShare.mode.scheduled'),
                      defaultMessage: 'Scheduled (sent for review when approval is required)',
                    })}
                  </SingleSelectOption>
                </SingleSelect>
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Field.Root
                name={`${pathPrefix}.delayMinutes`}
                error={error('delayMinutes')}
                hint={formatMessage({ id: getTrad('settings.autoShare.delay.hint'), defaultMessage: 'After the publish time' })}
              >
                <Field.Label>{formatMessage({ id: getTrad('settings.autoShare.delay'), defaultMessage: 'Delay in minutes' })}</Field.Label>
                <NumberInput value={value.delayMinutes} onValueChange={(next: number | undefined) => set('delayMinutes', next ?? 0)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <TextField
                name={`${pathPrefix}.timezone`}
                label={formatMessage({ id: getTrad('settings.autoShare.timezone'), defaultMessage: 'Time zone of the scheduled posts' })}
                value={value.timezone}
                onChange={(timezone) => set('timezone', timezone)}
                error={error('timezone')}
              />
            </Grid.Item>
          </Grid.Root>
          <Field.Root name={`${pathPrefix}.accountIds`} error={error('accountIds')} required>
            <Field.Label>{formatMessage({ id: getTrad('settings.autoShare.accounts'), defaultMessage: 'Accounts' })}</Field.Label>
            {accounts ? (
              <Flex direction="column" alignItems="flex-start" gap={1}>
                {accounts.map((account) => (
                  <Checkbox
                    key={account.documentId}
                    checked={value.accountIds.includes(account.documentId)}
                    onCheckedChange={(checked: boolean | 'indeterminate') =>
                      set(
                        'accountIds',
                        checked === true
                          ? [...value.accountIds, account.documentId]
                          : value.accountIds.filter((id) => id !== account.documentId)
                      )
                    }
                  >
                    {account.name}
                  </Checkbox>
                ))}
              </Flex>
            ) : (
              <Typography variant="pi" textColor="neutral600">
                {formatMessage({
                  id: getTrad('settings.autoShare.noAccountAccess'),
                  defaultMessage: 'You may not see the social accounts: ask an administrator to choose them.',
                })}
              </Typography>
            )}
            <Field.Error />
          </Field.Root>
          <Box>
            <TextField
              name={`${pathPrefix}.template`}
              multiline
              required
              label={formatMessage({ id: getTrad('settings.autoShare.template'), defaultMessage: 'Template' })}
              hint={formatMessage(
                { id: getTrad('settings.autoShare.template.hint'), defaultMessage: 'Use {title}, {excerpt} and {url}.' },
                { title: '{title}', excerpt: '{excerpt}', url: '{url}' }
              )}
              value={value.template}
              onChange={(template) => set('template', template)}
              error={error('template')}
            />
          </Box>
        </>
      ) : null}
    </Flex>
  );
};
