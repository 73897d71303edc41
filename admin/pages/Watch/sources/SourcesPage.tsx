import * as React from 'react';
import { Button, EmptyStateLayout, Flex, Link } from '@strapi/design-system';
import { ArrowLeft, Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { ACTIONS } from '../../../../shared/core/permissions';
import { useApiError } from '../../../utils/serverMessages';
import { useSources, type WatchSource } from '../../../api/watch';
import { getTrad } from '../../../utils/getTrad';
import { pluginPath } from '../../../utils/paths';
import { useCan } from '../../../utils/permissions';
import { AddSourceModal } from './AddSourceModal';
import { DeleteSourceDialog } from './DeleteSourceDialog';
import { EditSourceModal } from './EditSourceModal';
import { OpmlButtons } from './OpmlButtons';
import { SourcesTable } from './SourcesTable';

/** The feeds the watch follows: add, test, edit, pause, delete, OPML in and out, and why one fails. */
export const SourcesPage = () => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const sources = useSources();
  const { allowed: canManage, isLoading } = useCan(ACTIONS.watchManage);
  const [adding, setAdding] = React.useState(false);
  const [editing, setEditing] = React.useState<WatchSource | null>(null);
  const [deleting, setDeleting] = React.useState<WatchSource | null>(null);
  const title = formatMessage({ id: getTrad('watch.sources.title'), defaultMessage: 'Watch sources' });

  if (sources.isPending || isLoading) return <Page.Loading />;
  if (sources.isError) return <Page.Error content={readError(sources.error).message} />;

  const addButton = (
    <Button startIcon={<Plus />} onClick={() => setAdding(true)}>
      {formatMessage({ id: getTrad('watch.source.add'), defaultMessage: 'Add a source' })}
    </Button>
  );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link tag={RouterLink} to={pluginPath('watch')} startIcon={<ArrowLeft />}>
            {formatMessage({ id: getTrad('watch.back'), defaultMessage: 'Back to the watch' })}
          </Link>
        }
        title={title}
        subtitle={formatMessage({
          id: getTrad('watch.sources.subtitle'),
          defaultMessage: 'The feeds checked on their own schedule. A failing feed is retried less and less often until it answers again.',
        })}
        primaryAction={canManage ? addButton : null}
        secondaryAction={<OpmlButtons canManage={canManage} />}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {sources.data.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={formatMessage({
                id: getTrad('watch.sources.empty'),
                defaultMessage: 'No source yet. Add a feed or a site address, or import the OPML file of your current reader.',
              })}
              action={canManage ? addButton : null}
            />
          ) : (
            <SourcesTable sources={sources.data} canManage={canManage} onEdit={setEditing} onDelete={setDeleting} />
          )}
        </Flex>
      </Layouts.Content>
      {adding ? <AddSourceModal onClose={() => setAdding(false)} /> : null}
      {editing ? <EditSourceModal key={editing.documentId} source={editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? <DeleteSourceDialog source={deleting} onClose={() => setDeleting(null)} /> : null}
    </Page.Main>
  );
};
