import { Badge, Box, Flex, TextButton } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { WatchSource } from '../../api/watch';
import { LongText } from '../../components/LongText';
import { getTrad } from '../../utils/getTrad';

interface SourceRailProps {
  sources: WatchSource[];
  selected: string | undefined;
  onSelect: (documentId: string | undefined) => void;
}

/** Every source with its unread count, as readers show their subscriptions. */
export const SourceRail = ({ sources, selected, onSelect }: SourceRailProps) => {
  const { formatMessage } = useIntl();
  const total = sources.reduce((sum, s) => sum + s.unread, 0);
  const row = (key: string, label: string, unread: number, active: boolean, onClick: () => void, failing = false) => (
    <Flex key={key} justifyContent="space-between" gap={2} padding={2} hasRadius background={active ? 'primary100' : undefined}>
      {/* A long name wraps on two lines at most, so the rail never widens its column. */}
      <TextButton onClick={onClick} aria-current={active ? 'true' : undefined} style={{ minWidth: 0, textAlign: 'left' }}>
        <LongText text={label} fontWeight={active ? 'bold' : undefined} textColor={failing ? 'danger600' : 'neutral800'} />
      </TextButton>
      {unread > 0 ? <Badge active={active}>{unread}</Badge> : null}
    </Flex>
  );
  return (
    <Box
      tag="nav"
      aria-label={formatMessage({ id: getTrad('watch.sources.rail'), defaultMessage: 'Sources' })}
      data-testid="watch-sources-rail"
    >
      {row('all', formatMessage({ id: getTrad('watch.sources.all'), defaultMessage: 'All sources' }), total, !selected, () =>
        onSelect(undefined)
      )}
      {sources.map((source) =>
        row(
          source.documentId,
          source.name,
          source.unread,
          selected === source.documentId,
          () => onSelect(source.documentId),
          source.status === 'failing'
        )
      )}
    </Box>
  );
};
