/**
 * Every throw in this package goes through {@link geoError}, which builds the
 * GeoIP packages' one error class, `GeoIpError` from `@iocmap/geoip`.
 */
import { GeoIpError, type GeoIpErrorCode, type GeoIpErrorOptions } from '@iocmap/geoip';

/** Builds a `GeoIpError` with `code`, a message that names the value and the fix, and context. */
export function geoError(code: GeoIpErrorCode, message: string, options: GeoIpErrorOptions = {}): GeoIpError {
  return new GeoIpError(code, message, options);
}
