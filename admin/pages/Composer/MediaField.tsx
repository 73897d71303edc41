import * as React from 'react';
import { Box, Button, Field, Flex, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useStrapiApp } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { checkMedia, type MediaProblem } from '../../../shared/networks/media-rules';
import type { Network } from '../../api/types';
import { getTrad } from '../../utils/getTrad';
import type { ComposerMediaValue } from './composerValues';
import { fileUrl } from './fileUrl';
import { mediaProblemText } from './mediaProblemText';

/** The asset shape Strapi's media library dialog hands back (sizes in kilobytes). */
interface LibraryAsset {
  id: number;
  url: string;
  name: string;
  mime: string;
  size: number;
  alternativeText?: string | null;
}

type MediaLibraryDialog = React.ComponentType<{
  onClose: () => void;
  onSelectAssets: (assets: LibraryAsset[]) => void;
  allowedTypes?: string[];
  multiple?: boolean;
}>;

interface MediaFieldProps {
  value: ComposerMediaValue[];
  onChange: (media: ComposerMediaValue[]) => void;
  /** the networks of the chosen accounts, each with the name to show in a problem */
  networks: Array<{ network: Network; label: string }>;
  fieldErrors: Record<string, string>;
  disabled?: boolean;
}

/** Problems per file (and for the post) across every chosen network, as the server checks them before scheduling. */
export function mediaProblems(media: ComposerMediaValue[], networks: MediaFieldProps['networks']): MediaProblem[] {
  return networks.flatMap(({ network, label }) => checkMedia(network, media, label));
}

export const MediaField = ({ value, onChange, networks, fieldErrors, disabled }: MediaFieldProps) => {
  const intl = useIntl();
  const { formatMessage } = intl;
  const [open, setOpen] = React.useState(false);
  // Strapi's own media library dialog, registered by the upload plugin.
  const Library = useStrapiApp('Composer', (state) => state.components['media-library']) as MediaLibraryDialog | undefined;
  const problems = mediaProblems(value, networks);
  const postProblems = problems.filter((p) => p.fileId === undefined);

  const add = (assets: LibraryAsset[]) => {
    const known = new Set(value.map((m) => m.id));
    const added = assets
      .filter((asset) => !known.has(asset.id))
      .map((asset) => ({
        id: asset.id,
        url: asset.url,
        name: asset.name,
        mime: asset.mime,
        size: Math.round(asset.size * 1000),
        alt: asset.alternativeText ?? '',
      }));
    onChange([...value, ...added]);
    setOpen(false);
  };

  return (
    <Field.Root name="media" error={fieldErrors.media}>
      <Field.Label>{formatMessage({ id: getTrad('composer.media'), defaultMessage: 'Media' })}</Field.Label>
      <Flex direction="column" alignItems="stretch" gap={3}>
        {value.map((file, index) => {
          const own = problems.filter((p) => p.fileId === file.id);
          const serverError = fieldErrors[`media.${index}`] ?? fieldErrors[`media.${index}.id`];
          return (
            <Flex key={file.id} gap={3} alignItems="flex-start" data-testid="media-item">
              {file.mime.startsWith('image/') ? (
                <img src={fileUrl(file.url)} alt="" width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} />
              ) : (
                <Box padding={2} background="neutral100" hasRadius>
                  <Typography variant="pi">{file.mime}</Typography>
                </Box>
              )}
              <Box flex="1">
                <Field.Root name={`media.${index}.alt`} error={serverError}>
                  <Field.Label>
                    {formatMessage({ id: getTrad('composer.media.alt'), defaultMessage: 'Alt text for {name}' }, { name: file.name })}
                  </Field.Label>
                  <TextInput
                    value={file.alt}
                    disabled={disabled}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                      onChange(value.map((m) => (m.id === file.id ? { ...m, alt: event.target.value } : m)))
                    }
                  />
                  <Field.Error />
                </Field.Root>
                {own.map((problem) => (
                  <Typography key={`${problem.network}-${problem.code}`} variant="pi" textColor="danger600" tag="p">
                    {mediaProblemText(problem, intl)}
                  </Typography>
                ))}
              </Box>
              <IconButton
                label={formatMessage({ id: getTrad('composer.media.remove'), defaultMessage: 'Remove {name}' }, { name: file.name })}
                disabled={disabled}
                onClick={() => onChange(value.filter((m) => m.id !== file.id))}
              >
                <Trash />
              </IconButton>
            </Flex>
          );
        })}
        {postProblems.map((problem) => (
          <Typography key={`${problem.network}-${problem.code}`} variant="pi" textColor="danger600" tag="p" data-testid="media-problem">
            {mediaProblemText(problem, intl)}
          </Typography>
        ))}
        <Box>
          <Button variant="secondary" startIcon={<Plus />} disabled={disabled || !Library} onClick={() => setOpen(true)}>
            {formatMessage({ id: getTrad('composer.media.add'), defaultMessage: 'Add from the media library' })}
          </Button>
        </Box>
      </Flex>
      <Field.Error />
      {open && Library ? (
        <Library onClose={() => setOpen(false)} onSelectAssets={add} allowedTypes={['images', 'videos', 'audios', 'files']} multiple />
      ) : null}
    </Field.Root>
  );
};
