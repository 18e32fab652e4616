import { describe, expect, it } from 'vitest';
import { classifyIp, isPublicIp } from '../src/classify.js';

// Expected values are read by hand from the IANA IPv4/IPv6 Special-Purpose Address Registries.
const table: [input: string, ip: string, version: 4 | 6, ipType: string, range: string][] = [
  ['10.1.2.3', '10.1.2.3', 4, 'Private', 'private'],
  ['172.16.5.4', '172.16.5.4', 4, 'Private', 'private'],
  ['172.32.0.1', '172.32.0.1', 4, 'Public', 'unicast'],
  ['192.168.0.1', '192.168.0.1', 4, 'Private', 'private'],
  ['100.64.0.1', '100.64.0.1', 4, 'Shared', 'carrierGradeNat'],
  ['100.127.255.254', '100.127.255.254', 4, 'Shared', 'carrierGradeNat'],
  ['100.128.0.1', '100.128.0.1', 4, 'Public', 'unicast'],
  ['127.0.0.1', '127.0.0.1', 4, 'Loopback', 'loopback'],
  ['169.254.1.1', '169.254.1.1', 4, 'Link Local', 'linkLocal'],
  ['224.0.0.1', '224.0.0.1', 4, 'Multicast', 'multicast'],
  ['239.255.255.250', '239.255.255.250', 4, 'Multicast', 'multicast'],
  ['240.0.0.1', '240.0.0.1', 4, 'Reserved', 'reserved'],
  ['255.255.255.255', '255.255.255.255', 4, 'Reserved', 'broadcast'],
  ['0.0.0.0', '0.0.0.0', 4, 'Unspecified', 'unspecified'],
  ['0.1.2.3', '0.1.2.3', 4, 'Reserved', 'thisNetwork'],
  ['192.0.0.1', '192.0.0.1', 4, 'Reserved', 'dsLite'],
  ['192.0.0.100', '192.0.0.100', 4, 'Reserved', 'ietfProtocolAssignments'],
  ['192.0.0.9', '192.0.0.9', 4, 'Public', 'pcpAnycast'],
  ['192.0.2.1', '192.0.2.1', 4, 'Reserved', 'documentation'],
  ['198.51.100.7', '198.51.100.7', 4, 'Reserved', 'documentation'],
  ['203.0.113.200', '203.0.113.200', 4, 'Reserved', 'documentation'],
  ['198.18.0.1', '198.18.0.1', 4, 'Reserved', 'benchmarking'],
  ['198.19.255.255', '198.19.255.255', 4, 'Reserved', 'benchmarking'],
  ['192.88.99.1', '192.88.99.1', 4, 'Reserved', '6to4Relay'],
  ['192.175.48.1', '192.175.48.1', 4, 'Public', 'as112'],
  ['8.8.8.8', '8.8.8.8', 4, 'Public', 'unicast'],
  ['1.1.1.1', '1.1.1.1', 4, 'Public', 'unicast'],
  ['::1', '::1', 6, 'Loopback', 'loopback'],
  ['::', '::', 6, 'Unspecified', 'unspecified'],
  ['fe80::1', 'fe80::1', 6, 'Link Local', 'linkLocal'],
  ['ff02::1', 'ff02::1', 6, 'Multicast', 'multicast'],
  ['fc00::1', 'fc00::1', 6, 'Private', 'uniqueLocal'],
  ['fd12:3456::1', 'fd12:3456::1', 6, 'Private', 'uniqueLocal'],
  ['2001:db8::1', '2001:db8::1', 6, 'Reserved', 'documentation'],
  ['3fff::1', '3fff::1', 6, 'Reserved', 'documentation'],
  ['2002::1', '2002::1', 6, 'Reserved', '6to4'],
  ['2001::1', '2001::1', 6, 'Reserved', 'teredo'],
  ['2001:2::1', '2001:2::1', 6, 'Reserved', 'benchmarking'],
  ['2001:100::1', '2001:100::1', 6, 'Reserved', 'reserved'],
  ['2001:20::1', '2001:20::1', 6, 'Public', 'orchid2'],
  ['64:ff9b::808:808', '64:ff9b::808:808', 6, 'Public', 'rfc6052'],
  ['100::1', '100::1', 6, 'Reserved', 'discard'],
  ['fec0::1', 'fec0::1', 6, 'Reserved', 'deprecatedSiteLocal'],
  ['4000::1', '4000::1', 6, 'Reserved', 'reserved'],
  ['2606:4700::1111', '2606:4700::1111', 6, 'Public', 'unicast'],
  ['2a00:1450:4001:80b::200e', '2a00:1450:4001:80b::200e', 6, 'Public', 'unicast'],
];

describe('classifyIp', () => {
  it.each(table)('%s is %s %s %s (%s)', (input, ip, version, ipType, range) => {
    expect(classifyIp(input)).toEqual({ valid: true, ip, version, ipType, range });
  });

  it('canonicalises: trims, strips zone ids, unmaps IPv4-mapped IPv6, compresses per RFC 5952', () => {
    expect(classifyIp('  8.8.4.4\t')).toMatchObject({ valid: true, ip: '8.8.4.4', version: 4 });
    expect(classifyIp('::ffff:8.8.8.8')).toMatchObject({ ip: '8.8.8.8', version: 4, ipType: 'Public' });
    expect(classifyIp('::FFFF:0a01:0203')).toMatchObject({ ip: '10.1.2.3', version: 4, ipType: 'Private' });
    expect(classifyIp('fe80::1%eth0')).toMatchObject({ ip: 'fe80::1', version: 6, ipType: 'Link Local' });
    // RFC 5952: lower case, leading zeros dropped, longest zero run compressed, a single zero field not compressed.
    expect(classifyIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toMatchObject({ ip: '2001:db8::1' });
    expect(classifyIp('2001:db8:0:1:1:1:1:1')).toMatchObject({ ip: '2001:db8:0:1:1:1:1:1' });
    expect(classifyIp('2001:db8:0:0:1:0:0:1')).toMatchObject({ ip: '2001:db8::1:0:0:1' });
    expect(classifyIp('2606:4700:0:0:0:0:0:1111')).toMatchObject({ ip: '2606:4700::1111' });
  });

  it.each([
    ['999.1.1.1', 'octet 999 is greater than 255'],
    ['hello', 'expected an IPv4 dotted quad'],
    ['1.2.3', 'legacy IPv4 form'],
    ['010.1.1.1', 'leading zero'],
    ['1.2.3.4.5', 'four decimal octets'],
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['2001:db8::1::2', 'not a valid IPv6 address'],
    ['1.2.3.4%eth0', 'expected an IPv4'],
  ])('rejects %j with a reason naming it', (input, why) => {
    const result = classifyIp(input);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.input).toBe(input);
    expect(result.reason).toContain(JSON.stringify(input));
    expect(result.reason).toContain(why);
  });
});

describe('isPublicIp', () => {
  it('is true only for globally reachable addresses', () => {
    expect(isPublicIp('8.8.8.8')).toBe(true);
    expect(isPublicIp('2606:4700::1111')).toBe(true);
    expect(isPublicIp('::ffff:1.1.1.1')).toBe(true);
    expect(isPublicIp('10.1.2.3')).toBe(false);
    expect(isPublicIp('100.64.0.1')).toBe(false);
    expect(isPublicIp('2001:db8::1')).toBe(false);
    expect(isPublicIp('hello')).toBe(false);
  });
});
