import * as React from 'react';
import { Box } from '@strapi/design-system';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from 'styled-components';
import { useFormat } from './format';

/**
 * The Reports page's charts, drawn with recharts (docs/decisions.md, "Charts
 * with recharts"). This is the one module that imports it, and only the
 * Reports page's own files import this one, so the library is in the page's
 * lazy chunks and nowhere else (eslint.config.js forbids it elsewhere).
 *
 * Each chart sits in a wrapper that is one image with a name for a screen
 * reader (recharts' keyboard layer is off: the tables under each chart hold
 * the same figures and are the accessible reading). Colours and sizes are the
 * design system theme's, the text is the page's own font (inherited), and
 * every number a tooltip or an axis shows is formatted in the admin's locale.
 */

type Theme = ReturnType<typeof useTheme>;

const axisTick = (theme: Theme) => ({ fill: theme.colors.neutral600, fontSize: theme.fontSizes[1] });
const tooltipStyle = (theme: Theme) => ({
  contentStyle: {
    background: theme.colors.neutral0,
    border: `1px solid ${theme.colors.neutral150}`,
    borderRadius: theme.borderRadius,
    fontSize: theme.fontSizes[1],
  },
  labelStyle: { color: theme.colors.neutral800, fontWeight: theme.fontWeights.bold },
  separator: ': ',
  cursor: { fill: theme.colors.neutral150, stroke: theme.colors.neutral300 },
});
/** Tooltip and legend list the series in the chart's order (recharts sorts them by name unless told). */
const inOrderOf = (keys: string[]) => (item: { dataKey?: unknown }) => keys.indexOf(String(item.dataKey));
const legendText = (theme: Theme) => (value: string) => (
  <span style={{ color: theme.colors.neutral600, fontSize: theme.fontSizes[1] }}>{value}</span>
);

/** A line chart's lines: one value per point of the x axis, null where there is none. */
export type Series = { id: string; label: string; values: Array<number | null> };
/** The rows recharts draws from: one per point of the x axis (`key`), each series' value under its id. */
const rowsOf = (key: string, xs: string[], series: Series[]) =>
  xs.map((x, i) => ({ [key]: x, ...Object.fromEntries(series.map((s) => [s.id, s.values[i]])) }));
/** A y axis of counts (engagements, followers), in whole numbers of the admin's locale. */
const countAxis = (theme: Theme, f: ReturnType<typeof useFormat>, width: number) => ({
  allowDecimals: false,
  width,
  tickFormatter: (v: number) => f.num(v, 0),
  tick: axisTick(theme),
  stroke: theme.colors.neutral300,
});

const Figure = ({ label, testId, height, children }: { label: string; testId: string; height: number; children: React.ReactElement }) => (
  <Box role="img" aria-label={label} data-testid={testId} width="100%" style={{ fontFamily: 'inherit' }}>
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  </Box>
);

export type PillarBar = { label: string; share: number; targetShare: number | null };

/** Actual against target share per pillar: two horizontal bars a pillar, on a 0–100 % scale. */
export const PillarChart = ({
  pillars,
  label,
  names,
}: {
  pillars: PillarBar[];
  label: string;
  names: { share: string; target: string };
}) => {
  const theme = useTheme();
  const f = useFormat();
  const data = pillars.map((p) => ({ label: p.label.slice(0, 22), share: p.share, target: p.targetShare }));
  return (
    <Figure label={label} testId="pillar-chart" height={Math.max(120, pillars.length * 44 + 50)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }} barGap={2} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={theme.colors.neutral150} />
        <XAxis
          type="number"
          domain={[0, 100]}
          tickFormatter={(v: number) => f.pct(v)}
          tick={axisTick(theme)}
          stroke={theme.colors.neutral300}
        />
        <YAxis type="category" dataKey="label" width={150} tick={axisTick(theme)} stroke={theme.colors.neutral300} />
        <Tooltip
          {...tooltipStyle(theme)}
          itemSorter={inOrderOf(['share', 'target'])}
          formatter={(value) => f.pct(typeof value === 'number' ? value : null)}
        />
        <Bar dataKey="share" name={names.share} fill={theme.colors.primary600} radius={2} barSize={12} />
        <Bar dataKey="target" name={names.target} fill={theme.colors.neutral300} radius={2} barSize={8} />
      </BarChart>
    </Figure>
  );
};

/**
 * A post's readings as lines: the first series (engagements) bold in the
 * primary colour, the others thin beside it. The readings stand at equal
 * steps labelled with their age (`ages`): the ages run from an hour to a
 * month, which a time scale would crush.
 */
export const ReadingsChart = ({ ages, series, label }: { ages: string[]; series: Series[]; label: string }) => {
  const theme = useTheme();
  const f = useFormat();
  const colours = [theme.colors.success500, theme.colors.warning500, theme.colors.danger500, theme.colors.secondary500];
  const data = rowsOf('age', ages, series);
  return (
    <Figure label={label} testId="post-readings-chart" height={230}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={theme.colors.neutral150} />
        <XAxis dataKey="age" tick={axisTick(theme)} stroke={theme.colors.neutral300} />
        <YAxis {...countAxis(theme, f, 48)} />
        <Tooltip
          {...tooltipStyle(theme)}
          itemSorter={inOrderOf(series.map((s) => s.id))}
          formatter={(value) => f.num(typeof value === 'number' ? value : null, 0)}
        />
        <Legend formatter={legendText(theme)} iconType="plainline" itemSorter={inOrderOf(series.map((s) => s.id))} />
        {series.map((s, i) => (
          <Line
            key={s.id}
            dataKey={s.id}
            name={s.label}
            type="linear"
            connectNulls
            stroke={i === 0 ? theme.colors.primary600 : colours[(i - 1) % colours.length]}
            strokeWidth={i === 0 ? 3 : 1.5}
            dot={{ r: i === 0 ? 4 : 3 }}
          />
        ))}
      </LineChart>
    </Figure>
  );
};

/**
 * Followers over the period, one line per account (docs/reports.md,
 * "Follower growth"): a point a day (or a week), a day without a reading
 * left as a gap in the line rather than drawn as a zero or bridged. Each
 * account has its own scale-free line on a shared axis that does not start
 * at zero, so small accounts' growth stays visible beside large ones only
 * as far as one axis allows: the Audience table under it gives each one's
 * start, end and rate.
 */
export const FollowerGrowthChart = ({
  days,
  lines,
  label,
  pointLabel,
}: {
  days: string[];
  lines: Series[];
  label: string;
  /** the tooltip's title for a point: its day, or its week */
  pointLabel: (day: string) => string;
}) => {
  const theme = useTheme();
  const f = useFormat();
  const colours = [
    theme.colors.primary600,
    theme.colors.success500,
    theme.colors.warning500,
    theme.colors.danger500,
    theme.colors.secondary500,
    theme.colors.alternative500,
    theme.colors.neutral500,
    theme.colors.primary700,
  ];
  const ids = lines.map((l) => l.id);
  const data = rowsOf('day', days, lines);
  return (
    <Figure label={label} testId="follower-growth-chart" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={theme.colors.neutral150} />
        <XAxis
          dataKey="day"
          tickFormatter={(d: string) => f.shortDay(d)}
          tick={axisTick(theme)}
          stroke={theme.colors.neutral300}
          minTickGap={16}
        />
        <YAxis {...countAxis(theme, f, 56)} domain={['auto', 'auto']} />
        <Tooltip
          {...tooltipStyle(theme)}
          itemSorter={inOrderOf(ids)}
          labelFormatter={(d) => pointLabel(String(d))}
          formatter={(value) => f.num(typeof value === 'number' ? value : null, 0)}
        />
        <Legend formatter={legendText(theme)} iconType="plainline" itemSorter={inOrderOf(ids)} />
        {lines.map((l, i) => (
          <Line
            key={l.id}
            dataKey={l.id}
            name={l.label}
            type="linear"
            connectNulls={false}
            stroke={colours[i % colours.length]}
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </Figure>
  );
};
