import * as React from 'react';
import { Alert, Box, Button, Flex, Link } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { useApiError } from '../../utils/serverMessages';
import { useCrisis, useCrisisSwitch } from './insights';
import { CrisisSettingsModal } from './CrisisSettingsModal';

const t = (id: string, defaultMessage: string) => ({ id: getTrad(id), defaultMessage });

const msg = {
  alertTitle: t('crisis.alert.title', 'Crisis alert'),
  alertBody: t(
    'crisis.alert.body',
    '{count} negative items in the last {minutes} minutes, where about {expected} were expected. Review them in Moderation.'
  ),
  notEmailed: t(
    'crisis.alert.notEmailed',
    'Nobody could be e-mailed: the email plugin is not configured or refused the message (see the server log).'
  ),
  noRecipients: t('crisis.alert.noRecipients', 'Nobody was e-mailed: no active admin with an address holds the moderation action.'),
  modeTitle: t('crisis.mode.title', 'Crisis mode is on'),
  modeBody: t('crisis.mode.body', 'Since {since}, by {by}. New items are tagged “crisis”.'),
  modePaused: t('crisis.mode.paused', 'All publishing is paused and will resume when crisis mode ends.'),
  modeNotPaused: t('crisis.mode.notPaused', 'Publishing was already paused: ending crisis mode leaves it paused.'),
  holding: t('crisis.mode.holding', 'Open the holding statement'),
  start: t('crisis.start', 'Start crisis mode'),
  end: t('crisis.end', 'End crisis mode'),
  started: t('crisis.started', 'Crisis mode is on: publishing is paused and a holding statement is drafted.'),
  ended: t('crisis.ended', 'Crisis mode is off.'),
  close: t('crisis.close', 'Close'),
};

/**
 * On every page of the plugin: the latest crisis alert (last 24 h) and crisis
 * mode, with the one-click switch for who holds `moderation.crisis`
 * (docs/inbox.md, "Crisis").
 */
export const CrisisBanner = () => {
  const { formatMessage, formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const readError = useApiError();
  const { allowed: canRead } = useCan(ACTIONS.moderationRead);
  const { allowed: canSwitch } = useCan(ACTIONS.moderationCrisis);
  const crisis = useCrisis(canRead);
  const toggle = useCrisisSwitch();
  const [dismissed, setDismissed] = React.useState<string | null>(null);
  const data = crisis.data;
  if (!canRead || !data) return null;
  const { mode, alert } = data;
  const key = mode.on ? `mode:${mode.since}` : (alert?.documentId ?? '');
  if (dismissed === key) return null;
  const close = () => setDismissed(key);
  const run = (action: 'start' | 'end') =>
    toggle.mutate(action, {
      onSuccess: () => toggleNotification({ type: 'success', message: formatMessage(action === 'start' ? msg.started : msg.ended) }),
      onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
    });

  if (mode.on)
    return (
      <Box paddingLeft={10} paddingRight={10} paddingTop={4}>
        <Alert
          variant="danger"
          title={formatMessage(msg.modeTitle)}
          closeLabel={formatMessage(msg.close)}
          onClose={close}
          data-testid="crisis-mode-banner"
          action={
            <Flex gap={2}>
              {mode.planDocumentId ? (
                <Link tag={RouterLink} to={pluginPath('posts', mode.planDocumentId)}>
                  {formatMessage(msg.holding)}
                </Link>
              ) : null}
              {canSwitch ? (
                <Button size="S" variant="secondary" loading={toggle.isPending} onClick={() => run('end')}>
                  {formatMessage(msg.end)}
                </Button>
              ) : null}
            </Flex>
          }
        >
          {formatMessage(msg.modeBody, {
            since: mode.since ? formatDate(mode.since, { dateStyle: 'medium', timeStyle: 'short' }) : '—',
            by: mode.by?.name ?? '—',
          })}{' '}
          {formatMessage(mode.pausedPublishing ? msg.modePaused : msg.modeNotPaused)}
        </Alert>
      </Box>
    );

  if (!alert) return null;
  const counts = alert.details.counts;
  const problem = alert.details.emailProblem;
  return (
    <Box paddingLeft={10} paddingRight={10} paddingTop={4}>
      <Alert
        variant="warning"
        title={formatMessage(msg.alertTitle)}
        closeLabel={formatMessage(msg.close)}
        onClose={close}
        data-testid="crisis-alert-banner"
        action={
          canSwitch ? (
            <Button size="S" variant="danger" loading={toggle.isPending} onClick={() => run('start')}>
              {formatMessage(msg.start)}
            </Button>
          ) : undefined
        }
      >
        {formatMessage(msg.alertBody, {
          count: counts?.windowNegatives ?? 0,
          minutes: alert.details.windowMinutes ?? 0,
          expected: alert.details.expected ?? 0,
        })}
        {problem === 'not_configured' || problem === 'failed' ? ` ${formatMessage(msg.notEmailed)}` : null}
        {problem === 'no_recipients' ? ` ${formatMessage(msg.noRecipients)}` : null}
      </Alert>
    </Box>
  );
};

/** "Start crisis mode" without waiting for an alert (the Moderation page's header); hidden while it is on or for who may not. */
export const CrisisStartButton = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const readError = useApiError();
  const { allowed: canRead } = useCan(ACTIONS.moderationRead);
  const { allowed: canSwitch } = useCan(ACTIONS.moderationCrisis);
  const crisis = useCrisis(canRead);
  const toggle = useCrisisSwitch();
  const [settings, setSettings] = React.useState(false);
  if (!canSwitch || !crisis.data) return null;
  return (
    <Flex gap={2}>
      <Button variant="tertiary" data-testid="crisis-settings" onClick={() => setSettings(true)}>
        {formatMessage(t('crisis.settings.open', 'Crisis settings'))}
      </Button>
      {settings ? <CrisisSettingsModal onClose={() => setSettings(false)} /> : null}
      {crisis.data.mode.on ? null : (
        <Button
          variant="danger-light"
          loading={toggle.isPending}
          data-testid="crisis-start"
          onClick={() =>
            toggle.mutate('start', {
              onSuccess: () => toggleNotification({ type: 'success', message: formatMessage(msg.started) }),
              onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
            })
          }
        >
          {formatMessage(msg.start)}
        </Button>
      )}
    </Flex>
  );
};
