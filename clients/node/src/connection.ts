/**
 * One TCP connection: writes request frames and hands response frames, in order, to the
 * readers of the requests that are waiting. The server answers the requests of a connection in
 * the order they were sent, so a FIFO of readers is all the matching there is; requests are
 * written as soon as they are made (the protocol allows pipelining) and the server runs them
 * one at a time.
 */
import net from 'node:net';
import { BoyoError, ClientErrorCode } from './errors.js';
import { FrameDecoder, frameHeader } from './frames.js';

/** What a request does with the frames of its response. */
export interface ResponseReader {
  /** Takes the next frame of the response; returns true once the response is complete. */
  onFrame(frame: Uint8Array): boolean;
  /** The connection ended before the response was complete. */
  onError(error: BoyoError): void;
}

export interface ConnectionOptions {
  host: string;
  port: number;
  /** Milliseconds without progress (connecting, or waiting for a response) before giving up. */
  timeoutMs?: number | undefined;
}

export class Connection {
  private readonly decoder = new FrameDecoder();
  private readonly readers: ResponseReader[] = [];
  private failure: BoyoError | null = null;
  private paused = false;
  private readonly closedPromise: Promise<void>;

  private constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.closedPromise = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (cause) => this.fail(lost(`the connection to the server failed: ${cause.message}`, cause)));
    socket.on('close', () =>
      this.fail(lost(this.decoder.pendingBytes > 0
        ? 'the server closed the connection in the middle of a frame'
        : 'the server closed the connection')),
    );
    socket.on('timeout', () =>
      this.fail(
        new BoyoError(`no answer from the server within ${this.timeoutMs} ms; the connection was closed`, {
          code: ClientErrorCode.queryCanceled,
        }),
      ),
    );
  }

  static open(options: ConnectionOptions): Promise<Connection> {
    const timeoutMs = options.timeoutMs ?? 0;
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ host: options.host, port: options.port });
      const onError = (cause: Error) => {
        socket.destroy();
        reject(new BoyoError(`cannot connect to ${options.host}:${options.port}: ${cause.message}`, {
          code: ClientErrorCode.connectionFailure,
        }, { cause }));
      };
      socket.setTimeout(timeoutMs, () =>
        onError(new Error(`no connection within ${timeoutMs} ms`)),
      );
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.removeListener('error', onError);
        socket.removeAllListeners('timeout');
        socket.setTimeout(0);
        socket.setNoDelay(true);
        resolve(new Connection(socket, timeoutMs));
      });
    });
  }

  /** False once the connection has been closed or has failed. */
  get isOpen(): boolean {
    return this.failure === null;
  }

  /**
   * Writes a request (one or more frame payloads, written back to back) and queues the reader
   * of its response. Throws when the connection is no longer usable.
   */
  send(payloads: Uint8Array[], reader: ResponseReader): void {
    if (this.failure !== null) {
      throw new BoyoError('the connection is closed', {
        code: ClientErrorCode.connectionDoesNotExist,
      }, { cause: this.failure });
    }
    // Corked, so a small request goes out as one segment rather than header and body apart.
    this.socket.cork();
    for (const payload of payloads) {
      this.socket.write(frameHeader(payload.length));
      if (payload.length > 0) this.socket.write(payload);
    }
    this.socket.uncork();
    this.readers.push(reader);
    this.updateTimer();
  }

  /** Stops reading from the socket, so a slow consumer of a streamed result holds the server back. */
  pauseReading(): void {
    if (this.paused) return;
    this.paused = true;
    this.socket.pause();
    this.updateTimer();
  }

  resumeReading(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.resume();
    this.updateTimer();
  }

  /** Closes the connection; requests still waiting fail with 08003. */
  async close(): Promise<void> {
    this.fail(new BoyoError('the connection was closed', { code: ClientErrorCode.connectionDoesNotExist }));
    await this.closedPromise;
  }

  private onData(chunk: Buffer): void {
    for (const frame of this.decoder.push(chunk)) {
      if (this.failure !== null) return;
      const reader = this.readers[0];
      if (reader === undefined) {
        this.fail(protocolError('the server sent a frame no request was waiting for'));
        return;
      }
      if (reader.onFrame(frame)) {
        this.readers.shift();
        this.updateTimer();
      }
    }
  }

  /**
   * The inactivity timer runs only while a response is awaited and the driver is reading:
   * a consumer that is slow to take streamed batches is not the server being slow.
   */
  private updateTimer(): void {
    if (this.timeoutMs <= 0 || this.failure !== null) return;
    this.socket.setTimeout(this.readers.length > 0 && !this.paused ? this.timeoutMs : 0);
  }

  private fail(error: BoyoError): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.socket.setTimeout(0);
    this.socket.destroy();
    const waiting = this.readers.splice(0);
    for (const reader of waiting) reader.onError(error);
  }
}

function lost(message: string, cause?: unknown): BoyoError {
  return new BoyoError(message, { code: ClientErrorCode.connectionFailure }, { cause });
}

function protocolError(message: string): BoyoError {
  return new BoyoError(message, { code: ClientErrorCode.protocolViolation });
}
