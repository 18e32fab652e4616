import { GeoIpError } from '../geo-ip-error.js';
import { throwIfAborted } from '../internal/abort.js';
import { recordProblem } from '../internal/check-record.js';
import { type IPv4, type IPv6, ipaddr } from '../internal/ipaddr.js';
import {
  createIPv4PrefixIndex,
  createIPv6PrefixIndex,
  ipv4Number,
  ipv6Number,
} from '../internal/prefix-index.js';
import { parseIpv4Strict } from '../parse-ipv4.js';
import type { GeoAttribution, GeoLookupContext, GeoProvider, GeoRecord } from '../types.js';

/** Options of {@link createStaticProvider}. */
export interface StaticProviderOptions {
  /** Provider name reported in results. Default `"static"`. */
  name?: string;
  /** Attribution of the data, if it needs one. */
  attribution?: GeoAttribution;
}

interface Entry {
  readonly cidr: string;
  readonly record: GeoRecord;
}

/**
 * A provider over an in-memory table of CIDR blocks, e.g. for offline
 * overrides of a database ("our VPN egress 203.0.113.0/24 is in Oslo") and
 * for tests. The most specific (longest-prefix) matching block wins; a bare
 * address counts as /32 (IPv4) or /128 (IPv6). Records are returned as copies
 * with `network` set to the matching block unless the record has one.
 *
 * Capabilities are derived from the records (any city, country or ASN field
 * present); it is always offline, and it has `lookupSync`.
 *
 * @throws GeoIpError `INVALID_OPTION` when `records` is not an object, a key is not a CIDR or address
 *   (checked by ipaddr.js), or a value is not a GeoRecord object (or has a latitude outside -90..90,
 *   a longitude outside -180..180 or a negative accuracy radius).
 * @example
 * ```ts
 * const overrides = createStaticProvider({
 *   '203.0.113.0/24': { countryCode: 'NO', city: 'Oslo', latitude: 59.91, longitude: 10.75 },
 * });
 * ```
 */
export function createStaticProvider(
  records: Readonly<Record<string, GeoRecord>>,
  options: StaticProviderOptions = {},
): GeoProvider {
  const name = options.name ?? 'static';
  if (records === null || typeof records !== 'object' || Array.isArray(records)) {
    throw new GeoIpError(
      'INVALID_OPTION',
      'createStaticProvider needs an object mapping CIDR blocks to GeoRecords.',
      {
        provider: name,
      },
    );
  }
  const ipv4 = createIPv4PrefixIndex<Entry>();
  const ipv6 = createIPv6PrefixIndex<Entry>();
  const values: GeoRecord[] = [];
  for (const [key, record] of Object.entries(records)) {
    const text = key.trim();
    let net: IPv4 | IPv6;
    let bits: number;
    try {
      if (text.includes('/')) [net, bits] = ipaddr.parseCIDR(text);
      else {
        net = ipaddr.parse(text);
        bits = net.kind() === 'ipv4' ? 32 : 128;
      }
    } catch (cause) {
      throw new GeoIpError(
        'INVALID_OPTION',
        `Static GeoIP table key ${JSON.stringify(key)} is not a CIDR block or IP address; write it like 192.0.2.0/24 or 2001:db8::/32.`,
        { provider: name, cause },
      );
    }
    const problem = recordProblem(record);
    if (problem !== undefined) {
      throw new GeoIpError(
        'INVALID_OPTION',
        `Static GeoIP table entry ${JSON.stringify(key)}: ${problem}; give a GeoRecord object such as { countryCode: 'US' }.`,
        { provider: name },
      );
    }
    if (net.kind() === 'ipv6' && (net as IPv6).isIPv4MappedAddress() && bits >= 96) {
      net = (net as IPv6).toIPv4Address();
      bits -= 96;
    }
    const entry = { cidr: text, record };
    if (net.kind() === 'ipv4') ipv4.add(ipv4Number(net as IPv4), bits, entry);
    else ipv6.add(ipv6Number(net as IPv6), bits, entry);
    values.push(record);
  }

  const capabilities = {
    city: values.some((r) => r.city !== undefined || r.latitude !== undefined),
    country: values.some((r) => r.countryCode !== undefined || r.countryName !== undefined),
    asn: values.some((r) => r.asn !== undefined),
    offline: true,
  };

  let disposed = false;

  function answer(entry: Entry | undefined): GeoRecord | null {
    if (entry === undefined) return null;
    return entry.record.network === undefined
      ? { ...entry.record, network: entry.cidr }
      : { ...entry.record };
  }

  function lookupSync(ip: string): GeoRecord | null {
    if (disposed) {
      throw new GeoIpError(
        'DISPOSED',
        `GeoIP provider "${name}" was disposed; create a new one to look up ${ip}.`,
        {
          provider: name,
          ip,
        },
      );
    }
    // A plain dotted quad (what the host passes) skips ipaddr.js, which costs more than the index.
    const quad = typeof ip === 'string' ? parseIpv4Strict(ip) : -1;
    if (quad >= 0) return answer(ipv4.find(quad));
    let addr: IPv4 | IPv6;
    try {
      addr = ipaddr.parse(ip);
    } catch (cause) {
      throw new GeoIpError(
        'INVALID_ADDRESS',
        `GeoIP provider "${name}" was given ${JSON.stringify(ip)}, which is not an IP address.`,
        {
          provider: name,
          cause,
        },
      );
    }
    return answer(
      addr.kind() === 'ipv4' ? ipv4.find(ipv4Number(addr as IPv4)) : ipv6.find(ipv6Number(addr as IPv6)),
    );
  }

  return {
    name,
    capabilities,
    ...(options.attribution === undefined ? {} : { attribution: options.attribution }),
    lookupSync,
    async lookup(ip: string, context?: GeoLookupContext) {
      throwIfAborted(context?.signal);
      return lookupSync(ip);
    },
    dispose() {
      disposed = true;
    },
  };
}
