/**
 * The one error class of the driver. Server errors carry the SQLSTATE the server sent; errors
 * the driver raises itself use the SQLSTATE PostgreSQL uses for the same condition, so callers
 * can branch on `code` alone whichever side noticed the problem.
 */

/** SQLSTATE codes the driver itself raises. */
export const ClientErrorCode = {
  /** The server closed the connection, or the socket failed. */
  connectionFailure: '08006',
  /** A request on a client that was closed (or failed) earlier. */
  connectionDoesNotExist: '08003',
  /** The server answered something the protocol does not allow. */
  protocolViolation: '08P01',
  /** `timeoutMs` passed without an answer; the connection was closed. */
  queryCanceled: '57014',
  /** A `$n` placeholder with no matching parameter. */
  undefinedParameter: '42P02',
  /** A string parameter containing U+0000, which PostgreSQL text cannot hold. */
  characterNotInRepertoire: '22021',
} as const;

/** What the server sends in an error response, besides the message. */
export interface BoyoErrorDetails {
  code: string;
  /** 1-based character position in the SQL text the error points at. */
  position?: number | undefined;
  /** Where the error happened, innermost last (`COPY t, line 3, column b`). */
  context?: string[] | undefined;
}

export class BoyoError extends Error {
  /** SQLSTATE: five characters, as PostgreSQL would give. */
  readonly code: string;
  readonly position: number | undefined;
  readonly context: string[] | undefined;

  constructor(message: string, details: BoyoErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BoyoError';
    this.code = details.code;
    this.position = details.position;
    this.context = details.context;
  }
}
