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
  return `a ${typeof value}`;
}
