import { useIntl } from 'react-intl';
import { LeaveGuard } from '../../components/LeaveGuard';
import { getTrad } from '../../utils/getTrad';

/** Asks before leaving the composer with a post the server has not stored. */
export const ComposerUnsavedGuard = ({ when }: { when: boolean }) => {
  const { formatMessage } = useIntl();
  return (
    <LeaveGuard
      when={when}
      title={formatMessage({ id: getTrad('composer.unsaved.title'), defaultMessage: 'Leave without saving?' })}
      body={formatMessage({
        id: getTrad('composer.unsaved.body'),
        defaultMessage: 'Your changes to this post are not saved. They will be lost if you leave this page.',
      })}
    />
  );
};
