import type { GeoIpError } from './geo-ip-error.js';

/**
 * The provider contract of `@iocmap/geoip`, in the style of unstorage's
 * drivers: one small interface, each backend a factory in its own module, and
 * the host ({@link createGeoHost}) doing the shared work (validation,
 * classification, de-duplication, caching, batching, abort and timeout).
 */

/**
 * A location record as a provider returns it. Every field is optional: a
 * provider fills what its data has. Units: degrees for coordinates (WGS84),
 * kilometres for `accuracyRadiusKm`. The host checks every answer: a value
 * that is not an object, a latitude outside -90..90, a longitude outside
 * -180..180 or a negative accuracy radius (or a non-finite number in any of
 * them) is an `INVALID_RESPONSE` error result, never a location.
 */
export interface GeoRecord {
  /** ISO 3166-1 alpha-2 country code, upper-case (`"GB"`). */
  countryCode?: string;
  /** English country name (`"United Kingdom"`). */
  countryName?: string;
  /** First-level subdivision name (state, region, province). */
  state?: string;
  /** City name. */
  city?: string;
  /** Postal code. */
  postalCode?: string;
  /** Latitude in decimal degrees, -90..90. */
  latitude?: number;
  /** Longitude in decimal degrees, -180..180. */
  longitude?: number;
  /** Accuracy radius around the coordinates, in kilometres. */
  accuracyRadiusKm?: number;
  /** IANA time zone name (`"Europe/London"`). */
  timeZone?: string;
  /** The network (CIDR) that matched in the provider's data (`"81.2.69.128/26"`). */
  network?: string;
  /** Autonomous system number (`13335`). */
  asn?: number;
  /** Organisation that holds the ASN. */
  asOrganization?: string;
  /** Internet service provider (GeoIP2 ISP/Enterprise, ipinfo, IPStack). */
  isp?: string;
  /** Organisation using the address (GeoIP2 ISP/Enterprise). */
  organization?: string;
  /** Connection type (GeoIP2 Enterprise, IPStack), e.g. `"Cable/DSL"`. */
  connectionType?: string;
  /**
   * Name of the provider that actually answered, set by combinators
   * ({@link fallback}, {@link merge}) so results can say which data was used.
   * Plain providers leave it unset; the host then reports its provider's name.
   */
  source?: string;
}

/** What a provider's data can answer. The host and combinators read it; it does not change behaviour. */
export interface GeoProviderCapabilities {
  city: boolean;
  country: boolean;
  asn: boolean;
  /** True when lookups never leave the machine. */
  offline: boolean;
}

/** Attribution a provider's data licence requires (shown on maps). */
export interface GeoAttribution {
  /** Plain text, e.g. `"IP Geolocation by DB-IP"`. */
  text: string;
  /** Link for the text, e.g. `"https://db-ip.com"`. */
  url?: string;
}

/** Per-call context the host passes to a provider. */
export interface GeoLookupContext {
  /** Aborted when the caller aborts or the host's timeout elapses. */
  signal: AbortSignal;
}

/**
 * A GeoIP provider. `lookup` receives a canonical address (IPv4 dotted quad,
 * or IPv6 in RFC 5952 form; IPv4-mapped IPv6 is already unmapped to IPv4) that
 * the host has classified as public. It resolves to a record, or `null` when
 * the data has no answer ("not found" is a value, not an error). Failures
 * reject with `GeoIpError` carrying a `code`.
 *
 * Contract details every provider honours (checked by the conformance suite in
 * `@iocmap/geoip/testing`):
 * - an already-aborted `context.signal` rejects with code `ABORTED`;
 * - `dispose()` twice is harmless; any lookup after `dispose()` fails with code
 *   `DISPOSED` (`lookupSync` throws it);
 * - an abort during a call ends in the answer (the call finished first) or
 *   `ABORTED`, never another error;
 * - every failure is a `GeoIpError` with a `code`;
 * - every record is a plain object with coordinates in range (the host turns
 *   anything else into `INVALID_RESPONSE`).
 */
export interface GeoProvider {
  /** Short stable name, reported in each result's `provider` field (`"dbip"`, `"maxmind"`). */
  readonly name: string;
  readonly capabilities: GeoProviderCapabilities;
  readonly attribution?: GeoAttribution;
  /** Look one address up. */
  lookup(ip: string, context: GeoLookupContext): Promise<GeoRecord | null>;
  /**
   * Optional synchronous lookup, for providers whose data is in memory (an
   * mmdb reader, a static table). When present the host uses it instead of
   * `lookup`, with no Promise per address: this is the fast path for bulk
   * lookups. Same answers and errors as `lookup`, thrown instead of rejected.
   */
  lookupSync?(ip: string): GeoRecord | null;
  /**
   * Optional native batch lookup: one entry per input, in input order. An entry
   * may be a `GeoIpError` to fail that one address without failing the batch;
   * a rejection fails every address in the batch.
   */
  lookupBatch?(ips: readonly string[], context: GeoLookupContext): Promise<GeoBatchEntry[]>;
  /** Largest batch `lookupBatch` accepts (the host splits larger ones). */
  readonly batchSize?: number;
  /** Release files, sockets and timers. Calling it twice is harmless. */
  dispose?(): Promise<void> | void;
}

/** One entry of a `lookupBatch` answer: a record, `null` (not found) or a per-address failure. */
export type GeoBatchEntry = GeoRecord | null | GeoIpError;

/** The `fetch` signature the HTTP providers need; the global `fetch` fits. Injectable for proxies and tests. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
