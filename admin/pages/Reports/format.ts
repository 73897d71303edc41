import * as React from 'react';
import { useIntl } from 'react-intl';
import { getTrad } from '../../utils/getTrad';
import { durationParts } from '../../../shared/reports/kpis';

/** The Reports page's words and numbers, shared by its parts. */

/** Every id of this page is under `reports.` (en.json and fr.json hold each one). */
const PREFIX = 'reports.';

export function useT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
      formatMessage({ id: getTrad(PREFIX + id), defaultMessage }, values),
    [formatMessage]
  );
}

export function useFormat() {
  const { formatNumber, formatDate } = useIntl();
  return {
    /** a duration in milliseconds, in minutes, hours or days as the admin's language writes them ("3,5 h") */
    duration: (ms: number | null | undefined) => {
      if (ms === null || ms === undefined) return '–';
      const { value, unit } = durationParts(ms);
      return formatNumber(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
    },
    num: (v: number | null | undefined, digits = 1) =>
      v === null || v === undefined ? '–' : formatNumber(v, { maximumFractionDigits: digits }),
    pct: (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${formatNumber(v, { maximumFractionDigits: 2 })} %`),
    signed: (v: number | null | undefined) =>
      v === null || v === undefined ? '–' : `${v > 0 ? '+' : ''}${formatNumber(v, { maximumFractionDigits: 1 })} %`,
    date: (iso: string) => formatDate(iso, { dateStyle: 'medium' }),
    /** a calendar day (YYYY-MM-DD) as it is, whatever the browser's zone: the server counted it in the editor's */
    day: (ymd: string) => formatDate(`${ymd}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }),
    shortDay: (ymd: string) => formatDate(`${ymd}T00:00:00Z`, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  };
}
