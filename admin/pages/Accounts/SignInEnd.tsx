import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SocialAccount } from '../../api/types';
import { can } from '../../../shared/networks';
import { getTrad } from '../../utils/getTrad';

/**
 * When the account's sign-in (its token) ends, on the Accounts page: the
 * date and what happens then — renewed by the plugin (a refresh token), or a
 * new sign-in needed by that date (`signInEndsAt`: no refresh token, or one
 * that ends itself, as LinkedIn's) — or that it does not expire (a Facebook
 * page token). Accounts that do not sign in (webhooks, app passwords) show a dash.
 */
export const SignInEnd = ({ account }: { account: SocialAccount }) => {
  const { formatMessage, formatDate } = useIntl();
  const when = (iso: string) => (
    <Typography tag="time" dateTime={iso} title={formatDate(iso, { dateStyle: 'full', timeStyle: 'short' })}>
      {formatDate(iso, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' })}
    </Typography>
  );
  const note = (text: string, color = 'neutral600') => (
    <Typography variant="pi" textColor={color}>
      {text}
    </Typography>
  );

  if (account.signInEndsAt)
    return (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        {when(account.signInEndsAt)}
        {note(
          formatMessage({ id: getTrad('accounts.signInEnd.reauth'), defaultMessage: 'Sign in again by then' }),
          account.reauthBy ? 'warning600' : 'neutral600'
        )}
      </Flex>
    );
  if (account.tokenExpiresAt)
    return (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        {when(account.tokenExpiresAt)}
        {note(formatMessage({ id: getTrad('accounts.signInEnd.renewed'), defaultMessage: 'Renewed automatically' }))}
      </Flex>
    );
  if (can(account.network, 'oauth'))
    return <Typography>{formatMessage({ id: getTrad('accounts.signInEnd.never'), defaultMessage: 'Does not expire' })}</Typography>;
  return <Typography textColor="neutral600">—</Typography>;
};
