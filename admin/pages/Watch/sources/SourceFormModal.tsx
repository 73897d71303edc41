import * as React from 'react';
import { Button, Flex, Modal } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTrad } from '../../../utils/getTrad';

interface SourceFormModalProps {
  title: string;
  submitLabel: string;
  pending: boolean;
  submitDisabled?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: React.ReactNode;
}

/** The dialog both the add and the edit forms of a source live in: a form, Cancel, and one submit button. */
export const SourceFormModal = ({ title, submitLabel, pending, submitDisabled, onSubmit, onClose, children }: SourceFormModalProps) => {
  const { formatMessage } = useIntl();
  return (
    <Modal.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Modal.Content>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          <Modal.Header closeLabel={formatMessage({ id: getTrad('watch.close'), defaultMessage: 'Close' })}>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {children}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{formatMessage({ id: getTrad('watch.cancel'), defaultMessage: 'Cancel' })}</Button>
            </Modal.Close>
            <Button type="submit" loading={pending} disabled={submitDisabled}>
              {submitLabel}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
