import { Box, Flex, Link, Loader, Status, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { readApiError } from '../../api/errors';
import { useEntryPosts, type EntryPost } from '../../api/entries';
import { LivePosts } from '../../components/LivePosts';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { POST_STATUS_LABELS, POST_STATUS_VARIANTS } from './postStatus';

/** Posts whose outcome is worth a line per account; a planned post's status already says all there is. */
const WENT_OUT_OR_FAILED: readonly EntryPost['status'][] = ['published', 'partially_published', 'failed'];

/**
 * This entry's post plans, newest first: status and date in the editor's own
 * zone, each opening the post; for those that went out or failed, the live
 * posts' links or the reasons, from the same answer (no request per post).
 */
export const EntryPostsList = ({ uid, documentId }: { uid: string; documentId: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const posts = useEntryPosts(uid, documentId);
  if (posts.isLoading)
    return <Loader small>{formatMessage({ id: getTrad('panel.loading'), defaultMessage: 'Loading the social posts…' })}</Loader>;
  if (posts.isError) {
    return (
      <Typography variant="pi" textColor="danger600">
        {readApiError(posts.error).message}
      </Typography>
    );
  }
  if (!posts.data?.length) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {formatMessage({ id: getTrad('panel.empty'), defaultMessage: 'No social post about this entry yet.' })}
      </Typography>
    );
  }
  return (
    <Flex
      tag="ul"
      direction="column"
      alignItems="stretch"
      gap={2}
      aria-label={formatMessage({ id: getTrad('panel.title'), defaultMessage: 'Social posts' })}
    >
      {posts.data.map((post) => (
        <Box tag="li" key={post.documentId} padding={2} hasRadius borderColor="neutral200">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Link tag={NavLink} to={pluginPath('posts', post.documentId)}>
              {post.title}
            </Link>
            <Flex gap={2} wrap="wrap">
              <Status variant={POST_STATUS_VARIANTS[post.status]} size="S">
                <Typography variant="pi" fontWeight="bold">
                  {formatMessage(POST_STATUS_LABELS[post.status])}
                </Typography>
              </Status>
              <Typography variant="pi" textColor="neutral600">
                {post.scheduledAt
                  ? formatDate(post.scheduledAt, { dateStyle: 'medium', timeStyle: 'short' })
                  : formatMessage({ id: getTrad('panel.unscheduled'), defaultMessage: 'No date yet' })}
              </Typography>
            </Flex>
            {WENT_OUT_OR_FAILED.includes(post.status) ? <LivePosts publications={post.publications} /> : null}
          </Flex>
        </Box>
      ))}
    </Flex>
  );
};
