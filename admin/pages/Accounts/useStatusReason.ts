import { useIntl } from 'react-intl';
import type { SocialAccount } from '../../api/types';
import { isMessageCode, serverMessageText } from '../../utils/serverMessages';

/**
 * The account's status reason in the admin's language: the server sends a code
 * and its parameters (a date as ISO, shown in the reader's locale); an unknown
 * code (a newer server) falls back to its English text.
 */
export function useStatusReason() {
  const intl = useIntl();
  return (account: Pick<SocialAccount, 'statusCode' | 'statusParams' | 'statusReason'>): string | null =>
    isMessageCode(account.statusCode)
      ? serverMessageText(intl, account.statusCode, account.statusParams, account.statusReason ?? '')
      : account.statusReason;
}
