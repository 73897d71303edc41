import { useIntl } from 'react-intl';
import type { SocialAccount } from '../../api/types';
import { formatParams } from '../../utils/serverMessages';
import { REASON_MESSAGES } from './reasonMessages';

/**
 * The account's status reason in the admin's language: the server sends a code
 * and its parameters (a date as ISO, shown in the reader's locale); an unknown
 * code (a newer server) falls back to its English text.
 */
export function useStatusReason() {
  const intl = useIntl();
  return (account: Pick<SocialAccount, 'statusCode' | 'statusParams' | 'statusReason'>): string | null => {
    const message = account.statusCode ? REASON_MESSAGES[account.statusCode as keyof typeof REASON_MESSAGES] : undefined;
    return message ? intl.formatMessage(message, formatParams(intl, account.statusParams)) : account.statusReason;
  };
}
