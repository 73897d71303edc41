import * as React from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Download, Upload } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useApiError } from '../../../utils/serverMessages';
import { useWatchApi, useWatchMutation } from '../../../api/watch';
import { getTrad } from '../../../utils/getTrad';
import { download } from '../../../utils/download';

/** OPML in and out: how users move their subscriptions between Feedly, Inoreader, FreshRSS, Miniflux and here. */
export const OpmlButtons = ({ canManage }: { canManage: boolean }) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const api = useWatchApi();
  const input = React.useRef<HTMLInputElement>(null);
  const importOpml = useWatchMutation((watch, text: string) => watch.sources.importOpml(text, 60));

  const onFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    importOpml.mutate(await file.text(), {
      onSuccess: (result) => {
        // A feed at a private address would fail on every fetch: the server skipped it, and says so apart.
        const blocked = result.skipped.filter((s) => s.reason === 'blocked_address').length;
        const counts = { created: result.created, skipped: result.skipped.length - blocked, blocked };
        toggleNotification({
          type: blocked ? 'warning' : 'success',
          message: blocked
            ? formatMessage(
                {
                  id: getTrad('watch.opml.importedBlocked'),
                  defaultMessage:
                    '{created, plural, one {# source} other {# sources}} imported, {skipped} skipped (already there), {blocked} refused: a private or reserved address. An administrator allows intranet hosts with CM_OUTBOUND_ALLOWED_HOSTS.',
                },
                counts
              )
            : formatMessage(
                {
                  id: getTrad('watch.opml.imported'),
                  defaultMessage: '{created, plural, one {# source} other {# sources}} imported, {skipped} skipped (already there).',
                },
                counts
              ),
        });
      },
      onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
    });
  };

  const onExport = async () => {
    try {
      const { opml } = await api.sources.exportOpml();
      download(new Blob([opml], { type: 'text/x-opml' }), 'watch-sources.opml');
    } catch (error) {
      toggleNotification({ type: 'danger', message: readError(error).message });
    }
  };

  return (
    <Flex gap={2}>
      {canManage ? (
        <>
          <input ref={input} type="file" accept=".opml,.xml,text/xml,text/x-opml" hidden onChange={onFile} data-testid="watch-opml-input" />
          <Button variant="secondary" startIcon={<Upload />} onClick={() => input.current?.click()} loading={importOpml.isPending}>
            {formatMessage({ id: getTrad('watch.opml.import'), defaultMessage: 'Import OPML' })}
          </Button>
        </>
      ) : null}
      <Button variant="secondary" startIcon={<Download />} onClick={onExport}>
        {formatMessage({ id: getTrad('watch.opml.export'), defaultMessage: 'Export OPML' })}
      </Button>
    </Flex>
  );
};
