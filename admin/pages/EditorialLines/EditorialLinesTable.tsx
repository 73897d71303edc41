import { Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import type { EditorialLine } from '../../api/types';
import { LongText } from '../../components/LongText';
import { getTrad } from '../../utils/getTrad';
import { paths } from '../../utils/paths';

const COLUMNS = 5;

export const EditorialLinesTable = ({ lines }: { lines: EditorialLine[] }) => {
  const { formatMessage, formatDate } = useIntl();
  const header = (id: string, defaultMessage: string) => (
    <Typography variant="sigma" textColor="neutral600">
      {formatMessage({ id, defaultMessage })}
    </Typography>
  );

  return (
    <Table colCount={COLUMNS} rowCount={lines.length + 1}>
      <Thead>
        <Tr>
          <Th>{header(getTrad('editorialLines.columns.name'), 'Name')}</Th>
          <Th>{header(getTrad('editorialLines.columns.pillars'), 'Pillars')}</Th>
          <Th>{header(getTrad('editorialLines.columns.languages'), 'Languages')}</Th>
          <Th>{header(getTrad('editorialLines.columns.accounts'), 'Accounts')}</Th>
          <Th>{header(getTrad('editorialLines.columns.updatedAt'), 'Last change')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {lines.map((line) => (
          <Tr key={line.documentId}>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Link tag={RouterLink} to={paths.editorialLine(line.documentId)}>
                  <LongText text={line.name} />
                </Link>
                {line.description ? <LongText text={line.description} lines={1} variant="pi" textColor="neutral600" /> : null}
              </Flex>
            </Td>
            <Td>
              <LongText text={line.pillars.length > 0 ? line.pillars.map((pillar) => pillar.name).join(', ') : '—'} />
            </Td>
            <Td>
              <Typography>{line.languages.length > 0 ? line.languages.join(', ') : '—'}</Typography>
            </Td>
            <Td>
              <Typography>{line.accountCount}</Typography>
            </Td>
            <Td>
              <Typography>{formatDate(line.updatedAt, { dateStyle: 'medium', timeStyle: 'short' })}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
