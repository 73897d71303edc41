import * as React from 'react';
import { Badge, Box, Flex, Loader, Modal, TextButton, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useCalendarEvents, type CalendarEvent, type CalendarFilters } from '../../api/calendar';
import { useApiError } from '../../utils/serverMessages';
import { LiveLink } from '../../components/LivePosts';
import { getTrad } from '../../utils/getTrad';
import { STATUS_LABELS } from './messages';
import { ReplyCount } from '../Inbox/ReplyCount';

interface Props {
  /** the local day (YYYY-MM-DD) opened from its "+N more" chip, or null when closed */
  day: string | null;
  /** the calendar's filters: the list holds the same posts as the grid */
  filters: CalendarFilters;
  onClose: () => void;
  onOpen: (post: CalendarEvent) => void;
}

/**
 * Every post of one day, opened from the month grid's "+N more" (the grid
 * holds only the day's first ones): time, title, status, the live posts of
 * those that went out; a title opens the post.
 */
export const DayPostsModal = ({ day, filters, onClose, onOpen }: Props) => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage, formatDate } = useIntl();
  // The browser's day, midnight to midnight, whatever clock change it holds.
  const range = React.useMemo(() => {
    if (!day) return null;
    const [y, m, d] = day.split('-').map(Number);
    return { from: new Date(y, m - 1, d).toISOString(), to: new Date(y, m - 1, d + 1).toISOString() };
  }, [day]);
  const query = useCalendarEvents(range, filters);
  const posts = query.data?.events ?? [];
  return (
    <Modal.Root open={day !== null} onOpenChange={(open: boolean) => (open ? undefined : onClose())}>
      <Modal.Content>
        <Modal.Header closeLabel={formatMessage({ id: getTrad('calendar.feed.close'), defaultMessage: 'Close' })}>
          <Modal.Title>
            {day
              ? formatMessage(
                  { id: getTrad('calendar.day.title'), defaultMessage: 'Posts on {date}' },
                  { date: formatDate(`${day}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' }) }
                )
              : null}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {query.isLoading || query.isPlaceholderData ? <Loader small /> : null}
          {query.isError ? <Typography textColor="danger600">{readApiError(query.error).message}</Typography> : null}
          <Flex direction="column" alignItems="stretch" gap={2} data-testid="day-posts">
            {(query.isPlaceholderData ? [] : posts).map((post: CalendarEvent) => (
              <Flex key={post.documentId} gap={3} wrap="wrap" data-testid="day-post">
                <Box minWidth="4rem">
                  <Typography variant="omega" fontWeight="bold">
                    {formatDate(post.scheduledAt, { hour: '2-digit', minute: '2-digit', hour12: false })}
                  </Typography>
                </Box>
                <TextButton onClick={() => onOpen(post)}>{post.title}</TextButton>
                <Badge>{formatMessage(STATUS_LABELS[post.status])}</Badge>
                {post.live.map((link) => (
                  <LiveLink key={link.url} network={link.network} url={link.url} accountName={link.accountName} />
                ))}
                {post.live.length ? <ReplyCount planDocumentId={post.documentId} /> : null}
              </Flex>
            ))}
          </Flex>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
};
