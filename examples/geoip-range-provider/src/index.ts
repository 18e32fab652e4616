/**
 * An example GeoIP provider for IPv4 range tables, written as a tool outside
 * the repo would write one: it imports nothing but `@iocmap/geoip`'s public
 * exports, and its tests are `@iocmap/geoip/testing`'s conformance suite.
 *
 * The table is the three-column CSV that ip-location-db publishes for its
 * country databases (`ip_range_start,ip_range_end,country_code`, one range per
 * line, inclusive ends), e.g. `1.0.0.0,1.0.0.255,AU`.
 */
import {
  countryNameOf,
  type GeoAttribution,
  GeoIpError,
  type GeoLookupContext,
  type GeoProvider,
  type GeoRecord,
  parseIpv4Strict,
} from '@iocmap/geoip';

/** Options of {@link createRangeProvider}. */
export interface RangeProviderOptions {
  /** Provider name reported in results. Default `"range-csv"`. */
  name?: string;
  /** Attribution of the table's data, shown under the map. */
  attribution?: GeoAttribution;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;

/** Dotted-quad text of a 32-bit IPv4 value. */
function ipv4Text(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/**
 * Create a provider answering IPv4 addresses from an inclusive-range CSV.
 * Lookups are a binary search over the sorted ranges: O(log n) per address.
 * IPv6 addresses are never in the table and come back `null` (not found).
 *
 * @param csv - `start,end,CC` lines; blank lines are skipped; no header.
 * @throws GeoIpError `DATABASE_CORRUPT` when a line is not two IPv4 addresses
 *   and an ISO 3166-1 alpha-2 code, a range ends before it starts, or two
 *   ranges overlap; the message names the line.
 *
 * @example
 * ```ts
 * const host = createGeoHost({ provider: createRangeProvider('8.8.8.0,8.8.8.255,US') });
 * ```
 */
export function createRangeProvider(csv: string, options: RangeProviderOptions = {}): GeoProvider {
  const name = options.name ?? 'range-csv';
  const corrupt = (line: number, why: string): GeoIpError =>
    new GeoIpError('DATABASE_CORRUPT', `Range table line ${line}: ${why}.`, { provider: name });

  const rows: { start: number; end: number; countryCode: string; line: number }[] = [];
  csv.split(/\r?\n/).forEach((text, index) => {
    if (text.trim() === '') return;
    const [startText = '', endText = '', code = '', ...rest] = text.split(',').map((cell) => cell.trim());
    const start = parseIpv4Strict(startText);
    const end = parseIpv4Strict(endText);
    if (rest.length > 0 || start < 0 || end < 0 || !COUNTRY_CODE.test(code)) {
      throw corrupt(index + 1, `${JSON.stringify(text)} is not "start IPv4,end IPv4,country code"`);
    }
    if (end < start) throw corrupt(index + 1, `the range ends (${endText}) before it starts (${startText})`);
    rows.push({ start, end, countryCode: code, line: index + 1 });
  });
  rows.sort((a, b) => a.start - b.start);
  for (let i = 1; i < rows.length; i++) {
    const previous = rows[i - 1];
    const row = rows[i];
    if (previous !== undefined && row !== undefined && row.start <= previous.end) {
      throw corrupt(
        row.line,
        `the range starting ${ipv4Text(row.start)} overlaps line ${previous.line}'s, which ends ${ipv4Text(previous.end)}`,
      );
    }
  }

  let disposed = false;

  function lookupSync(ip: string): GeoRecord | null {
    if (disposed) {
      throw new GeoIpError('DISPOSED', `Provider "${name}" was disposed; cannot look up ${ip}.`, {
        provider: name,
        ip,
      });
    }
    const value = parseIpv4Strict(ip);
    if (value < 0) {
      if (ip.includes(':')) return null;
      throw new GeoIpError('INVALID_ADDRESS', `${JSON.stringify(ip)} is not an IP address.`, {
        provider: name,
        ip,
      });
    }
    let low = 0;
    let high = rows.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const row = rows[middle];
      if (row === undefined) break;
      if (value < row.start) high = middle - 1;
      else if (value > row.end) low = middle + 1;
      else {
        const countryName = countryNameOf(row.countryCode);
        return countryName === undefined
          ? { countryCode: row.countryCode, source: name }
          : { countryCode: row.countryCode, countryName, source: name };
      }
    }
    return null;
  }

  return {
    name,
    capabilities: { city: false, country: true, asn: false, offline: true },
    ...(options.attribution === undefined ? {} : { attribution: options.attribution }),
    async lookup(ip: string, context: GeoLookupContext): Promise<GeoRecord | null> {
      if (context.signal.aborted) {
        throw new GeoIpError('ABORTED', `Lookup of ${ip} was aborted.`, { provider: name, ip });
      }
      return lookupSync(ip);
    },
    lookupSync,
    dispose() {
      disposed = true;
    },
  };
}
