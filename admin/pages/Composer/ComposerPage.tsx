import * as React from 'react';
import { Alert, LinkButton } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { LoadFailedPage } from '../../components/LoadFailedPage';
import { usePostPlan, type PostPlan } from '../../api/postPlans';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { ComposerForm } from './ComposerForm';
import { ComposerUnsavedGuard } from './ComposerUnsavedGuard';
import { valuesFromPlan } from './composerValues';
import { usePrefill } from './usePrefill';

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** `posts/new` (prefilled by `?local=` or `?entry=&documentId=`) and `posts/:documentId`. */
export const ComposerPage = () => {
  const { formatMessage } = useIntl();
  const { documentId } = useParams<{ documentId: string }>();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [dirty, setDirty] = React.useState(false);
  const query = usePostPlan(documentId);
  const local = search.get('local');
  const entryUid = search.get('entry');
  const entryId = search.get('documentId');
  const entry = React.useMemo(() => (entryUid && entryId ? { uid: entryUid, documentId: entryId } : null), [entryUid, entryId]);
  const initial = React.useMemo(() => (local && LOCAL.test(local) ? { local } : {}), [local]);
  const prefill = usePrefill(documentId ? undefined : initial, documentId ? null : entry);
  const title = documentId
    ? (query.data?.title ?? formatMessage({ id: getTrad('composer.editTitle'), defaultMessage: 'Edit post' }))
    : formatMessage({ id: getTrad('composer.newTitle'), defaultMessage: 'New post' });

  /** The post this page created, and the visit of `posts/new` (its history entry's key) that created it. */
  const [created, setCreated] = React.useState<{ documentId: string; visit: string } | null>(null);
  const onSaved = (plan: PostPlan) => {
    setDirty(false);
    if (!documentId) setCreated({ documentId: plan.documentId, visit: location.key });
  };
  /*
   * The post just created keeps its form across the move to its address: an
   * action still running (or its refusal) stays on screen. Any other visit of
   * `posts/new` (the menu's "New post" right after a save: the router keeps
   * this page mounted) is a fresh form, and does not move back to that post.
   */
  const formKey = documentId ? (documentId === created?.documentId ? `new-${created.visit}` : documentId) : `new-${location.key}`;
  const moveTo = created && !documentId && created.visit === location.key ? created.documentId : null;
  // Move to the new post's address only once the leave guard knows nothing is unsaved, or it would ask.
  React.useEffect(() => {
    if (moveTo && !dirty) navigate(pluginPath('posts', moveTo), { replace: true });
  }, [moveTo, dirty, navigate]);

  if (documentId && query.isPending) return <Page.Loading />;
  if (documentId && query.isError) {
    return (
      <LoadFailedPage
        title={title}
        error={query.error}
        notFound={formatMessage({ id: getTrad('composer.notFound'), defaultMessage: 'This post does not exist, or it was deleted.' })}
        backTo={pluginPath('posts')}
        backLabel={formatMessage({ id: getTrad('composer.backToPosts'), defaultMessage: 'Back to the posts' })}
      />
    );
  }
  if (!documentId && !prefill.values) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        navigationAction={
          <LinkButton tag={RouterLink} to={pluginPath('posts')} variant="tertiary">
            {formatMessage({ id: getTrad('composer.backToPosts'), defaultMessage: 'Back to the posts' })}
          </LinkButton>
        }
      />
      <Layouts.Content>
        <ComposerUnsavedGuard when={dirty} />
        <ComposerForm
          key={formKey}
          plan={query.data}
          initialValues={query.data ? valuesFromPlan(query.data) : prefill.values!}
          onSaved={onSaved}
          onDirtyChange={setDirty}
          notice={
            prefill.error ? (
              <Alert
                variant="warning"
                closeLabel={formatMessage({ id: getTrad('composer.close'), defaultMessage: 'Close' })}
                title={formatMessage({ id: getTrad('composer.prefill.failed'), defaultMessage: 'The entry could not be loaded' })}
              >
                {prefill.error.message}
              </Alert>
            ) : null
          }
        />
      </Layouts.Content>
    </Page.Main>
  );
};
