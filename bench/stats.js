/**
 * The benchmarks' one copy of their arithmetic: nearest-rank percentiles and
 * the p50 / p95 / max summary every bench prints.
 */

/** The nearest-rank percentile `p` of `values`; null when there are none. */
const percentile = (values, p) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
const summary = (values) => ({
  n: values.length,
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  max: round(values.length ? Math.max(...values) : null),
});

module.exports = { percentile, round, summary };
