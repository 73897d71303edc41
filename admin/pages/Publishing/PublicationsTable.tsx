import { Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { PublicationView } from '../../api/publishing';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { PublicationStateBadge } from '../../components/PublicationStateBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { getTrad } from '../../utils/getTrad';
import { PublicationActions } from './PublicationActions';

interface Props {
  publications: PublicationView[];
  canPublish: boolean;
  onMarkPublished: (p: PublicationView) => void;
  testId: string;
}

/** One row per publication: the post, the account, when, its state and why, and what a person may do. */
export const PublicationsTable = ({ publications, canPublish, onMarkPublished, testId }: Props) => {
  const { formatMessage } = useIntl();
  const header = (id: string, defaultMessage: string) => (
    <Typography variant="sigma" textColor="neutral600">
      {formatMessage({ id, defaultMessage })}
    </Typography>
  );
  return (
    <Table colCount={canPublish ? 5 : 4} rowCount={publications.length + 1} data-testid={testId}>
      <Thead>
        <Tr>
          <Th>{header(getTrad('publishing.columns.post'), 'Post')}</Th>
          <Th>{header(getTrad('publishing.columns.account'), 'Account')}</Th>
          <Th>{header(getTrad('publishing.columns.due'), 'Due')}</Th>
          <Th>{header(getTrad('publishing.columns.state'), 'State')}</Th>
          {canPublish ? <Th>{header(getTrad('publishing.columns.actions'), 'Actions')}</Th> : null}
        </Tr>
      </Thead>
      <Tbody>
        {publications.map((p) => (
          <Tr key={p.documentId} data-testid={`publication-${p.documentId}`}>
            <Td>
              <Typography fontWeight="bold">{p.plan?.title ?? '—'}</Typography>
            </Td>
            <Td>
              <Typography>{p.account ? `${p.account.name} (${p.account.network})` : '—'}</Typography>
            </Td>
            <Td>{p.dueAt ? <RelativeTime date={p.dueAt} /> : <Typography>—</Typography>}</Td>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <PublicationStateBadge state={p.state} />
                {p.error ? (
                  <Typography variant="pi" textColor="danger600">
                    {p.error.message}
                  </Typography>
                ) : null}
                {httpUrlOrNull(p.externalUrl) ? (
                  <Link href={httpUrlOrNull(p.externalUrl)!} isExternal>
                    {formatMessage({ id: getTrad('publishing.viewPost'), defaultMessage: 'View the post' })}
                  </Link>
                ) : null}
                {p.attempts > 1 ? (
                  <Typography variant="pi" textColor="neutral600">
                    {formatMessage({ id: getTrad('publishing.attempts'), defaultMessage: '{count} attempts' }, { count: p.attempts })}
                  </Typography>
                ) : null}
              </Flex>
            </Td>
            {canPublish ? (
              <Td>
                <PublicationActions publication={p} onMarkPublished={onMarkPublished} />
              </Td>
            ) : null}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
