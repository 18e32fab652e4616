export type { InvalidIp, IpClassification, IpRange, IpType, ValidIp } from './classify.js';
export { classifyIp, isPublicIp } from './classify.js';
export type { FallbackOptions } from './combinators/fallback.js';
export { fallback } from './combinators/fallback.js';
export { merge } from './combinators/merge.js';
export { countryNameOf } from './country-name.js';
export type { GeoPoint } from './distance.js';
export { EARTH_RADIUS_KM, geoDistance } from './distance.js';
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
export { parseIpv4Strict } from './parse-ipv4.js';
export type { IpInfoProviderOptions } from './providers/ipinfo.js';
export { createIpInfoProvider, IPINFO_MAX_BATCH } from './providers/ipinfo.js';
export type { IpStackProviderOptions } from './providers/ipstack.js';
export { createIpStackProvider, IPSTACK_MAX_BULK } from './providers/ipstack.js';
export type { StaticProviderOptions } from './providers/static.js';
export { createStaticProvider } from './providers/static.js';
export type {
  FetchLike,
  GeoAttribution,
  GeoBatchEntry,
  GeoLookupContext,
  GeoProvider,
  GeoProviderCapabilities,
  GeoRecord,
} from './types.js';
