import { EmptyStateLayout, LinkButton } from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { useApiError } from '../utils/serverMessages';

interface LoadFailedPageProps {
  title: string;
  /** the query's error: a 404 shows `notFound`, anything else the server's message */
  error: unknown;
  notFound: string;
  backTo: string;
  backLabel: string;
}

/** An edit page whose document could not be read: what happened, and the way back to its list. */
export const LoadFailedPage = ({ title, error, notFound, backTo, backLabel }: LoadFailedPageProps) => {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const problem = readApiError(error);
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} />
      <Layouts.Content>
        <EmptyStateLayout
          icon={<EmptyDocuments width="16rem" />}
          content={problem.status === 404 ? notFound : problem.message}
          action={
            <LinkButton tag={RouterLink} to={backTo} variant="secondary">
              {backLabel}
            </LinkButton>
          }
        />
      </Layouts.Content>
    </Page.Main>
  );
};
