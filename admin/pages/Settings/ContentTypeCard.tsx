import { Box, Button, Field, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { fillUrlPattern, placeholdersOf } from '../../../shared/settings/placeholders';
import { TEXT_ATTRIBUTE_TYPES } from '../../../shared/settings/attribute-kinds';
import { errorFor } from '../../api/errors';
import type { ContentTypeInfo, ContentTypeSettings } from '../../api/settings';
import type { SocialAccount } from '../../api/types';
import { FormSection } from '../../components/FormSection';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';
import { AutoShareFields } from './AutoShareFields';

type FieldKey = keyof ContentTypeSettings['fields'];
const DETECT = '__detect__';

interface ContentTypeCardProps {
  info: ContentTypeInfo | undefined;
  value: ContentTypeSettings;
  index: number;
  accounts: SocialAccount[] | undefined;
  fieldErrors: Record<string, string>;
  onChange: (value: ContentTypeSettings) => void;
  onRemove: () => void;
}

/** The URL pattern shown filled with sample values, so the editor sees the address before saving. */
function exampleUrl(pattern: string): string | null {
  const sample = Object.fromEntries(placeholdersOf(pattern).map((name) => [name, name === 'slug' ? 'my-first-article' : `${name}-value`]));
  return fillUrlPattern(pattern, sample);
}

/** One content type with the panel: how its public URL is built, which fields feed a post, and auto-share. */
export const ContentTypeCard = ({ info, value, index, accounts, fieldErrors, onChange, onRemove }: ContentTypeCardProps) => {
  const { formatMessage } = useIntl();
  const path = (suffix: string) => `contentTypes.${index}.${suffix}`;
  const fieldChoices: Record<FieldKey, ContentTypeInfo['attributes']> = {
    title: info?.attributes.filter((a) => TEXT_ATTRIBUTE_TYPES.has(a.type)) ?? [],
    excerpt: info?.attributes.filter((a) => TEXT_ATTRIBUTE_TYPES.has(a.type)) ?? [],
    image: info?.attributes.filter((a) => a.type === 'media') ?? [],
  };
  const fieldLabels: Record<FieldKey, string> = {
    title: formatMessage({ id: getTrad('settings.fields.title'), defaultMessage: 'Title field' }),
    excerpt: formatMessage({ id: getTrad('settings.fields.excerpt'), defaultMessage: 'Excerpt field' }),
    image: formatMessage({ id: getTrad('settings.fields.image'), defaultMessage: 'Image field' }),
  };
  const example = value.urlPattern ? exampleUrl(value.urlPattern) : null;

  return (
    <FormSection
      title={info?.displayName ?? value.uid}
      description={value.uid}
      data-testid={`content-type-${value.uid}`}
      action={
        <Button variant="danger-light" startIcon={<Trash />} onClick={onRemove}>
          {formatMessage({ id: getTrad('settings.contentTypes.remove'), defaultMessage: 'Remove' })}
        </Button>
      }
    >
      {errorFor(fieldErrors, path('uid')) ? (
        <Typography variant="pi" textColor="danger600">
          {errorFor(fieldErrors, path('uid'))}
        </Typography>
      ) : null}
      <TextField
        name={path('urlPattern')}
        label={formatMessage({ id: getTrad('settings.urlPattern'), defaultMessage: 'Public URL pattern' })}
        placeholder="https://example.com/blog/{slug}"
        hint={
          example
            ? formatMessage({ id: getTrad('settings.urlPattern.example'), defaultMessage: 'For example: {url}' }, { url: example })
            : formatMessage(
                { id: getTrad('settings.urlPattern.hint'), defaultMessage: 'Fields of the entry go in braces, such as {slug}.' },
                { slug: '{slug}' }
              )
        }
        value={value.urlPattern ?? ''}
        onChange={(urlPattern) => onChange({ ...value, urlPattern: urlPattern.trim() ? urlPattern : null })}
        error={errorFor(fieldErrors, path('urlPattern'))}
      />
      <Box>
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {formatMessage({ id: getTrad('settings.fields.heading'), defaultMessage: 'Fields used in posts' })}
        </Typography>
      </Box>
      <Grid.Root gap={4}>
        {(Object.keys(fieldChoices) as FieldKey[]).map((key) => (
          <Grid.Item key={key} col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name={path(`fields.${key}`)} error={errorFor(fieldErrors, path(`fields.${key}`))}>
              <Field.Label>{fieldLabels[key]}</Field.Label>
              <SingleSelect
                value={value.fields[key] ?? DETECT}
                onChange={(next) => onChange({ ...value, fields: { ...value.fields, [key]: next === DETECT ? null : String(next) } })}
              >
                <SingleSelectOption value={DETECT}>
                  {formatMessage(
                    { id: getTrad('settings.fields.detected'), defaultMessage: 'Detected: {name}' },
                    { name: info?.detected[key] ?? formatMessage({ id: getTrad('settings.fields.none'), defaultMessage: 'none' }) }
                  )}
                </SingleSelectOption>
                {fieldChoices[key].map((attribute) => (
                  <SingleSelectOption key={attribute.name} value={attribute.name}>
                    {attribute.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Error />
            </Field.Root>
          </Grid.Item>
        ))}
      </Grid.Root>
      <AutoShareFields
        value={value.autoShare}
        draftAndPublish={info?.draftAndPublish ?? false}
        accounts={accounts}
        pathPrefix={path('autoShare')}
        fieldErrors={fieldErrors}
        onChange={(autoShare) => onChange({ ...value, autoShare })}
      />
    </FormSection>
  );
};
