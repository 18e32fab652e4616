import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipaddr } from '../../src/internal/ipaddr.js';
import { createStaticProvider } from '../../src/providers/static.js';
import type { GeoRecord } from '../../src/types.js';

/*
 * The provider indexes its table once; these tests hold its answers to a
 * straight linear scan of the documented rule: parse every key, treat an
 * IPv4-mapped IPv6 key of /96 or longer as the IPv4 block, and take the
 * longest block of the query's family that contains it, the first key in
 * object order on a tie. Containment is checked here with bigint arithmetic,
 * not with the index or ipaddr.js's `match`.
 */

interface Block {
  family: 4 | 6;
  value: bigint;
  bits: number;
  key: string;
  record: GeoRecord;
}

const width = (family: 4 | 6): number => (family === 4 ? 32 : 128);

function toBigInt(addr: ReturnType<typeof ipaddr.parse>): bigint {
  return addr.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
}

function parseKey(key: string, record: GeoRecord): Block {
  const text = key.trim();
  const [addr, written] = text.includes('/') ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), -1];
  let family: 4 | 6 = addr.kind() === 'ipv4' ? 4 : 6;
  let value = toBigInt(addr);
  let bits = written === -1 ? width(family) : written;
  if (family === 6 && value >> 32n === 0xffffn && bits >= 96) {
    family = 4;
    value &= 0xffffffffn;
    bits -= 96;
  }
  return { family, value, bits, key: text, record };
}

function contains(block: Block, family: 4 | 6, value: bigint): boolean {
  const shift = BigInt(width(family) - block.bits);
  return block.family === family && block.value >> shift === value >> shift;
}

function referenceLookup(table: Record<string, GeoRecord>, ip: string): GeoRecord | null {
  const addr = ipaddr.parse(ip);
  const family = addr.kind() === 'ipv4' ? 4 : 6;
  const value = toBigInt(addr);
  let best: Block | undefined;
  for (const [key, record] of Object.entries(table)) {
    const block = parseKey(key, record);
    if (contains(block, family, value) && (best === undefined || block.bits > best.bits)) best = block;
  }
  if (best === undefined) return null;
  return { network: best.key, ...best.record };
}

function format(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(
    ':',
  );
}

/** First and last address of each block, one step either side, and the IPv4-mapped form of IPv4 ones. */
function boundaries(table: Record<string, GeoRecord>): string[] {
  const out: string[] = [];
  for (const [key, record] of Object.entries(table)) {
    const { family, value, bits } = parseKey(key, record);
    const size = 1n << BigInt(width(family) - bits);
    const first = (value / size) * size;
    const max = (1n << BigInt(width(family))) - 1n;
    for (const v of [first - 1n, first, first + size - 1n, first + size]) {
      if (v < 0n || v > max) continue;
      out.push(format(family, v));
      if (family === 4) out.push(`::ffff:${format(4, v)}`);
    }
  }
  return out;
}

// Few distinct octets and hextets, so random blocks nest, overlap and repeat.
const octet = fc.constantFrom(0, 1, 10, 127, 128, 192, 254, 255);
const hextet = fc.constantFrom(0, 1, 0xdb8, 0x2001, 0x8000, 0xffff);
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const ipv6 = fc
  .array(hextet, { minLength: 8, maxLength: 8 })
  .map((h) => h.map((x) => x.toString(16)).join(':'));
const key = fc.oneof(
  ipv4,
  ipv6,
  fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, b]) => `${a}/${b}`),
  fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([a, b]) => `${a}/${b}`),
  fc.tuple(ipv4, fc.integer({ min: 80, max: 128 })).map(([a, b]) => `::ffff:${a}/${b}`),
  ipv4.map((a) => `::ffff:${a}`),
  fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, b]) => ` ${a}/${b}\t`),
);
const table = fc
  .array(fc.tuple(key, fc.boolean()), { maxLength: 40 })
  .map((rows) =>
    Object.fromEntries(
      rows.map(([k, own], i): [string, GeoRecord] => [
        k,
        own ? { city: `row ${i}`, network: `own ${i}` } : { city: `row ${i}` },
      ]),
    ),
  );
// ipaddr.js forms besides the dotted quad: a zero-padded (octal) octet, which may not be valid octal, and one 32-bit number.
const query = fc.oneof(
  ipv4,
  ipv6,
  ipv4.map((a) => `::ffff:${a}`),
  ipv4.map((a) => `0${a}`),
  fc.tuple(octet, octet, octet, octet).map((o) => String(o.reduce<number>((n, x) => n * 256 + x, 0))),
);

describe('createStaticProvider index', () => {
  it('answers as a linear scan for the longest matching block on random tables and queries', () => {
    fc.assert(
      fc.property(table, fc.array(query, { maxLength: 20 }), (records, queries) => {
        const provider = createStaticProvider(records);
        for (const ip of [...queries, ...boundaries(records)]) {
          if (ipaddr.isValid(ip)) expect(provider.lookupSync?.(ip), ip).toEqual(referenceLookup(records, ip));
          else
            expect(() => provider.lookupSync?.(ip), ip).toThrow(
              expect.objectContaining({ code: 'INVALID_ADDRESS' }),
            );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the first of two keys for the same block, in object key order', () => {
    const provider = createStaticProvider({
      '10.1.2.3/8': { countryCode: 'NO' },
      '10.0.0.0/8': { countryCode: 'SE' },
      '::ffff:10.9.9.9/104': { countryCode: 'FI' },
    });
    expect(provider.lookupSync?.('10.200.0.1')).toEqual({ countryCode: 'NO', network: '10.1.2.3/8' });
  });

  it('matches /0 blocks, block edges, and IPv6 queries only against IPv6 keys', () => {
    const provider = createStaticProvider({
      '0.0.0.0/0': { countryCode: 'ZZ' },
      '::/0': { countryCode: 'XX' },
      '192.0.2.64/26': { countryCode: 'NO' },
      '2001:db8::/127': { countryCode: 'SE' },
    });
    expect(provider.lookupSync?.('192.0.2.63')?.countryCode).toBe('ZZ');
    expect(provider.lookupSync?.('192.0.2.64')?.countryCode).toBe('NO');
    expect(provider.lookupSync?.('192.0.2.127')?.countryCode).toBe('NO');
    expect(provider.lookupSync?.('192.0.2.128')?.countryCode).toBe('ZZ');
    expect(provider.lookupSync?.('255.255.255.255')?.countryCode).toBe('ZZ');
    expect(provider.lookupSync?.('2001:db8::1')?.countryCode).toBe('SE');
    expect(provider.lookupSync?.('2001:db8::2')?.countryCode).toBe('XX');
    // An IPv4-mapped query is an IPv6 address: the IPv4 blocks do not answer it.
    expect(provider.lookupSync?.('::ffff:192.0.2.64')?.countryCode).toBe('XX');
  });

  it('answers from a table of 65,536 blocks', () => {
    const records: Record<string, GeoRecord> = {};
    for (let i = 0; i < 65_536; i++) records[`10.${i >>> 8}.${i & 255}.0/24`] = { asn: i };
    const provider = createStaticProvider(records);
    expect(provider.lookupSync?.('10.255.255.255')).toEqual({ asn: 65_535, network: '10.255.255.0/24' });
    expect(provider.lookupSync?.('10.3.4.200')).toEqual({ asn: 3 * 256 + 4, network: '10.3.4.0/24' });
    expect(provider.lookupSync?.('11.0.0.0')).toBeNull();
  });
});
