import * as React from 'react';
import { Box, Button, Field, Flex, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { useStrapiApp } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { FormSection } from '../../components/FormSection';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';
import { fileUrl } from '../Composer/fileUrl';

/** The asset shape Strapi's media library dialog hands back. */
interface LibraryAsset {
  id: number;
  url: string;
  name: string;
  mime: string;
}

type MediaLibraryDialog = React.ComponentType<{
  onClose: () => void;
  onSelectAssets: (assets: LibraryAsset[]) => void;
  allowedTypes?: string[];
  multiple?: boolean;
}>;

interface ReportBrandingProps {
  siteName: string | null;
  logoId: number | null;
  onChange: (next: { siteName: string | null; reportLogoId: number | null }) => void;
  fieldErrors: Record<string, string>;
}

/** The reports' PDF: the site's name and a logo picked in Strapi's media library (PNG or JPEG). */
export const ReportBranding = ({ siteName, logoId, onChange, fieldErrors }: ReportBrandingProps) => {
  const { formatMessage } = useIntl();
  const [open, setOpen] = React.useState(false);
  const [picked, setPicked] = React.useState<LibraryAsset | null>(null);
  const Library = useStrapiApp('Settings', (state) => state.components['media-library']) as MediaLibraryDialog | undefined;
  const choose = (assets: LibraryAsset[]) => {
    const asset = assets[0];
    setOpen(false);
    if (!asset) return;
    setPicked(asset);
    onChange({ siteName, reportLogoId: asset.id });
  };
  const shown = picked && picked.id === logoId ? picked : null;
  const notImage = shown && !['image/png', 'image/jpeg'].includes(shown.mime);
  return (
    <FormSection
      title={formatMessage({ id: getTrad('settings.reports'), defaultMessage: 'Reports' })}
      description={formatMessage({
        id: getTrad('settings.reports.hint'),
        defaultMessage: 'The name and logo printed on the reports’ PDF.',
      })}
    >
      <TextField
        name="siteName"
        label={formatMessage({ id: getTrad('settings.siteName'), defaultMessage: 'Site name' })}
        value={siteName ?? ''}
        onChange={(value) => onChange({ siteName: value.trim() ? value : null, reportLogoId: logoId })}
        error={fieldErrors.siteName}
      />
      <Field.Root name="reportLogoId" error={fieldErrors.reportLogoId}>
        <Field.Label>{formatMessage({ id: getTrad('settings.reportLogo'), defaultMessage: 'Logo (PNG or JPEG)' })}</Field.Label>
        <Flex gap={3} alignItems="center">
          {shown ? (
            <img src={fileUrl(shown.url)} alt="" height={40} style={{ maxWidth: 160, objectFit: 'contain' }} />
          ) : logoId ? (
            <Typography variant="pi">
              {formatMessage({ id: getTrad('settings.reportLogo.chosen'), defaultMessage: 'Media library file no. {id}' }, { id: logoId })}
            </Typography>
          ) : (
            <Typography variant="pi" textColor="neutral600">
              {formatMessage({ id: getTrad('settings.reportLogo.none'), defaultMessage: 'No logo' })}
            </Typography>
          )}
          <Button type="button" variant="secondary" disabled={!Library} onClick={() => setOpen(true)}>
            {formatMessage({ id: getTrad('settings.reportLogo.choose'), defaultMessage: 'Choose from the media library' })}
          </Button>
          {logoId ? (
            <Button type="button" variant="tertiary" startIcon={<Trash />} onClick={() => onChange({ siteName, reportLogoId: null })}>
              {formatMessage({ id: getTrad('settings.reportLogo.remove'), defaultMessage: 'Remove the logo' })}
            </Button>
          ) : null}
        </Flex>
        {notImage ? (
          <Box paddingTop={1}>
            <Typography variant="pi" textColor="danger600">
              {formatMessage({
                id: getTrad('settings.reportLogo.notImage'),
                defaultMessage: 'Only a PNG or JPEG image can be printed: this file will be left out of the PDF.',
              })}
            </Typography>
          </Box>
        ) : null}
        <Field.Error />
      </Field.Root>
      {open && Library ? (
        <Library onClose={() => setOpen(false)} onSelectAssets={choose} allowedTypes={['images']} multiple={false} />
      ) : null}
    </FormSection>
  );
};
