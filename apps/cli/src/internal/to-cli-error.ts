import { CliError, type CliErrorCode } from '../errors.js';

/**
 * Turn any error from the CLI or a sibling package into a {@link CliError}
 * with the right exit code: the packages' own error classes are recognised by
 * their `name` and stable `code`.
 */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (!(error instanceof Error)) return new CliError('RUNTIME', String(error));
  const raw = (error as Error & { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  if (error instanceof RangeError) {
    // A JavaScript engine limit (string length, array length, call stack) was
    // hit: the bare message ("Invalid string length") would not say why.
    return new CliError(
      'RUNTIME',
      `the input is too large to process in one run (JavaScript limit: ${error.message}); split it into smaller files, or rerun with --debug and report the stack trace`,
      { cause: error },
    );
  }
  return new CliError(classify(error.name, code), error.message, { cause: error });
}

function classify(name: string, code: string): CliErrorCode {
  switch (name) {
    case 'ConfigError':
      return code === 'CONFIG_UNREADABLE' ? 'RUNTIME' : 'CONFIG';
    case 'IocExtractError':
      return 'USAGE';
    case 'MapError':
      if (code === 'WRITE_FAILED') return 'OUTPUT';
      return code.startsWith('INVALID_') || code === 'LAYER_CONFLICT' ? 'USAGE' : 'RUNTIME';
    case 'GeoIpError':
      if (code === 'INVALID_OPTION') return 'USAGE';
      if (code === 'AUTH_FAILED') return 'CONFIG';
      if (code.startsWith('DATABASE_') || code === 'CHECKSUM_MISMATCH' || code === 'LOCK_FAILED')
        return 'DATABASE';
      if (
        [
          'NETWORK_ERROR',
          'HTTP_ERROR',
          'TIMEOUT',
          'RATE_LIMITED',
          'DOWNLOAD_FAILED',
          'INVALID_RESPONSE',
        ].includes(code)
      ) {
        return 'NETWORK';
      }
      return 'RUNTIME';
    default:
      if (code === 'EPIPE') return 'OUTPUT';
      return 'RUNTIME';
  }
}
