// Medians, ratios and geometric means of the benchmark's timings. Pure functions.

/** The median of a non-empty list of numbers (the mean of the middle two for even counts). */
export function median(values) {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The most timed runs a query gets to reach the minimum time (see moreRunsWanted). */
export const MAX_RUNS = 50;

/**
 * Whether a query that took `runsMs` so far gets another timed run: until it had `runs`, and
 * then, up to MAX_RUNS, until they add up to `minTimeMs`. A median of three runs of a
 * millisecond's query moves with every wake-up of a core; more runs of it cost little.
 */
export function moreRunsWanted(runsMs, { runs, minTimeMs }) {
  if (runsMs.length < runs) return true;
  if (runsMs.length >= MAX_RUNS) return false;
  return runsMs.reduce((sum, ms) => sum + ms, 0) < minTimeMs;
}

/** The geometric mean of positive numbers; null for an empty list. */
export function geometricMean(values) {
  if (values.length === 0) return null;
  for (const value of values) {
    if (!(value > 0)) throw new Error(`geometric mean of a non-positive value: ${value}`);
  }
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/**
 * BoyoDB against its best peer for one query. `outcomes` maps a system name to
 * { status: 'ok', median_ms } or { status: 'timeout' | 'error' | 'n/a' }. Returns
 * { ratio, bound, best_peer }: `ratio` = BoyoDB's median / the fastest successful peer's
 * median; when BoyoDB timed out, `ratio` is null and `bound` the least the ratio can be
 * (timeout / best peer); both null when there is nothing to compare.
 */
export function ratioToBestPeer(outcomes, timeoutMs, subject = 'boyodb') {
  let best = null;
  for (const [system, outcome] of Object.entries(outcomes)) {
    if (system === subject || outcome === undefined || outcome.status !== 'ok') continue;
    if (best === null || outcome.median_ms < best.median_ms) best = { system, median_ms: outcome.median_ms };
  }
  const own = outcomes[subject];
  const none = { ratio: null, bound: null, best_peer: best === null ? null : best.system };
  if (best === null || own === undefined) return none;
  // A peer that measured 0 ms (a clock tick) would make any ratio infinite; count it as 1 µs.
  const peerMs = Math.max(best.median_ms, 0.001);
  if (own.status === 'ok') return { ...none, ratio: Math.max(own.median_ms, 0.001) / peerMs };
  if (own.status === 'timeout') return { ...none, bound: timeoutMs / peerMs };
  return none;
}
