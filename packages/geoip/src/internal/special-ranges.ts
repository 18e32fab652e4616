import type { IpRange, IpType } from '../classify.js';
import { type IPv6, ipaddr } from './ipaddr.js';

/*
 * Special-purpose address tables, most specific entry wins.
 *
 * Sources:
 * - IANA IPv4 Special-Purpose Address Registry (RFC 6890),
 *   https://www.iana.org/assignments/iana-ipv4-special-registry/
 * - IANA IPv6 Special-Purpose Address Registry (RFC 6890),
 *   https://www.iana.org/assignments/iana-ipv6-special-registry/
 * - IANA IPv4 Multicast Address Space (RFC 5771) and IPv6 Address Space
 *   (RFC 4291), for multicast and the not-yet-allocated IPv6 space.
 *
 * `ipType` is `Public` exactly where the registry marks the block
 * "Globally Reachable: True" (and for ordinary unicast space); range names
 * follow ipaddr.js's `range()` names where it has one, finer otherwise.
 * ipaddr.js parses the CIDRs; matching IPv4 is done on 32-bit integers so the
 * host's per-address cost stays small.
 */

type Row = readonly [cidr: string, ipType: IpType, range: IpRange];

const IPV4_ROWS: readonly Row[] = [
  ['0.0.0.0/8', 'Reserved', 'thisNetwork'], // RFC 791
  ['0.0.0.0/32', 'Unspecified', 'unspecified'], // RFC 1122
  ['10.0.0.0/8', 'Private', 'private'], // RFC 1918
  ['100.64.0.0/10', 'Shared', 'carrierGradeNat'], // RFC 6598
  ['127.0.0.0/8', 'Loopback', 'loopback'], // RFC 1122
  ['169.254.0.0/16', 'Link Local', 'linkLocal'], // RFC 3927
  ['172.16.0.0/12', 'Private', 'private'], // RFC 1918
  ['192.0.0.0/24', 'Reserved', 'ietfProtocolAssignments'], // RFC 6890
  ['192.0.0.0/29', 'Reserved', 'dsLite'], // RFC 7335
  ['192.0.0.8/32', 'Reserved', 'dummy'], // RFC 7600
  ['192.0.0.9/32', 'Public', 'pcpAnycast'], // RFC 7723
  ['192.0.0.10/32', 'Public', 'turnAnycast'], // RFC 8155
  ['192.0.0.170/32', 'Reserved', 'nat64Discovery'], // RFC 8880
  ['192.0.0.171/32', 'Reserved', 'nat64Discovery'], // RFC 8880
  ['192.0.2.0/24', 'Reserved', 'documentation'], // RFC 5737 TEST-NET-1
  ['192.31.196.0/24', 'Public', 'as112'], // RFC 7535
  ['192.52.193.0/24', 'Public', 'amt'], // RFC 7450
  ['192.88.99.0/24', 'Reserved', '6to4Relay'], // RFC 7526 (deprecated)
  ['192.168.0.0/16', 'Private', 'private'], // RFC 1918
  ['192.175.48.0/24', 'Public', 'as112'], // RFC 7534
  ['198.18.0.0/15', 'Reserved', 'benchmarking'], // RFC 2544
  ['198.51.100.0/24', 'Reserved', 'documentation'], // RFC 5737 TEST-NET-2
  ['203.0.113.0/24', 'Reserved', 'documentation'], // RFC 5737 TEST-NET-3
  ['224.0.0.0/4', 'Multicast', 'multicast'], // RFC 5771
  ['240.0.0.0/4', 'Reserved', 'reserved'], // RFC 1112
  ['255.255.255.255/32', 'Reserved', 'broadcast'], // RFC 919
];

const IPV6_ROWS: readonly Row[] = [
  ['::/128', 'Unspecified', 'unspecified'], // RFC 4291
  ['::1/128', 'Loopback', 'loopback'], // RFC 4291
  ['::ffff:0:0/96', 'Reserved', 'ipv4Mapped'], // RFC 4291 (the host unmaps these first)
  ['64:ff9b::/96', 'Public', 'rfc6052'], // RFC 6052 IPv4-IPv6 translation
  ['64:ff9b:1::/48', 'Reserved', 'rfc6052'], // RFC 8215 local-use translation
  ['100::/64', 'Reserved', 'discard'], // RFC 6666
  ['100:0:0:1::/64', 'Reserved', 'dummy'], // RFC 9780
  ['2001::/23', 'Reserved', 'reserved'], // RFC 2928 IETF protocol assignments
  ['2001::/32', 'Reserved', 'teredo'], // RFC 4380
  ['2001:1::1/128', 'Public', 'pcpAnycast'], // RFC 7723
  ['2001:1::2/128', 'Public', 'turnAnycast'], // RFC 8155
  ['2001:1::3/128', 'Public', 'dnsSdSrpAnycast'], // RFC 9665
  ['2001:2::/48', 'Reserved', 'benchmarking'], // RFC 5180
  ['2001:3::/32', 'Public', 'amt'], // RFC 7450
  ['2001:4:112::/48', 'Public', 'as112v6'], // RFC 7535
  ['2001:10::/28', 'Reserved', 'deprecatedOrchid'], // RFC 4843
  ['2001:20::/28', 'Public', 'orchid2'], // RFC 7343
  ['2001:30::/28', 'Public', 'droneRemoteIdProtocolEntityTags'], // RFC 9374
  ['2001:db8::/32', 'Reserved', 'documentation'], // RFC 3849
  ['2002::/16', 'Reserved', '6to4'], // RFC 3056
  ['2620:4f:8000::/48', 'Public', 'as112v6'], // RFC 7534
  ['3fff::/20', 'Reserved', 'documentation'], // RFC 9637
  ['5f00::/16', 'Reserved', 'segmentRouting'], // RFC 9602
  ['fc00::/7', 'Private', 'uniqueLocal'], // RFC 4193
  ['fe80::/10', 'Link Local', 'linkLocal'], // RFC 4291
  ['fec0::/10', 'Reserved', 'deprecatedSiteLocal'], // RFC 3879 (not in the registry any more)
  ['ff00::/8', 'Multicast', 'multicast'], // RFC 4291
];

/** One special-purpose block. */
export interface SpecialRange {
  readonly cidr: string;
  readonly ipType: IpType;
  readonly range: IpRange;
}

interface V4Entry extends SpecialRange {
  readonly start: number;
  readonly end: number;
  readonly bits: number;
}

interface V6Entry extends SpecialRange {
  readonly net: IPv6;
  readonly bits: number;
  readonly firstMask: number;
  readonly first: number;
}

function buildV4(): V4Entry[][] {
  const entries: V4Entry[] = IPV4_ROWS.map(([cidr, ipType, range]) => {
    const [addr, bits] = ipaddr.IPv4.parseCIDR(cidr);
    const o = addr.octets;
    const start = ((o[0] ?? 0) * 16777216 + (o[1] ?? 0) * 65536 + (o[2] ?? 0) * 256 + (o[3] ?? 0)) >>> 0;
    const size = 2 ** (32 - bits);
    return { cidr, ipType, range, start, end: start + size - 1, bits };
  });
  entries.sort((a, b) => b.bits - a.bits);
  // Bucket by first octet: most public addresses hit an empty bucket.
  const buckets: V4Entry[][] = Array.from({ length: 256 }, () => []);
  for (const entry of entries) {
    const from = Math.floor(entry.start / 16777216);
    const to = Math.floor(entry.end / 16777216);
    for (let octet = from; octet <= to; octet++) buckets[octet]?.push(entry);
  }
  return buckets;
}

function buildV6(): V6Entry[] {
  const entries: V6Entry[] = IPV6_ROWS.map(([cidr, ipType, range]) => {
    const [net, bits] = ipaddr.IPv6.parseCIDR(cidr);
    const firstMask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    return { cidr, ipType, range, net, bits, firstMask, first: (net.parts[0] ?? 0) & firstMask };
  });
  return entries.sort((a, b) => b.bits - a.bits);
}

const V4_BUCKETS = buildV4();
const V6_ENTRIES = buildV6();

const PUBLIC_UNICAST: SpecialRange = { cidr: '', ipType: 'Public', range: 'unicast' };
const V6_RESERVED: SpecialRange = { cidr: '', ipType: 'Reserved', range: 'reserved' };

/** Classify an IPv4 address given as an unsigned 32-bit integer. */
export function classifyV4(value: number): SpecialRange {
  const bucket = V4_BUCKETS[value >>> 24];
  if (bucket !== undefined) {
    for (let i = 0; i < bucket.length; i++) {
      const entry = bucket[i] as V4Entry;
      if (value >= entry.start && value <= entry.end) return entry;
    }
  }
  return PUBLIC_UNICAST;
}

/** Classify a parsed IPv6 address (not IPv4-mapped). */
export function classifyV6(addr: IPv6): SpecialRange {
  const first = addr.parts[0] ?? 0;
  for (const entry of V6_ENTRIES) {
    if ((first & entry.firstMask) === entry.first && addr.match(entry.net, entry.bits)) return entry;
  }
  // Only 2000::/3 is allocated global unicast (IANA IPv6 Address Space); the rest is reserved by the IETF.
  return (first & 0xe000) === 0x2000 ? PUBLIC_UNICAST : V6_RESERVED;
}

/** The tables as data, for documentation and tests. */
export const SPECIAL_RANGES: { readonly ipv4: readonly Row[]; readonly ipv6: readonly Row[] } = {
  ipv4: IPV4_ROWS,
  ipv6: IPV6_ROWS,
};
