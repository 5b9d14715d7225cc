// Framing, without a server: payloads cut at every byte boundary come out whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameDecoder, frameHeader } from '../dist/frames.js';

function frame(payload) {
  return Buffer.concat([frameHeader(payload.length), payload]);
}

test('frameHeader writes a big-endian length', () => {
  assert.deepEqual([...frameHeader(0x01020304)], [1, 2, 3, 4]);
  assert.throws(() => frameHeader(-1), RangeError);
  assert.throws(() => frameHeader(2 ** 32), RangeError);
});

test('frames split at every offset are decoded the same', () => {
  const payloads = [Buffer.from('{"status":"ok"}'), Buffer.alloc(0), Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3])];
  const wire = Buffer.concat(payloads.map(frame));
  for (let cut = 0; cut <= wire.length; ++cut) {
    const decoder = new FrameDecoder();
    const out = [...decoder.push(wire.subarray(0, cut)), ...decoder.push(wire.subarray(cut))];
    assert.deepEqual(out.map((p) => Buffer.from(p)), payloads, `cut at ${cut}`);
    assert.equal(decoder.pendingBytes, 0);
  }
});

test('byte-at-a-time input', () => {
  const payload = Buffer.from('x'.repeat(1000));
  const wire = frame(payload);
  const decoder = new FrameDecoder();
  const out = [];
  for (let i = 0; i < wire.length; ++i) out.push(...decoder.push(wire.subarray(i, i + 1)));
  assert.equal(out.length, 1);
  assert.deepEqual(Buffer.from(out[0]), payload);
});

test('payloads are fresh, aligned buffers', () => {
  const decoder = new FrameDecoder();
  const wire = Buffer.concat([Buffer.from([0]), frame(Buffer.from('abcdefgh'))]);
  const [payload] = decoder.push(wire.subarray(1));
  assert.equal(payload.byteOffset, 0);
  assert.equal(payload.buffer.byteLength, 8);
  wire.fill(0);
  assert.equal(Buffer.from(payload).toString(), 'abcdefgh');
});

test('an incomplete frame stays pending', () => {
  const decoder = new FrameDecoder();
  assert.deepEqual(decoder.push(frame(Buffer.from('abc')).subarray(0, 5)), []);
  assert.equal(decoder.pendingBytes, 5);
});
