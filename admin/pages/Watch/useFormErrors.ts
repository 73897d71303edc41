import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { readApiError } from '../../api/errors';

/**
 * The watch forms' error handling: the server's field errors under their
 * fields, its message in a notification, what was typed left in place.
 */
export function useFormErrors() {
  const { toggleNotification } = useNotification();
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const fail = React.useCallback(
    (error: unknown) => {
      const problem = readApiError(error);
      setErrors(problem.fieldErrors);
      toggleNotification({ type: 'danger', message: problem.message });
    },
    [toggleNotification]
  );
  return { errors, setErrors, fail };
}
