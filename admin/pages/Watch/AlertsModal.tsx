import * as React from 'react';
import { Badge, Button, Flex, IconButton, Modal, SingleSelect, SingleSelectOption, Field, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { useAlerts, useWatchMutation, type AlertInput } from '../../api/watch';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';
import { useFormErrors } from './useFormErrors';

const EMPTY: AlertInput = { name: '', kind: 'keyword', pattern: '', enabled: true, digest: true };

/** Alert rules: a keyword or a (checked) regular expression that flags new items. */
export const AlertsModal = ({ onClose, canManage }: { onClose: () => void; canManage: boolean }) => {
  const { formatMessage } = useIntl();
  const alerts = useAlerts();
  const [values, setValues] = React.useState(EMPTY);
  const { errors, setErrors, fail } = useFormErrors();
  const create = useWatchMutation((api, input: AlertInput) => api.alerts.create(input));
  const remove = useWatchMutation((api, documentId: string) => api.alerts.remove(documentId));

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate(values, {
      onSuccess: () => {
        setValues(EMPTY);
        setErrors({});
      },
      onError: fail,
    });
  };

  return (
    <Modal.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Modal.Content>
        <Modal.Header closeLabel={formatMessage({ id: getTrad('watch.close'), defaultMessage: 'Close' })}>
          <Modal.Title>{formatMessage({ id: getTrad('watch.alerts.title'), defaultMessage: 'Alerts' })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography textColor="neutral600">
              {formatMessage({
                id: getTrad('watch.alerts.help'),
                defaultMessage:
                  'New items that match an alert are flagged, counted on the Watch badge and listed in the daily email digest when one is configured.',
              })}
            </Typography>
            {(alerts.data ?? []).map((alert) => (
              <Flex key={alert.documentId} justifyContent="space-between" gap={2}>
                <Flex gap={2}>
                  <Typography fontWeight="bold">{alert.name}</Typography>
                  <Badge>
                    {alert.kind === 'regex'
                      ? formatMessage({ id: getTrad('watch.alerts.regex'), defaultMessage: 'Regular expression' })
                      : formatMessage({ id: getTrad('watch.alerts.keyword'), defaultMessage: 'Keyword' })}
                  </Badge>
                  <Typography tag="code">{alert.pattern}</Typography>
                </Flex>
                {canManage ? (
                  <IconButton
                    label={formatMessage(
                      { id: getTrad('watch.alerts.delete'), defaultMessage: 'Delete the alert {name}' },
                      { name: alert.name }
                    )}
                    onClick={() => remove.mutate(alert.documentId)}
                  >
                    <Trash />
                  </IconButton>
                ) : null}
              </Flex>
            ))}
            {canManage ? (
              <form onSubmit={onSubmit} id="watch-alert-form">
                <Flex direction="column" alignItems="stretch" gap={3}>
                  <TextField
                    name="name"
                    required
                    label={formatMessage({ id: getTrad('watch.alerts.name'), defaultMessage: 'Name' })}
                    value={values.name}
                    error={errors.name}
                    onChange={(name) => setValues((v) => ({ ...v, name }))}
                  />
                  <Field.Root name="kind" required>
                    <Field.Label>{formatMessage({ id: getTrad('watch.alerts.kind'), defaultMessage: 'Kind' })}</Field.Label>
                    <SingleSelect value={values.kind} onChange={(kind) => setValues((v) => ({ ...v, kind: kind as AlertInput['kind'] }))}>
                      <SingleSelectOption value="keyword">
                        {formatMessage({ id: getTrad('watch.alerts.keyword'), defaultMessage: 'Keyword' })}
                      </SingleSelectOption>
                      <SingleSelectOption value="regex">
                        {formatMessage({ id: getTrad('watch.alerts.regex'), defaultMessage: 'Regular expression' })}
                      </SingleSelectOption>
                    </SingleSelect>
                  </Field.Root>
                  <TextField
                    name="pattern"
                    required
                    label={formatMessage({ id: getTrad('watch.alerts.pattern'), defaultMessage: 'Pattern' })}
                    hint={
                      values.kind === 'regex'
                        ? formatMessage({
                            id: getTrad('watch.alerts.regexHint'),
                            defaultMessage:
                              'At most 200 characters, matched without regard to case or accents; backreferences (\\1) and lookaround ((?=…), (?<!…)) are not supported.',
                          })
                        : undefined
                    }
                    value={values.pattern}
                    error={errors.pattern}
                    onChange={(pattern) => setValues((v) => ({ ...v, pattern }))}
                  />
                </Flex>
              </form>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{formatMessage({ id: getTrad('watch.close'), defaultMessage: 'Close' })}</Button>
          </Modal.Close>
          {canManage ? (
            <Button type="submit" form="watch-alert-form" loading={create.isPending}>
              {formatMessage({ id: getTrad('watch.alerts.add'), defaultMessage: 'Add the alert' })}
            </Button>
          ) : null}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
