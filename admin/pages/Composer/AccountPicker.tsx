import { Badge, Box, Checkbox, Field, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Network } from '../../api/types';
import type { PreviewAccount } from './composerValues';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { useStatusReason } from '../Accounts/useStatusReason';

interface AccountPickerProps {
  accounts: PreviewAccount[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  disabled?: boolean;
}

/**
 * Accounts grouped by network; a disabled account cannot be picked. An account
 * that needs a new sign-in and one whose last check failed are flagged apart,
 * the latter with its reason: a webhook refused for its address needs a new
 * URL, not a sign-in.
 */
export const AccountPicker = ({ accounts, value, onChange, error, disabled }: AccountPickerProps) => {
  const { formatMessage } = useIntl();
  const statusReason = useStatusReason();
  const byNetwork = new Map<Network, PreviewAccount[]>();
  for (const account of accounts) byNetwork.set(account.network, [...(byNetwork.get(account.network) ?? []), account]);
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((item) => item !== id));

  return (
    <Field.Root name="accountIds" error={error} required>
      <Field.Label>{formatMessage({ id: getTrad('composer.accounts'), defaultMessage: 'Accounts' })}</Field.Label>
      {accounts.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({
            id: getTrad('composer.accounts.none'),
            defaultMessage: 'No account is connected yet: add one on the Accounts page.',
          })}
        </Typography>
      ) : null}
      <Flex direction="column" alignItems="stretch" gap={3}>
        {[...byNetwork.entries()].map(([network, items]) => (
          <Box key={network}>
            <Typography variant="sigma" textColor="neutral600">
              {formatMessage(NETWORK_LABELS[network])}
            </Typography>
            <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1}>
              {items.map((account) => (
                <Box key={account.documentId} data-testid="composer-account">
                  <Flex gap={2}>
                    <Checkbox
                      checked={value.includes(account.documentId)}
                      disabled={disabled || (account.status === 'disabled' && !value.includes(account.documentId))}
                      onCheckedChange={(checked: boolean | 'indeterminate') => toggle(account.documentId, checked === true)}
                      aria-label={account.name}
                    >
                      {account.name}
                      {account.handle ? ` (${account.handle})` : ''}
                    </Checkbox>
                    {account.status === 'disabled' ? (
                      <Badge>{formatMessage({ id: getTrad('composer.accounts.disabled'), defaultMessage: 'Disabled' })}</Badge>
                    ) : null}
                    {account.status === 'needs_reauth' ? (
                      <Badge textColor="danger600" backgroundColor="danger100">
                        {formatMessage({ id: getTrad('composer.accounts.reauth'), defaultMessage: 'Needs a new sign-in' })}
                      </Badge>
                    ) : null}
                    {account.status === 'error' ? (
                      <Badge textColor="danger600" backgroundColor="danger100">
                        {formatMessage({ id: getTrad('composer.accounts.error'), defaultMessage: 'Connection error' })}
                      </Badge>
                    ) : null}
                  </Flex>
                  {account.status === 'error' || account.status === 'needs_reauth' ? (
                    <StatusReason text={statusReason({ statusCode: null, statusParams: {}, statusReason: null, ...account })} />
                  ) : null}
                </Box>
              ))}
            </Flex>
          </Box>
        ))}
      </Flex>
      <Field.Error />
    </Field.Root>
  );
};

const StatusReason = ({ text }: { text: string | null }) =>
  text ? (
    <Typography variant="pi" textColor="danger600" tag="p">
      {text}
    </Typography>
  ) : null;
