import * as React from 'react';
import {
  Box,
  Button,
  Checkbox,
  Combobox,
  ComboboxOption,
  Field,
  Flex,
  Modal,
  NumberInput,
  Tag,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Cross, Plus } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { errorFor, readApiError } from '../../api/errors';
import { useAccounts } from '../../api/accounts';
import { useEntryPosts, useShareTimeline, type EntryPanelConfig } from '../../api/entries';
import { preselectAccounts } from '../Composer/preselectAccounts';
import { getTrad } from '../../utils/getTrad';

const PRESETS = [0, 3, 14];
const MAX_STEPS = 10;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const allZones = (): string[] => {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('timeZone') : [browserZone()];
};

interface ShareTimelineModalProps {
  uid: string;
  documentId: string;
  accounts: EntryPanelConfig['accounts'];
  onClose: () => void;
}

/** Accounts, days after today and a time in a zone: one draft per day, each opening differently. */
export const ShareTimelineModal = ({ uid, documentId, accounts, onClose }: ShareTimelineModalProps) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const share = useShareTimeline();
  // Status and line come from the accounts route (accounts.read); without it nothing is ticked rather than a broken account.
  const details = useAccounts();
  const posts = useEntryPosts(uid, documentId);
  const settled = !details.isPending && !posts.isPending;
  const preselection = React.useMemo(
    () =>
      preselectAccounts(
        accounts,
        details.data,
        (posts.data ?? []).flatMap((post) => post.accounts.map((account) => account.documentId))
      ),
    [accounts, details.data, posts.data]
  );
  const [chosen, setAccountIds] = React.useState<string[] | null>(null);
  const accountIds = chosen ?? (settled ? preselection.ids : []);
  const brokenIds = new Set((details.data ?? []).filter((account) => account.status !== 'connected').map((a) => a.documentId));
  const [offsets, setOffsets] = React.useState<number[]>(PRESETS);
  const [extraDay, setExtraDay] = React.useState<number | undefined>(7);
  const [time, setTime] = React.useState('09:00');
  const [timezone, setTimezone] = React.useState(browserZone);
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({});
  const zones = React.useMemo(allZones, []);

  const toggleAccount = (id: string, checked: boolean) =>
    setAccountIds(checked ? [...accountIds, id] : accountIds.filter((item) => item !== id));
  const addDay = (day: number | undefined) => {
    if (day === undefined || day < 0 || offsets.includes(day) || offsets.length >= MAX_STEPS) return;
    setOffsets((current) => [...current, day].sort((a, b) => a - b));
  };
  const dayLabel = (day: number) =>
    day === 0
      ? formatMessage({ id: getTrad('panel.timeline.today'), defaultMessage: 'Today' })
      : formatMessage({ id: getTrad('panel.timeline.day'), defaultMessage: 'Day {day}' }, { day });

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    share.mutate(
      { uid, documentId, accountIds, offsets, time, timezone },
      {
        onSuccess: (result) => {
          toggleNotification({
            type: 'success',
            message: formatMessage(
              {
                id: getTrad('panel.timeline.created'),
                defaultMessage: '{count, plural, one {# draft} other {# drafts}} created, ready for review.',
              },
              { count: result.results.length }
            ),
          });
          onClose();
        },
        onError: (error) => {
          const problem = readApiError(error);
          setFieldErrors(problem.fieldErrors);
          toggleNotification({ type: 'danger', message: problem.message });
        },
      }
    );
  };

  return (
    <Modal.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Modal.Content>
        <Box tag="form" noValidate onSubmit={onSubmit}>
          <Modal.Header closeLabel={formatMessage({ id: getTrad('panel.timeline.close'), defaultMessage: 'Close' })}>
            <Modal.Title>{formatMessage({ id: getTrad('panel.timeline.title'), defaultMessage: 'Share timeline' })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Typography variant="omega" textColor="neutral600">
                {formatMessage({
                  id: getTrad('panel.timeline.intro'),
                  defaultMessage: 'One post per chosen day, each with a different opening. They are created as drafts for you to review.',
                })}
              </Typography>
              <Field.Root name="accountIds" error={errorFor(fieldErrors, 'accountIds')} required>
                <Field.Label>{formatMessage({ id: getTrad('panel.timeline.accounts'), defaultMessage: 'Accounts' })}</Field.Label>
                {accounts.length === 0 ? (
                  <Typography variant="pi" textColor="neutral600">
                    {formatMessage({
                      id: getTrad('panel.timeline.noAccounts'),
                      defaultMessage: 'No account is connected yet: add one in Community › Accounts.',
                    })}
                  </Typography>
                ) : (
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    {settled ? (
                      <Typography variant="pi" textColor="neutral600" data-testid="timeline-preselection">
                        {preselection.basis.kind === 'line'
                          ? formatMessage(
                              {
                                id: getTrad('panel.timeline.preselect.line'),
                                defaultMessage: 'Ticked: the connected accounts of {line}.',
                              },
                              { line: preselection.basis.name }
                            )
                          : preselection.basis.kind === 'several_lines'
                            ? formatMessage({
                                id: getTrad('panel.timeline.preselect.severalLines'),
                                defaultMessage: 'These accounts belong to several editorial lines: tick those for this entry.',
                              })
                            : preselection.basis.kind === 'all_healthy'
                              ? formatMessage({
                                  id: getTrad('panel.timeline.preselect.allHealthy'),
                                  defaultMessage: 'Ticked: the connected accounts.',
                                })
                              : formatMessage({
                                  id: getTrad('panel.timeline.preselect.unknown'),
                                  defaultMessage: 'Tick the accounts to post from.',
                                })}
                      </Typography>
                    ) : null}
                    {accounts.map((account) => (
                      <Checkbox
                        key={account.documentId}
                        checked={accountIds.includes(account.documentId)}
                        onCheckedChange={(checked: boolean | 'indeterminate') => toggleAccount(account.documentId, checked === true)}
                      >
                        {brokenIds.has(account.documentId)
                          ? formatMessage(
                              { id: getTrad('panel.timeline.accountBroken'), defaultMessage: '{name} (not connected)' },
                              { name: account.name }
                            )
                          : account.name}
                      </Checkbox>
                    ))}
                  </Flex>
                )}
                <Field.Error />
              </Field.Root>
              <Field.Root name="offsets" error={errorFor(fieldErrors, 'offsets')} required>
                <Field.Label>{formatMessage({ id: getTrad('panel.timeline.days'), defaultMessage: 'Days after today' })}</Field.Label>
                <Flex gap={2} wrap="wrap">
                  {offsets.map((day) => (
                    <Tag
                      key={day}
                      icon={<Cross aria-hidden />}
                      onClick={() => setOffsets((current) => current.filter((d) => d !== day))}
                      label={formatMessage(
                        { id: getTrad('panel.timeline.removeDay'), defaultMessage: 'Remove {day}' },
                        { day: dayLabel(day) }
                      )}
                    >
                      {dayLabel(day)}
                    </Tag>
                  ))}
                </Flex>
                <Field.Error />
              </Field.Root>
              <Flex gap={2} alignItems="flex-end">
                <Field.Root name="extraDay">
                  <Field.Label>{formatMessage({ id: getTrad('panel.timeline.addDayLabel'), defaultMessage: 'Another day' })}</Field.Label>
                  <NumberInput value={extraDay} onValueChange={(value: number | undefined) => setExtraDay(value)} />
                </Field.Root>
                <Button
                  type="button"
                  variant="secondary"
                  startIcon={<Plus />}
                  onClick={() => addDay(extraDay)}
                  disabled={offsets.length >= MAX_STEPS}
                >
                  {formatMessage({ id: getTrad('panel.timeline.addDay'), defaultMessage: 'Add the day' })}
                </Button>
                {PRESETS.filter((day) => !offsets.includes(day)).map((day) => (
                  <Button key={day} type="button" variant="tertiary" onClick={() => addDay(day)}>
                    {dayLabel(day)}
                  </Button>
                ))}
              </Flex>
              <Flex gap={4} alignItems="flex-start">
                <Field.Root name="time" error={errorFor(fieldErrors, 'time')} required>
                  <Field.Label>{formatMessage({ id: getTrad('panel.timeline.time'), defaultMessage: 'Time' })}</Field.Label>
                  <TextInput type="time" value={time} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTime(e.target.value)} />
                  <Field.Error />
                </Field.Root>
                <Field.Root name="timezone" error={errorFor(fieldErrors, 'timezone')} required>
                  <Field.Label>{formatMessage({ id: getTrad('panel.timeline.timezone'), defaultMessage: 'Time zone' })}</Field.Label>
                  <Combobox
                    value={timezone}
                    textValue={timezone}
                    onTextValueChange={(text: string) => setTimezone(text)}
                    onChange={(value?: string) => setTimezone(value ?? '')}
                    autocomplete={{ type: 'list', filter: 'contains' }}
                  >
                    {zones.map((zone) => (
                      <ComboboxOption key={zone} value={zone}>
                        {zone}
                      </ComboboxOption>
                    ))}
                  </Combobox>
                  <Field.Error />
                </Field.Root>
              </Flex>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Button type="button" variant="tertiary" onClick={onClose}>
              {formatMessage({ id: getTrad('panel.timeline.cancel'), defaultMessage: 'Cancel' })}
            </Button>
            <Button type="submit" loading={share.isPending} disabled={!offsets.length || !accountIds.length}>
              {formatMessage(
                { id: getTrad('panel.timeline.submit'), defaultMessage: 'Create {count, plural, one {# draft} other {# drafts}}' },
                { count: offsets.length }
              )}
            </Button>
          </Modal.Footer>
        </Box>
      </Modal.Content>
    </Modal.Root>
  );
};
