import { Box, Button, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { errorFor } from '../../../api/errors';
import { TextField } from '../../../components/TextField';
import { getTrad } from '../../../utils/getTrad';
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
  const update = (key: string, patch: Partial<PersonaRow>) =>
    onChange(personas.map((persona) => (persona.key === key ? { ...persona, ...patch } : persona)));

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="omega" fontWeight="bold" tag="h3">
        {formatMessage({ id: getTrad('editorialLine.personas.title'), defaultMessage: 'Personas' })}
      </Typography>
      {personas.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({
            id: getTrad('editorialLine.personas.empty'),
            defaultMessage: 'No persona yet. A persona is a typical reader: give them a name and say what they expect from you.',
          })}
        </Typography>
      ) : null}
      {personas.map((persona, index) => (
        <Box key={persona.key} padding={4} hasRadius borderColor="neutral200" data-testid={`persona-row-${index}`}>
          <Grid.Root gap={4}>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <TextField
                name={`personas.${index}.name`}
                label={formatMessage({ id: getTrad('editorialLine.personas.name'), defaultMessage: 'Persona name' })}
                value={persona.name}
                onChange={(name) => update(persona.key, { name })}
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
                onChange={(description) => update(persona.key, { description })}
                error={errorFor(fieldErrors, `personas.${index}.description`)}
                multiline
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={1} s={2} justifyContent="flex-end" alignItems="flex-start">
              <IconButton
                label={formatMessage(
                  { id: getTrad('editorialLine.personas.remove'), defaultMessage: 'Remove persona {number}' },
                  { number: index + 1 }
                )}
                variant="ghost"
                onClick={() => onChange(personas.filter((item) => item.key !== persona.key))}
                disabled={disabled}
              >
                <Trash />
              </IconButton>
            </Grid.Item>
          </Grid.Root>
        </Box>
      ))}
      {disabled ? null : (
        <Box>
          <Button
            variant="secondary"
            startIcon={<Plus />}
            onClick={() => onChange([...personas, emptyPersona()])}
            disabled={personas.length >= MAX_PERSONAS}
          >
            {formatMessage({ id: getTrad('editorialLine.personas.add'), defaultMessage: 'Add a persona' })}
          </Button>
        </Box>
      )}
    </Flex>
  );
};
