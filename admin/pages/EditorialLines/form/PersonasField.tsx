import { Grid, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { errorFor } from '../../../api/errors';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';
import { RepeatableRows } from './RepeatableRows';
import { emptyPersona, type PersonaRow } from './values';

const MAX_PERSONAS = 20;

interface PersonasFieldProps {
  personas: PersonaRow[];
  onChange: (personas: PersonaRow[]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** The people the line speaks to, each with a name and a few words on what they need. */
export const PersonasField = ({ personas, onChange, fieldErrors, disabled }: PersonasFieldProps) => {
  const { formatMessage } = useIntl();
  return (
    <RepeatableRows
      rows={personas}
      onChange={onChange}
      disabled={disabled}
      max={MAX_PERSONAS}
      newRow={emptyPersona}
      header={
        <Typography variant="omega" fontWeight="bold" tag="h3">
          {formatMessage({ id: getTrad('editorialLine.personas.title'), defaultMessage: 'Personas' })}
        </Typography>
      }
      empty={formatMessage({
        id: getTrad('editorialLine.personas.empty'),
        defaultMessage: 'No persona yet. A persona is a typical reader: give them a name and say what they expect from you.',
      })}
      addLabel={formatMessage({ id: getTrad('editorialLine.personas.add'), defaultMessage: 'Add a persona' })}
      removeLabel={(number) =>
        formatMessage({ id: getTrad('editorialLine.personas.remove'), defaultMessage: 'Remove persona {number}' }, { number })
      }
      rowTestId="persona-row"
      removeCol={{ col: 1, s: 2 }}
      fields={(persona, index, update) => (
        <>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <TextField
              name={`personas.${index}.name`}
              label={formatMessage({ id: getTrad('editorialLine.personas.name'), defaultMessage: 'Persona name' })}
              value={persona.name}
              onChange={(name) => update({ name })}
              error={errorFor(fieldErrors, `personas.${index}.name`)}
              required
              disabled={disabled}
            />
          </Grid.Item>
          <Grid.Item col={7} s={10} direction="column" alignItems="stretch">
            <TextField
              name={`personas.${index}.description`}
              label={formatMessage({ id: getTrad('editorialLine.personas.description'), defaultMessage: 'Who they are, what they need' })}
              value={persona.description}
              onChange={(description) => update({ description })}
              error={errorFor(fieldErrors, `personas.${index}.description`)}
              multiline
              disabled={disabled}
            />
          </Grid.Item>
        </>
      )}
    />
  );
};
