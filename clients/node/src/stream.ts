/**
 * A query result read as it arrives: the server sends a large binary result a record batch
 * per frame, and BatchStream hands each batch on as soon as its frame is in, holding at most a
 * few frames (HIGH_WATER_FRAMES). When the consumer falls behind, the driver stops reading
 * the socket, so TCP flow control slows the server down instead of memory filling up.
 */
import { type RecordBatch, RecordBatchReader } from 'apache-arrow';
import type { ResponseReader } from './connection.js';
import { type ColumnInfo, type OkResponse, decodeResponse, isJsonPayload, midStreamError } from './protocol.js';

/** Frames buffered before the driver stops reading the socket, and where it starts again. */
const HIGH_WATER_FRAMES = 8;
const LOW_WATER_FRAMES = 2;

/** What the server says about a streamed query before its first batch. */
export interface StreamHeader {
  /** PostgreSQL's command tag: `SELECT 200000`. */
  command: string;
  /** Empty for a statement that returns no rows. */
  columns: ColumnInfo[];
  /** Rows the result will have, for a statement that returns rows. */
  rowCount: number | null;
  /** Rows changed, for a statement that changes rows. */
  rowsAffected: number | null;
}

/** Turns socket reading off and on. */
export interface FlowControl {
  pauseReading(): void;
  resumeReading(): void;
}

/** The IPC frames of one result, between the socket and apache-arrow's stream reader. */
class FrameQueue implements AsyncIterableIterator<Uint8Array> {
  private readonly frames: Uint8Array[] = [];
  private waiter: { resolve: (r: IteratorResult<Uint8Array>) => void; reject: (e: unknown) => void } | null = null;
  private ended = false;
  private error: unknown = null;
  private discarding = false;

  constructor(private readonly flow: FlowControl) {}

  push(frame: Uint8Array): void {
    if (this.discarding) return;
    const waiter = this.waiter;
    if (waiter !== null) {
      this.waiter = null;
      waiter.resolve({ value: frame, done: false });
      return;
    }
    this.frames.push(frame);
    if (this.frames.length >= HIGH_WATER_FRAMES) this.flow.pauseReading();
  }

  /** The result is complete; the next request's frames must not wait behind a slow consumer. */
  end(): void {
    this.ended = true;
    this.flow.resumeReading();
    this.waiter?.resolve({ value: undefined, done: true });
    this.waiter = null;
  }

  fail(error: unknown): void {
    this.error = error;
    this.flow.resumeReading();
    this.waiter?.reject(error);
    this.waiter = null;
  }

  /** Drops what is buffered and whatever else of the result arrives (the consumer quit). */
  discard(): void {
    this.discarding = true;
    this.frames.length = 0;
    this.flow.resumeReading();
    this.waiter?.resolve({ value: undefined, done: true });
    this.waiter = null;
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    const frame = this.frames.shift();
    if (frame !== undefined) {
      if (this.frames.length <= LOW_WATER_FRAMES) this.flow.resumeReading();
      return Promise.resolve({ value: frame, done: false });
    }
    if (this.error !== null) return Promise.reject(this.error);
    if (this.ended || this.discarding) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this;
  }
}

/**
 * The record batches of a query, as an async iterator. Iterate it to the end, or leave the
 * loop early (`break`, or call `return()`), which makes the driver skip the rest of the
 * result; a stream left neither read nor closed holds up the requests queued after it.
 */
export class BatchStream implements AsyncIterableIterator<RecordBatch> {
  /** Resolves when the server has answered (before the first batch); rejects on its error. */
  readonly header: Promise<StreamHeader>;
  private readonly queue: FrameQueue;
  private resolveHeader!: (header: OkResponse) => void;
  private rejectHeader!: (error: unknown) => void;
  private batches: AsyncIterator<RecordBatch> | null = null;
  /** Whether the answer carries an IPC stream (a statement that returns rows). */
  private hasRows = false;
  private finished = false;
  /** Calls to next() run one after another, as the underlying reader requires. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(flow: FlowControl) {
    this.queue = new FrameQueue(flow);
    const raw = new Promise<OkResponse>((resolve, reject) => {
      this.resolveHeader = resolve;
      this.rejectHeader = reject;
    });
    this.header = raw.then(toStreamHeader);
    // Errors are delivered through next(); a stream nobody reads must not crash the process.
    this.header.catch(() => undefined);
  }

  /** The reader the connection feeds this stream's response to. */
  readonly responseReader: ResponseReader = (() => {
    let headerSeen = false;
    return {
      onFrame: (frame: Uint8Array): boolean => {
        if (!headerSeen) {
          headerSeen = true;
          let header: OkResponse;
          try {
            header = decodeResponse(frame);
          } catch (error) {
            this.fail(error);
            return true;
          }
          this.hasRows = header.binary === true;
          this.resolveHeader(header);
          if (this.hasRows) return false;
          this.queue.end();
          return true;
        }
        if (frame.length === 0) {
          this.queue.end();
          return true;
        }
        if (isJsonPayload(frame)) {
          this.queue.fail(midStreamError(frame));
          return true;
        }
        this.queue.push(frame);
        return false;
      },
      onError: (error: unknown) => this.fail(error),
    };
  })();

  /** Fails the stream before or during its response (the request could not be sent, the connection broke). */
  fail(error: unknown): void {
    this.rejectHeader(error);
    this.queue.fail(error);
  }

  next(): Promise<IteratorResult<RecordBatch>> {
    const step = this.tail.then(() => this.step());
    this.tail = step.catch(() => undefined);
    return step;
  }

  async return(): Promise<IteratorResult<RecordBatch>> {
    this.finished = true;
    this.queue.discard();
    await this.batches?.return?.();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RecordBatch> {
    return this;
  }

  private async step(): Promise<IteratorResult<RecordBatch>> {
    if (this.finished) return { value: undefined, done: true };
    try {
      await this.header;
      if (!this.hasRows) {
        this.finished = true;
        return { value: undefined, done: true };
      }
      this.batches ??= (await RecordBatchReader.from(this.queue))[Symbol.asyncIterator]();
      const result = await this.batches.next();
      if (result.done === true) this.finished = true;
      return result;
    } catch (error) {
      this.finished = true;
      this.queue.discard();
      throw error;
    }
  }
}

function toStreamHeader(response: OkResponse): StreamHeader {
  return {
    command: response.command ?? '',
    columns: response.columns ?? [],
    rowCount: response.binary === true ? (response.rows ?? null) : null,
    rowsAffected: response.rows_affected ?? null,
  };
}
