import * as React from 'react';
import { Button, Field, Flex, NumberInput, SingleSelect, SingleSelectOption, Toggle, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { QueryClientProvider } from '../../api/query';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ACTIONS, adminPermission } from '../../../shared/core/permissions';
import { useAccounts } from '../../api/accounts';
import { useApiError } from '../../utils/serverMessages';
import { createQueryClient } from '../../api/queryClient';
import { useSettings, useSiteContentTypes, useUpdateSettings, type ContentTypeSettings, type PluginSettings } from '../../api/settings';
import { FormSection } from '../../components/FormSection';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';
import { useCan } from '../../utils/permissions';
import { ContentTypeCard } from './ContentTypeCard';
import { OAuthApps } from './OAuthApps';
import { ReportBranding } from './ReportBranding';
import { ManagementRole } from './ManagementRole';

const newContentType = (uid: string): ContentTypeSettings => ({
  uid,
  urlPattern: null,
  fields: { title: null, excerpt: null, image: null },
  autoShare: {
    enabled: false,
    mode: 'draft',
    accountIds: [],
    template: '{title}\n\n{excerpt}\n\n{url}',
    delayMinutes: 0,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  },
});

const SettingsForm = ({ initial }: { initial: PluginSettings }) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const contentTypes = useSiteContentTypes();
  const canReadAccounts = useCan(ACTIONS.accountsRead).allowed;
  const accounts = useAccounts();
  const update = useUpdateSettings();
  const [values, setValues] = React.useState(initial);
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({});
  const set = <K extends keyof PluginSettings>(key: K, next: PluginSettings[K]) => setValues((current) => ({ ...current, [key]: next }));
  const available = (contentTypes.data ?? []).filter((ct) => !values.contentTypes.some((c) => c.uid === ct.uid));

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(values, {
      onSuccess: (saved) => {
        setValues(saved);
        setFieldErrors({});
        toggleNotification({
          type: 'success',
          message: formatMessage({ id: getTrad('settings.saved'), defaultMessage: 'Settings saved.' }),
        });
      },
      onError: (error) => {
        const problem = readError(error);
        setFieldErrors(problem.fieldErrors);
        toggleNotification({ type: 'danger', message: problem.message });
      },
    });
  };

  const toggle = (key: 'approvalRequired' | 'retimeNeedsReview', label: string, hint: string) => (
    <Field.Root name={key} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Toggle
        checked={values[key]}
        onLabel={formatMessage({ id: getTrad('settings.on'), defaultMessage: 'On' })}
        offLabel={formatMessage({ id: getTrad('settings.off'), defaultMessage: 'Off' })}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(key, e.target.checked)}
      />
      <Field.Hint />
    </Field.Root>
  );

  return (
    <form noValidate onSubmit={onSubmit}>
      <Layouts.Header
        title={formatMessage({ id: getTrad('settings.title'), defaultMessage: 'Community: posts & articles' })}
        subtitle={formatMessage({
          id: getTrad('settings.subtitle'),
          defaultMessage: 'How posts are approved, and which of your content types get the “Social posts” panel.',
        })}
        primaryAction={
          <Button type="submit" startIcon={<Check />} loading={update.isPending}>
            {formatMessage({ id: getTrad('settings.save'), defaultMessage: 'Save' })}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <FormSection title={formatMessage({ id: getTrad('settings.workflow'), defaultMessage: 'Approval' })}>
            {toggle(
              'approvalRequired',
              formatMessage({ id: getTrad('settings.approvalRequired'), defaultMessage: 'Approval required' }),
              formatMessage({
                id: getTrad('settings.approvalRequired.hint'),
                defaultMessage: 'A post must be approved before it can be scheduled.',
              })
            )}
            {toggle(
              'retimeNeedsReview',
              formatMessage({ id: getTrad('settings.retimeNeedsReview'), defaultMessage: 'Moving an approved post needs a new review' }),
              formatMessage({
                id: getTrad('settings.retimeNeedsReview.hint'),
                defaultMessage: 'Off: changing only the date of an approved post keeps it approved.',
              })
            )}
          </FormSection>
          <FormSection title={formatMessage({ id: getTrad('settings.site'), defaultMessage: 'Your site' })}>
            <TextField
              name="siteUrl"
              type="url"
              label={formatMessage({ id: getTrad('settings.siteUrl'), defaultMessage: 'Site address' })}
              hint={formatMessage({
                id: getTrad('settings.siteUrl.hint'),
                defaultMessage: 'Campaign (UTM) parameters are added to links to this site only.',
              })}
              placeholder="https://example.com"
              value={values.siteUrl ?? ''}
              onChange={(siteUrl) => set('siteUrl', siteUrl.trim() ? siteUrl : null)}
              error={fieldErrors.siteUrl}
            />
          </FormSection>
          <FormSection title={formatMessage({ id: getTrad('settings.costs'), defaultMessage: 'Costs' })}>
            <Field.Root
              name="xDailyCap"
              error={fieldErrors.xDailyCap}
              hint={formatMessage({
                id: getTrad('settings.xDailyCap.hint'),
                defaultMessage:
                  'X bills every call. Posts of an account beyond this many on one day (UTC) are held with their reason, not sent. Empty: no cap.',
              })}
            >
              <Field.Label>{formatMessage({ id: getTrad('settings.xDailyCap'), defaultMessage: 'X posts a day per account' })}</Field.Label>
              <NumberInput
                value={values.xDailyCap ?? undefined}
                onValueChange={(next: number | undefined) => set('xDailyCap', next === undefined ? null : next)}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </FormSection>
          <ReportBranding
            siteName={values.siteName}
            logoId={values.reportLogoId}
            fieldErrors={fieldErrors}
            onChange={(next) => setValues((current) => ({ ...current, ...next }))}
          />
          <ManagementRole />
          <FormSection
            title={formatMessage({ id: getTrad('settings.contentTypes'), defaultMessage: 'Content types with the “Social posts” panel' })}
            description={formatMessage({
              id: getTrad('settings.contentTypes.hint'),
              defaultMessage: 'Editors see the posts about an entry next to it, plan new ones and share it over several days.',
            })}
          >
            {values.contentTypes.length === 0 ? (
              <Typography variant="omega" textColor="neutral600">
                {formatMessage({
                  id: getTrad('settings.contentTypes.empty'),
                  defaultMessage: 'No content type yet: add the one your articles are written in.',
                })}
              </Typography>
            ) : null}
            <Field.Root name="addContentType">
              <Field.Label>{formatMessage({ id: getTrad('settings.contentTypes.add'), defaultMessage: 'Add a content type' })}</Field.Label>
              <SingleSelect
                value={null}
                disabled={available.length === 0}
                placeholder={formatMessage({ id: getTrad('settings.contentTypes.choose'), defaultMessage: 'Choose a content type' })}
                onChange={(uid) => set('contentTypes', [...values.contentTypes, newContentType(String(uid))])}
              >
                {available.map((ct) => (
                  <SingleSelectOption key={ct.uid} value={ct.uid}>
                    {ct.displayName}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </FormSection>
          {values.contentTypes.map((contentType, index) => (
            <ContentTypeCard
              key={contentType.uid}
              index={index}
              value={contentType}
              info={contentTypes.data?.find((ct) => ct.uid === contentType.uid)}
              accounts={canReadAccounts ? accounts.data : undefined}
              fieldErrors={fieldErrors}
              onChange={(next) =>
                set(
                  'contentTypes',
                  values.contentTypes.map((c, i) => (i === index ? next : c))
                )
              }
              onRemove={() =>
                set(
                  'contentTypes',
                  values.contentTypes.filter((_, i) => i !== index)
                )
              }
            />
          ))}
          <OAuthApps />
        </Flex>
      </Layouts.Content>
    </form>
  );
};

const SettingsLoader = () => {
  const settings = useSettings();
  if (settings.isLoading) return <Page.Loading />;
  if (settings.isError || !settings.data) return <Page.Error />;
  return <SettingsForm initial={settings.data} />;
};

/** The plugin's page in Strapi's Settings menu; it brings its own cache, as it renders outside the plugin's App. */
const SettingsPage = () => {
  const [queryClient] = React.useState(createQueryClient);
  return (
    <Page.Protect permissions={adminPermission(ACTIONS.settings)}>
      <QueryClientProvider client={queryClient}>
        <SettingsLoader />
      </QueryClientProvider>
    </Page.Protect>
  );
};

export default SettingsPage;
