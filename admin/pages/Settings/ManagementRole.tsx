import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useManagementRole } from '../../api/settings';
import { FormSection } from '../../components/FormSection';
import { getTrad } from '../../utils/getTrad';
import { useApiError } from '../../utils/serverMessages';

/** Strapi's own rights the route also needs: making a role and setting its permissions. */
const ROLE_PERMISSIONS = [
  { action: 'admin::roles.create', subject: null },
  { action: 'admin::roles.update', subject: null },
];

/** One click: a read-only "Management" admin role that reads the reports and the calendar. */
export const ManagementRole = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const readApiError = useApiError();
  const make = useManagementRole();
  const { allowedActions, isLoading } = useRBAC(ROLE_PERMISSIONS);
  const allowed = allowedActions.canCreate === true && allowedActions.canUpdate === true;
  const [done, setDone] = React.useState<{ created: boolean; name: string } | null>(null);
  const create = () =>
    make.mutate(undefined, {
      onSuccess: (role) => {
        setDone(role);
        toggleNotification({
          type: 'success',
          message: role.created
            ? formatMessage(
                { id: getTrad('settings.management.created'), defaultMessage: 'The “{name}” role is ready.' },
                { name: role.name }
              )
            : formatMessage(
                { id: getTrad('settings.management.reset'), defaultMessage: 'The “{name}” role was there already: it is read-only again.' },
                { name: role.name }
              ),
        });
      },
      onError: (error) => toggleNotification({ type: 'danger', message: readApiError(error).message }),
    });
  return (
    <FormSection
      title={formatMessage({ id: getTrad('settings.management'), defaultMessage: 'Management role' })}
      description={formatMessage({
        id: getTrad('settings.management.hint'),
        defaultMessage:
          'A read-only admin role for management: it reads the reports and the calendar, and changes nothing. Then invite people with it in Settings › Users.',
      })}
    >
      <Flex gap={3} alignItems="center" wrap="wrap">
        <Button type="button" variant="secondary" onClick={create} loading={make.isPending} disabled={isLoading || !allowed}>
          {formatMessage({ id: getTrad('settings.management.create'), defaultMessage: 'Create the Management role' })}
        </Button>
        {!isLoading && !allowed ? (
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({
              id: getTrad('settings.management.needsRoles'),
              defaultMessage: 'Making a role needs the right to create and edit roles (Settings › Roles).',
            })}
          </Typography>
        ) : null}
        {done ? (
          <Typography variant="pi" textColor="success600">
            {formatMessage({ id: getTrad('settings.management.done'), defaultMessage: 'Role “{name}” ready.' }, { name: done.name })}
          </Typography>
        ) : null}
      </Flex>
    </FormSection>
  );
};
