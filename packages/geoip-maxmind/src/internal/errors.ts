/**
 * The package's error constructor. `@iocmap/geoip` owns the one error class
 * (`GeoIpError`); every throw in this package goes through {@link geoError}
 * so the class is wired in one place.
 */

/** Context fields attached to an error (never secrets). */
export interface ErrorContext {
  path?: string;
  provider?: string;
  status?: number;
  url?: string;
  cause?: unknown;
}

/** Codes this package raises. */
export type MaxmindErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_IP'
  | 'DATABASE_NOT_FOUND'
  | 'DATABASE_CORRUPT'
  | 'AUTH_FAILED'
  | 'RATE_LIMITED'
  | 'NETWORK_ERROR'
  | 'HTTP_ERROR'
  | 'CHECKSUM_MISMATCH'
  | 'UNSAFE_ARCHIVE'
  | 'LOCKED'
  | 'ABORTED'
  | 'DISPOSED';

export class PendingGeoIpError extends Error {
  readonly code: MaxmindErrorCode;
  readonly path?: string;
  readonly provider?: string;
  readonly status?: number;
  constructor(code: MaxmindErrorCode, message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = 'GeoIpError';
    this.code = code;
    if (context.path !== undefined) this.path = context.path;
    if (context.provider !== undefined) this.provider = context.provider;
    if (context.status !== undefined) this.status = context.status;
  }
}

/** Builds the package's error for `code`. */
export function geoError(code: MaxmindErrorCode, message: string, context: ErrorContext = {}): Error {
  return new PendingGeoIpError(code, message, context);
}
