import { describe, expect, it } from 'vitest';
import { formatIPv6, isSpecialIPv4, isSpecialIPv6, parseIPv4, parseIPv6 } from '../../src/internal/ip.js';

const v6 = (s: string): string | null => {
  const g = parseIPv6(s);
  return g === null ? null : formatIPv6(g);
};

describe('IPv6 (RFC 5952 examples)', () => {
  it.each([
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'], // §4.2.1
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2 one zero group stays
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3 longest run
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3 first of equal runs
    ['2001:DB8::1', '2001:db8::1'], // §4.3 lower case
    ['0000:0000:0000:0000:0000:ffff:c000:0280', '::ffff:192.0.2.128'], // §5 mapped
    ['::', '::'],
    ['::1', '::1'],
  ])('%s → %s', (input, expected) => {
    expect(v6(input)).toBe(expected);
  });

  it.each([
    '1:2:3:4:5:6:7',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    '12345::',
    '01:23:45:67:89:ab',
    '1:2:3:4:5:6:7:8:9',
    '::1.2.3.256',
  ])('rejects %s', (input) => {
    expect(parseIPv6(input)).toBeNull();
  });
});

describe('special-purpose ranges (RFC 6890)', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['100.64.0.1', true],
    ['198.51.100.7', true],
    ['224.0.0.1', true],
    ['8.8.8.8', false],
  ])('IPv4 %s → %s', (ip, special) => {
    expect(isSpecialIPv4(parseIPv4(ip) as number[])).toBe(special);
  });

  it.each([
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['2001:db8::1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['2606:4700::1111', false],
  ])('IPv6 %s → %s', (ip, special) => {
    expect(isSpecialIPv6(parseIPv6(ip) as number[])).toBe(special);
  });
});
