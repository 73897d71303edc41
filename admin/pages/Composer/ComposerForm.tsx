import * as React from 'react';
import {
  Alert,
  Box,
  Button,
  Field,
  Flex,
  Grid,
  SingleSelect,
  SingleSelectOption,
  Tabs,
  Textarea,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { useDebounce, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ACTIONS } from '../../../shared/core/permissions';
import { renderText } from '../../../shared/planning/utm';
import { useAccounts } from '../../api/accounts';
import { useEditorialLines, useLint } from '../../api/editorialLines';
import { errorFor } from '../../api/errors';
import { useApiError } from '../../utils/serverMessages';
import {
  errorDetails,
  useComposerContext,
  useSavePostPlan,
  useTransitionPostPlan,
  type PlanAction,
  type PlanActionName,
  type PostPlan,
} from '../../api/postPlans';
import type { Network, SocialAccount } from '../../api/types';
import { FormSection } from '../../components/FormSection';
import { TextField } from '../../components/TextField';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { useCan } from '../../utils/permissions';
import { LintResultView } from '../EditorialLines/linter/LintResultView';
import { AccountPicker } from './AccountPicker';
import { CommentsPanel } from './CommentsPanel';
import { FIRST_COMMENT_NETWORKS, toInput, valuesFromPlan, type ComposerValues, type PreviewAccount } from './composerValues';
import { MediaField } from './MediaField';
import { NetworkPreview } from './NetworkPreview';
import { PlanLivePosts } from './PlanLivePosts';
import { ScheduleField, type ScheduleProblem } from './ScheduleField';
import { ThreadPlan, withNewPart } from './ThreadPlan';
import { DailyCapNotice } from './DailyCapNotice';
import { SuggestedTimes } from './SuggestedTimes';
import { ACTION_LABELS, describeAction, doneText, formatWhen, TRANSITION_LABELS } from './transitionLabels';

const LINT_DELAY_MS = 300;
const ALL = 'all';

interface ComposerFormProps {
  plan?: PostPlan;
  initialValues: ComposerValues;
  onSaved?: (plan: PostPlan) => void;
  /** tells the page whether there is something to lose */
  onDirtyChange?: (dirty: boolean) => void;
  /** a readable notice above the form, e.g. a prefill that failed */
  notice?: React.ReactNode;
}

/** One network of the post, with the first chosen account that posts there (for its name, handle and limit). */
function networksOf(accounts: PreviewAccount[], ids: string[]) {
  const chosen = accounts.filter((a) => ids.includes(a.documentId));
  const seen = new Map<Network, PreviewAccount>();
  for (const account of chosen) if (!seen.has(account.network)) seen.set(account.network, account);
  return [...seen.entries()].map(([network, account]) => ({ network, account }));
}

/** The composer: used by the posts/new and posts/:documentId pages and by ComposerModal. */
export const ComposerForm = ({ plan: initialPlan, initialValues, onSaved, onDirtyChange, notice }: ComposerFormProps) => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const intl = useIntl();
  const { formatMessage } = intl;
  const { toggleNotification } = useNotification();
  const [plan, setPlan] = React.useState(initialPlan);
  const [values, setValues] = React.useState(initialValues);
  const [baseline, setBaseline] = React.useState(initialValues);
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({});
  const [scheduleProblem, setScheduleProblem] = React.useState<ScheduleProblem | null>(null);
  const [tab, setTab] = React.useState<string>(ALL);
  const [sendBack, setSendBack] = React.useState<string | null>(null);
  const canCreate = useCan(ACTIONS.postsCreate);
  const accounts = useAccounts();
  const lines = useEditorialLines();
  const context = useComposerContext();
  const save = useSavePostPlan();
  const transition = useTransitionPostPlan();
  const dirty = JSON.stringify(values) !== JSON.stringify(baseline);
  /**
   * A scheduled post's words and time are changed by whoever may unschedule it
   * (the server asks the same); others see it locked rather than meet a refusal on save.
   */
  const scheduledLocked = plan?.status === 'scheduled' && !(plan.availableTransitions ?? []).includes('unschedule');
  const readOnly = !canCreate.allowed || plan?.status === 'published' || plan?.status === 'partially_published' || scheduledLocked;

  React.useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const set = <K extends keyof ComposerValues>(key: K, value: ComposerValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const allAccounts: PreviewAccount[] =
    accounts.data ?? plan?.accounts.map((a) => ({ ...a, status: a.status as SocialAccount['status'] })) ?? [];
  const networks = networksOf(allAccounts, values.accountIds);
  const activeNetwork = networks.find((n) => n.network === tab)?.network ?? networks[0]?.network;
  const siteHosts = context.data?.siteHosts ?? [];
  const lineId =
    values.editorialLineId ??
    allAccounts.find((a) => values.accountIds.includes(a.documentId) && a.editorialLine)?.editorialLine?.documentId ??
    null;
  const line = lines.data?.find((l) => l.documentId === lineId);

  const textFor = (network: Network) =>
    renderText(
      {
        body: values.body,
        variants: Object.fromEntries(Object.entries(values.variants).map(([n, body]) => [n, { body: body ?? '' }])),
        utm: { enabled: values.utmEnabled },
        campaign: values.campaign,
      },
      network,
      siteHosts
    );

  const lintText = useDebounce(activeNetwork ? textFor(activeNetwork) : '', LINT_DELAY_MS);
  const lint = useLint(
    activeNetwork && lintText.trim() !== ''
      ? {
          text: lintText,
          network: activeNetwork,
          ...(lineId ? { editorialLineId: lineId } : {}),
          accountId: networks.find((n) => n.network === activeNetwork)?.account.documentId,
        }
      : null
  );

  /**
   * Saves what changed, then takes the action. The page hears of the save at
   * once (a new post gets its address even if the action is then refused).
   */
  async function run(action?: PlanActionName, comment?: string) {
    setFieldErrors({});
    setScheduleProblem(null);
    const submitted = values;
    try {
      let current = plan;
      if (!current || dirty) {
        current = await save.mutateAsync({ documentId: current?.documentId, input: toInput({ ...submitted, editorialLineId: lineId }) });
        setPlan(current);
        setBaseline(submitted);
        onSaved?.(current);
      }
      if (action) {
        // The shortcut is the schedule route asked to approve on the way: one request, one trail line.
        const shortcut = action === 'approve_and_schedule';
        current = await transition.mutateAsync({
          documentId: current.documentId,
          name: shortcut ? 'schedule' : action,
          comment,
          ...(shortcut ? { approve: true as const } : {}),
        });
        setPlan(current);
        onSaved?.(current);
      }
      setSendBack(null);
      toggleNotification({ type: 'success', message: doneText(intl, action, current, context.data) });
    } catch (error) {
      const problem = readApiError(error);
      setFieldErrors(problem.fieldErrors);
      // A refusal about one network's text opens that network's tab, where the error shows.
      const variantKey = Object.keys(problem.fieldErrors).find((key) => key.startsWith('variants.'));
      if (variantKey) setTab(variantKey.split('.')[1]);
      const details = errorDetails(error);
      if (problem.code === 'nonexistent_local_time' || problem.code === 'ambiguous_local_time') {
        setScheduleProblem({
          code: problem.code,
          nextValid: details.nextValid as string | undefined,
          choices: details.choices as ScheduleProblem['choices'],
        });
      }
      toggleNotification({ type: 'danger', message: problem.message });
    }
  }

  const busy = save.isPending || transition.isPending;
  /**
   * Only what will work for this user on this post, as the server computed it
   * (a new post: what its draft will allow). Scheduling first: it is what the
   * composer is for; cancelling last.
   */
  const offered: PlanAction[] = plan ? (plan.allowedActions ?? []) : canCreate.allowed ? (context.data?.newPostActions ?? []) : [];
  const rank = (action: PlanAction) => (action.name === 'cancel' ? 2 : action.to === 'scheduled' ? 0 : 1);
  const actions = [...offered].sort((a, b) => rank(a) - rank(b));
  const when = formatWhen(values.local, values.timezone, intl.locale);
  const described = actions
    .map((action) => ({ name: action.name, text: describeAction(intl, action.name, context.data, when) }))
    .filter((item): item is { name: PlanActionName; text: string } => item.text !== null);
  const firstCommentShown = networks.some((n) => FIRST_COMMENT_NETWORKS.includes(n.network));
  const variantError = (network: Network) => fieldErrors[`variants.${network}.body`];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {notice}
      {scheduledLocked ? (
        <Alert
          variant="default"
          closeLabel={formatMessage({ id: getTrad('composer.close'), defaultMessage: 'Close' })}
          data-testid="composer-scheduled-locked"
        >
          {formatMessage({
            id: getTrad('composer.scheduledLocked'),
            defaultMessage: 'This post is scheduled: only someone who may schedule and publish posts can change its words or its time.',
          })}
        </Alert>
      ) : null}
      <Grid.Root gap={4}>
        <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
          <Flex direction="column" alignItems="stretch" gap={4}>
            <FormSection title={formatMessage({ id: getTrad('composer.content'), defaultMessage: 'Content' })}>
              <TextField
                name="title"
                required
                disabled={readOnly}
                label={formatMessage({ id: getTrad('composer.title'), defaultMessage: 'Internal title' })}
                hint={formatMessage({ id: getTrad('composer.title.hint'), defaultMessage: 'Seen by your team only' })}
                value={values.title}
                error={fieldErrors.title}
                onChange={(value) => set('title', value)}
              />
              {values.entry ? (
                <Typography variant="pi" textColor="neutral600">
                  {formatMessage(
                    { id: getTrad('composer.entry'), defaultMessage: 'Linked to {title}' },
                    { title: values.entry.title ?? values.entry.documentId }
                  )}
                </Typography>
              ) : null}
              <AccountPicker
                accounts={allAccounts}
                value={values.accountIds}
                disabled={readOnly}
                error={errorFor(fieldErrors, 'accountIds')}
                onChange={(ids) => set('accountIds', ids)}
              />
              <Tabs.Root value={tab} onValueChange={setTab}>
                <Tabs.List aria-label={formatMessage({ id: getTrad('composer.variants'), defaultMessage: 'Text per network' })}>
                  <Tabs.Trigger value={ALL}>
                    {formatMessage({ id: getTrad('composer.variants.all'), defaultMessage: 'All networks' })}
                  </Tabs.Trigger>
                  {networks.map(({ network }) => (
                    <Tabs.Trigger key={network} value={network}>
                      {formatMessage(NETWORK_LABELS[network])}
                    </Tabs.Trigger>
                  ))}
                </Tabs.List>
                <Tabs.Content value={ALL}>
                  <Box paddingTop={3}>
                    <Field.Root name="body" error={fieldErrors.body}>
                      <Field.Label>{formatMessage({ id: getTrad('composer.body'), defaultMessage: 'Text' })}</Field.Label>
                      <Textarea
                        value={values.body}
                        disabled={readOnly}
                        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set('body', event.target.value)}
                      />
                      <Field.Error />
                    </Field.Root>
                  </Box>
                </Tabs.Content>
                {networks.map(({ network }) => {
                  const overridden = values.variants[network] !== undefined && values.variants[network] !== values.body;
                  return (
                    <Tabs.Content key={network} value={network}>
                      <Flex direction="column" alignItems="stretch" gap={2} paddingTop={3}>
                        <Field.Root
                          name={`variants.${network}.body`}
                          error={variantError(network)}
                          hint={
                            overridden
                              ? undefined
                              : formatMessage({
                                  id: getTrad('composer.variant.inherits'),
                                  defaultMessage: 'Same text as for all networks until you change it here',
                                })
                          }
                        >
                          <Field.Label>
                            {formatMessage(
                              { id: getTrad('composer.variant'), defaultMessage: 'Text for {network}' },
                              { network: formatMessage(NETWORK_LABELS[network]) }
                            )}
                          </Field.Label>
                          <Textarea
                            value={values.variants[network] ?? values.body}
                            disabled={readOnly}
                            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                              set('variants', { ...values.variants, [network]: event.target.value })
                            }
                          />
                          <Field.Hint />
                          <Field.Error />
                        </Field.Root>
                        <ThreadPlan
                          network={network}
                          text={textFor(network)}
                          media={values.media.length}
                          firstComment={values.firstComment}
                          onSplit={
                            readOnly
                              ? undefined
                              : () =>
                                  set('variants', { ...values.variants, [network]: withNewPart(values.variants[network] ?? values.body) })
                          }
                        />
                        {overridden ? (
                          <Box>
                            <Button
                              variant="tertiary"
                              size="S"
                              onClick={() => {
                                const rest = { ...values.variants };
                                delete rest[network];
                                set('variants', rest);
                              }}
                            >
                              {formatMessage({ id: getTrad('composer.variant.reset'), defaultMessage: 'Use the text for all networks' })}
                            </Button>
                          </Box>
                        ) : null}
                      </Flex>
                    </Tabs.Content>
                  );
                })}
              </Tabs.Root>
              {activeNetwork && lint.data ? (
                <Box data-testid="composer-lint">
                  <LintResultView result={lint.data} />
                </Box>
              ) : null}
            </FormSection>
            <FormSection title={formatMessage({ id: getTrad('composer.mediaSection'), defaultMessage: 'Media' })}>
              <MediaField
                value={values.media}
                disabled={readOnly}
                networks={networks.map(({ network, account }) => ({ network, label: account.name }))}
                fieldErrors={fieldErrors}
                onChange={(media) => set('media', media)}
              />
            </FormSection>
            <FormSection title={formatMessage({ id: getTrad('composer.planning'), defaultMessage: 'Planning' })}>
              <ScheduleField
                local={values.local}
                timezone={values.timezone}
                disabled={readOnly}
                error={errorFor(fieldErrors, 'schedule')}
                problem={scheduleProblem}
                onChange={(local, fold) => {
                  setValues((current) => ({ ...current, local, fold: fold ?? null }));
                  if (fold !== undefined && fold !== null) setScheduleProblem(null);
                }}
              />
              <DailyCapNotice
                accounts={allAccounts.filter((a) => values.accountIds.includes(a.documentId))}
                local={values.local}
                timezone={values.timezone}
              />
              {!readOnly ? (
                <SuggestedTimes
                  accounts={allAccounts.filter((a) => values.accountIds.includes(a.documentId))}
                  timezone={values.timezone}
                  exclude={plan?.documentId}
                  onPick={(local, fold) => {
                    setValues((current) => ({ ...current, local, fold }));
                    setScheduleProblem(null);
                  }}
                />
              ) : null}
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  {line && line.pillars.length ? (
                    <Field.Root name="pillar" error={fieldErrors.pillar}>
                      <Field.Label>{formatMessage({ id: getTrad('composer.pillar'), defaultMessage: 'Pillar' })}</Field.Label>
                      <SingleSelect
                        value={values.pillar}
                        disabled={readOnly}
                        onChange={(value) => set('pillar', String(value))}
                        onClear={() => set('pillar', '')}
                      >
                        {line.pillars.map((pillar) => (
                          <SingleSelectOption key={pillar.name} value={pillar.name}>
                            {pillar.name}
                          </SingleSelectOption>
                        ))}
                      </SingleSelect>
                      <Field.Error />
                    </Field.Root>
                  ) : (
                    <TextField
                      name="pillar"
                      disabled={readOnly}
                      label={formatMessage({ id: getTrad('composer.pillar'), defaultMessage: 'Pillar' })}
                      value={values.pillar}
                      error={fieldErrors.pillar}
                      onChange={(value) => set('pillar', value)}
                    />
                  )}
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <TextField
                    name="campaign"
                    disabled={readOnly}
                    label={formatMessage({ id: getTrad('composer.campaign'), defaultMessage: 'Campaign' })}
                    value={values.campaign}
                    error={fieldErrors.campaign}
                    onChange={(value) => set('campaign', value)}
                  />
                </Grid.Item>
              </Grid.Root>
              <Field.Root
                name="utm"
                hint={formatMessage({
                  id: getTrad('composer.utm.hint'),
                  defaultMessage: 'Adds utm_source, utm_medium and utm_campaign to links to your own site only',
                })}
              >
                <Field.Label>{formatMessage({ id: getTrad('composer.utm'), defaultMessage: 'Track links (UTM)' })}</Field.Label>
                <Toggle
                  checked={values.utmEnabled}
                  disabled={readOnly}
                  onLabel={formatMessage({ id: getTrad('composer.on'), defaultMessage: 'On' })}
                  offLabel={formatMessage({ id: getTrad('composer.off'), defaultMessage: 'Off' })}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('utmEnabled', event.target.checked)}
                />
                <Field.Hint />
              </Field.Root>
              {firstCommentShown ? (
                <TextField
                  name="firstComment"
                  multiline
                  disabled={readOnly}
                  label={formatMessage({ id: getTrad('composer.firstComment'), defaultMessage: 'First comment' })}
                  hint={formatMessage({
                    id: getTrad('composer.firstComment.hint'),
                    defaultMessage: 'Posted as a reply right after the post, where the network allows it',
                  })}
                  value={values.firstComment}
                  error={fieldErrors.firstComment}
                  onChange={(value) => set('firstComment', value)}
                />
              ) : null}
            </FormSection>
            <Flex gap={2} wrap="wrap" data-testid="composer-actions">
              {!readOnly ? (
                <Button variant="secondary" loading={busy} onClick={() => run()}>
                  {plan
                    ? formatMessage({ id: getTrad('composer.action.save'), defaultMessage: 'Save' })
                    : formatMessage({ id: getTrad('composer.action.saveDraft'), defaultMessage: 'Save as draft' })}
                </Button>
              ) : null}
              {actions.map(({ name }, index) => (
                <Button
                  key={name}
                  variant={name === 'cancel' ? 'danger-light' : name === 'send_back' ? 'tertiary' : index === 0 ? 'default' : 'secondary'}
                  disabled={busy}
                  data-action={name}
                  onClick={() => (name === 'send_back' ? setSendBack('') : run(name))}
                >
                  {formatMessage(ACTION_LABELS[name])}
                </Button>
              ))}
            </Flex>
            {described.length ? (
              <Flex direction="column" alignItems="stretch" gap={1} data-testid="composer-action-hints">
                {described.map(({ name, text }) => (
                  <Typography key={name} variant="pi" textColor="neutral600" tag="p">
                    <Typography variant="pi" fontWeight="bold" textColor="neutral700">
                      {formatMessage(ACTION_LABELS[name])}
                    </Typography>
                    {`: ${text}`}
                  </Typography>
                ))}
              </Flex>
            ) : null}
            {sendBack !== null ? (
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Field.Root name="comment" error={fieldErrors.comment} required>
                  <Field.Label>
                    {formatMessage({ id: getTrad('composer.sendBack.comment'), defaultMessage: 'What should the author change?' })}
                  </Field.Label>
                  <Textarea
                    value={sendBack}
                    onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setSendBack(event.target.value)}
                  />
                  <Field.Error />
                </Field.Root>
                <Box>
                  <Button loading={busy} onClick={() => run('send_back', sendBack)}>
                    {formatMessage(TRANSITION_LABELS.send_back)}
                  </Button>
                </Box>
              </Flex>
            ) : null}
          </Flex>
        </Grid.Item>
        <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
          <Flex direction="column" alignItems="stretch" gap={4}>
            {/* First in the column: a published post is opened above all to find its live posts. */}
            {plan ? <PlanLivePosts documentId={plan.documentId} /> : null}
            <FormSection
              title={formatMessage({ id: getTrad('composer.preview'), defaultMessage: 'Preview' })}
              data-testid="composer-preview"
            >
              {networks.length === 0 ? (
                <Typography textColor="neutral600">
                  {formatMessage({
                    id: getTrad('composer.preview.empty'),
                    defaultMessage: 'Choose accounts to see how the post will look on each network.',
                  })}
                </Typography>
              ) : null}
              {networks.map(({ network, account }) => (
                <NetworkPreview key={network} network={network} account={account} text={textFor(network)} media={values.media} />
              ))}
            </FormSection>
            {plan ? <CommentsPanel documentId={plan.documentId} trail={plan.trail} /> : null}
          </Flex>
        </Grid.Item>
      </Grid.Root>
    </Flex>
  );
};

export type { ComposerValues };
export { valuesFromPlan };
