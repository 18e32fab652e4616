import { type IPv6, ipaddr } from './internal/ipaddr.js';
import { classifyV4, classifyV6 } from './internal/special-ranges.js';
import { parseIpv4Strict } from './parse-ipv4.js';

/**
 * Coarse address type, using msticpy's `ipType` words plus `Shared` for the
 * RFC 6598 shared address space 100.64.0.0/10. Only `Public` addresses are
 * sent to a GeoIP provider.
 */
export type IpType =
  | 'Public'
  | 'Private'
  | 'Shared'
  | 'Loopback'
  | 'Link Local'
  | 'Multicast'
  | 'Reserved'
  | 'Unspecified';

/**
 * Finer special-purpose range name. Names follow ipaddr.js's `range()` where
 * it has one (`private`, `loopback`, `linkLocal`, `multicast`, `broadcast`,
 * `carrierGradeNat`, `uniqueLocal`, `6to4`, `teredo`, `rfc6052`, `as112`,
 * `as112v6`, `amt`, `orchid2`, `benchmarking`, `reserved`, `unspecified`,
 * `unicast`) and are finer where the IANA registries are (`documentation`,
 * `thisNetwork`, `dsLite`, ...). `unicast` is ordinary public space.
 */
export type IpRange =
  | 'unicast'
  | 'unspecified'
  | 'thisNetwork'
  | 'private'
  | 'carrierGradeNat'
  | 'loopback'
  | 'linkLocal'
  | 'ietfProtocolAssignments'
  | 'dsLite'
  | 'dummy'
  | 'pcpAnycast'
  | 'turnAnycast'
  | 'dnsSdSrpAnycast'
  | 'nat64Discovery'
  | 'documentation'
  | 'as112'
  | 'as112v6'
  | 'amt'
  | '6to4Relay'
  | 'benchmarking'
  | 'multicast'
  | 'reserved'
  | 'broadcast'
  | 'ipv4Mapped'
  | 'rfc6052'
  | 'discard'
  | 'teredo'
  | 'deprecatedOrchid'
  | 'orchid2'
  | 'droneRemoteIdProtocolEntityTags'
  | '6to4'
  | 'segmentRouting'
  | 'uniqueLocal'
  | 'deprecatedSiteLocal';

/** A valid address, canonicalised and classified. */
export interface ValidIp {
  readonly valid: true;
  /** Canonical form: dotted quad for IPv4 (also for unmapped `::ffff:a.b.c.d`), RFC 5952 for IPv6. */
  readonly ip: string;
  readonly version: 4 | 6;
  readonly ipType: IpType;
  readonly range: IpRange;
}

/** An input that is not an IP address, with the reason. */
export interface InvalidIp {
  readonly valid: false;
  /** The input as given. */
  readonly input: string;
  /** What is wrong, naming the value, e.g. `"999.1.1.1" is not an IP address: octet 999 is greater than 255`. */
  readonly reason: string;
}

/** Result of {@link classifyIp}. */
export type IpClassification = ValidIp | InvalidIp;

const DECIMAL_QUAD = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;

function invalid(input: string, why: string): InvalidIp {
  return { valid: false, input, reason: `${JSON.stringify(input)} is not an IP address: ${why}` };
}

function ipv4Reason(text: string): string {
  const quad = DECIMAL_QUAD.exec(text);
  if (quad !== null) {
    for (const part of quad.slice(1)) {
      if (Number(part) > 255) return `octet ${part} is greater than 255`;
    }
    return 'an octet has a leading zero (ambiguous: octal or decimal?); write plain decimal octets like 192.0.2.1';
  }
  if (ipaddr.IPv4.isValid(text)) {
    return 'it is a legacy IPv4 form (not four decimal octets); write four decimal octets like 192.0.2.1';
  }
  if (/^[0-9.]+$/.test(text)) return 'an IPv4 address needs four decimal octets 0-255 separated by dots';
  return 'expected an IPv4 dotted quad (192.0.2.1) or an IPv6 address (2001:db8::1)';
}

function fromV4(value: number, ip: string): ValidIp {
  const special = classifyV4(value);
  return { valid: true, ip, version: 4, ipType: special.ipType, range: special.range };
}

/**
 * Canonicalise and classify one address against the IANA special-purpose
 * address registries.
 *
 * Canonicalisation: surrounding whitespace trimmed; an IPv6 zone id (`%eth0`)
 * stripped; IPv4-mapped IPv6 (`::ffff:192.0.2.1`) unmapped to IPv4; IPv6
 * written in RFC 5952 form (lower case, longest zero run compressed). IPv4
 * must be four decimal octets: legacy forms ipaddr.js accepts (`1.2.3`,
 * `0x7f.1`, leading zeros) are rejected as ambiguous.
 *
 * Sources: IANA IPv4 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv4-special-registry/), IANA IPv6
 * Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv6-special-registry/), RFC 6890,
 * RFC 5952. `Public` is exactly the "globally reachable" space.
 *
 * Never throws: invalid input is an {@link InvalidIp} value.
 *
 * @example
 * ```ts
 * classifyIp(' ::ffff:8.8.8.8 ');
 * // { valid: true, ip: '8.8.8.8', version: 4, ipType: 'Public', range: 'unicast' }
 * classifyIp('100.64.0.1').ipType; // 'Shared' (range 'carrierGradeNat')
 * ```
 */
export function classifyIp(address: string): IpClassification {
  if (typeof address !== 'string') {
    return { valid: false, input: String(address), reason: `${String(address)} is not a string` };
  }
  const fast = parseIpv4Strict(address);
  if (fast >= 0) return fromV4(fast, address);
  return classifySlow(address);
}

function classifySlow(address: string): IpClassification {
  let text = address.trim();
  if (text === '') return invalid(address, 'it is empty');
  if (text.includes(':')) {
    const zone = text.indexOf('%');
    if (zone > 0) text = text.slice(0, zone);
    let parsed: IPv6;
    try {
      parsed = ipaddr.IPv6.parse(text);
    } catch {
      return invalid(address, 'it is not a valid IPv6 address (RFC 4291 text form)');
    }
    if (parsed.isIPv4MappedAddress()) {
      const v4 = parsed.toIPv4Address();
      const o = v4.octets;
      const value = (o[0] ?? 0) * 16777216 + (o[1] ?? 0) * 65536 + (o[2] ?? 0) * 256 + (o[3] ?? 0);
      return fromV4(value, v4.toString());
    }
    const special = classifyV6(parsed);
    return {
      valid: true,
      ip: parsed.toRFC5952String(),
      version: 6,
      ipType: special.ipType,
      range: special.range,
    };
  }
  const value = parseIpv4Strict(text);
  if (value >= 0) return fromV4(value, text);
  return invalid(address, ipv4Reason(text));
}

/**
 * True when `address` is a valid IP address whose {@link classifyIp} type is
 * `Public` (globally reachable per the IANA special-purpose registries).
 *
 * @example
 * ```ts
 * isPublicIp('8.8.8.8'); // true
 * isPublicIp('10.1.2.3'); // false
 * ```
 */
export function isPublicIp(address: string): boolean {
  const result = classifyIp(address);
  return result.valid && result.ipType === 'Public';
}
