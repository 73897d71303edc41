import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Network } from '../../api/types';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { NO_PILLAR } from './messages';
import { NETWORK_COLORS, pillarColor, type ColorBy } from './palette';

interface Props {
  colorBy: ColorBy;
  pillars: Array<string | null>;
  networks: Network[];
  lineColors: ReadonlyMap<string, string>;
}

/** What each colour of the grid means. */
export const Legend = ({ colorBy, pillars, networks, lineColors }: Props) => {
  const { formatMessage } = useIntl();
  const items =
    colorBy === 'network'
      ? networks.map((n) => ({ key: n, label: formatMessage(NETWORK_LABELS[n]), color: NETWORK_COLORS[n] }))
      : pillars.map((p) => ({ key: p ?? '', label: p ?? formatMessage(NO_PILLAR), color: pillarColor(p, lineColors) }));
  if (!items.length) return null;
  return (
    <Flex
      gap={3}
      wrap="wrap"
      aria-label={formatMessage({ id: getTrad('calendar.legend'), defaultMessage: 'Legend' })}
      tag="ul"
      data-testid="calendar-legend"
    >
      {items.map((item) => (
        <Flex key={item.key} gap={1} tag="li" alignItems="center">
          <Box width="1.2rem" height="1.2rem" hasRadius style={{ backgroundColor: item.color }} aria-hidden />
          <Typography variant="pi">{item.label}</Typography>
        </Flex>
      ))}
    </Flex>
  );
};
