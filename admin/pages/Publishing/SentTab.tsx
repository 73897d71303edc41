import * as React from 'react';
import {
  Button,
  DatePicker,
  EmptyStateLayout,
  Field,
  Flex,
  Link,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { useAccounts } from '../../api/accounts';
import { useApiError } from '../../utils/serverMessages';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { networkName } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { useActorName } from './messages';
import { AccountCell, FIXED_TABLE, HeaderCell, PostTitleCell, Truncated, useAccountLabel } from '../../components/TableCells';
import { useSent, type SentQuery } from './useSent';
import { useSentParams } from './useSentParams';

const PAGE_SIZE = 20;
const ALL = '';

/** The start of the user's day `date` (or the end of it), as an instant. */
const dayStart = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).toISOString();
const dayEnd = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1, 0, 0, 0, -1).toISOString();

/**
 * What went out: published posts, newest first, a page at a time, by account,
 * network and the days they went out (in the user's zone), each with its live
 * post and who sent it (issue 14, item 7). The filters and the page are in the
 * address: a reload or a shared link shows the same list.
 */
export const SentTab = () => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage, formatDate } = useIntl();
  const actorName = useActorName();
  const accountLabel = useAccountLabel();
  const accounts = useAccounts();
  const { params, update } = useSentParams();
  const { account, network, from, to, page } = params;

  const query: SentQuery = React.useMemo(
    () => ({
      page,
      pageSize: PAGE_SIZE,
      ...(account ? { accountDocumentId: account } : {}),
      ...(network ? { network } : {}),
      ...(from ? { from: dayStart(from) } : {}),
      ...(to ? { to: dayEnd(to) } : {}),
    }),
    [page, account, network, from, to]
  );
  const sent = useSent(query);

  // The accounts' networks, and the one a link asks for even when no account is left on it.
  const networks = [...new Set([...(accounts.data ?? []).map((a) => a.network), ...(network ? [network] : [])])].sort();
  const header = (label: MessageDescriptor, width: string) => <HeaderCell label={formatMessage(label)} width={width} />;

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="sent">
      <Flex gap={4} wrap="wrap" alignItems="flex-end">
        <Field.Root name="sent-account" style={{ minWidth: '16rem' }}>
          <Field.Label>{formatMessage({ id: getTrad('publishing.sent.account'), defaultMessage: 'Account' })}</Field.Label>
          <SingleSelect value={account ?? ALL} onChange={(value: string | number) => update({ account: String(value) })}>
            <SingleSelectOption value={ALL}>
              {formatMessage({ id: getTrad('publishing.sent.allAccounts'), defaultMessage: 'All accounts' })}
            </SingleSelectOption>
            {(accounts.data ?? []).map((a) => (
              <SingleSelectOption key={a.documentId} value={a.documentId}>
                {accountLabel(a)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="sent-network" style={{ minWidth: '12rem' }}>
          <Field.Label>{formatMessage({ id: getTrad('publishing.sent.network'), defaultMessage: 'Network' })}</Field.Label>
          <SingleSelect value={network ?? ALL} onChange={(value: string | number) => update({ network: String(value) })}>
            <SingleSelectOption value={ALL}>
              {formatMessage({ id: getTrad('publishing.sent.allNetworks'), defaultMessage: 'All networks' })}
            </SingleSelectOption>
            {networks.map((n) => (
              <SingleSelectOption key={n} value={n}>
                {networkName(formatMessage, n)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="sent-from">
          <Field.Label>{formatMessage({ id: getTrad('publishing.sent.from'), defaultMessage: 'Sent from' })}</Field.Label>
          <DatePicker
            value={from}
            onChange={(date: Date | undefined) => update({ from: date })}
            onClear={() => update({ from: undefined })}
            clearLabel={formatMessage({ id: getTrad('publishing.sent.clear'), defaultMessage: 'Clear' })}
            maxDate={to}
          />
        </Field.Root>
        <Field.Root name="sent-to">
          <Field.Label>{formatMessage({ id: getTrad('publishing.sent.to'), defaultMessage: 'to' })}</Field.Label>
          <DatePicker
            value={to}
            onChange={(date: Date | undefined) => update({ to: date })}
            onClear={() => update({ to: undefined })}
            clearLabel={formatMessage({ id: getTrad('publishing.sent.clear'), defaultMessage: 'Clear' })}
            minDate={from}
          />
        </Field.Root>
      </Flex>
      {sent.isPending ? (
        <Loader small>{formatMessage({ id: getTrad('publishing.sent.loading'), defaultMessage: 'Loading what was sent' })}</Loader>
      ) : sent.isError ? (
        <Typography textColor="danger600">{readApiError(sent.error).message}</Typography>
      ) : sent.data.items.length === 0 ? (
        <EmptyStateLayout
          icon={<EmptyDocuments width="16rem" />}
          content={formatMessage({ id: getTrad('publishing.sent.empty'), defaultMessage: 'Nothing was published with these filters yet.' })}
        />
      ) : (
        <>
          <Table colCount={5} rowCount={sent.data.items.length + 1} data-testid="sent-table" style={FIXED_TABLE}>
            <Thead>
              <Tr>
                {header({ id: getTrad('publishing.columns.post'), defaultMessage: 'Post' }, '32%')}
                {header({ id: getTrad('publishing.columns.account'), defaultMessage: 'Account' }, '22%')}
                {header({ id: getTrad('publishing.sent.columns.sentAt'), defaultMessage: 'Sent' }, '18%')}
                {header({ id: getTrad('publishing.sent.columns.by'), defaultMessage: 'By' }, '14%')}
                {header({ id: getTrad('publishing.sent.columns.link'), defaultMessage: 'Live post' }, '14%')}
              </Tr>
            </Thead>
            <Tbody>
              {sent.data.items.map((p) => {
                const url = httpUrlOrNull(p.url);
                return (
                  <Tr key={p.documentId} data-testid={`sent-${p.documentId}`}>
                    <PostTitleCell title={p.plan?.title} />
                    <AccountCell account={p.account} network={p.network} />
                    <Td>
                      {p.publishedAt ? (
                        <Typography tag="time" dateTime={p.publishedAt}>
                          {formatDate(p.publishedAt, { dateStyle: 'medium', timeStyle: 'short' })}
                        </Typography>
                      ) : (
                        <Typography>—</Typography>
                      )}
                    </Td>
                    <Td>
                      <Truncated text={actorName(p.by)} />
                    </Td>
                    <Td>
                      {url ? (
                        <Link href={url} isExternal>
                          {formatMessage({ id: getTrad('publishing.viewPost'), defaultMessage: 'View the post' })}
                        </Link>
                      ) : (
                        <Typography textColor="neutral600">—</Typography>
                      )}
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
          <Flex justifyContent="space-between" alignItems="center">
            <Typography textColor="neutral600" data-testid="sent-count">
              {formatMessage(
                {
                  id: getTrad('publishing.sent.count'),
                  defaultMessage: '{total, plural, one {# post} other {# posts}} · page {page} of {pageCount}',
                },
                {
                  total: sent.data.pagination.total,
                  page: sent.data.pagination.page,
                  pageCount: Math.max(1, sent.data.pagination.pageCount),
                }
              )}
            </Typography>
            <Flex gap={2}>
              <Button variant="tertiary" size="S" disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
                {formatMessage({ id: getTrad('publishing.sent.previous'), defaultMessage: 'Previous' })}
              </Button>
              <Button
                variant="tertiary"
                size="S"
                disabled={page >= sent.data.pagination.pageCount}
                onClick={() => update({ page: page + 1 })}
              >
                {formatMessage({ id: getTrad('publishing.sent.next'), defaultMessage: 'Next' })}
              </Button>
            </Flex>
          </Flex>
        </>
      )}
    </Flex>
  );
};
