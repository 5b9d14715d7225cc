// The benchmark's verdicts and printed table, computed from a suite's record (the JSON that
// main.mjs writes). Pure functions.

import { geometricMean, ratioToBestPeer } from './stats.mjs';

export const SLOW_RATIO = 4;

const LABELS = { boyodb: 'BoyoDB', duckdb: 'DuckDB', clickhouse: 'ClickHouse' };

/**
 * Adds each query's ratio (BoyoDB / best peer) and the suite's summary to `record` (in place;
 * also returns it). The geometric mean covers the queries every system measured; "above 4x"
 * counts measured ratios and timeouts whose least possible ratio is above 4.
 */
export function summarise(record) {
  const timeoutMs = record.environment.timeout_s * 1000;
  const systems = record.environment.systems;
  const everyone = [];
  let aboveSlow = 0;
  let withRatio = 0;
  for (const query of record.queries) {
    const { ratio, bound, best_peer: bestPeer } = ratioToBestPeer(query.systems, timeoutMs);
    query.ratio = ratio;
    query.ratio_bound = bound;
    query.best_peer = bestPeer;
    if (ratio !== null || bound !== null) withRatio += 1;
    if ((ratio ?? bound ?? 0) > SLOW_RATIO) aboveSlow += 1;
    if (ratio !== null && systems.every((system) => query.systems[system]?.status === 'ok')) everyone.push(ratio);
  }
  const loads = Object.fromEntries(systems.map((system) => [system, record.load[system]?.total_ms ?? null]));
  const loadPeers = systems.filter((system) => system !== 'boyodb' && loads[system] !== null);
  const bestLoad = loadPeers.length === 0 ? null : Math.min(...loadPeers.map((system) => loads[system]));
  const comparisons = record.queries.map((query) => query.comparison?.boyodb).filter((c) => c);
  record.summary = {
    geomean_ratio: geometricMean(everyone),
    geomean_queries: everyone.length,
    queries_with_ratio: withRatio,
    queries_above_4x: aboveSlow,
    load_ms: loads,
    load_ratio: loads.boyodb != null && bestLoad !== null ? loads.boyodb / bestLoad : null,
    answers_compared: comparisons.length,
    answers_equal: comparisons.filter((c) => c.equal).length,
    answers_equal_in_total_order: comparisons.filter((c) => c.equal || c.total_order?.equal).length,
  };
  if (record.environment.scaling_from_threads != null) {
    record.summary.speedup = Object.fromEntries(systems.map((system) => {
      const speedups = record.queries.map((query) => query.systems[system]?.scaling?.speedup).filter((s) => s !== undefined);
      return [system, { geomean: geometricMean(speedups), queries: speedups.length }];
    }));
  }
  return record;
}

/** A query's speedup cell in a scaling run: "1.85x", or "-" when it failed. */
export function formatSpeedup(outcome) {
  const speedup = outcome?.scaling?.speedup;
  return speedup === undefined ? '-' : `${speedup.toFixed(2)}x`;
}

/** A time in ms for the table, or the failure in its place. */
export function formatOutcome(outcome) {
  if (outcome === undefined) return '-';
  if (outcome.status === 'ok') return outcome.median_ms.toFixed(1);
  return outcome.status;
}

export function formatRatio(query) {
  if (query.ratio !== null && query.ratio !== undefined) return `${query.ratio.toFixed(2)}x`;
  if (query.ratio_bound !== null && query.ratio_bound !== undefined) return `>${query.ratio_bound.toFixed(1)}x`;
  return '-';
}

/**
 * "yes"; "ties" when the query has a LIMIT, where ties at the cut-off (or no ORDER BY) may
 * legitimately pick other rows, and the answers agree once every column orders the rows
 * (comparison.total_order); "no (LIMIT)" when that was not checked or they still differ;
 * "no". "-" when there is nothing to compare (a side failed, or DuckDB was not run).
 */
export function formatEqual(comparison, hasLimit) {
  if (comparison === undefined || comparison === null) return '-';
  if (comparison.equal) return 'yes';
  if (hasLimit && comparison.total_order?.equal) return 'ties';
  return hasLimit ? 'no (LIMIT)' : 'no';
}

function formatRows(query, system) {
  const rows = query.systems[system]?.rows;
  return rows === undefined ? '-' : String(rows);
}

function formatSeconds(ms) {
  return ms === null || ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`;
}

/** The suite's table and summary lines, as printed at the end of its run. */
export function formatReport(record) {
  const systems = record.environment.systems;
  const header = ['query', ...systems.map((system) => `${LABELS[system]} ms`)];
  const withBoyo = systems.includes('boyodb');
  const withDuck = systems.includes('duckdb');
  if (withBoyo && systems.length > 1) header.push('ratio');
  if (withBoyo && withDuck) header.push('= DuckDB', 'rows B/D');
  if (systems.includes('clickhouse') && withDuck) header.push('CH = DuckDB');
  const env = record.environment;
  const scalingFrom = env.scaling_from_threads ?? null;
  if (scalingFrom !== null) {
    for (const system of systems) header.push(`${LABELS[system]} ${scalingFrom}->${env.threads}`);
  }
  const lines = [header];
  for (const query of record.queries) {
    const line = [query.name, ...systems.map((system) => formatOutcome(query.systems[system]))];
    if (withBoyo && systems.length > 1) line.push(formatRatio(query));
    if (withBoyo && withDuck) {
      line.push(formatEqual(query.comparison?.boyodb, query.has_limit));
      line.push(`${formatRows(query, 'boyodb')}/${formatRows(query, 'duckdb')}`);
    }
    if (systems.includes('clickhouse') && withDuck) {
      line.push(query.systems.clickhouse?.status === 'n/a' ? 'n/a' : formatEqual(query.comparison?.clickhouse, query.has_limit));
    }
    if (scalingFrom !== null) {
      for (const system of systems) line.push(formatSpeedup(query.systems[system]));
    }
    lines.push(line);
  }
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const table = lines.map((line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
  const { summary } = record;
  const out = [];
  const alternating = scalingFrom === null ? '' : ` (each query first on ${scalingFrom} thread(s))`;
  out.push(`== ${record.title}: median of ${env.runs} run(s)${env.min_time_ms ? ` (more, up to 50, until ${env.min_time_ms} ms)` : ''} after 1 warm-up, ${env.threads} thread(s)${alternating}, timeout ${env.timeout_s} s`);
  out.push(...table);
  if (withBoyo && systems.length > 1) {
    const geomean = summary.geomean_ratio === null ? '-' : `${summary.geomean_ratio.toFixed(2)}x`;
    out.push(`geometric mean of BoyoDB / best peer: ${geomean} over ${summary.geomean_queries} queries all systems answered`);
    out.push(`queries above ${SLOW_RATIO}x: ${summary.queries_above_4x} of ${summary.queries_with_ratio}`);
  }
  if (withBoyo && withDuck) {
    const ties = summary.answers_equal_in_total_order - summary.answers_equal;
    const tied = ties > 0 ? `; ${ties} more equal once every column orders the rows tied at the LIMIT` : '';
    out.push(`answers equal to DuckDB's: ${summary.answers_equal} of ${summary.answers_compared} compared${tied}`);
  }
  if (scalingFrom !== null) {
    for (const system of systems) {
      const { geomean, queries } = summary.speedup[system];
      const value = geomean === null ? '-' : `${geomean.toFixed(2)}x`;
      out.push(`${LABELS[system]}, ${env.threads} threads against ${scalingFrom}: speedup ${value} (geometric mean over ${queries} queries)`);
    }
  }
  const load = systems.map((system) => {
    const entry = record.load[system];
    if (entry === undefined) return `${LABELS[system]} -`;
    return entry.status === 'ok' ? `${LABELS[system]} ${formatSeconds(entry.total_ms)}` : `${LABELS[system]} ${entry.status}`;
  });
  const loadRatio = summary.load_ratio === null ? '' : `, ratio ${summary.load_ratio.toFixed(2)}x`;
  out.push(`load: ${load.join(', ')}${loadRatio}`);
  for (const system of systems) {
    const entry = record.load[system];
    if (entry !== undefined && entry.row_counts_match === false) {
      out.push(`warning: ${LABELS[system]} loaded other row counts than generated: ${JSON.stringify(entry.rows)} (expected ${JSON.stringify(record.expected_rows)})`);
    }
  }
  const busiest = Math.max(record.load_average_at_start?.[0] ?? 0, record.load_average_at_end?.[0] ?? 0);
  if (busiest > env.cores / 2) {
    out.push(`warning: the machine was busy (1-minute load average up to ${busiest.toFixed(1)} on ${env.cores} cores); the timings are noisy`);
  }
  return out.join('\n');
}
