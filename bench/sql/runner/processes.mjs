// Server processes of the benchmark: started with their output in log files, stopped by their
// process id (SIGTERM, then SIGKILL after a grace period), and every one still running stopped
// by stopAll() when the runner ends, fails or is interrupted.

import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const running = new Set();

/**
 * Starts `command` with `args`; its stderr (and stdout, unless `pipeStdout`) is appended to
 * `logFile`. Returns the ChildProcess; `exited` on it is a promise of its exit code (or signal
 * name). Requires: `logFile`'s directory exists.
 */
export function startProcess(command, args, { env = process.env, logFile, pipeStdout = false }) {
  const log = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(command, args, { env, stdio: ['ignore', pipeStdout ? 'pipe' : log, log] });
  } finally {
    closeSync(log);
  }
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal);
    });
    child.once('error', (error) => {
      running.delete(child);
      resolve(`error: ${error.message}`);
    });
  });
  running.add(child);
  return child;
}

/** True while the process has not exited. */
export function isRunning(child) {
  return child.exitCode === null && child.signalCode === null && running.has(child);
}

/**
 * Stops a process by its id: SIGTERM, then SIGKILL if it has not exited after `graceMs`.
 * Resolves when it has exited.
 */
export async function stopProcess(child, graceMs = 30_000) {
  if (!isRunning(child)) return child.exited;
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return child.exited;
  }
  const exited = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!exited) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // It exited between the check and the kill.
    }
  }
  return child.exited;
}

/** Stops every process started here that still runs (SIGTERM, then SIGKILL). */
export async function stopAll(graceMs = 10_000) {
  await Promise.all([...running].map((child) => stopProcess(child, graceMs)));
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for servers that need a fixed port). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `probe` every `intervalMs` until it returns a value other than undefined, and returns
 * that. Rejects when `deadlineMs` passes, or when `child` (optional) exits first.
 */
export async function waitFor(probe, { deadlineMs, intervalMs = 100, child = null, what }) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (child !== null && !isRunning(child)) {
      throw new Error(`${what}: the process exited (${await child.exited}) before it was ready`);
    }
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${deadlineMs / 1000} s`);
    await sleep(intervalMs);
  }
}

/** The last `lines` lines of a text file ('' when it cannot be read). */
export function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
