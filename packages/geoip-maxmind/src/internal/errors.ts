/**
 * Every throw in this package goes through {@link geoError}, which builds the
 * GeoIP packages' one error class, `GeoIpError` from `@iocmap/geoip`.
 */
import { GeoIpError, type GeoIpErrorCode, type GeoIpErrorOptions } from '@iocmap/geoip';

/** Builds a `GeoIpError` with `code`, a message that names the value and the fix, and context. */
export function geoError(code: GeoIpErrorCode, message: string, options: GeoIpErrorOptions = {}): GeoIpError {
  return new GeoIpError(code, message, options);
}

/** A value as a message shows it: strings JSON-quoted (so "8" and 8 differ), objects by kind. */
export function showValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Throw `INVALID_OPTION` for the first key of `options` not in `known`: a
 * misspelt option (`cachSize`) would otherwise fall back to its default
 * without a word. Keys whose value is `undefined` count as not given.
 */
export function rejectUnknownKeys(
  options: object,
  known: readonly string[],
  where: string,
  context: GeoIpErrorOptions = {},
): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key) || (options as Record<string, unknown>)[key] === undefined) continue;
    throw geoError(
      'INVALID_OPTION',
      `${where} has no option ${showValue(key)}; the options are ${known.join(', ')}.`,
      context,
    );
  }
}
