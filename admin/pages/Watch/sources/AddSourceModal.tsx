import * as React from 'react';
import { Button, Flex, Radio, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useWatchApi, useWatchMutation, type DiscoveredFeed, type FeedPreview, type SourceInput } from '../../../api/watch';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';
import { sourceFailureText } from '../sourceFailure';
import { useFormErrors } from '../useFormErrors';
import { FeedPreviewList } from './FeedPreviewList';
import { SourceFields } from './SourceFields';
import { SourceFormModal } from './SourceFormModal';

const EMPTY: SourceInput = { url: '', name: '', tags: [], keywords: [], intervalMinutes: 60 };

/**
 * Add a source by its feed URL or by its site's URL: "Find feeds" reads the
 * page's <link rel="alternate"> tags, "Test" previews what would be stored.
 */
export const AddSourceModal = ({ onClose }: { onClose: () => void }) => {
  const intl = useIntl();
  const { formatMessage } = intl;
  const { toggleNotification } = useNotification();
  const api = useWatchApi();
  const [values, setValues] = React.useState(EMPTY);
  const { errors, setErrors, fail } = useFormErrors();
  const [found, setFound] = React.useState<DiscoveredFeed[] | null>(null);
  const [preview, setPreview] = React.useState<FeedPreview | null>(null);
  const [busy, setBusy] = React.useState<'discover' | 'test' | null>(null);
  const create = useWatchMutation(async (watch, input: SourceInput) => {
    const source = await watch.sources.create(input);
    // The first fetch happens now rather than on the next tick, so the user sees items at once.
    const outcome = await watch.sources.fetch(source.documentId);
    return { source, outcome };
  });

  const set = (change: Partial<SourceInput>) => {
    setValues((current) => ({ ...current, ...change }));
    if (change.url !== undefined) {
      setPreview(null);
      setErrors({});
    }
  };

  const discover = async () => {
    setBusy('discover');
    try {
      const { feeds } = await api.sources.discover(values.url.trim());
      setFound(feeds);
      if (feeds.length === 1) set({ url: feeds[0].url, name: values.name || feeds[0].title || '' });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    setBusy('test');
    try {
      const result = await api.sources.test(values.url.trim());
      setPreview(result);
      if (!values.name && result.title) setValues((current) => ({ ...current, name: result.title ?? '' }));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = () => {
    create.mutate(
      { ...values, url: values.url.trim(), name: values.name?.trim() || undefined },
      {
        onSuccess: ({ source, outcome }) => {
          toggleNotification({
            type: outcome.status === 'failed' ? 'warning' : 'success',
            message:
              outcome.status === 'failed'
                ? formatMessage(
                    {
                      id: getTrad('watch.source.addedFailing'),
                      defaultMessage: '“{name}” was added, but its first fetch failed: {reason}',
                    },
                    { name: source.name, reason: outcome.error ? sourceFailureText(intl, outcome.error) : '' }
                  )
                : formatMessage(
                    {
                      id: getTrad('watch.source.added'),
                      defaultMessage: '“{name}” was added with {count, plural, one {# item} other {# items}}.',
                    },
                    { name: source.name, count: outcome.created }
                  ),
          });
          onClose();
        },
        onError: fail,
      }
    );
  };

  return (
    <SourceFormModal
      title={formatMessage({ id: getTrad('watch.source.add'), defaultMessage: 'Add a source' })}
      submitLabel={formatMessage({ id: getTrad('watch.source.save'), defaultMessage: 'Add the source' })}
      pending={create.isPending}
      submitDisabled={!values.url.trim()}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <TextField
        name="url"
        type="url"
        required
        label={formatMessage({ id: getTrad('watch.source.url'), defaultMessage: 'Feed or site address' })}
        hint={formatMessage({
          id: getTrad('watch.source.urlHint'),
          defaultMessage: 'A feed (RSS, Atom, JSON Feed) or a site: “Find feeds” looks for the feeds it announces.',
        })}
        value={values.url}
        error={errors.url}
        onChange={(url) => set({ url })}
      />
      <Flex gap={2}>
        <Button variant="secondary" onClick={discover} loading={busy === 'discover'} disabled={!values.url.trim()}>
          {formatMessage({ id: getTrad('watch.source.discover'), defaultMessage: 'Find feeds' })}
        </Button>
        <Button variant="secondary" onClick={test} loading={busy === 'test'} disabled={!values.url.trim()}>
          {formatMessage({ id: getTrad('watch.source.test'), defaultMessage: 'Test' })}
        </Button>
      </Flex>
      {found && found.length === 0 ? (
        <Typography textColor="warning600">
          {formatMessage({
            id: getTrad('watch.source.noneFound'),
            defaultMessage: 'This page announces no feed. Try the address of the feed itself.',
          })}
        </Typography>
      ) : null}
      {found && found.length > 1 ? (
        <Radio.Group
          aria-label={formatMessage({ id: getTrad('watch.source.pick'), defaultMessage: 'Feeds found on this site' })}
          value={values.url}
          onValueChange={(url: string) => set({ url, name: values.name || found.find((f) => f.url === url)?.title || '' })}
        >
          {found.map((feed) => (
            <Radio.Item key={feed.url} value={feed.url}>
              {`${feed.title ?? feed.url} (${feed.kind.toUpperCase()})`}
            </Radio.Item>
          ))}
        </Radio.Group>
      ) : null}
      {preview ? <FeedPreviewList preview={preview} /> : null}
      <SourceFields values={values} errors={errors} onChange={set} />
    </SourceFormModal>
  );
};
