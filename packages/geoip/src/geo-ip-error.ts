/**
 * Stable codes of {@link GeoIpError}. Codes never change meaning; new codes may be added.
 *
 * | code | meaning |
 * |---|---|
 * | `INVALID_OPTION` | an option passed to a factory or call is missing or out of range |
 * | `INVALID_ADDRESS` | a provider was handed something that is not a canonical public IP address |
 * | `ABORTED` | the caller's `AbortSignal` fired |
 * | `TIMEOUT` | the call's `timeoutMs` elapsed |
 * | `DISPOSED` | the host or provider was used after `dispose()` |
 * | `UNSUPPORTED` | the provider (or the plan of an online service) cannot do what was asked |
 * | `PROVIDER_FAILED` | a provider failed for another reason (see `cause`) |
 * | `HTTP_ERROR` | an online service answered with an unexpected HTTP status |
 * | `AUTH_FAILED` | an online service rejected the access key / token |
 * | `RATE_LIMITED` | an online service refused because of a rate limit or quota (`retryAfter` in seconds when known) |
 * | `NETWORK_ERROR` | the request never got an HTTP answer (DNS, refused connection, reset) |
 * | `INVALID_RESPONSE` | a provider answered with data that does not have the documented shape: not a `GeoRecord` object or `null`, a latitude outside -90..90 / longitude outside -180..180 degrees / negative accuracy radius, or a batch answer of the wrong length |
 * | `DATABASE_NOT_FOUND` | a database file does not exist (`path`) |
 * | `DATABASE_CORRUPT` | a database file cannot be read as the expected format (`path`) |
 * | `DATABASE_TYPE_MISMATCH` | a database file is readable but of the wrong kind (e.g. an ASN database where a City one was expected) |
 * | `DOWNLOAD_FAILED` | downloading a database failed |
 * | `CHECKSUM_MISMATCH` | a downloaded database does not match its published checksum |
 * | `LOCK_FAILED` | a database file lock could not be acquired |
 */
export type GeoIpErrorCode =
  | 'INVALID_OPTION'
  | 'INVALID_ADDRESS'
  | 'ABORTED'
  | 'TIMEOUT'
  | 'DISPOSED'
  | 'UNSUPPORTED'
  | 'PROVIDER_FAILED'
  | 'HTTP_ERROR'
  | 'AUTH_FAILED'
  | 'RATE_LIMITED'
  | 'NETWORK_ERROR'
  | 'INVALID_RESPONSE'
  | 'DATABASE_NOT_FOUND'
  | 'DATABASE_CORRUPT'
  | 'DATABASE_TYPE_MISMATCH'
  | 'DOWNLOAD_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'LOCK_FAILED';

/** Context fields of a {@link GeoIpError}; all optional. */
export interface GeoIpErrorOptions {
  /** The underlying error (standard `Error.cause`). */
  cause?: unknown;
  /** Name of the provider that failed (`"ipinfo"`). */
  provider?: string;
  /** HTTP status code, when an online service answered. */
  status?: number;
  /** File system path involved (database file). */
  path?: string;
  /** The IP address the failure is about, when it is about one. */
  ip?: string;
  /** Seconds to wait before retrying, from a `Retry-After` header (`RATE_LIMITED`). */
  retryAfter?: number;
}

/**
 * The one error class of the GeoIP packages; `code` is stable and documented
 * in {@link GeoIpErrorCode}. Other GeoIP packages (`@iocmap/geoip-maxmind`,
 * `@iocmap/geoip-dbip`) throw this class too, or subclasses of it.
 *
 * Messages name the offending value (with secrets redacted) and say what to do.
 *
 * @example
 * ```ts
 * try { await host.lookup(ips, { timeoutMs: 2000 }); }
 * catch (error) { if (isGeoIpError(error) && error.code === 'TIMEOUT') retryLater(); }
 * ```
 */
export class GeoIpError extends Error {
  override readonly name: string = 'GeoIpError';
  readonly code: GeoIpErrorCode;
  readonly provider?: string;
  readonly status?: number;
  readonly path?: string;
  readonly ip?: string;
  readonly retryAfter?: number;

  constructor(code: GeoIpErrorCode, message: string, options: GeoIpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.provider !== undefined) this.provider = options.provider;
    if (options.status !== undefined) this.status = options.status;
    if (options.path !== undefined) this.path = options.path;
    if (options.ip !== undefined) this.ip = options.ip;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

/**
 * True when `value` is a {@link GeoIpError}. Also recognises instances from a
 * second copy of this package (duplicate installs) by `name` and `code`.
 */
export function isGeoIpError(value: unknown): value is GeoIpError {
  if (value instanceof GeoIpError) return true;
  return (
    value instanceof Error &&
    value.name === 'GeoIpError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
