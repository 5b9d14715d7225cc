#!/usr/bin/env python3
"""Concurrent load on one boyodb-server, then a check that no acknowledged row was lost.

    load.py --server PATH [--clients 64] [--seconds 30] [--insert-ratio 0.5]
            [--batch-rows 10] [--seed N] [--timeout 120] [--results-dir DIR] [--keep-data]

Starts the server on a fresh data directory, creates one table and runs N client threads,
each with its own connection (autocommit), for a bounded time. Each client loops over a
weighted mix: an INSERT of a small multi-row batch with unique (client_id, seq) rows, or one
of four queries (a count of its own rows, a GROUP BY over the whole table, a point lookup of
one of its acknowledged rows, a top 10 by amount). Every answer is checked against what the
client knows it has written. Afterwards it prints throughput, latency percentiles and errors,
then verifies on the live server, and again after a clean restart (SIGTERM, exit status 0,
same data directory), that each client's rows are exactly its acknowledged ones.

Exit status 0 only when no operation failed or answered wrongly, no acknowledged row is
missing, no unexpected row is present and the server stopped cleanly both times. A JSON
record of the run goes to the results directory as load-<UTC timestamp>.json.

Standard library only, plus the repository's Python driver (clients/python).
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY / "clients" / "python"))
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree

import boyodb  # noqa: E402  (needs the path above)

TABLE = "load_events"
CREATE_TABLE = (f"CREATE TABLE {TABLE} (client_id INT NOT NULL, seq BIGINT NOT NULL, "
                "ts TIMESTAMP, kind TEXT, amount DOUBLE PRECISION, payload TEXT)")
KINDS = ("view", "click", "cart", "buy")
BASE_TIME = datetime.datetime(2026, 1, 1)
QUERY_TYPES = ("count_own", "group_by_kind", "point_lookup", "top_amount")
OPERATION_TYPES = ("insert",) + QUERY_TYPES
ERROR_SAMPLES = 5
STARTUP_SECONDS = 60
SHUTDOWN_SECONDS = 120
ADMIN = "admin"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="N concurrent clients mixing inserts and queries against one "
                    "boyodb-server for a bounded time; reports throughput, latency and "
                    "errors, then verifies that every acknowledged row is present.")
    parser.add_argument("--server", required=True, help="the boyodb-server binary")
    parser.add_argument("--clients", type=positive_int, default=64,
                        help="concurrent clients, one connection each (default 64)")
    parser.add_argument("--seconds", type=positive_float, default=30.0,
                        help="how long the clients run (default 30)")
    parser.add_argument("--insert-ratio", type=ratio, default=0.5,
                        help="share of operations that are INSERTs; the rest is split evenly "
                             "over the four queries (default 0.5)")
    parser.add_argument("--batch-rows", type=positive_int, default=10,
                        help="rows per INSERT (default 10)")
    parser.add_argument("--seed", type=int, default=20240611,
                        help="seed of each client's choice of operations (default 20240611)")
    parser.add_argument("--timeout", type=positive_float, default=120.0,
                        help="seconds a client waits for one network read or write before "
                             "counting the operation as failed (default 120)")
    parser.add_argument("--results-dir",
                        default=os.environ.get("BOYO_BENCH_RESULTS_DIR")
                        or str(REPOSITORY / "bench" / "results"),
                        help="where the JSON record goes (default $BOYO_BENCH_RESULTS_DIR, "
                             "else bench/results)")
    parser.add_argument("--keep-data", action="store_true",
                        help="keep the temporary directory (data and server log)")
    return parser.parse_args(argv)


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text}")
    return value


def positive_float(text):
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text}")
    return value


def ratio(text):
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text}")
    return value


# --- The server ---------------------------------------------------------------------------------


class Server:
    """One boyodb-server process on a data directory, every listener on a free port.

    Its stdout is read for the `native|http|pgwire HOST:PORT` lines and then drained for the
    rest of its life, so the server never blocks on a full pipe; its stderr (the log) is
    appended to a file that survives restarts.
    """

    def __init__(self, binary, data_dir, password, log_path):
        self.log_path = log_path
        self.addresses = {}
        self._listening = threading.Event()
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(
                [binary, str(data_dir), "127.0.0.1:0", "--http-addr", "127.0.0.1:0",
                 "--pg-addr", "127.0.0.1:0"],
                stdout=subprocess.PIPE, stderr=log,
                env=dict(os.environ, BOYODB_ADMIN_PASSWORD=password))
        threading.Thread(target=self._read_stdout, daemon=True).start()
        if not self._listening.wait(STARTUP_SECONDS) or len(self.addresses) < 3:
            self.stop()
            raise RuntimeError(f"the server did not start (log: {log_path})")

    def _read_stdout(self):
        for raw in self.process.stdout:
            words = raw.decode("utf-8", "replace").split()
            if len(words) == 2 and words[0] in ("native", "http", "pgwire"):
                self.addresses[words[0]] = words[1]
                if len(self.addresses) == 3:
                    self._listening.set()
        self._listening.set()  # the server exited: startup waits no longer

    @property
    def native(self):
        """(host, port) of the native protocol."""
        host, port = self.addresses["native"].rsplit(":", 1)
        return host, int(port)

    def cpu_seconds(self):
        """User plus system CPU time the server has used so far (Linux /proc; None
        elsewhere)."""
        try:
            with open(f"/proc/{self.process.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        """SIGTERM by pid and waits; returns the exit status (None: killed after a hang)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(SHUTDOWN_SECONDS)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
                return None
        return self.process.returncode


def connect(address, password, timeout):
    host, port = address
    return boyodb.connect(host=host, port=port, user=ADMIN, password=password,
                          timeout=timeout, autocommit=True)


# --- Rows -------------------------------------------------------------------------------------


def row_values(client_id, seq):
    """The row (client_id, seq) always has the same values, so that any reader can check a
    row it gets back without being told what was written."""
    mix = (client_id * 1_000_003 + seq * 7_919) % 1_000_000
    return (client_id, seq,
            BASE_TIME + datetime.timedelta(milliseconds=seq, microseconds=client_id),
            KINDS[mix % len(KINDS)],
            mix / 100.0,
            f"client {client_id} row {seq}, it's " + "x" * (mix % 48))


def insert_statement(rows):
    return f"INSERT INTO {TABLE} VALUES " + ", ".join(["(%s, %s, %s, %s, %s, %s)"] * rows)


# --- Figures of one client ----------------------------------------------------------------------


class OperationStats:
    """What happened to the operations of one type: successes with their latency, errors
    (the call raised) and wrong answers (the call returned something the checks refute)."""

    def __init__(self):
        self.latencies = []
        self.errors = 0
        self.wrong = 0
        self.samples = []

    def sample(self, text):
        if len(self.samples) < ERROR_SAMPLES:
            self.samples.append(text)

    def merge(self, other):
        self.latencies += other.latencies
        self.errors += other.errors
        self.wrong += other.wrong
        for text in other.samples:
            self.sample(text)


class WrongAnswer(Exception):
    """A query answered, but not what the client's own writes imply."""


class AcknowledgedTotal:
    """Rows acknowledged by all clients so far: a query sent after reading it must see at
    least that many rows, since each of them was committed before the query started."""

    def __init__(self):
        self._lock = threading.Lock()
        self._rows = 0

    def add(self, rows):
        with self._lock:
            self._rows += rows

    def read(self):
        with self._lock:
            return self._rows


def describe_error(error):
    return f"{type(error).__name__}: {error}"


# --- A client -----------------------------------------------------------------------------------


class Client:
    """One thread's session: its own connection, its own rows (client_id, 0..n), the record
    of which of them the server acknowledged and which INSERTs failed (their rows' fate is
    unknown: the statement may or may not have been applied)."""

    def __init__(self, client_id, options, address, password, total):
        self.client_id = client_id
        self.options = options
        self.address = address
        self.password = password
        self.total = total
        self.random = random.Random(options.seed * 100_003 + client_id)
        self.connection = None
        self.cursor = None
        self.next_seq = 0
        self.acknowledged = []
        self.unknown = []
        self.reconnects = 0
        self.stopped_by = None      # why the client stopped before the deadline, if it did
        self.stats = {name: OperationStats() for name in OPERATION_TYPES}
        self.weights = [options.insert_ratio] + [(1.0 - options.insert_ratio) / 4] * 4

    def open(self):
        self.connection = connect(self.address, self.password, self.options.timeout)
        self.cursor = self.connection.cursor()

    def close(self):
        if self.connection is not None and not self.connection.closed:
            self.connection.close()

    def run(self, deadline):
        """Runs operations until the deadline; returns early only when the connection is
        lost and cannot be made again."""
        while time.monotonic() < deadline:
            name = self.random.choices(OPERATION_TYPES, self.weights)[0]
            if name == "point_lookup" and not self.acknowledged:
                name = "insert"
            self.run_operation(name)
            if self.connection.closed and not self.reopen():
                return

    def reopen(self):
        try:
            self.open()
        except boyodb.Error as error:
            self.stopped_by = f"reconnect: {describe_error(error)}"
            return False
        self.reconnects += 1
        return True

    def run_operation(self, name):
        stats = self.stats[name]
        operation = getattr(self, name)
        try:
            check, latency = operation()
        except boyodb.Error as error:
            stats.errors += 1
            stats.sample(describe_error(error))
            return
        try:
            check()
        except WrongAnswer as wrong:
            stats.wrong += 1
            stats.sample(f"wrong answer: {wrong}")
            return
        stats.latencies.append(latency)

    def timed(self, sql, parameters=None):
        """Runs one statement and fetches its rows; returns (rows, seconds)."""
        start = time.perf_counter()
        self.cursor.execute(sql, parameters)
        rows = self.cursor.fetchall() if self.cursor.description is not None else None
        return rows, time.perf_counter() - start

    # Each operation returns (check, latency): the check runs outside the timed span.

    def insert(self):
        seqs = range(self.next_seq, self.next_seq + self.options.batch_rows)
        self.next_seq += self.options.batch_rows
        parameters = [value for seq in seqs for value in row_values(self.client_id, seq)]
        try:
            _, latency = self.timed(insert_statement(len(seqs)), parameters)
        except boyodb.Error:
            self.unknown += seqs
            raise
        affected = self.cursor.rowcount
        if affected == len(seqs):
            self.acknowledged += seqs
            self.total.add(len(seqs))
        else:
            self.unknown += seqs

        def check():
            if affected != len(seqs):
                raise WrongAnswer(f"INSERT of {len(seqs)} rows reported {affected}")
        return check, latency

    def count_own(self):
        lower = len(self.acknowledged)
        rows, latency = self.timed(f"SELECT count(*) FROM {TABLE} WHERE client_id = %s",
                                   (self.client_id,))
        upper = lower + len(self.unknown)

        def check():
            count = rows[0][0]
            if not lower <= count <= upper:
                raise WrongAnswer(f"client {self.client_id}: count(*) {count}, "
                                  f"acknowledged {lower}, unknown {upper - lower}")
        return check, latency

    def group_by_kind(self):
        lower = self.total.read()
        rows, latency = self.timed(
            f"SELECT kind, count(*), sum(amount) FROM {TABLE} GROUP BY kind")

        def check():
            kinds = [row[0] for row in rows]
            counted = sum(row[1] for row in rows)
            if not set(kinds) <= set(KINDS) or len(kinds) != len(set(kinds)):
                raise WrongAnswer(f"GROUP BY kind gave groups {kinds}")
            if counted < lower:
                raise WrongAnswer(f"GROUP BY kind counted {counted} rows, but {lower} were "
                                  "acknowledged before it started")
        return check, latency

    def point_lookup(self):
        seq = self.random.choice(self.acknowledged)
        rows, latency = self.timed(
            f"SELECT client_id, seq, ts, kind, amount, payload FROM {TABLE} "
            "WHERE client_id = %s AND seq = %s", (self.client_id, seq))

        def check():
            expected = [row_values(self.client_id, seq)]
            if rows != expected:
                raise WrongAnswer(f"row ({self.client_id}, {seq}): got {rows}, "
                                  f"expected {expected}")
        return check, latency

    def top_amount(self):
        lower = self.total.read()
        rows, latency = self.timed(
            f"SELECT client_id, seq, amount FROM {TABLE} ORDER BY amount DESC LIMIT 10")

        def check():
            amounts = [row[2] for row in rows]
            if amounts != sorted(amounts, reverse=True):
                raise WrongAnswer(f"ORDER BY amount DESC gave {amounts}")
            if not min(10, lower) <= len(rows) <= 10:
                raise WrongAnswer(f"LIMIT 10 gave {len(rows)} rows with {lower} acknowledged")
            for client_id, seq, amount in rows:
                if row_values(client_id, seq)[4] != amount:
                    raise WrongAnswer(f"row ({client_id}, {seq}) has amount {amount}")
        return check, latency


# --- The load -----------------------------------------------------------------------------------


def run_load(options, address, password):
    """Connects every client first (logins are not part of the figures), then lets them all
    run for --seconds; returns the clients and the wall time from start to the last one's
    end."""
    total = AcknowledgedTotal()
    clients = [Client(i, options, address, password, total) for i in range(options.clients)]
    ready = threading.Barrier(options.clients + 1)
    go = threading.Event()
    timing = {}

    def work(client):
        try:
            client.open()
        except boyodb.Error as error:
            client.stopped_by = f"connect: {describe_error(error)}"
        ready.wait()
        go.wait()
        if client.connection is None:
            return
        try:
            client.run(timing["deadline"])
        except Exception as error:  # a fault of this script: the run must not pass
            client.stopped_by = f"unexpected {describe_error(error)}"
            raise
        finally:
            client.close()

    threads = [threading.Thread(target=work, args=(client,), name=f"client-{client.client_id}")
               for client in clients]
    for thread in threads:
        thread.start()
    ready.wait()
    timing["start"] = time.monotonic()
    timing["deadline"] = timing["start"] + options.seconds
    go.set()
    for thread in threads:
        thread.join()
    return clients, time.monotonic() - timing["start"]


def percentile(ordered, fraction):
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return None
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def operation_figures(stats, wall):
    ordered = sorted(stats.latencies)

    def milliseconds(value):
        return None if value is None else round(value * 1000.0, 3)

    return {
        "ok": len(ordered),
        "errors": stats.errors,
        "wrong": stats.wrong,
        "ops_per_second": round(len(ordered) / wall, 1),
        "latency_ms": {
            "p50": milliseconds(percentile(ordered, 0.50)),
            "p95": milliseconds(percentile(ordered, 0.95)),
            "p99": milliseconds(percentile(ordered, 0.99)),
            "max": milliseconds(ordered[-1] if ordered else None),
        },
        "error_samples": stats.samples,
    }


def summarize(clients, wall):
    """The load's figures: per operation type and over all of them, rows, connections."""
    merged = {name: OperationStats() for name in OPERATION_TYPES}
    everything = OperationStats()
    for client in clients:
        for name, stats in client.stats.items():
            merged[name].merge(stats)
            everything.merge(stats)
    acknowledged = sum(len(client.acknowledged) for client in clients)
    operations = {name: operation_figures(stats, wall) for name, stats in merged.items()}
    operations["all"] = operation_figures(everything, wall)
    return {
        "wall_seconds": round(wall, 3),
        "operations": operations,
        "rows": {
            "acknowledged": acknowledged,
            "unknown": sum(len(client.unknown) for client in clients),
            "per_second": round(acknowledged / wall, 1),
        },
        "reconnects": sum(client.reconnects for client in clients),
        "clients_stopped_early": [f"client {client.client_id}: {client.stopped_by}"
                                  for client in clients if client.stopped_by],
    }


# --- Verification -------------------------------------------------------------------------------


def verify(address, password, clients, timeout):
    """Reads every client's rows back and compares them with what it was told: `lost` are
    acknowledged rows that are missing, `extra` rows that were never part of an INSERT whose
    fate is unknown, `duplicates` rows present more than once, `stray` rows of no client."""
    outcome = {"acknowledged": 0, "present": 0, "lost": 0, "extra": 0, "duplicates": 0,
               "unknown_present": 0, "unknown_absent": 0, "count_mismatches": 0, "stray": 0,
               "examples": []}

    def example(text):
        if len(outcome["examples"]) < ERROR_SAMPLES:
            outcome["examples"].append(text)

    connection = connect(address, password, timeout)
    try:
        cursor = connection.cursor()
        for client in clients:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE client_id = %s",
                           (client.client_id,))
            count = cursor.fetchone()[0]
            cursor.execute(f"SELECT seq FROM {TABLE} WHERE client_id = %s",
                           (client.client_id,))
            seqs = [row[0] for row in cursor.fetchall()]
            present, acknowledged, unknown = set(seqs), set(client.acknowledged), set(client.unknown)
            lost = sorted(acknowledged - present)
            extra = sorted(present - acknowledged - unknown)
            outcome["acknowledged"] += len(acknowledged)
            outcome["present"] += len(seqs)
            outcome["lost"] += len(lost)
            outcome["extra"] += len(extra)
            outcome["duplicates"] += len(seqs) - len(present)
            outcome["unknown_present"] += len(present & unknown)
            outcome["unknown_absent"] += len(unknown - present)
            if count != len(seqs):
                outcome["count_mismatches"] += 1
                example(f"client {client.client_id}: count(*) {count}, {len(seqs)} rows read")
            if lost:
                example(f"client {client.client_id}: lost seq {lost[:10]}")
            if extra:
                example(f"client {client.client_id}: extra seq {extra[:10]}")
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        outcome["stray"] = cursor.fetchone()[0] - outcome["present"]
    finally:
        connection.close()
    outcome["ok"] = not any(outcome[key] for key in
                            ("lost", "extra", "duplicates", "count_mismatches", "stray"))
    return outcome


# --- Report -------------------------------------------------------------------------------------


def format_number(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def print_report(options, figures, verifications):
    print(f"load: {options.clients} clients, {figures['wall_seconds']:.1f} s, "
          f"insert ratio {options.insert_ratio}, {options.batch_rows} rows per INSERT")
    header = (f"{'operation':<14}{'ok':>8}{'ops/s':>9}{'errors':>8}{'wrong':>7}"
              f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    print(header)
    print("-" * len(header))
    for name, op in figures["operations"].items():
        latency = op["latency_ms"]
        print(f"{name:<14}{op['ok']:>8}{op['ops_per_second']:>9.1f}{op['errors']:>8}"
              f"{op['wrong']:>7}" + "".join(f"{format_number(latency[key]):>9}"
                                            for key in ("p50", "p95", "p99", "max")))
    rows = figures["rows"]
    print(f"rows acknowledged: {rows['acknowledged']} ({rows['per_second']:.1f} rows/s), "
          f"unknown (INSERT failed): {rows['unknown']}, reconnects: {figures['reconnects']}")
    cpu = figures["cpu_seconds"]
    print(f"cpu seconds during the load: clients {format_number(cpu['clients'])}, server "
          f"{format_number(cpu['server'])} ({os.cpu_count()} hardware threads)")
    for name, op in figures["operations"].items():
        if name != "all":
            for text in op["error_samples"]:
                print(f"  {name}: {text}")
    for text in figures["clients_stopped_early"]:
        print(f"  stopped early: {text}")
    for name, outcome in verifications.items():
        print(f"verify {name}: acknowledged {outcome['acknowledged']}, present "
              f"{outcome['present']}, lost {outcome['lost']}, extra {outcome['extra']}, "
              f"duplicates {outcome['duplicates']}, stray {outcome['stray']}, unknown "
              f"present/absent {outcome['unknown_present']}/{outcome['unknown_absent']}"
              + (" - OK" if outcome["ok"] else " - FAILED"))
        for text in outcome["examples"]:
            print(f"  {text}")


def utc_timestamp():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def write_results(options, timestamp, record):
    directory = Path(options.results_dir)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"load-{timestamp}.json"
    with open(path, "w") as out:
        json.dump(record, out, indent=2, sort_keys=True)
        out.write("\n")
    return path


def configuration(options):
    return {
        "clients": options.clients,
        "seconds": options.seconds,
        "insert_ratio": options.insert_ratio,
        "batch_rows": options.batch_rows,
        "seed": options.seed,
        "timeout": options.timeout,
        "server": os.path.basename(options.server),
        "hardware_threads": os.cpu_count(),
        "python": platform.python_version(),
    }


# --- The run ------------------------------------------------------------------------------------


def cpu_used(before, after):
    """CPU seconds the clients (this process) and the server used during the load: on a
    machine they share, this tells which side the throughput was bounded by."""
    client = round(after[0] - before[0], 2)
    server = None if None in (before[1], after[1]) else round(after[1] - before[1], 2)
    return {"clients": client, "server": server}


def problems_of(figures, verifications, stop_statuses):
    """Everything that makes the run fail, in words."""
    problems = []
    all_ops = figures["operations"]["all"]
    if all_ops["errors"]:
        problems.append(f"{all_ops['errors']} operations failed")
    if all_ops["wrong"]:
        problems.append(f"{all_ops['wrong']} queries answered wrongly")
    if figures["clients_stopped_early"]:
        problems.append(f"{len(figures['clients_stopped_early'])} clients stopped before "
                        "the end")
    for name, outcome in verifications.items():
        if not outcome["ok"]:
            problems.append(f"verification {name} failed: {outcome['lost']} lost, "
                            f"{outcome['extra']} extra, {outcome['duplicates']} duplicated, "
                            f"{outcome['stray']} stray rows, {outcome['count_mismatches']} "
                            "count mismatches")
    for name, status in stop_statuses.items():
        if status != 0:
            problems.append(f"the server's {name} stop ended with status {status}")
    return problems


def run(options, work_dir, timestamp):
    """Starts the server, loads it, verifies, restarts, verifies again; returns the
    record of the run (the JSON result)."""
    password = "Pw-" + secrets.token_hex(12) + "-9x"  # no user name in it: password policy
    data_dir, log_path = work_dir / "data", work_dir / "server.log"
    verifications, stop_statuses = {}, {}

    server = Server(options.server, data_dir, password, log_path)
    try:
        setup = connect(server.native, password, options.timeout)
        setup.cursor().execute(CREATE_TABLE)
        setup.close()
        cpu_before = time.process_time(), server.cpu_seconds()
        clients, wall = run_load(options, server.native, password)
        figures = summarize(clients, wall)
        figures["cpu_seconds"] = cpu_used(cpu_before, (time.process_time(),
                                                       server.cpu_seconds()))
        if server.process.poll() is not None:
            print_report(options, figures, verifications)
            raise RuntimeError(f"the server exited during the load with status "
                               f"{server.process.returncode} (log: {log_path})")
        verifications["live"] = verify(server.native, password, clients, options.timeout)
    finally:
        stop_statuses["first"] = server.stop()

    if stop_statuses["first"] == 0:
        server = Server(options.server, data_dir, password, log_path)
        try:
            verifications["after_restart"] = verify(server.native, password, clients,
                                                    options.timeout)
        finally:
            stop_statuses["second"] = server.stop()

    print_report(options, figures, verifications)
    problems = problems_of(figures, verifications, stop_statuses)
    return {
        "benchmark": "load",
        "timestamp": timestamp,
        "config": configuration(options),
        **figures,
        "verification": verifications,
        "server_stop_status": stop_statuses,
        "passed": not problems,
        "problems": problems,
    }


def main(argv):
    options = parse_arguments(argv)
    if not os.access(options.server, os.X_OK):
        sys.exit(f"load.py: no server binary at {options.server}")
    timestamp = utc_timestamp()
    work_dir = Path(tempfile.mkdtemp(prefix="boyodb-load-"))
    passed = False
    try:
        record = run(options, work_dir, timestamp)
        passed = record["passed"]
        print(f"results: {write_results(options, timestamp, record)}")
        for problem in record["problems"]:
            print(f"load.py: FAILED: {problem}", file=sys.stderr)
    except (RuntimeError, boyodb.Error) as error:
        print(f"load.py: FAILED: {describe_error(error)}", file=sys.stderr)
    finally:
        if passed and not options.keep_data:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            print(f"load.py: kept {work_dir} (server log: {work_dir / 'server.log'})",
                  file=sys.stderr if not passed else sys.stdout)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
