import { useIntl } from 'react-intl';
import { LeaveGuard } from '../../components/LeaveGuard';
import { getTrad } from '../../utils/getTrad';

/** An editorial line is long to write: ask before leaving it unsaved. */
export const UnsavedChangesGuard = ({ when }: { when: boolean }) => {
  const { formatMessage } = useIntl();
  return (
    <LeaveGuard
      when={when}
      title={formatMessage({ id: getTrad('editorialLine.unsaved.title'), defaultMessage: 'Leave without saving?' })}
      body={formatMessage({
        id: getTrad('editorialLine.unsaved.body'),
        defaultMessage: 'Your changes to this editorial line are not saved. They will be lost if you leave this page.',
      })}
    />
  );
};
