import * as React from 'react';
import { Box, Button, Flex, Grid, Link } from '@strapi/design-system';
import { ArrowLeft, Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { useSaveEditorialLine } from '../../api/editorialLines';
import { useApiError } from '../../utils/serverMessages';
import type { EditorialLine } from '../../api/types';
import { getTrad } from '../../utils/getTrad';
import { paths } from '../../utils/paths';
import { DeleteEditorialLineButton } from './DeleteEditorialLineButton';
import { EditorialLineFields, type SetField } from './form/EditorialLineFields';
import { validateValues } from './form/validate';
import { emptyValues, fieldErrorsForForm, inputFromValues, valuesFromLine, type EditorialLineFormValues } from './form/values';
import { LinterPanel } from './linter/LinterPanel';
import { UnsavedChangesGuard } from './UnsavedChangesGuard';

const FORM_ID = 'community-manager-editorial-line';

/** What the server would store for these values: two forms are "the same" when this is. */
const snapshot = (values: EditorialLineFormValues) => JSON.stringify(inputFromValues(values));

interface EditorialLineEditorProps {
  /** Absent for a new line. */
  line?: EditorialLine;
  /** The user may read editorial lines but not change them. */
  readOnly: boolean;
}

/** Creates (no `line`) or edits one editorial line; mounted afresh for each line. */
export const EditorialLineEditor = ({ line, readOnly }: EditorialLineEditorProps) => {
  const intl = useIntl();
  const readError = useApiError();
  const { formatMessage } = intl;
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const save = useSaveEditorialLine();

  const [values, setValues] = React.useState<EditorialLineFormValues>(() => (line ? valuesFromLine(line) : emptyValues()));
  const [saved, setSaved] = React.useState(() => snapshot(line ? valuesFromLine(line) : emptyValues()));
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({});
  const hasUnsavedChanges = snapshot(values) !== saved;
  // Set just before the editor navigates on its own (after creating or deleting the line).
  const [leaving, setLeaving] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (leaving) navigate(leaving, { replace: true });
  }, [leaving, navigate]);

  const setField: SetField = (key, value) => {
    setValues((current) => ({ ...current, [key]: value }));
    // The message was about the old value; keep the others until the next save.
    setFieldErrors((current) => {
      const prefix = key === 'requiredHashtags' ? 'hashtags.required' : key === 'suggestedHashtags' ? 'hashtags.suggested' : key;
      const next = Object.fromEntries(Object.entries(current).filter(([path]) => path !== prefix && !path.startsWith(`${prefix}.`)));
      return Object.keys(next).length === Object.keys(current).length ? current : next;
    });
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (readOnly || save.isPending) return;
    const clientErrors = validateValues(values, intl);
    if (Object.keys(clientErrors).length > 0) {
      setFieldErrors(clientErrors);
      toggleNotification({ type: 'danger', message: Object.values(clientErrors)[0] });
      return;
    }
    save.mutate(
      { documentId: line?.documentId, input: inputFromValues(values) },
      {
        onSuccess: (savedLine) => {
          setFieldErrors({});
          toggleNotification({
            type: 'success',
            message: formatMessage({ id: getTrad('editorialLine.saved'), defaultMessage: 'Editorial line saved.' }),
          });
          if (line) {
            // The server may have tidied values (trimmed names, hashtags without #): show what is stored.
            const stored = valuesFromLine(savedLine);
            setValues(stored);
            setSaved(snapshot(stored));
          } else {
            // Navigate once the guard knows the changes are saved, or it would ask to discard them.
            setLeaving(paths.editorialLine(savedLine.documentId));
          }
        },
        onError: (error) => {
          // The form keeps every value: the user fixes the named fields and saves again.
          const problem = readError(error);
          setFieldErrors(fieldErrorsForForm(problem.fieldErrors, values));
          toggleNotification({ type: 'danger', message: problem.message });
        },
      }
    );
  };

  const title = line ? line.name : formatMessage({ id: getTrad('editorialLine.newTitle'), defaultMessage: 'New editorial line' });

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <UnsavedChangesGuard when={hasUnsavedChanges && !readOnly && leaving === null} />
      <Box tag="form" id={FORM_ID} noValidate onSubmit={onSubmit}>
        <Layouts.Header
          title={title}
          subtitle={
            readOnly
              ? formatMessage({
                  id: getTrad('editorialLine.readOnly'),
                  defaultMessage: 'You can read this line but not change it.',
                })
              : formatMessage({
                  id: getTrad('editorialLine.editorSubtitle'),
                  defaultMessage: 'Who you speak to, how, about what, and the rules every post is checked against.',
                })
          }
          navigationAction={
            <Link tag={RouterLink} to={paths.editorialLines()} startIcon={<ArrowLeft />}>
              {formatMessage({ id: getTrad('editorialLine.back'), defaultMessage: 'Back' })}
            </Link>
          }
          primaryAction={
            readOnly ? null : (
              <Flex gap={2}>
                {line ? <DeleteEditorialLineButton line={line} onDeleted={() => setLeaving(paths.editorialLines())} /> : null}
                <Button type="submit" startIcon={<Check />} loading={save.isPending} disabled={line !== undefined && !hasUnsavedChanges}>
                  {formatMessage({ id: getTrad('editorialLine.save'), defaultMessage: 'Save' })}
                </Button>
              </Flex>
            )
          }
        />
        <Layouts.Content>
          <Grid.Root gap={6}>
            <Grid.Item col={line ? 8 : 12} s={12} direction="column" alignItems="stretch">
              <EditorialLineFields values={values} setField={setField} fieldErrors={fieldErrors} disabled={readOnly} />
            </Grid.Item>
            {line ? (
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                {/* Sticky: the sample post stays in view while the rules it is checked against are edited. */}
                <Box position="sticky" top={4}>
                  <LinterPanel editorialLineId={line.documentId} hasUnsavedChanges={hasUnsavedChanges} />
                </Box>
              </Grid.Item>
            ) : null}
          </Grid.Root>
        </Layouts.Content>
      </Box>
    </Page.Main>
  );
};
