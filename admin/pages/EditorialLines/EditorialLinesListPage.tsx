import { EmptyStateLayout, LinkButton } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { useEditorialLines } from '../../api/editorialLines';
import { useApiError } from '../../utils/serverMessages';
import { sectionById } from '../../sections';
import { getTrad } from '../../utils/getTrad';
import { paths } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { EditorialLinesTable } from './EditorialLinesTable';

export const EditorialLinesListPage = () => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const lines = useEditorialLines();
  const { allowed: canUpdate, isLoading: checkingPermissions } = useCan(ACTIONS.editorialLineUpdate);
  const section = sectionById('editorial-line');
  const title = formatMessage({ id: getTrad('editorialLines.title'), defaultMessage: 'Editorial lines' });

  const createButton = (label: string) => (
    <LinkButton tag={RouterLink} to={paths.newEditorialLine()} startIcon={<Plus />}>
      {label}
    </LinkButton>
  );

  if (lines.isPending || checkingPermissions) return <Page.Loading />;
  if (lines.isError) return <Page.Error content={readError(lines.error).message} />;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage(section.purpose)}
        primaryAction={
          canUpdate && lines.data.length > 0
            ? createButton(formatMessage({ id: getTrad('editorialLines.create'), defaultMessage: 'Create an editorial line' }))
            : null
        }
      />
      <Layouts.Content>
        {lines.data.length === 0 ? (
          <EmptyStateLayout
            icon={<EmptyDocuments width="16rem" />}
            content={
              canUpdate
                ? formatMessage({
                    id: getTrad('editorialLines.empty'),
                    defaultMessage:
                      'No editorial line yet. Create the first one: it says who your posts speak to, in which tone, and which words to avoid.',
                  })
                : formatMessage({
                    id: getTrad('editorialLines.emptyReadOnly'),
                    defaultMessage: 'No editorial line yet. Ask someone allowed to edit editorial lines to create the first one.',
                  })
            }
            action={
              canUpdate
                ? createButton(
                    formatMessage({ id: getTrad('editorialLines.createFirst'), defaultMessage: 'Create your first editorial line' })
                  )
                : null
            }
          />
        ) : (
          <EditorialLinesTable lines={lines.data} />
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
