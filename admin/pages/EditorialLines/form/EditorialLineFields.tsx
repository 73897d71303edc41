import { Flex } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { errorFor } from '../../../api/errors';
import { FormSection } from '../../../components/FormSection';
import { TagInput } from '../../../components/TagInput';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';
import { FrequencyTargetsField } from './FrequencyTargetsField';
import { KpiTargetsField } from './KpiTargetsField';
import { CampaignTargetsField } from './CampaignTargetsField';
import { PersonasField } from './PersonasField';
import { PillarsField } from './PillarsField';
import { bannedWordProblem, hashtagProblem, languageLabel, languageProblem, normalizeHashtag, normalizeLanguage } from './tagRules';
import type { EditorialLineFormValues } from './values';

export type SetField = <K extends keyof EditorialLineFormValues>(key: K, value: EditorialLineFormValues[K]) => void;

interface EditorialLineFieldsProps {
  values: EditorialLineFormValues;
  setField: SetField;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

const WORD_SEPARATOR = /[\s,]+/;

/** Every field of an editorial line, grouped the way a brand book is written. */
export const EditorialLineFields = ({ values, setField, fieldErrors, disabled }: EditorialLineFieldsProps) => {
  const intl = useIntl();
  const { formatMessage } = intl;
  const hashtag = (tag: string) => `#${tag}`;
  const removeTag = (tag: string) => formatMessage({ id: getTrad('editorialLine.tags.remove'), defaultMessage: 'Remove {tag}' }, { tag });

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <FormSection title={formatMessage({ id: getTrad('editorialLine.sections.general'), defaultMessage: 'General' })}>
        <TextField
          name="name"
          label={formatMessage({ id: getTrad('editorialLine.name'), defaultMessage: 'Name' })}
          hint={formatMessage({
            id: getTrad('editorialLine.nameHint'),
            defaultMessage: 'Usually the brand or product the line speaks for.',
          })}
          value={values.name}
          onChange={(value) => setField('name', value)}
          error={fieldErrors.name}
          required
          disabled={disabled}
        />
        <TextField
          name="description"
          label={formatMessage({ id: getTrad('editorialLine.description'), defaultMessage: 'Description' })}
          value={values.description}
          onChange={(value) => setField('description', value)}
          error={fieldErrors.description}
          multiline
          disabled={disabled}
        />
      </FormSection>

      <FormSection
        title={formatMessage({ id: getTrad('editorialLine.sections.audience'), defaultMessage: 'Audience' })}
        description={formatMessage({
          id: getTrad('editorialLine.sections.audienceDescription'),
          defaultMessage: 'Who reads you and what they come for.',
        })}
      >
        <TextField
          name="audience"
          label={formatMessage({ id: getTrad('editorialLine.audience'), defaultMessage: 'Audience description' })}
          value={values.audience}
          onChange={(value) => setField('audience', value)}
          error={fieldErrors.audience}
          multiline
          disabled={disabled}
        />
        <PersonasField
          personas={values.personas}
          onChange={(personas) => setField('personas', personas)}
          fieldErrors={fieldErrors}
          disabled={disabled}
        />
      </FormSection>

      <FormSection
        title={formatMessage({ id: getTrad('editorialLine.sections.voice'), defaultMessage: 'Voice' })}
        description={formatMessage({
          id: getTrad('editorialLine.sections.voiceDescription'),
          defaultMessage: 'How the line sounds, so that every writer sounds the same.',
        })}
      >
        <TextField
          name="tone"
          label={formatMessage({ id: getTrad('editorialLine.tone'), defaultMessage: 'Tone' })}
          hint={formatMessage({
            id: getTrad('editorialLine.toneHint'),
            defaultMessage: 'For example: warm and expert, never condescending; humour welcome, irony avoided.',
          })}
          value={values.tone}
          onChange={(value) => setField('tone', value)}
          error={fieldErrors.tone}
          multiline
          disabled={disabled}
        />
        <TextField
          name="guidelines"
          label={formatMessage({ id: getTrad('editorialLine.guidelines'), defaultMessage: 'Guidelines' })}
          hint={formatMessage({
            id: getTrad('editorialLine.guidelinesHint'),
            defaultMessage: 'Dos and don’ts, formats, emoji and mention policy, how to answer criticism.',
          })}
          value={values.guidelines}
          onChange={(value) => setField('guidelines', value)}
          error={fieldErrors.guidelines}
          multiline
          disabled={disabled}
        />
      </FormSection>

      <FormSection
        title={formatMessage({ id: getTrad('editorialLine.sections.pillars'), defaultMessage: 'Content pillars' })}
        description={formatMessage({
          id: getTrad('editorialLine.sections.pillarsDescription'),
          defaultMessage: 'The themes you post about and the share of posts each should take.',
        })}
      >
        <PillarsField
          pillars={values.pillars}
          onChange={(pillars) => setField('pillars', pillars)}
          fieldErrors={fieldErrors}
          disabled={disabled}
        />
      </FormSection>

      <FormSection
        title={formatMessage({ id: getTrad('editorialLine.sections.rules'), defaultMessage: 'Hashtags and words' })}
        description={formatMessage({
          id: getTrad('editorialLine.sections.rulesDescription'),
          defaultMessage: 'The linter checks every post against these. Type a value and press Enter to add it.',
        })}
      >
        <TagInput
          name="hashtags.required"
          label={formatMessage({ id: getTrad('editorialLine.requiredHashtags'), defaultMessage: 'Required hashtags' })}
          hint={formatMessage({ id: getTrad('editorialLine.requiredHashtagsHint'), defaultMessage: 'Every post must carry them.' })}
          values={values.requiredHashtags}
          onChange={(tags) => setField('requiredHashtags', tags)}
          error={errorFor(fieldErrors, 'hashtags.required')}
          separator={WORD_SEPARATOR}
          normalize={normalizeHashtag}
          validate={hashtagProblem(intl)}
          display={hashtag}
          removeLabel={(tag) => removeTag(hashtag(tag))}
          placeholder="#strapi"
          disabled={disabled}
        />
        <TagInput
          name="hashtags.suggested"
          label={formatMessage({ id: getTrad('editorialLine.suggestedHashtags'), defaultMessage: 'Suggested hashtags' })}
          hint={formatMessage({
            id: getTrad('editorialLine.suggestedHashtagsHint'),
            defaultMessage: 'Offered to the writer when a post uses none of them.',
          })}
          values={values.suggestedHashtags}
          onChange={(tags) => setField('suggestedHashtags', tags)}
          error={errorFor(fieldErrors, 'hashtags.suggested') ?? fieldErrors.hashtags}
          separator={WORD_SEPARATOR}
          normalize={normalizeHashtag}
          validate={hashtagProblem(intl)}
          display={hashtag}
          removeLabel={(tag) => removeTag(hashtag(tag))}
          disabled={disabled}
        />
        <TagInput
          name="bannedWords"
          label={formatMessage({ id: getTrad('editorialLine.bannedWords'), defaultMessage: 'Banned words' })}
          hint={formatMessage({
            id: getTrad('editorialLine.bannedWordsHint'),
            defaultMessage:
              'Words or phrases a post must never contain, whatever their case or accents. Separate them with Enter or commas.',
          })}
          values={values.bannedWords}
          onChange={(words) => setField('bannedWords', words)}
          error={errorFor(fieldErrors, 'bannedWords')}
          validate={bannedWordProblem(intl)}
          removeLabel={removeTag}
          disabled={disabled}
        />
      </FormSection>

      <FormSection
        title={formatMessage({ id: getTrad('editorialLine.sections.languages'), defaultMessage: 'Languages' })}
        description={formatMessage({
          id: getTrad('editorialLine.sections.languagesDescription'),
          defaultMessage: 'The languages the line publishes in.',
        })}
      >
        <TagInput
          name="languages"
          label={formatMessage({ id: getTrad('editorialLine.languages'), defaultMessage: 'Publishing languages' })}
          hint={formatMessage({ id: getTrad('editorialLine.languagesHint'), defaultMessage: 'Language codes such as en, fr or fr-CA.' })}
          values={values.languages}
          onChange={(languages) => setField('languages', languages)}
          error={errorFor(fieldErrors, 'languages')}
          separator={WORD_SEPARATOR}
          normalize={normalizeLanguage}
          validate={languageProblem(intl)}
          display={(code) => languageLabel(code, intl.locale)}
          removeLabel={(code) => removeTag(languageLabel(code, intl.locale))}
          placeholder="en, fr"
          disabled={disabled}
        />
      </FormSection>

      <FormSection
        title={formatMessage({ id: getTrad('editorialLine.sections.frequency'), defaultMessage: 'Posting frequency' })}
        description={formatMessage({
          id: getTrad('editorialLine.sections.frequencyDescription'),
          defaultMessage: 'Posts per week you aim for on each network. Leave a network blank for no target.',
        })}
      >
        <FrequencyTargetsField
          frequency={values.frequency}
          onChange={(frequency) => setField('frequency', frequency)}
          fieldErrors={fieldErrors}
          disabled={disabled}
        />
      </FormSection>

      <FormSection
        title={formatMessage({ id: getTrad('editorialLine.sections.kpiTargets'), defaultMessage: 'KPI targets' })}
        description={formatMessage({
          id: getTrad('editorialLine.sections.kpiTargetsDescription'),
          defaultMessage:
            'What the Reports page measures each period against. Leave a field blank for no target; a growth a month is prorated over the period read.',
        })}
      >
        <KpiTargetsField
          targets={values.kpiTargets}
          onChange={(kpiTargets) => setField('kpiTargets', kpiTargets)}
          fieldErrors={fieldErrors}
          disabled={disabled}
        />
      </FormSection>

      <FormSection
        title={formatMessage({ id: getTrad('editorialLine.sections.campaignTargets'), defaultMessage: 'Campaign targets' })}
        description={formatMessage({
          id: getTrad('editorialLine.sections.campaignTargetsDescription'),
          defaultMessage: 'What each campaign should reach; the Reports page’s campaign comparison measures it.',
        })}
      >
        <CampaignTargetsField
          targets={values.campaignTargets}
          onChange={(campaignTargets) => setField('campaignTargets', campaignTargets)}
          fieldErrors={fieldErrors}
          disabled={disabled}
        />
      </FormSection>
    </Flex>
  );
};
