// Registers LZ4_FRAME and ZSTD codecs in apache-arrow's compression registry, so the JS side
// can read (and write) compressed IPC bodies: lz4js for LZ4 frames, fzstd to decode zstd and
// zstd-codec (Emscripten build of libzstd) to encode it.
import { compressionRegistry, CompressionType } from 'apache-arrow';
import lz4 from 'lz4js';
import * as fzstd from 'fzstd';
import zstdCodec from 'zstd-codec';

export async function registerCodecs() {
  const zstd = await new Promise((resolve) => zstdCodec.ZstdCodec.run(resolve));
  const simple = new zstd.Simple();
  compressionRegistry.set(CompressionType.LZ4_FRAME, {
    encode: (data) => lz4.compress(data),
    decode: (data) => Uint8Array.from(lz4.decompress(data)),  // copied, as for zstd below
  });
  compressionRegistry.set(CompressionType.ZSTD, {
    encode: (data) => simple.compress(data, 3),
    // A fresh copy: apache-arrow makes 64-bit typed arrays over the result, which need an
    // 8-byte aligned byteOffset.
    decode: (data) => Uint8Array.from(fzstd.decompress(data)),
  });
}
