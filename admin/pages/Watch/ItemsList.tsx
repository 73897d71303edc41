import { Badge, Box, Checkbox, Flex, Typography } from '@strapi/design-system';
import { Star } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { WatchItem } from '../../api/watch';
import { LONG_TEXT_STYLE, LongText } from '../../components/LongText';
import { RelativeTime } from '../../components/RelativeTime';
import { getTrad } from '../../utils/getTrad';

interface ItemsListProps {
  items: WatchItem[];
  selectedId: string | null;
  onSelect: (item: WatchItem) => void;
  checked: Set<string>;
  onCheck: ((documentId: string, checked: boolean) => void) | null;
}

/** The column of items: unread ones in bold, titles always as text. */
export const ItemsList = ({ items, selectedId, onSelect, checked, onCheck }: ItemsListProps) => {
  const { formatMessage } = useIntl();
  return (
    <Flex direction="column" alignItems="stretch" gap={1} tag="ul" data-testid="watch-items">
      {items.map((item) => (
        <Box
          tag="li"
          key={item.documentId}
          padding={3}
          hasRadius
          background={item.documentId === selectedId ? 'primary100' : 'neutral0'}
          borderColor={item.documentId === selectedId ? 'primary200' : 'neutral150'}
        >
          <Flex gap={2} alignItems="flex-start">
            {onCheck ? (
              <Checkbox
                aria-label={formatMessage({ id: getTrad('watch.list.select'), defaultMessage: 'Select “{title}”' }, { title: item.title })}
                checked={checked.has(item.documentId)}
                onCheckedChange={(value) => onCheck(item.documentId, value === true)}
              />
            ) : null}
            <Box flex="1" style={{ cursor: 'pointer', minWidth: 0 }} onClick={() => onSelect(item)}>
              <Typography
                tag="button"
                type="button"
                fontWeight={item.state === 'new' ? 'bold' : 'regular'}
                textAlign="left"
                style={{ ...LONG_TEXT_STYLE, background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
              >
                {item.title}
              </Typography>
              <Flex gap={2} wrap="wrap">
                <LongText text={item.source.name} lines={1} variant="pi" textColor="neutral600" />
                <RelativeTime date={item.publishedTime} />
                {item.state === 'starred' ? (
                  <Star aria-label={formatMessage({ id: getTrad('watch.state.starred'), defaultMessage: 'Starred' })} />
                ) : null}
                {item.state === 'curated' ? (
                  <Badge>{formatMessage({ id: getTrad('watch.state.curated'), defaultMessage: 'Curated' })}</Badge>
                ) : null}
                {item.alerted ? (
                  <Badge backgroundColor="danger100" textColor="danger700">
                    {formatMessage({ id: getTrad('watch.reader.alert'), defaultMessage: 'Alert' })}
                  </Badge>
                ) : null}
                {item.relevance > 0 ? (
                  <Badge
                    title={formatMessage({ id: getTrad('watch.list.relevanceHint'), defaultMessage: 'Relevance to your editorial line' })}
                  >
                    {formatMessage({ id: getTrad('watch.list.relevance'), defaultMessage: 'Relevance {score}' }, { score: item.relevance })}
                  </Badge>
                ) : null}
              </Flex>
            </Box>
          </Flex>
        </Box>
      ))}
    </Flex>
  );
};
