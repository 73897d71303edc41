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

/**
 * Runs `fn` once: its wall time and this process's CPU time in ms (the
 * query's own work on SQLite, whose driver runs in this process), which a
 * loaded machine inflates less than the wall time.
 */
const time = async (fn) => {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000, result };
};

module.exports = { percentile, round, summary, time };
