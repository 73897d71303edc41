import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { toOutcome } from '../../../shared/publishing/outcome';
import { useApiError } from '../../utils/serverMessages';
import { usePlanPublications } from '../../api/publishing';
import { FormSection } from '../../components/FormSection';
import { LivePosts, publicationsToShow } from '../../components/LivePosts';
import { getTrad } from '../../utils/getTrad';
import { ReplyCount } from '../Inbox/ReplyCount';

/**
 * The composer's "On the networks" card for a saved post: where it goes or
 * went, with the live posts' links. Absent while the post has no publication
 * (a draft, a post never scheduled).
 */
export const PlanLivePosts = ({ documentId }: { documentId: string }) => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const { formatMessage } = useIntl();
  const publications = usePlanPublications(documentId);
  const outcomes = React.useMemo(() => (publications.data ?? []).map((p) => toOutcome(p, p.account?.name ?? null)), [publications.data]);
  if (!publications.isError && !publicationsToShow(outcomes).length) return null;
  return (
    <FormSection
      title={formatMessage({ id: getTrad('composer.livePosts'), defaultMessage: 'On the networks' })}
      data-testid="composer-live-posts"
    >
      {publications.isError ? (
        <Typography variant="pi" textColor="danger600">
          {readApiError(publications.error).message}
        </Typography>
      ) : (
        <>
          <LivePosts publications={outcomes} />
          <ReplyCount planDocumentId={documentId} />
        </>
      )}
    </FormSection>
  );
};
