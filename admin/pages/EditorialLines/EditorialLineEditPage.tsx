import { Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { useEditorialLine } from '../../api/editorialLines';
import { LoadFailedPage } from '../../components/LoadFailedPage';
import { getTrad } from '../../utils/getTrad';
import { paths } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { EditorialLineEditor } from './EditorialLineEditor';

/** `editorial-line/new` and `editorial-line/:documentId`: loads the line, then hands it to the editor. */
export const EditorialLineEditPage = () => {
  const { formatMessage } = useIntl();
  const { documentId } = useParams<{ documentId: string }>();
  const query = useEditorialLine(documentId);
  // Known before the editor mounts, so fields never flash from disabled to enabled.
  const canUpdate = useCan(ACTIONS.editorialLineUpdate);

  if (canUpdate.isLoading) return <Page.Loading />;
  if (documentId === undefined) return canUpdate.allowed ? <EditorialLineEditor key="new" readOnly={false} /> : <Page.NoPermissions />;
  if (query.isPending) return <Page.Loading />;
  if (query.isError) {
    return (
      <LoadFailedPage
        title={formatMessage({ id: getTrad('editorialLine.notFoundTitle'), defaultMessage: 'Editorial line not found' })}
        error={query.error}
        notFound={formatMessage({
          id: getTrad('editorialLine.notFound'),
          defaultMessage: 'This editorial line does not exist, or it was deleted.',
        })}
        backTo={paths.editorialLines()}
        backLabel={formatMessage({ id: getTrad('editorialLine.backToList'), defaultMessage: 'Back to the editorial lines' })}
      />
    );
  }
  return <EditorialLineEditor key={documentId} line={query.data} readOnly={!canUpdate.allowed} />;
};
