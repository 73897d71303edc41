import { useIntl } from 'react-intl';
import type { SocialAccount } from '../../api/types';
import { REASON_MESSAGES } from './reasonMessages';

/**
 * The account's status reason in the admin's language: the server sends a code
 * and its parameters; an unknown code (a newer server) falls back to its English text.
 */
export function useStatusReason() {
  const { formatMessage } = useIntl();
  return (account: Pick<SocialAccount, 'statusCode' | 'statusParams' | 'statusReason'>): string | null => {
    const message = account.statusCode ? REASON_MESSAGES[account.statusCode as keyof typeof REASON_MESSAGES] : undefined;
    return message ? formatMessage(message, account.statusParams) : account.statusReason;
  };
}
