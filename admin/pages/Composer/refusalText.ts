import type { IntlShape, MessageDescriptor } from 'react-intl';
import type { ApiProblem } from '../../api/errors';
import { getTrad } from '../../utils/getTrad';

/**
 * The workflow's refusals of a write, in the user's language (the server's
 * message is English); any other problem keeps the server's own words.
 */
const REFUSALS: Record<string, MessageDescriptor> = {
  missing_permission: {
    id: getTrad('composer.refused.missingPermission'),
    defaultMessage: 'Your role does not have the permission this change needs on this post.',
  },
  published_is_read_only: {
    id: getTrad('composer.refused.publishedReadOnly'),
    defaultMessage: 'This post went out on the networks: it cannot be edited. Create a new post instead.',
  },
  published_cannot_be_deleted: {
    id: getTrad('composer.refused.publishedNotDeletable'),
    defaultMessage: 'This post went out on the networks: it stays as the record of what was published and cannot be deleted.',
  },
  publications_went_out: {
    id: getTrad('composer.refused.publicationsWentOut'),
    defaultMessage: 'This post went out, or may have, on some accounts: it was cancelled, and stays as their record.',
  },
  in_the_past: { id: getTrad('composer.refused.inThePast'), defaultMessage: 'This time is in the past: choose a later one.' },
  schedule_missing: { id: getTrad('composer.refused.scheduleMissing'), defaultMessage: 'A scheduled post needs a date and time.' },
};

export function refusalText(problem: ApiProblem, formatMessage: IntlShape['formatMessage']): string {
  const descriptor = problem.code ? REFUSALS[problem.code] : undefined;
  return descriptor ? formatMessage(descriptor) : problem.message;
}
