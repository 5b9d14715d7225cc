// Command-line options of the side-by-side SQL benchmark (bench/sql/run.sh passes its
// arguments on), and the --queries filter. Pure functions: nothing here touches the machine
// except the defaults read from `defaults`.

export const SUITES = Object.freeze(['tpch', 'hits']);
export const SYSTEMS = Object.freeze(['boyodb', 'duckdb', 'clickhouse']);

/** Query numbers each suite has: TPC-H q01..q22, ClickBench-style hits Q0..Q42. */
export const QUERY_RANGES = Object.freeze({
  tpch: Object.freeze({ first: 1, last: 22 }),
  hits: Object.freeze({ first: 0, last: 42 }),
});

export const USAGE = `usage: bench/sql/run.sh BUILD_DIR [options]

Runs TPC-H and/or the ClickBench-style hits queries on BoyoDB, DuckDB and ClickHouse over the
same generated CSV files and prints median times, BoyoDB's ratio to the best peer and whether
BoyoDB's answers equal DuckDB's.

  --suite tpch|hits|all    which suite (default all)
  --scale SF               TPC-H scale factor (default 1; fractions such as 0.1 work)
  --rows N                 rows of the hits table (default 10000000)
  --runs N                 timed runs per query after one warm-up; the median is reported (default 3)
  --min-time MS            more timed runs (up to 50) until they add up to MS milliseconds: a
                           median of 3 runs of a 1 ms query is mostly noise (default 100; 0: only
                           --runs)
  --systems LIST           comma list of boyodb,duckdb,clickhouse (default all three)
  --queries LIST           only these queries: comma list of numbers or ranges, each optionally
                           prefixed by its suite: 1,6 or q01-q05 (TPC-H), Q0-Q10 or 3,7 (hits);
                           tpch:1-5,hits:0-3 picks per suite. A bare item applies to every suite.
  --threads N[,M]          threads for all three systems (default: the machine's cores). With two
                           counts N,M each query runs on N threads and right after on M, so that
                           a machine whose speed drifts slows both alike; the table gives the
                           times on M and each system's speedup from N to M threads
  --timeout SECONDS        limit for one query execution (default 300); longer is "timeout"
  --data-dir DIR           cache of generated CSV files (default bench/sql/data)
  --results-dir DIR        where the JSON goes (default bench/results)
  --tmp-dir DIR            where the systems' databases go while running (default the system's
                           temporary directory); removed at the end
  --help                   this text`;

/**
 * Parses the runner's arguments: argv[0] is BUILD_DIR, then options. Returns the options, or
 * throws an Error whose message says what is wrong. `defaults` gives `threads`, `dataDir`,
 * `resultsDir` and `tmpDir`.
 */
export function parseArguments(argv, defaults) {
  const options = {
    buildDir: null,
    suites: [...SUITES],
    scale: 1,
    rows: 10_000_000,
    runs: 3,
    minTimeMs: 100,
    systems: [...SYSTEMS],
    queries: null,
    threads: defaults.threads,
    scalingFrom: null,
    timeoutSeconds: 300,
    dataDir: defaults.dataDir,
    resultsDir: defaults.resultsDir,
    tmpDir: defaults.tmpDir,
    help: false,
  };
  const args = [...argv];
  while (args.length > 0) {
    const arg = args.shift();
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      if (options.buildDir !== null) throw new Error(`unexpected argument "${arg}"`);
      options.buildDir = arg;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const value = () => {
      if (equals >= 0) return arg.slice(equals + 1);
      if (args.length === 0) throw new Error(`${name} needs a value`);
      return args.shift();
    };
    switch (name) {
      case '--suite': {
        const suite = value();
        if (suite === 'all') options.suites = [...SUITES];
        else if (SUITES.includes(suite)) options.suites = [suite];
        else throw new Error(`--suite must be tpch, hits or all, not "${suite}"`);
        break;
      }
      case '--scale':
        options.scale = positiveNumber(name, value());
        break;
      case '--rows':
        options.rows = positiveInteger(name, value());
        break;
      case '--runs':
        options.runs = positiveInteger(name, value());
        break;
      case '--min-time':
        options.minTimeMs = nonNegativeNumber(name, value());
        break;
      case '--systems':
        options.systems = parseSystems(value());
        break;
      case '--queries':
        options.queries = value();
        break;
      case '--threads': {
        const counts = parseThreadCounts(value());
        options.threads = counts.at(-1);
        options.scalingFrom = counts.length === 2 ? counts[0] : null;
        break;
      }
      case '--timeout':
        options.timeoutSeconds = positiveNumber(name, value());
        break;
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--results-dir':
        options.resultsDir = value();
        break;
      case '--tmp-dir':
        options.tmpDir = value();
        break;
      default:
        throw new Error(`unknown option ${name}`);
    }
  }
  if (options.help) return options;
  if (options.buildDir === null) throw new Error('BUILD_DIR is missing');
  // Validate the filter now, so that a typo fails before any data is generated.
  if (options.queries !== null) selectQueries(options.queries, options.suites);
  return options;
}

function positiveNumber(name, text) {
  const number = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(number) && number > 0)) {
    throw new Error(`${name} must be a positive number, not "${text}"`);
  }
  return number;
}

function nonNegativeNumber(name, text) {
  const number = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(number) && number >= 0)) {
    throw new Error(`${name} must be a number of 0 or more, not "${text}"`);
  }
  return number;
}

function positiveInteger(name, text) {
  if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text))) {
    throw new Error(`${name} must be a positive integer, not "${text}"`);
  }
  return Number(text);
}

/** "2" -> [2]; "1,2" -> [1, 2] (a scaling run from 1 to 2 threads). */
export function parseThreadCounts(text) {
  const counts = text.split(',').map((count) => positiveInteger('--threads', count.trim()));
  if (counts.length > 2) throw new Error(`--threads takes one count or two, not "${text}"`);
  if (counts.length === 2 && counts[0] === counts[1]) {
    throw new Error(`--threads: the two counts must differ, not "${text}"`);
  }
  return counts;
}

/** "boyodb,duckdb" -> ['boyodb', 'duckdb'] in the canonical order, duplicates removed. */
export function parseSystems(text) {
  const names = text.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name);
  if (names.length === 0) throw new Error('--systems names no system');
  for (const name of names) {
    if (!SYSTEMS.includes(name)) {
      throw new Error(`--systems: unknown system "${name}" (boyodb, duckdb, clickhouse)`);
    }
  }
  return SYSTEMS.filter((name) => names.includes(name));
}

/** The name of query `number` of a suite: tpch 6 -> 'q06', hits 6 -> 'Q6'. */
export function queryName(suite, number) {
  return suite === 'tpch' ? `q${String(number).padStart(2, '0')}` : `Q${number}`;
}

/**
 * Parses a --queries filter for the given suites. Returns { suite: Set of query names } with
 * an entry for every suite in `suites` (a suite the filter does not reach gets an empty set).
 * Items: N, qN, QN, A-B (a range, both ends included, each written like N), each optionally
 * prefixed `tpch:` or `hits:`. A bare item applies to every suite that has those numbers;
 * throws when an item selects no query of any of `suites`.
 */
export function selectQueries(filter, suites) {
  const selected = Object.fromEntries(suites.map((suite) => [suite, new Set()]));
  const items = filter.split(',').map((item) => item.trim()).filter((item) => item);
  if (items.length === 0) throw new Error('--queries is empty');
  for (const item of items) {
    const match = /^(?:(tpch|hits):)?([qQ]?\d+)(?:-([qQ]?\d+))?$/.exec(item);
    if (match === null) {
      throw new Error(`--queries: cannot read "${item}" (write e.g. 3, q03, Q3, 1-5 or tpch:q01-q05)`);
    }
    const [, prefix, from, to] = match;
    if (prefix !== undefined && !suites.includes(prefix)) {
      throw new Error(`--queries: "${item}" names suite ${prefix}, which is not being run`);
    }
    const first = Number(from.replace(/^[qQ]/, ''));
    const last = to === undefined ? first : Number(to.replace(/^[qQ]/, ''));
    if (last < first) throw new Error(`--queries: the range "${item}" is empty`);
    let found = false;
    for (const suite of prefix === undefined ? suites : [prefix]) {
      const range = QUERY_RANGES[suite];
      for (let number = Math.max(first, range.first); number <= Math.min(last, range.last); ++number) {
        selected[suite].add(queryName(suite, number));
        found = true;
      }
    }
    if (!found) throw new Error(`--queries: "${item}" matches no query of ${suites.join(' or ')}`);
  }
  return selected;
}
