import { Button, Flex, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { POST_STATUSES } from '../../../shared/planning/workflow';
import type { CalendarFilters as Filters } from '../../api/calendar';
import { NETWORKS, type SocialAccount } from '../../api/types';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { STATUS_LABELS } from './messages';
import type { ColorBy } from './palette';

interface Props {
  filters: Filters;
  accounts: SocialAccount[];
  pillars: string[];
  campaigns: string[];
  colorBy: ColorBy;
  activeFilters: number;
  onChange: (changes: Partial<Record<keyof Filters | 'colorBy', string[] | string>>) => void;
  onClear: () => void;
}

/** Filters and colouring above the grid; every choice goes into the address. */
export const CalendarFilters = ({ filters, accounts, pillars, campaigns, colorBy, activeFilters, onChange, onClear }: Props) => {
  const { formatMessage } = useIntl();
  const select = (key: keyof Filters, label: string, options: Array<{ value: string; label: string }>) => (
    <MultiSelect
      aria-label={label}
      placeholder={label}
      size="S"
      withTags={false}
      value={filters[key]}
      onChange={(value: string[]) => onChange({ [key]: value })}
      customizeContent={(values?: string[]) => (values?.length ? `${label} (${values.length})` : label)}
    >
      {options.map((option) => (
        <MultiSelectOption key={option.value} value={option.value}>
          {option.label}
        </MultiSelectOption>
      ))}
    </MultiSelect>
  );
  // Values from a shared link stay selectable even when this period has none of them.
  const withSelected = (values: string[], selected: string[]) => [...new Set([...values, ...selected])].sort((a, b) => a.localeCompare(b));

  return (
    <Flex gap={2} wrap="wrap" alignItems="center">
      {select(
        'accountIds',
        formatMessage({ id: getTrad('calendar.filters.accounts'), defaultMessage: 'Accounts' }),
        accounts.map((a) => ({ value: a.documentId, label: a.name }))
      )}
      {select(
        'networks',
        formatMessage({ id: getTrad('calendar.filters.networks'), defaultMessage: 'Networks' }),
        NETWORKS.map((n) => ({ value: n, label: formatMessage(NETWORK_LABELS[n]) }))
      )}
      {select(
        'pillars',
        formatMessage({ id: getTrad('calendar.filters.pillars'), defaultMessage: 'Pillars' }),
        withSelected(pillars, filters.pillars).map((p) => ({ value: p, label: p }))
      )}
      {select(
        'campaigns',
        formatMessage({ id: getTrad('calendar.filters.campaigns'), defaultMessage: 'Campaigns' }),
        withSelected(campaigns, filters.campaigns).map((c) => ({ value: c, label: c }))
      )}
      {select(
        'statuses',
        formatMessage({ id: getTrad('calendar.filters.statuses'), defaultMessage: 'Statuses' }),
        POST_STATUSES.map((s) => ({ value: s, label: formatMessage(STATUS_LABELS[s]) }))
      )}
      {activeFilters > 0 ? (
        <Button variant="tertiary" size="S" onClick={onClear}>
          {formatMessage({ id: getTrad('calendar.filters.clear'), defaultMessage: 'Clear filters' })}
        </Button>
      ) : null}
      <SingleSelect
        aria-label={formatMessage({ id: getTrad('calendar.colorBy.label'), defaultMessage: 'Colour by' })}
        size="S"
        value={colorBy}
        onChange={(value: string | number) => onChange({ colorBy: String(value) })}
      >
        <SingleSelectOption value="pillar">
          {formatMessage({ id: getTrad('calendar.colorBy.pillar'), defaultMessage: 'Colour by pillar' })}
        </SingleSelectOption>
        <SingleSelectOption value="network">
          {formatMessage({ id: getTrad('calendar.colorBy.network'), defaultMessage: 'Colour by network' })}
        </SingleSelectOption>
      </SingleSelect>
    </Flex>
  );
};
