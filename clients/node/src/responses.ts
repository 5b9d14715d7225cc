/**
 * Readers for responses that are read whole: a single JSON frame, or a query answered in
 * binary mode (a JSON header, then Arrow IPC frames up to an empty frame), and the results
 * the public API makes of them.
 */
import { Table, tableFromIPC } from 'apache-arrow';
import type { ResponseReader } from './connection.js';
import type { BoyoError } from './errors.js';
import { type ColumnInfo, type OkResponse, decodeResponse, isJsonPayload, midStreamError } from './protocol.js';
import { type Row, tableRows } from './values.js';

/** The answer to a query or to the execution of a prepared statement, read whole. */
export interface QueryResult {
  /** PostgreSQL's command tag: `SELECT 3`, `INSERT 0 2`, `CREATE TABLE`. */
  command: string;
  /** Rows changed by an INSERT, UPDATE, DELETE; null for other statements. */
  rowsAffected: number | null;
  /** Name and BoyoDB type name of each result column; empty when the statement returns no rows. */
  columns: ColumnInfo[];
  /** The rows as plain objects (see the README for the value of each type). */
  rows: Row[];
  /** The same rows as the apache-arrow Table the server sent; null when no rows are returned. */
  table: Table | null;
  /** Server-side execution time. */
  executionTimeMs: number | null;
}

/** The response to a request that is answered by one JSON frame. */
export function jsonResponse(): { reader: ResponseReader; response: Promise<OkResponse> } {
  let settle!: { resolve: (r: OkResponse) => void; reject: (e: unknown) => void };
  const response = new Promise<OkResponse>((resolve, reject) => (settle = { resolve, reject }));
  const reader: ResponseReader = {
    onFrame(frame) {
      try {
        settle.resolve(decodeResponse(frame));
      } catch (error) {
        settle.reject(error);
      }
      return true;
    },
    onError: (error: BoyoError) => settle.reject(error),
  };
  return { reader, response };
}

/** A binary-mode query answer: the header, and the IPC stream's frames when it returned rows. */
export interface BinaryAnswer {
  header: OkResponse;
  ipcFrames: Uint8Array[] | null;
}

/** Collects a whole binary-mode query answer. */
export function binaryResponse(): { reader: ResponseReader; response: Promise<BinaryAnswer> } {
  let settle!: { resolve: (r: BinaryAnswer) => void; reject: (e: unknown) => void };
  const response = new Promise<BinaryAnswer>((resolve, reject) => (settle = { resolve, reject }));
  let header: OkResponse | null = null;
  const ipcFrames: Uint8Array[] = [];
  const reader: ResponseReader = {
    onFrame(frame) {
      try {
        if (header === null) {
          header = decodeResponse(frame);
          if (header.binary === true) return false;
          settle.resolve({ header, ipcFrames: null });
          return true;
        }
        if (frame.length === 0) {
          settle.resolve({ header, ipcFrames });
          return true;
        }
        // A JSON frame in place of IPC data: encoding failed part way.
        if (isJsonPayload(frame)) throw midStreamError(frame);
        ipcFrames.push(frame);
        return false;
      } catch (error) {
        settle.reject(error);
        return true;
      }
    },
    onError: (error: BoyoError) => settle.reject(error),
  };
  return { reader, response };
}

export function toQueryResult({ header, ipcFrames }: BinaryAnswer): QueryResult {
  const table = ipcFrames === null ? null : tableFromIPC(ipcFrames);
  return {
    command: header.command ?? '',
    rowsAffected: header.rows_affected ?? null,
    columns: header.columns ?? [],
    rows: table === null ? [] : tableRows(table),
    table,
    executionTimeMs: header.execution_time_ms ?? null,
  };
}

/** The rows of an answer as a Table; an empty one for a statement that returns no rows. */
export function toTable({ ipcFrames }: BinaryAnswer): Table {
  return ipcFrames === null ? new Table() : tableFromIPC(ipcFrames);
}
