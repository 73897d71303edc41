import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  Loader,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Textarea,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useApiError } from '../../utils/serverMessages';
import { useSchedules, useScheduleActions, type ReportSchedule, type ScheduleInput } from './api';
import { useFormat, useT } from './Figures';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

const blank = (): ScheduleInput => ({
  name: '',
  frequency: 'weekly',
  hour: 8,
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  language: 'en',
  recipients: [],
  editorialLineId: null,
  accountIds: [],
  enabled: true,
});

const inputOf = (s: ReportSchedule): ScheduleInput => ({
  name: s.name,
  frequency: s.frequency,
  hour: s.hour,
  timezone: s.timezone,
  language: s.language,
  recipients: s.recipients,
  editorialLineId: s.editorialLineId,
  accountIds: s.accountIds,
  enabled: s.enabled,
});

/** The schedule editor: when, in which zone and language, to whom. */
const ScheduleModal = ({ initial, documentId, onClose }: { initial: ScheduleInput; documentId: string | null; onClose: () => void }) => {
  const t = useT();
  const readApiError = useApiError();
  const { save } = useScheduleActions();
  const [values, setValues] = React.useState(initial);
  const [recipients, setRecipients] = React.useState(initial.recipients.join('\n'));
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [problem, setProblem] = React.useState<string | null>(null);
  const set = <K extends keyof ScheduleInput>(key: K, value: ScheduleInput[K]) => setValues((v) => ({ ...v, [key]: value }));
  const submit = () => {
    const input = { ...values, recipients: recipients.split(/[\s,;]+/).filter(Boolean) };
    save.mutate(
      { documentId, input },
      {
        onSuccess: onClose,
        onError: (err) => {
          const e = readApiError(err);
          setErrors(e.fieldErrors);
          setProblem(e.message);
        },
      }
    );
  };
  const recipientError = Object.entries(errors).find(([path]) => path.startsWith('recipients'))?.[1];
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('schedule.title', 'Scheduled report')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'schedule.help',
                'Weekly: every Monday, the week before. Monthly: every 2nd, the month before. The report is generated, kept with the others and e-mailed with its PDF and a link to it.'
              )}
            </Typography>
            <Field.Root name="name" error={errors.name} required>
              <Field.Label>{t('schedule.name', 'Name')}</Field.Label>
              <TextInput value={values.name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name', e.target.value)} />
              <Field.Error />
            </Field.Root>
            <Flex gap={4} alignItems="flex-start">
              <Field.Root name="frequency" error={errors.frequency}>
                <Field.Label>{t('schedule.frequency', 'Sent')}</Field.Label>
                <SingleSelect
                  value={values.frequency}
                  onChange={(v: string | number) => set('frequency', v === 'monthly' ? 'monthly' : 'weekly')}
                >
                  <SingleSelectOption value="weekly">{t('schedule.weekly', 'Every Monday')}</SingleSelectOption>
                  <SingleSelectOption value="monthly">{t('schedule.monthly', 'Every 2nd of the month')}</SingleSelectOption>
                </SingleSelect>
                <Field.Error />
              </Field.Root>
              <Field.Root name="hour" error={errors.hour}>
                <Field.Label>{t('schedule.hour', 'At')}</Field.Label>
                <SingleSelect value={String(values.hour)} onChange={(v: string | number) => set('hour', Number(v))}>
                  {HOURS.map((h) => (
                    <SingleSelectOption key={h} value={String(h)}>
                      {`${String(h).padStart(2, '0')}:00`}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
                <Field.Error />
              </Field.Root>
            </Flex>
            <Flex gap={4} alignItems="flex-start">
              <Field.Root
                name="timezone"
                error={errors.timezone}
                hint={t('schedule.timezone.hint', 'The recipients’ time zone, e.g. Europe/Paris')}
              >
                <Field.Label>{t('schedule.timezone', 'Time zone')}</Field.Label>
                <TextInput value={values.timezone} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('timezone', e.target.value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <Field.Root name="language" error={errors.language}>
                <Field.Label>{t('schedule.language', 'Language')}</Field.Label>
                <SingleSelect value={values.language} onChange={(v: string | number) => set('language', v === 'fr' ? 'fr' : 'en')}>
                  <SingleSelectOption value="en">English</SingleSelectOption>
                  <SingleSelectOption value="fr">Français</SingleSelectOption>
                </SingleSelect>
                <Field.Error />
              </Field.Root>
            </Flex>
            <Field.Root
              name="recipients"
              error={recipientError}
              hint={t('schedule.recipients.hint', 'One address a line (20 at most)')}
              required
            >
              <Field.Label>{t('schedule.recipients', 'Recipients')}</Field.Label>
              <Textarea value={recipients} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setRecipients(e.target.value)} />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            {problem ? <Typography textColor="danger600">{problem}</Typography> : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button onClick={submit} loading={save.isPending}>
            {t('schedule.save', 'Save the schedule')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** The scheduled reports: every reader sees them; report generators add, change, pause and delete them. */
export const Schedules = ({ canEdit }: { canEdit: boolean }) => {
  const t = useT();
  const f = useFormat();
  const readApiError = useApiError();
  const { toggleNotification } = useNotification();
  const schedules = useSchedules();
  const { save, remove, sendNow } = useScheduleActions();
  const [editing, setEditing] = React.useState<{ documentId: string | null; input: ScheduleInput } | null>(null);
  const failed = (err: unknown) => toggleNotification({ type: 'danger', message: readApiError(err).message });
  if (schedules.isPending) return <Loader>{t('loading.list', 'Loading the reports')}</Loader>;
  if (schedules.isError) return <Typography textColor="danger600">{readApiError(schedules.error).message}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {canEdit ? (
        <Box>
          <Button onClick={() => setEditing({ documentId: null, input: blank() })}>{t('schedule.new', 'Schedule a report')}</Button>
        </Box>
      ) : null}
      {schedules.data.length === 0 ? (
        <Typography textColor="neutral600">{t('schedule.none', 'No scheduled report yet.')}</Typography>
      ) : (
        <Table colCount={5} rowCount={schedules.data.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('schedule.name', 'Name')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('schedule.frequency', 'Sent')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('schedule.recipients', 'Recipients')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('schedule.next', 'Next sending')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('col.status', 'Status')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {schedules.data.map((s) => (
              <Tr key={s.documentId}>
                <Td>
                  <Typography>{s.name}</Typography>
                </Td>
                <Td>
                  <Typography>
                    {s.frequency === 'weekly'
                      ? t('schedule.when.weekly', 'Mondays at {hour}:00 ({zone}, {language})', {
                          hour: s.hour,
                          zone: s.timezone,
                          language: s.language,
                        })
                      : t('schedule.when.monthly', 'On the 2nd at {hour}:00 ({zone}, {language})', {
                          hour: s.hour,
                          zone: s.timezone,
                          language: s.language,
                        })}
                  </Typography>
                </Td>
                <Td>
                  <Typography>{s.recipients.join(', ')}</Typography>
                </Td>
                <Td>
                  <Typography>{s.nextAt ? f.date(s.nextAt) : t('schedule.paused', 'Paused')}</Typography>
                  {s.lastError ? (
                    <Typography tag="p" variant="pi" textColor="danger600">
                      {t('schedule.lastError', 'Last attempt failed: {error}', { error: s.lastError })}
                    </Typography>
                  ) : null}
                </Td>
                <Td>
                  <Flex gap={2}>
                    <Badge>{s.enabled ? t('schedule.on', 'On') : t('schedule.paused', 'Paused')}</Badge>
                    {canEdit ? (
                      <>
                        <Button variant="tertiary" onClick={() => setEditing({ documentId: s.documentId, input: inputOf(s) })}>
                          {t('schedule.edit', 'Edit')}
                        </Button>
                        <Button
                          variant="tertiary"
                          onClick={() =>
                            save.mutate({ documentId: s.documentId, input: { ...inputOf(s), enabled: !s.enabled } }, { onError: failed })
                          }
                        >
                          {s.enabled ? t('schedule.pause', 'Pause') : t('schedule.resume', 'Resume')}
                        </Button>
                        <Button
                          variant="secondary"
                          loading={sendNow.isPending && sendNow.variables === s.documentId}
                          aria-label={t('schedule.sendNow.label', 'Send “{name}” now', { name: s.name })}
                          onClick={() =>
                            sendNow.mutate(s.documentId, {
                              onError: failed,
                              onSuccess: (sent) =>
                                toggleNotification({
                                  type: 'success',
                                  message: t('schedule.sendNow.done', 'Sent to {recipients}: the report of {from} – {to}, with its PDF.', {
                                    recipients: sent.recipients.join(', '),
                                    from: f.date(sent.period.from),
                                    to: f.date(new Date(Date.parse(sent.period.to) - 1).toISOString()),
                                  }),
                                }),
                            })
                          }
                        >
                          {t('schedule.sendNow', 'Send now')}
                        </Button>
                        <Button variant="danger-light" onClick={() => remove.mutate(s.documentId, { onError: failed })}>
                          {t('schedule.delete', 'Delete')}
                        </Button>
                      </>
                    ) : null}
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {editing ? <ScheduleModal initial={editing.input} documentId={editing.documentId} onClose={() => setEditing(null)} /> : null}
    </Flex>
  );
};
