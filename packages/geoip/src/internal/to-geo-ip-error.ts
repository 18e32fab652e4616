import { GeoIpError, isGeoIpError } from '../geo-ip-error.js';

/** Pass a GeoIpError through; wrap anything else as `PROVIDER_FAILED` naming the provider and address. */
export function toGeoIpError(error: unknown, provider: string, ip?: string): GeoIpError {
  if (isGeoIpError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const what = ip === undefined ? 'failed' : `failed to look up ${ip}`;
  return new GeoIpError(
    'PROVIDER_FAILED',
    `GeoIP provider "${provider}" ${what}: ${detail}. Check the provider's data or service, or use another provider.`,
    { cause: error, provider, ...(ip === undefined ? {} : { ip }) },
  );
}
