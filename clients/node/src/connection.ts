/**
 * One connection, plain TCP or TLS: writes request frames and hands response frames, in order,
 * to the readers of the requests that are waiting. The server answers the requests of a
 * connection in the order they were sent, so a FIFO of readers is all the matching there is;
 * requests are written as soon as they are made (the protocol allows pipelining) and the
 * server runs them one at a time.
 */
import net from 'node:net';
import tls from 'node:tls';
import { BoyoError, ClientErrorCode } from './errors.js';
import { FrameDecoder, frameHeader } from './frames.js';
import { describeTlsFailure } from './tls.js';

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
  /** node:tls options (see secureOptions()); null or absent for plain TCP. */
  tls?: tls.ConnectionOptions | null | undefined;
}

export class Connection {
  private readonly decoder = new FrameDecoder();
  private readonly readers: ResponseReader[] = [];
  private failure: BoyoError | null = null;
  private paused = false;
  /** Whether any byte came from the server yet. */
  private answered = false;
  private readonly closedPromise: Promise<void>;

  private constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.closedPromise = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (cause: Error) => {
      // With TLS 1.3 the server checks the client's certificate after the client's side of the
      // handshake is done, so its refusal arrives here, as the answer to the first request.
      const tlsFailure = describeTlsFailure(cause);
      this.fail(lost(tlsFailure === null
        ? `the connection to the server failed: ${cause.message}`
        : `the TLS connection to the server failed: ${tlsFailure}`, cause));
    });
    socket.on('close', () => this.fail(lost(this.closeMessage())));
    socket.on('timeout', () =>
      this.fail(
        new BoyoError(`no answer from the server within ${this.timeoutMs} ms; the connection was closed`, {
          code: ClientErrorCode.queryCanceled,
        }),
      ),
    );
  }

  /**
   * Connects, and with `options.tls` completes the TLS handshake, verifying the server's
   * certificate. Rejects with 08006 when that fails or takes longer than `timeoutMs`.
   */
  static open(options: ConnectionOptions): Promise<Connection> {
    const timeoutMs = options.timeoutMs ?? 0;
    return new Promise((resolve, reject) => {
      const secure = options.tls ?? null;
      const socket = secure === null
        ? net.createConnection({ host: options.host, port: options.port })
        : tls.connect({ ...secure, host: options.host, port: options.port });
      const onError = (cause: Error) => {
        socket.destroy();
        const tlsFailure = secure === null ? null : describeTlsFailure(cause);
        reject(new BoyoError(`cannot connect to ${options.host}:${options.port}: ${tlsFailure ?? cause.message}`, {
          code: ClientErrorCode.connectionFailure,
        }, { cause }));
      };
      socket.setTimeout(timeoutMs, () =>
        onError(new Error(`no connection within ${timeoutMs} ms`)),
      );
      socket.once('error', onError);
      socket.once(secure === null ? 'connect' : 'secureConnect', () => {
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

  /** The TLS version in use (`TLSv1.3`); null for a plain TCP connection. */
  get tlsProtocol(): string | null {
    return this.socket instanceof tls.TLSSocket ? this.socket.getProtocol() : null;
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
    if (!this.answered) {
      this.answered = true;
      // A TLS record (an alert or a handshake message) where the first frame was due: the
      // 4-byte length it makes is hundreds of megabytes, so without this check the driver
      // would wait for a frame that never comes.
      if (!(this.socket instanceof tls.TLSSocket) && looksLikeTlsRecord(chunk)) {
        this.fail(lost('the server answered with TLS: connect with the tls option'));
        return;
      }
    }
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

  private closeMessage(): string {
    if (this.decoder.pendingBytes > 0) return 'the server closed the connection in the middle of a frame';
    if (!this.answered && !(this.socket instanceof tls.TLSSocket)) {
      // What a server that requires TLS does to a plain connection.
      return 'the server closed the connection without answering; if it requires TLS, connect with the tls option';
    }
    return 'the server closed the connection';
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

/** A TLS record header: content type alert (21) or handshake (22), then version 3.x. */
function looksLikeTlsRecord(chunk: Buffer): boolean {
  return chunk.length >= 2 && (chunk[0] === 0x15 || chunk[0] === 0x16) && chunk[1] === 0x03;
}

function protocolError(message: string): BoyoError {
  return new BoyoError(message, { code: ClientErrorCode.protocolViolation });
}
