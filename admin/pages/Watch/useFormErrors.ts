import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useApiError } from '../../utils/serverMessages';

/**
 * The watch forms' error handling: the server's field errors under their
 * fields, its message in a notification, both in the user's language (a
 * refused private address says how an administrator allows an intranet host),
 * what was typed left in place.
 */
export function useFormErrors() {
  const { toggleNotification } = useNotification();
  const readError = useApiError();
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const fail = React.useCallback(
    (error: unknown) => {
      const problem = readError(error);
      setErrors(problem.fieldErrors);
      toggleNotification({ type: 'danger', message: problem.message });
    },
    [readError, toggleNotification]
  );
  return { errors, setErrors, fail };
}
