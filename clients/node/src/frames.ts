/**
 * The protocol's framing: every message is a 4-byte big-endian length followed by that many
 * payload bytes.
 */

/** Largest payload a frame can announce (the length is an unsigned 32-bit integer). */
export const MAX_FRAME_BYTES = 0xffffffff;

/**
 * The 4-byte header for a payload. It is written separately from the payload so large
 * payloads (ingested Arrow data) are never copied just to be framed.
 */
export function frameHeader(payloadLength: number): Buffer {
  if (!Number.isInteger(payloadLength) || payloadLength < 0 || payloadLength > MAX_FRAME_BYTES) {
    throw new RangeError(`a frame cannot hold ${payloadLength} bytes`);
  }
  const header = Buffer.allocUnsafe(4);
  header.writeUInt32BE(payloadLength, 0);
  return header;
}

/**
 * Cuts a byte stream into frame payloads. Each payload is copied into its own ArrayBuffer:
 * apache-arrow builds 64-bit typed arrays over IPC bodies, which needs 8-byte aligned offsets
 * (true from the start of a payload, not of a pooled socket chunk), and a fresh buffer means a
 * payload a caller keeps never pins the socket's chunks in memory.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Adds bytes from the socket and returns every payload they complete, in order. */
  push(chunk: Buffer): Uint8Array[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const length = this.peekLength();
      if (this.buffered < 4 + length) break;
      this.consume(4);
      frames.push(this.take(length));
    }
    return frames;
  }

  /** Bytes of an incomplete frame; non-zero when the socket closes mid-frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  private peekLength(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readUInt32BE(0);
    return Buffer.concat(this.chunks, 4).readUInt32BE(0);
  }

  private consume(count: number): void {
    this.copyOut(null, count);
  }

  private take(count: number): Uint8Array {
    const out = new Uint8Array(count);
    this.copyOut(out, count);
    return out;
  }

  /** Removes `count` bytes from the front, copying them into `out` when given. */
  private copyOut(out: Uint8Array | null, count: number): void {
    let written = 0;
    while (written < count) {
      const first = this.chunks[0]!;
      const n = Math.min(first.length, count - written);
      if (out !== null) out.set(first.subarray(0, n), written);
      written += n;
      if (n === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    }
    this.buffered -= count;
  }
}
