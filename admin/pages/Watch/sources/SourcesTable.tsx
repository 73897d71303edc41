import { Badge, Box, Flex, IconButton, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Pencil, Play, Stop, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useWatchMutation, type WatchSource } from '../../../api/watch';
import { LongText } from '../../../components/LongText';
import { RelativeTime } from '../../../components/RelativeTime';
import { getTrad } from '../../../utils/getTrad';
import { useApiError } from '../../../utils/serverMessages';
import { sourceFailureText } from '../sourceFailure';

interface SourcesTableProps {
  sources: WatchSource[];
  canManage: boolean;
  onEdit: (source: WatchSource) => void;
  onDelete: (source: WatchSource) => void;
}

const STATUS_COLORS = {
  active: ['success100', 'success700'],
  paused: ['neutral150', 'neutral700'],
  failing: ['danger100', 'danger700'],
} as const;

export const SourcesTable = ({ sources, canManage, onEdit, onDelete }: SourcesTableProps) => {
  const intl = useIntl();
  const { formatMessage } = intl;
  const { toggleNotification } = useNotification();
  const readError = useApiError();
  const onError = (error: unknown) => toggleNotification({ type: 'danger', message: readError(error).message });
  const pause = useWatchMutation((api, s: WatchSource) =>
    s.status === 'paused' ? api.sources.resume(s.documentId) : api.sources.pause(s.documentId)
  );
  const fetchNow = useWatchMutation((api, s: WatchSource) => api.sources.fetch(s.documentId));
  const head = (id: string, defaultMessage: string) => (
    <Typography variant="sigma" textColor="neutral600">
      {formatMessage({ id, defaultMessage })}
    </Typography>
  );
  const statusLabel = (status: WatchSource['status']) =>
    status === 'active'
      ? formatMessage({ id: getTrad('watch.status.active'), defaultMessage: 'Active' })
      : status === 'paused'
        ? formatMessage({ id: getTrad('watch.status.paused'), defaultMessage: 'Paused' })
        : formatMessage({ id: getTrad('watch.status.failing'), defaultMessage: 'Failing' });

  return (
    <Table colCount={canManage ? 6 : 5} rowCount={sources.length + 1}>
      <Thead>
        <Tr>
          <Th>{head(getTrad('watch.columns.name'), 'Source')}</Th>
          <Th>{head(getTrad('watch.columns.status'), 'Status')}</Th>
          <Th>{head(getTrad('watch.columns.unread'), 'Unread')}</Th>
          <Th>{head(getTrad('watch.columns.lastFetch'), 'Last fetch')}</Th>
          <Th>{head(getTrad('watch.columns.next'), 'Next fetch')}</Th>
          {canManage ? <Th>{head(getTrad('watch.columns.actions'), 'Actions')}</Th> : null}
        </Tr>
      </Thead>
      <Tbody>
        {sources.map((source) => (
          <Tr key={source.documentId}>
            <Td>
              <Flex direction="column" alignItems="flex-start">
                <LongText text={source.name} fontWeight="bold" />
                <LongText text={source.url} lines={1} variant="pi" textColor="neutral600" />
                {source.tags.length ? (
                  <Flex gap={1} wrap="wrap">
                    {source.tags.map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                  </Flex>
                ) : null}
              </Flex>
            </Td>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Badge backgroundColor={STATUS_COLORS[source.status][0]} textColor={STATUS_COLORS[source.status][1]}>
                  {statusLabel(source.status)}
                </Badge>
                {source.lastError ? (
                  <Box data-testid="watch-source-error">
                    <LongText
                      lines={3}
                      variant="pi"
                      textColor="danger600"
                      text={formatMessage(
                        {
                          id: getTrad('watch.source.lastError'),
                          defaultMessage: '{message} ({failures, plural, one {# failure in a row} other {# failures in a row}})',
                        },
                        { message: sourceFailureText(intl, source.lastError), failures: source.failures }
                      )}
                    />
                  </Box>
                ) : null}
              </Flex>
            </Td>
            <Td>{source.unread}</Td>
            <Td>{source.lastFetchAt ? <RelativeTime date={source.lastFetchAt} /> : '—'}</Td>
            <Td>{source.status !== 'paused' && source.nextFetchAt ? <RelativeTime date={source.nextFetchAt} /> : '—'}</Td>
            {canManage ? (
              <Td>
                <Flex gap={1}>
                  <IconButton
                    label={formatMessage(
                      { id: getTrad('watch.source.fetchNow'), defaultMessage: 'Fetch {name} now' },
                      { name: source.name }
                    )}
                    disabled={source.status === 'paused'}
                    onClick={() => fetchNow.mutate(source, { onError })}
                  >
                    <ArrowClockwise />
                  </IconButton>
                  <IconButton
                    label={
                      source.status === 'paused'
                        ? formatMessage({ id: getTrad('watch.source.resume'), defaultMessage: 'Resume {name}' }, { name: source.name })
                        : formatMessage({ id: getTrad('watch.source.pause'), defaultMessage: 'Pause {name}' }, { name: source.name })
                    }
                    onClick={() => pause.mutate(source, { onError })}
                  >
                    {source.status === 'paused' ? <Play /> : <Stop />}
                  </IconButton>
                  <IconButton
                    label={formatMessage({ id: getTrad('watch.source.edit'), defaultMessage: 'Edit {name}' }, { name: source.name })}
                    onClick={() => onEdit(source)}
                  >
                    <Pencil />
                  </IconButton>
                  <IconButton
                    label={formatMessage(
                      { id: getTrad('watch.source.deleteNamed'), defaultMessage: 'Delete {name}' },
                      { name: source.name }
                    )}
                    onClick={() => onDelete(source)}
                  >
                    <Trash />
                  </IconButton>
                </Flex>
              </Td>
            ) : null}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
