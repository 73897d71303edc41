import * as React from 'react';
import { Alert, Box, Button, EmptyStateLayout, Flex, Tabs, Typography } from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { usePauseAll, usePublishingOverview, type PublicationView } from '../../api/publishing';
import { useApiError } from '../../utils/serverMessages';
import { sectionById } from '../../sections';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { MarkPublishedModal } from './MarkPublishedModal';
import { PublicationsTable } from './PublicationsTable';
import { SentTab } from './SentTab';
import { SENT_KEYS } from './useSentParams';
import { useStatusReason } from '../Accounts/useStatusReason';

const Section = ({ title, count, children }: { title: string; count: number; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title} ({count})
      </Typography>
      {children}
    </Flex>
  </Box>
);

type Tab = 'queue' | 'sent';

/** What goes out next, what is on the wire, what waits for a person (the queue), and what went out (Sent). */
export const PublishingPage = () => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const overview = usePublishingOverview();
  const pause = usePauseAll();
  const { allowed: canPublish, isLoading: checking } = useCan(ACTIONS.postsPublish);
  const [marking, setMarking] = React.useState<PublicationView | null>(null);
  const statusReason = useStatusReason();
  // The tab is in the address (and the Sent tab's filters): a link or a reload lands on the same list.
  const [search, setSearch] = useSearchParams();
  const tab: Tab = search.get('tab') === 'sent' ? 'sent' : 'queue';
  const setTab = (value: string) =>
    setSearch(
      (params) => {
        const next = new URLSearchParams(params);
        if (value === 'sent') next.set('tab', 'sent');
        else {
          next.delete('tab');
          // The Sent tab's filters mean nothing to the queue: a link to the queue does not carry them.
          for (const key of SENT_KEYS) next.delete(key);
        }
        return next;
      },
      { replace: true }
    );
  const title = formatMessage({ id: getTrad('publishing.title'), defaultMessage: 'Publishing' });

  if (overview.isPending || checking) return <Page.Loading />;
  if (overview.isError) return <Page.Error content={readApiError(overview.error).message} />;
  const data = overview.data;
  const paused = data.pause.paused;

  const togglePause = () =>
    pause.mutate(
      { paused: !paused },
      {
        onSuccess: (state) =>
          toggleNotification({
            type: state.paused ? 'warning' : 'success',
            message: state.paused
              ? formatMessage({ id: getTrad('publishing.pause.done'), defaultMessage: 'Publishing is paused on every server.' })
              : formatMessage({ id: getTrad('publishing.resume.done'), defaultMessage: 'Publishing has resumed.' }),
          }),
        onError: (err) => toggleNotification({ type: 'danger', message: readApiError(err).message }),
      }
    );

  const table = (rows: PublicationView[], testId: string, empty: string) =>
    rows.length ? (
      <PublicationsTable publications={rows} canPublish={canPublish} onMarkPublished={setMarking} testId={testId} />
    ) : (
      <Typography textColor="neutral600">{empty}</Typography>
    );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage(sectionById('publishing').purpose)}
        primaryAction={
          canPublish ? (
            <Button variant={paused ? 'default' : 'danger-light'} loading={pause.isPending} onClick={togglePause}>
              {paused
                ? formatMessage({ id: getTrad('publishing.resume'), defaultMessage: 'Resume publishing' })
                : formatMessage({ id: getTrad('publishing.pause'), defaultMessage: 'Pause all publishing' })}
            </Button>
          ) : null
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {paused ? (
            <Alert
              variant="warning"
              closeLabel=""
              title={formatMessage({ id: getTrad('publishing.paused.title'), defaultMessage: 'Publishing is paused' })}
            >
              {formatMessage(
                {
                  id: getTrad('publishing.paused.body'),
                  defaultMessage: 'Nothing is sent on any server until someone resumes publishing. Paused by {by}.',
                },
                { by: data.pause.by ?? '—' }
              )}
            </Alert>
          ) : null}
          {data.accountsNeedingReauth.map((account) => (
            <Alert
              key={account.documentId}
              variant="danger"
              closeLabel=""
              title={formatMessage(
                { id: getTrad('publishing.reauth.title'), defaultMessage: '{name} must be reconnected' },
                { name: account.name }
              )}
            >
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography>{statusReason(account) ?? ''}</Typography>
                <Button variant="tertiary" size="S" onClick={() => navigate(pluginPath('accounts'))}>
                  {formatMessage({
                    id: getTrad('publishing.reauth.link'),
                    defaultMessage: 'Reconnect it in Accounts: its posts are on hold until then.',
                  })}
                </Button>
              </Flex>
            </Alert>
          ))}
          <Tabs.Root value={tab} onValueChange={setTab}>
            <Tabs.List aria-label={formatMessage({ id: getTrad('publishing.tabs'), defaultMessage: 'Publishing views' })}>
              <Tabs.Trigger value="queue">{formatMessage({ id: getTrad('publishing.tabs.queue'), defaultMessage: 'Queue' })}</Tabs.Trigger>
              <Tabs.Trigger value="sent">{formatMessage({ id: getTrad('publishing.tabs.sent'), defaultMessage: 'Sent' })}</Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="queue">
              <Flex direction="column" alignItems="stretch" gap={6} paddingTop={4}>
                <Section
                  title={formatMessage({ id: getTrad('publishing.needsPerson'), defaultMessage: 'Needs you' })}
                  count={data.needsPerson.length}
                >
                  {table(
                    data.needsPerson,
                    'needs-person',
                    formatMessage({
                      id: getTrad('publishing.needsPerson.empty'),
                      defaultMessage: 'Nothing needs you: every post went out or is on its way.',
                    })
                  )}
                </Section>
                <Section
                  title={formatMessage({ id: getTrad('publishing.inFlight'), defaultMessage: 'Being sent' })}
                  count={data.inFlight.length}
                >
                  {table(
                    data.inFlight,
                    'in-flight',
                    formatMessage({ id: getTrad('publishing.inFlight.empty'), defaultMessage: 'Nothing is being sent right now.' })
                  )}
                </Section>
                <Section
                  title={formatMessage({ id: getTrad('publishing.queue'), defaultMessage: 'Next 24 hours' })}
                  count={data.queue.length}
                >
                  {data.queue.length ? (
                    table(data.queue, 'queue', '')
                  ) : (
                    <EmptyStateLayout
                      icon={<EmptyDocuments width="16rem" />}
                      content={formatMessage({
                        id: getTrad('publishing.queue.empty'),
                        defaultMessage: 'Nothing is due in the next 24 hours. Schedule a post to see it here.',
                      })}
                    />
                  )}
                </Section>
              </Flex>
            </Tabs.Content>
            <Tabs.Content value="sent">
              <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} marginTop={4}>
                {tab === 'sent' ? <SentTab /> : null}
              </Box>
            </Tabs.Content>
          </Tabs.Root>
        </Flex>
      </Layouts.Content>
      {marking ? <MarkPublishedModal publication={marking} onClose={() => setMarking(null)} /> : null}
    </Page.Main>
  );
};
