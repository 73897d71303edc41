import * as React from 'react';
import { Field, Flex, Loader, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useApiError } from '../../../utils/serverMessages';
import { useLint } from '../../../api/editorialLines';
import type { Network } from '../../../api/types';
import { FormSection } from '../../../components/FormSection';
import { LINTABLE_NETWORKS, NETWORK_LABELS } from '../../../networks';
import { MAX_POST_TEXT } from '../../../../shared/linter';
import { getTrad } from '../../../utils/getTrad';
import { LintResultView } from './LintResultView';

/** Long enough not to call the server on every keystroke, short enough to feel live. */
const LINT_DELAY_MS = 300;

interface LinterPanelProps {
  editorialLineId: string;
  /** The form holds changes the server (and so the linter) does not know yet. */
  hasUnsavedChanges: boolean;
}

/** "Try the linter": a sample post checked live against the saved line and a network's limits. */
export const LinterPanel = ({ editorialLineId, hasUnsavedChanges }: LinterPanelProps) => {
  const { formatMessage, formatNumber } = useIntl();
  const readError = useApiError();
  const [text, setText] = React.useState('');
  const [network, setNetwork] = React.useState<Network>(LINTABLE_NETWORKS[0]);
  const debouncedText = useDebounce(text, LINT_DELAY_MS);
  // The server refuses longer texts before counting them; say so here, in the user's language, without asking.
  const tooLong = text.length > MAX_POST_TEXT;
  const lint = useLint(
    debouncedText.trim() === '' || debouncedText.length > MAX_POST_TEXT ? null : { text: debouncedText, network, editorialLineId }
  );
  const showResult = text.trim() !== '' && !tooLong && lint.data !== undefined;

  return (
    <FormSection
      title={formatMessage({ id: getTrad('lint.title'), defaultMessage: 'Try the linter' })}
      description={formatMessage({
        id: getTrad('lint.description'),
        defaultMessage: 'Type a post to see how it measures up against this line and the network’s limits.',
      })}
      data-testid="linter"
    >
      <Field.Root name="lint.network">
        <Field.Label>{formatMessage({ id: getTrad('lint.network'), defaultMessage: 'Network' })}</Field.Label>
        <SingleSelect value={network} onChange={(value) => setNetwork(String(value) as Network)}>
          {LINTABLE_NETWORKS.map((item) => (
            <SingleSelectOption key={item} value={item}>
              {formatMessage(NETWORK_LABELS[item])}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root
        name="lint.text"
        error={
          tooLong
            ? formatMessage(
                { id: getTrad('lint.tooLong'), defaultMessage: 'At most {max} characters: this text has {count}.' },
                { max: formatNumber(MAX_POST_TEXT), count: formatNumber(text.length) }
              )
            : undefined
        }
        hint={
          hasUnsavedChanges
            ? formatMessage({
                id: getTrad('lint.unsavedHint'),
                defaultMessage: 'The linter uses the saved version of this line: save to check against your latest changes.',
              })
            : undefined
        }
      >
        <Field.Label>{formatMessage({ id: getTrad('lint.text'), defaultMessage: 'Sample post' })}</Field.Label>
        <Textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={formatMessage({ id: getTrad('lint.placeholder'), defaultMessage: 'Write or paste a post…' })}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      <Flex direction="column" alignItems="stretch" gap={2} aria-live="polite">
        {lint.isFetching && !showResult ? (
          <Loader small>{formatMessage({ id: getTrad('lint.checking'), defaultMessage: 'Checking…' })}</Loader>
        ) : null}
        {lint.isError && !tooLong ? (
          <Typography variant="pi" textColor="danger600">
            {formatMessage(
              { id: getTrad('lint.failed'), defaultMessage: 'The post could not be checked: {reason}' },
              { reason: readError(lint.error).message }
            )}
          </Typography>
        ) : null}
        {showResult && lint.data ? <LintResultView result={lint.data} /> : null}
      </Flex>
    </FormSection>
  );
};
