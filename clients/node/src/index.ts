/** BoyoDB's Node.js driver: the native protocol over TCP or TLS, results as apache-arrow Tables. */
export {
  Client,
  connect,
  type ClusterStatus,
  type ConnectOptions,
  type CreateTableOptions,
  type CsvOptions,
  type IngestResult,
  type QueryResult,
} from './client.js';
export { BoyoError, ClientErrorCode, type BoyoErrorDetails } from './errors.js';
export { interpolate, quoteIdentifier, quoteString, toLiteral } from './literals.js';
export { type ParameterValue, toParameterValue } from './parameters.js';
export { Pool, type PoolOptions } from './pool.js';
export { PreparedStatement } from './prepared.js';
export type { ColumnDefinition, ColumnInfo } from './protocol.js';
export { BatchStream, type StreamHeader } from './stream.js';
export type { TlsOptions } from './tls.js';
export { type Interval, type Row, batchRows, tableRows } from './values.js';
