import { Alert, Modal } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { usePostPlan, type PostPlan } from '../../api/postPlans';
import { getTrad } from '../../utils/getTrad';
import { ComposerForm } from './ComposerForm';
import { valuesFromPlan, type ComposerInitial } from './composerValues';
import { usePrefill } from './usePrefill';

export interface ComposerModalProps {
  open: boolean;
  onClose: () => void;
  /** an existing post to edit; absent for a new one */
  documentId?: string;
  /** starting values for a new post (the calendar's day, an article's title, link and cover...) */
  initial?: ComposerInitial;
  onSaved?: (plan: PostPlan) => void;
}

const Body = ({ documentId, initial, onSaved }: Omit<ComposerModalProps, 'open' | 'onClose'>) => {
  const { formatMessage } = useIntl();
  const closeLabel = formatMessage({ id: getTrad('composer.close'), defaultMessage: 'Close' });
  const query = usePostPlan(documentId);
  const entry = !documentId && initial?.entry && !initial.title ? { uid: initial.entry.uid, documentId: initial.entry.documentId } : null;
  const prefill = usePrefill(documentId ? undefined : initial, entry);
  if (documentId ? query.isPending : !prefill.values) return <Page.Loading />;
  if (documentId && query.isError)
    return (
      <Alert variant="danger" closeLabel={closeLabel}>
        {String((query.error as Error).message)}
      </Alert>
    );
  return (
    <ComposerForm
      plan={query.data}
      initialValues={query.data ? valuesFromPlan(query.data) : prefill.values!}
      onSaved={onSaved}
      notice={
        prefill.error ? (
          <Alert variant="warning" closeLabel={closeLabel}>
            {prefill.error.message}
          </Alert>
        ) : null
      }
    />
  );
};

/** The composer in a dialog, for pages that plan a post without leaving (calendar, article panel). */
export const ComposerModal = ({ open, onClose, documentId, initial, onSaved }: ComposerModalProps) => {
  const { formatMessage } = useIntl();
  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => (next ? undefined : onClose())}>
      <Modal.Content style={{ maxWidth: '120rem', width: '95vw' }}>
        <Modal.Header>
          <Modal.Title>
            {documentId
              ? formatMessage({ id: getTrad('composer.editTitle'), defaultMessage: 'Edit post' })
              : formatMessage({ id: getTrad('composer.newTitle'), defaultMessage: 'New post' })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {open ? <Body key={documentId ?? 'new'} documentId={documentId} initial={initial} onSaved={onSaved} /> : null}
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
};
