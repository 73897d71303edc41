import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "5 minutes ago" in the admin's language, with the exact date on hover. */
export const RelativeTime = ({ date, variant, textColor }: { date: string; variant?: 'pi' | 'omega'; textColor?: string }) => {
  const { formatRelativeTime, formatDate } = useIntl();
  const seconds = Math.round((new Date(date).getTime() - Date.now()) / 1000);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? UNITS[UNITS.length - 1];
  return (
    <Typography
      tag="time"
      variant={variant}
      textColor={textColor}
      dateTime={date}
      title={formatDate(date, { dateStyle: 'full', timeStyle: 'medium' })}
    >
      {formatRelativeTime(Math.round(seconds / size), unit, { numeric: 'auto' })}
    </Typography>
  );
};
