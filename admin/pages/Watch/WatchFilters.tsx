import { Checkbox, Flex, Searchbar, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import * as React from 'react';
import { useIntl } from 'react-intl';
import type { ItemsFilter, WatchSource } from '../../api/watch';
import { getTrad } from '../../utils/getTrad';

interface WatchFiltersProps {
  filter: ItemsFilter;
  sources: WatchSource[];
  onChange: (change: Partial<ItemsFilter>) => void;
}

const DAY = 24 * 3600_000;
const SINCE = { any: 0, day: DAY, week: 7 * DAY, month: 30 * DAY } as const;
type Since = keyof typeof SINCE;

/** Search, state, sort, tag, keyword and date: each change starts again from page 1. */
export const WatchFilters = ({ filter, sources, onChange }: WatchFiltersProps) => {
  const { formatMessage } = useIntl();
  const [search, setSearch] = React.useState(filter.q ?? '');
  const [since, setSince] = React.useState<Since>('any');
  const tags = [...new Set(sources.flatMap((s) => s.tags))].sort();
  const keywords = [...new Set(sources.flatMap((s) => s.keywords))].sort();
  const label = (id: string, defaultMessage: string) => formatMessage({ id, defaultMessage });

  return (
    <Flex gap={2} wrap="wrap" alignItems="center">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: search.trim() || undefined });
        }}
      >
        <Searchbar
          name="q"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onClear={() => {
            setSearch('');
            onChange({ q: undefined });
          }}
          clearLabel={label(getTrad('watch.filters.clear'), 'Clear the search')}
          placeholder={label(getTrad('watch.filters.search'), 'Search titles and text')}
        >
          {label(getTrad('watch.filters.search'), 'Search titles and text')}
        </Searchbar>
      </form>
      <SingleSelect
        aria-label={label(getTrad('watch.filters.state'), 'Which items')}
        value={filter.state ?? 'inbox'}
        onChange={(value) => onChange({ state: value === 'inbox' ? undefined : (value as ItemsFilter['state']) })}
      >
        <SingleSelectOption value="inbox">{label(getTrad('watch.filters.inbox'), 'All but archived')}</SingleSelectOption>
        <SingleSelectOption value="unread">{label(getTrad('watch.filters.unread'), 'Unread')}</SingleSelectOption>
        <SingleSelectOption value="starred">{label(getTrad('watch.state.starred'), 'Starred')}</SingleSelectOption>
        <SingleSelectOption value="curated">{label(getTrad('watch.state.curated'), 'Curated')}</SingleSelectOption>
        <SingleSelectOption value="archived">{label(getTrad('watch.state.archived'), 'Archived')}</SingleSelectOption>
        <SingleSelectOption value="all">{label(getTrad('watch.filters.all'), 'Everything')}</SingleSelectOption>
      </SingleSelect>
      <SingleSelect
        aria-label={label(getTrad('watch.filters.sort'), 'Order')}
        value={filter.sort}
        onChange={(value) => onChange({ sort: value as ItemsFilter['sort'] })}
      >
        <SingleSelectOption value="newest">{label(getTrad('watch.filters.newest'), 'Newest first')}</SingleSelectOption>
        <SingleSelectOption value="relevant">{label(getTrad('watch.filters.relevant'), 'Most relevant first')}</SingleSelectOption>
      </SingleSelect>
      <SingleSelect
        aria-label={label(getTrad('watch.filters.since'), 'Published')}
        value={since}
        onChange={(value) => {
          const key = value as Since;
          setSince(key);
          onChange({ from: SINCE[key] ? new Date(Date.now() - SINCE[key]).toISOString() : undefined });
        }}
      >
        <SingleSelectOption value="any">{label(getTrad('watch.filters.anyTime'), 'Any time')}</SingleSelectOption>
        <SingleSelectOption value="day">{label(getTrad('watch.filters.day'), 'Last 24 hours')}</SingleSelectOption>
        <SingleSelectOption value="week">{label(getTrad('watch.filters.week'), 'Last 7 days')}</SingleSelectOption>
        <SingleSelectOption value="month">{label(getTrad('watch.filters.month'), 'Last 30 days')}</SingleSelectOption>
      </SingleSelect>
      {tags.length ? (
        <SingleSelect
          aria-label={label(getTrad('watch.filters.tag'), 'Tag')}
          value={filter.tag ?? ''}
          onChange={(value) => onChange({ tag: String(value) || undefined })}
        >
          <SingleSelectOption value="">{label(getTrad('watch.filters.anyTag'), 'Any tag')}</SingleSelectOption>
          {tags.map((tag) => (
            <SingleSelectOption key={tag} value={tag}>
              {tag}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      ) : null}
      {keywords.length ? (
        <SingleSelect
          aria-label={label(getTrad('watch.filters.keyword'), 'Keyword')}
          value={filter.keyword ?? ''}
          onChange={(value) => onChange({ keyword: String(value) || undefined })}
        >
          <SingleSelectOption value="">{label(getTrad('watch.filters.anyKeyword'), 'Any keyword')}</SingleSelectOption>
          {keywords.map((keyword) => (
            <SingleSelectOption key={keyword} value={keyword}>
              {keyword}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      ) : null}
      <Checkbox checked={filter.alerted === 'true'} onCheckedChange={(value) => onChange({ alerted: value === true ? 'true' : undefined })}>
        {label(getTrad('watch.filters.alerted'), 'Alerts only')}
      </Checkbox>
    </Flex>
  );
};
