import { Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SocialAccount } from '../../api/types';
import { can } from '../../../shared/networks';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { LongText } from '../../components/LongText';
import { RelativeTime } from '../../components/RelativeTime';
import { NETWORK_ICONS, NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { AccountRowActions } from './AccountRowActions';
import { AccountStatus } from './AccountStatus';
import { RealtimeStatus } from './RealtimeStatus';
import { SignInEnd } from './SignInEnd';
import { choiceLabel } from './accountForm';

const hostOf = (url: string | null) => {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return url;
  }
};

/** Where the account lives: `@alice@mastodon.social`, `@alice.bsky.social`, or the channel's host. */
function useAddress() {
  const { formatMessage } = useIntl();
  return (account: SocialAccount): string | null => {
    // An address that is itself a secret (a webhook URL) shows its format and host only.
    if (can(account.network, 'secretAddress')) {
      const label = choiceLabel(account.network, 'flavor', account.settings.flavor);
      return [label ? formatMessage(label) : null, hostOf(account.instanceUrl)].filter(Boolean).join(' · ') || null;
    }
    if (!account.handle) return null;
    const handle = account.handle.startsWith('@') ? account.handle : `@${account.handle}`;
    const host = can(account.network, 'instanceUrl') ? hostOf(account.instanceUrl) : null;
    return host && !handle.includes('@', 1) ? `${handle}@${host}` : handle;
  };
}

interface AccountsTableProps {
  accounts: SocialAccount[];
  canManage: boolean;
  onEdit: (account: SocialAccount) => void;
  /** opens the LinkedIn page picker for a LinkedIn sign-in */
  onPickPages?: (account: SocialAccount) => void;
}

export const AccountsTable = ({ accounts, canManage, onEdit, onPickPages }: AccountsTableProps) => {
  const { formatMessage } = useIntl();
  const address = useAddress();
  const header = (id: string, defaultMessage: string) => (
    <Typography variant="sigma" textColor="neutral600">
      {formatMessage({ id, defaultMessage })}
    </Typography>
  );

  return (
    <Table colCount={canManage ? 7 : 6} rowCount={accounts.length + 1}>
      <Thead>
        <Tr>
          <Th>{header(getTrad('accounts.columns.network'), 'Network')}</Th>
          <Th>{header(getTrad('accounts.columns.name'), 'Name')}</Th>
          <Th>{header(getTrad('accounts.columns.handle'), 'Handle')}</Th>
          <Th>{header(getTrad('accounts.columns.status'), 'Status')}</Th>
          <Th>{header(getTrad('accounts.columns.signInEnd'), 'Sign-in ends')}</Th>
          <Th>{header(getTrad('accounts.columns.editorialLine'), 'Editorial line')}</Th>
          {canManage ? <Th>{header(getTrad('accounts.columns.actions'), 'Actions')}</Th> : null}
        </Tr>
      </Thead>
      <Tbody>
        {accounts.map((account) => {
          const Icon = NETWORK_ICONS[account.network];
          const where = address(account);
          return (
            <Tr key={account.documentId} data-testid={`account-row-${account.documentId}`}>
              <Td>
                <Flex gap={2}>
                  <Icon aria-hidden width="1.6rem" height="1.6rem" />
                  <Typography>{formatMessage(NETWORK_LABELS[account.network])}</Typography>
                </Flex>
              </Td>
              <Td>
                <Flex direction="column" alignItems="flex-start">
                  <LongText text={account.name} fontWeight="bold" />
                  {account.displayName && account.displayName !== account.name ? (
                    <LongText text={account.displayName} lines={1} variant="pi" textColor="neutral600" />
                  ) : null}
                </Flex>
              </Td>
              <Td>
                {where && httpUrlOrNull(account.profileUrl) ? (
                  <Link href={httpUrlOrNull(account.profileUrl)!} isExternal>
                    <LongText text={where} />
                  </Link>
                ) : (
                  <LongText text={where ?? '—'} />
                )}
              </Td>
              {/* The reason under the status is a sentence: it wraps at spaces rather than widen the column (never inside "Connected").
                  The last check sits under it, not in a column of its own: with the sign-in's end, eight columns overflowed 1280 px. */}
              <Td style={{ whiteSpace: 'normal' }}>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <AccountStatus account={account} />
                  <RealtimeStatus account={account} canManage={canManage} />
                  <Typography variant="pi" textColor="neutral600">
                    {formatMessage(
                      { id: getTrad('accounts.lastCheckAt'), defaultMessage: 'Last check: {when}' },
                      {
                        when: account.lastCheckedAt ? (
                          <RelativeTime date={account.lastCheckedAt} variant="pi" textColor="neutral600" />
                        ) : (
                          formatMessage({ id: getTrad('accounts.neverChecked'), defaultMessage: 'Never' })
                        ),
                      }
                    )}
                  </Typography>
                </Flex>
              </Td>
              <Td style={{ whiteSpace: 'normal' }}>
                <SignInEnd account={account} />
              </Td>
              <Td>
                <LongText text={account.editorialLine?.name ?? '—'} />
              </Td>
              {canManage ? (
                <Td>
                  <AccountRowActions account={account} onEdit={onEdit} onPickPages={onPickPages} />
                </Td>
              ) : null}
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
