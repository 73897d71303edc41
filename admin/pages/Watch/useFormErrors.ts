import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { readApiError } from '../../api/errors';
import { getTrad } from '../../utils/getTrad';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The refused host and the setting that allows it, from the error's details (server/watch/sources-service.ts). */
function blockedFacts(error: unknown): { host: string; setting: string } | null {
  const details =
    isRecord(error) && isRecord(error.response) && isRecord(error.response.data) && isRecord(error.response.data.error)
      ? error.response.data.error.details
      : undefined;
  if (!isRecord(details) || details.code !== 'blocked_address' || typeof details.host !== 'string') return null;
  return { host: details.host, setting: typeof details.setting === 'string' ? details.setting : 'CM_OUTBOUND_ALLOWED_HOSTS' };
}

/**
 * The watch forms' error handling: the server's field errors under their
 * fields, its message in a notification, what was typed left in place. A
 * refused private address is said in the user's language, with how an
 * administrator allows an intranet host.
 */
export function useFormErrors() {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const fail = React.useCallback(
    (error: unknown) => {
      const problem = readApiError(error);
      const blocked = blockedFacts(error);
      if (blocked) {
        const message = formatMessage(
          {
            id: getTrad('watch.source.blockedAddress'),
            defaultMessage:
              '{host} resolves to a private or reserved address, which is not allowed. To watch an intranet feed, an administrator adds {host} to {setting} (or to the plugin setting outbound.allowedHosts) and restarts Strapi.',
          },
          blocked
        );
        setErrors({ ...problem.fieldErrors, url: message });
        toggleNotification({ type: 'danger', message });
        return;
      }
      setErrors(problem.fieldErrors);
      toggleNotification({ type: 'danger', message: problem.message });
    },
    [formatMessage, toggleNotification]
  );
  return { errors, setErrors, fail };
}
