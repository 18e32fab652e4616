import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv4Network } from '../../src/internal/network.js';

describe('ipv4Network', () => {
  it('masks the address to the prefix', () => {
    expect(ipv4Network('81.2.69.142', 26)).toBe('81.2.69.128/26');
    expect(ipv4Network('216.160.83.60', 29)).toBe('216.160.83.56/29');
    expect(ipv4Network('1.128.0.0', 11)).toBe('1.128.0.0/11');
    expect(ipv4Network('255.255.255.255', 0)).toBe('0.0.0.0/0');
    expect(ipv4Network('255.255.255.255', 32)).toBe('255.255.255.255/32');
    expect(ipv4Network('8.8.8.8', 1)).toBe('0.0.0.0/1');
    expect(ipv4Network('200.8.8.8', 1)).toBe('128.0.0.0/1');
  });

  it('agrees with bitwise masking on random addresses and prefixes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 32 }),
        (o, prefix) => {
          const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
          const n =
            (((o[0] as number) << 24) |
              ((o[1] as number) << 16) |
              ((o[2] as number) << 8) |
              (o[3] as number)) >>>
            0;
          const m = (n & mask) >>> 0;
          const expected = `${m >>> 24}.${(m >>> 16) & 255}.${(m >>> 8) & 255}.${m & 255}/${prefix}`;
          expect(ipv4Network(o.join('.'), prefix)).toBe(expected);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
