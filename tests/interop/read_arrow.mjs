// Usage: node read_arrow.mjs <file>
// Reads an Arrow IPC file or stream (compressed with LZ4_FRAME or ZSTD, or not) with the
// apache-arrow package and prints its schema and values as JSON (see render.mjs).
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { registerCodecs } from './codecs.mjs';
import { renderTable } from './render.mjs';

const path = process.argv[2];
if (!path) {
  console.error('usage: node read_arrow.mjs <file>');
  process.exit(2);
}
await registerCodecs();
try {
  const table = tableFromIPC(readFileSync(path));
  process.stdout.write(JSON.stringify(renderTable(table)) + '\n');
} catch (error) {
  console.error(`reading ${path}: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
}
