export type { InvalidIp, IpClassification, IpRange, IpType, ValidIp } from './classify.js';
export { classifyIp, isPublicIp } from './classify.js';
export type { GeoIpErrorCode, GeoIpErrorOptions } from './geo-ip-error.js';
export { GeoIpError, isGeoIpError } from './geo-ip-error.js';
export type {
  GeoHost,
  GeoHostOptions,
  GeoHostStats,
  GeoLookupOptions,
  GeoResult,
  GeoResultStatus,
} from './host.js';
export { createGeoHost } from './host.js';
export type { StaticProviderOptions } from './providers/static.js';
export { createStaticProvider } from './providers/static.js';
export type {
  GeoAttribution,
  GeoBatchEntry,
  GeoLookupContext,
  GeoProvider,
  GeoProviderCapabilities,
  GeoRecord,
} from './types.js';
