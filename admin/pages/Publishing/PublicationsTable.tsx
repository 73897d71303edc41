import { Flex, Link, Table, Tbody, Td, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { PublicationView } from '../../api/publishing';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { PublicationStateBadge } from '../../components/PublicationStateBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { getTrad } from '../../utils/getTrad';
import { PublicationActions } from './PublicationActions';
import { usePublicationError } from './messages';
import { AccountCell, FIXED_TABLE, HeaderCell, PostTitleCell, WRAP } from '../../components/TableCells';

interface Props {
  publications: PublicationView[];
  canPublish: boolean;
  onMarkPublished: (p: PublicationView) => void;
  testId: string;
}

/**
 * Column widths, in shares of the table: the state (with the reason, which
 * wraps) and the buttons keep their room whatever the title's length.
 */
const WIDTHS = { post: '28%', account: '18%', due: '12%', state: '22%', actions: '20%' };
const WIDTHS_READ_ONLY = { post: '34%', account: '22%', due: '14%', state: '30%' };

/** One row per publication: the post, the account, when, its state and why, and what a person may do. */
export const PublicationsTable = ({ publications, canPublish, onMarkPublished, testId }: Props) => {
  const { formatMessage } = useIntl();
  const reasonOf = usePublicationError();
  const widths: Partial<typeof WIDTHS> = canPublish ? WIDTHS : WIDTHS_READ_ONLY;
  const header = (id: string, defaultMessage: string, width?: string) => (
    <HeaderCell label={formatMessage({ id, defaultMessage })} width={width} />
  );
  return (
    <Table colCount={canPublish ? 5 : 4} rowCount={publications.length + 1} data-testid={testId} style={FIXED_TABLE}>
      <Thead>
        <Tr>
          {header(getTrad('publishing.columns.post'), 'Post', widths.post)}
          {header(getTrad('publishing.columns.account'), 'Account', widths.account)}
          {header(getTrad('publishing.columns.due'), 'Due', widths.due)}
          {header(getTrad('publishing.columns.state'), 'State', widths.state)}
          {canPublish ? header(getTrad('publishing.columns.actions'), 'Actions', widths.actions) : null}
        </Tr>
      </Thead>
      <Tbody>
        {publications.map((p) => {
          const reason = reasonOf(p.error);
          const url = httpUrlOrNull(p.externalUrl);
          return (
            <Tr key={p.documentId} data-testid={`publication-${p.documentId}`}>
              <PostTitleCell title={p.plan?.title} />
              <AccountCell account={p.account} />
              <Td>{p.dueAt ? <RelativeTime date={p.dueAt} /> : <Typography>—</Typography>}</Td>
              <Td>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <PublicationStateBadge state={p.state} />
                  {reason ? (
                    <Typography variant="pi" textColor="danger600" style={WRAP} data-testid="publication-reason">
                      {reason}
                    </Typography>
                  ) : null}
                  {url ? (
                    <Link href={url} isExternal>
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
          );
        })}
      </Tbody>
    </Table>
  );
};
