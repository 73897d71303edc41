import type { IntlShape } from 'react-intl';
import { getTrad } from '../../../utils/getTrad';
import { MAX_PILLAR_TOTAL, pillarTotal, type EditorialLineFormValues } from './values';

/**
 * The checks worth doing before a round trip, in the user's language. The server
 * checks everything again; its answer is shown the same way.
 */
export function validateValues(values: EditorialLineFormValues, intl: IntlShape): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.name.trim() === '') {
    errors.name = intl.formatMessage({ id: getTrad('editorialLine.errors.nameRequired'), defaultMessage: 'Give the line a name.' });
  }
  values.personas.forEach((persona, index) => {
    if (persona.name.trim() === '') {
      errors[`personas.${index}.name`] = intl.formatMessage({
        id: getTrad('editorialLine.errors.personaNameRequired'),
        defaultMessage: 'A persona needs a name.',
      });
    }
  });
  values.pillars.forEach((pillar, index) => {
    if (pillar.name.trim() === '') {
      errors[`pillars.${index}.name`] = intl.formatMessage({
        id: getTrad('editorialLine.errors.pillarNameRequired'),
        defaultMessage: 'A pillar needs a name.',
      });
    }
    if (pillar.color.trim() !== '' && !/^#[0-9a-fA-F]{6}$/.test(pillar.color.trim())) {
      errors[`pillars.${index}.color`] = intl.formatMessage({
        id: getTrad('editorialLine.errors.pillarColor'),
        defaultMessage: 'A colour looks like #1a2b3c.',
      });
    }
  });
  const total = pillarTotal(values.pillars);
  if (total > MAX_PILLAR_TOTAL) {
    errors.pillars = intl.formatMessage(
      {
        id: getTrad('editorialLine.errors.pillarTotal'),
        defaultMessage: 'The target shares add up to {total}%, more than 100%.',
      },
      { total: intl.formatNumber(total, { maximumFractionDigits: 1 }) }
    );
  }
  return errors;
}
