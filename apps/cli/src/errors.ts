/**
 * Stable codes of {@link CliError}, with the exit code each maps to.
 *
 * | code | exit | meaning |
 * |---|---|---|
 * | `USAGE` | 2 | bad arguments or option values (unknown `--types`, unknown `--ip-column`) |
 * | `CONFIG` | 2 | the configuration is missing, invalid, or lacks a needed setting |
 * | `SOURCE_NOT_FOUND` | 1 | a SOURCE path or glob matches nothing |
 * | `SOURCE_READ` | 1 | a SOURCE could not be read |
 * | `URL_FETCH` | 1 | a URL SOURCE failed (HTTP status, timeout, size cap, network) |
 * | `OUTPUT` | 1 | the output file could not be written |
 * | `DATABASE` | 1 | a GeoIP database could not be opened or read |
 * | `NETWORK` | 1 | a network lookup or download failed |
 * | `RUNTIME` | 1 | any other runtime failure |
 */
export type CliErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'SOURCE_NOT_FOUND'
  | 'SOURCE_READ'
  | 'URL_FETCH'
  | 'OUTPUT'
  | 'DATABASE'
  | 'NETWORK'
  | 'RUNTIME';

const EXIT_CODES: Record<CliErrorCode, 1 | 2> = {
  USAGE: 2,
  CONFIG: 2,
  SOURCE_NOT_FOUND: 1,
  SOURCE_READ: 1,
  URL_FETCH: 1,
  OUTPUT: 1,
  DATABASE: 1,
  NETWORK: 1,
  RUNTIME: 1,
};

/**
 * The one error class of `@iocmap/cli`. Its message is printed as
 * `iocmap: <message>` on stderr and the process exits with {@link CliError.exitCode}:
 * 2 for usage and configuration errors, 1 for runtime failures.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** Stable code, see {@link CliErrorCode}. */
  readonly code: CliErrorCode;
  /** Process exit code: 2 usage/config, 1 runtime. */
  readonly exitCode: 1 | 2;
  /** The offending path, URL or value, when there is one. */
  readonly value?: string;

  constructor(code: CliErrorCode, message: string, options: { value?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.exitCode = EXIT_CODES[code];
    if (options.value !== undefined) this.value = options.value;
  }
}

/** Guard for {@link CliError}. */
export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}
