import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { FeedPreview } from '../../../api/watch';
import { getTrad } from '../../../utils/getTrad';

/** What a test fetch found: the feed's kind, title and first items, nothing stored. */
export const FeedPreviewList = ({ preview }: { preview: FeedPreview }) => {
  const { formatMessage, formatDate } = useIntl();
  return (
    <Box background="neutral100" padding={4} hasRadius data-testid="watch-preview">
      <Typography variant="delta" tag="p">
        {formatMessage(
          { id: getTrad('watch.preview.summary'), defaultMessage: '{title}: {kind} feed, {total, plural, one {# item} other {# items}}' },
          { title: preview.title ?? preview.url, kind: preview.kind.toUpperCase(), total: preview.total }
        )}
      </Typography>
      {preview.skipped > 0 ? (
        <Typography variant="pi" textColor="warning600">
          {formatMessage(
            {
              id: getTrad('watch.preview.skipped'),
              defaultMessage: '{count, plural, one {# item was} other {# items were}} unreadable and will be skipped.',
            },
            { count: preview.skipped }
          )}
        </Typography>
      ) : null}
      <Flex tag="ul" direction="column" alignItems="stretch" gap={2} paddingTop={2}>
        {preview.items.map((item, index) => (
          <li key={`${item.link ?? ''}-${index}`}>
            <Typography fontWeight="bold">{item.title}</Typography>{' '}
            <Typography variant="pi" textColor="neutral600">
              {formatDate(item.publishedTime, { dateStyle: 'medium' })}
            </Typography>
          </li>
        ))}
      </Flex>
    </Box>
  );
};
