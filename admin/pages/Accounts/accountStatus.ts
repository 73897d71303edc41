import type { MessageDescriptor } from 'react-intl';
import type { AccountStatus } from '../../api/types';
import { getTrad } from '../../utils/getTrad';

export const STATUS_LABELS: Record<AccountStatus, MessageDescriptor> = {
  connected: { id: getTrad('accounts.status.connected'), defaultMessage: 'Connected' },
  needs_reauth: { id: getTrad('accounts.status.needs_reauth'), defaultMessage: 'Needs new credentials' },
  error: { id: getTrad('accounts.status.error'), defaultMessage: 'Error' },
  disabled: { id: getTrad('accounts.status.disabled'), defaultMessage: 'Disabled' },
  pending: { id: getTrad('accounts.status.pending'), defaultMessage: 'Not checked yet' },
};

export const STATUS_VARIANTS = {
  connected: 'success',
  needs_reauth: 'warning',
  error: 'danger',
  disabled: 'neutral',
  pending: 'neutral',
} as const satisfies Record<AccountStatus, 'success' | 'warning' | 'danger' | 'neutral'>;

/** How a fresh connection check is announced: good news in green, the rest with its reason. */
export const CHECK_RESULT_MESSAGES: Record<AccountStatus, MessageDescriptor> = {
  connected: { id: getTrad('accounts.check.connected'), defaultMessage: '{name} is connected.' },
  needs_reauth: {
    id: getTrad('accounts.check.needs_reauth'),
    defaultMessage: '{name} needs new credentials: {reason}',
  },
  error: { id: getTrad('accounts.check.error'), defaultMessage: '{name} could not connect: {reason}' },
  disabled: { id: getTrad('accounts.check.disabled'), defaultMessage: '{name} is disabled.' },
  pending: { id: getTrad('accounts.check.pending'), defaultMessage: '{name} has not been checked yet.' },
};

export const CHECK_RESULT_TYPES = {
  connected: 'success',
  needs_reauth: 'warning',
  error: 'danger',
  disabled: 'info',
  pending: 'info',
} as const satisfies Record<AccountStatus, 'success' | 'warning' | 'danger' | 'info'>;
