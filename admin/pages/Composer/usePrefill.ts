import * as React from 'react';
import { useApiError } from '../../utils/serverMessages';
import { useEntryPrefill, useLibraryFiles } from '../../api/postPlans';
import { valuesFromInitial, type ComposerInitial, type ComposerValues } from './composerValues';

/**
 * The composer's starting values from what another page handed over, and from the
 * linked entry when one is named (`GET /entries/prefill`). A failing prefill is
 * reported and the composer opens with what it has.
 */
export function usePrefill(initial: ComposerInitial | undefined, entry: { uid: string; documentId: string } | null) {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  const prefill = useEntryPrefill(entry);
  const files = useLibraryFiles(initial?.mediaIds);
  const values = React.useMemo<ComposerValues | null>(() => {
    if ((entry && prefill.isPending) || (initial?.mediaIds?.length && files.isPending)) return null;
    const base = {
      ...valuesFromInitial(initial),
      media: (files.data ?? []).map((f) => ({
        id: f.id,
        url: f.url,
        name: f.name,
        mime: f.mime,
        size: Math.round(f.size * 1000),
        alt: f.alternativeText ?? '',
      })),
    };
    if (!prefill.data) return entry ? { ...base, entry: { ...entry } } : base;
    const data = prefill.data;
    return {
      ...base,
      title: base.title || data.title,
      body: base.body || [data.body, data.link].filter(Boolean).join('\n\n'),
      entry: { ...data.entry },
      media: base.media.length
        ? base.media
        : data.media.map((m) => ({ id: m.id, url: m.url, name: m.name, mime: m.mime, size: 0, alt: m.alternativeText ?? '' })),
    };
  }, [entry, initial, prefill.data, prefill.isPending, files.data, files.isPending]);
  const failed = prefill.isError ? prefill.error : files.isError ? files.error : null;
  return { values, error: failed ? readApiError(failed) : null };
}
