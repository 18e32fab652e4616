import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyIp } from '../../src/classify.js';
import { createGeoHost } from '../../src/host.js';
import { ipaddr } from '../../src/internal/ipaddr.js';
import { SPECIAL_RANGES } from '../../src/internal/special-ranges.js';
import { parseIpv4Strict } from '../../src/parse-ipv4.js';
import type { GeoProvider } from '../../src/types.js';

/*
 * The host's fast path (a digit loop and integer range checks) against an
 * independent reference built on ipaddr.js: its four-part-decimal validator,
 * its parser, and CIDR matching with `IPv4.match`, most specific row first.
 */

const rowsBySpecificity = SPECIAL_RANGES.ipv4
  .map(([cidr, ipType, range]) => ({ net: ipaddr.IPv4.parseCIDR(cidr), ipType, range }))
  .sort((a, b) => b.net[1] - a.net[1]);

const toInt = (addr: { toByteArray(): number[] }): number =>
  addr.toByteArray().reduce((n, byte) => n * 256 + byte, 0);

function referenceValue(text: string): number {
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? toInt(ipaddr.IPv4.parse(text)) : -1;
}

function referenceClass(text: string): { ipType: string; range: string } {
  const addr = ipaddr.IPv4.parse(text);
  const row = rowsBySpecificity.find((r) => addr.match(r.net));
  return row === undefined
    ? { ipType: 'Public', range: 'unicast' }
    : { ipType: row.ipType, range: row.range };
}

const octet = fc.integer({ min: 0, max: 255 });
const dottedQuad = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
/** A random address inside a random special-purpose block (its first, last or any address). */
const specialAddress = fc
  .tuple(
    fc.constantFrom(...SPECIAL_RANGES.ipv4.map(([cidr]) => cidr)),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.constantFrom('first', 'last', 'any'),
  )
  .map(([cidr, at, where]) => {
    const [net, bits] = ipaddr.IPv4.parseCIDR(cidr);
    const size = 2 ** (32 - bits);
    const start = toInt(net) - (toInt(net) % size);
    const value =
      start +
      (where === 'first' ? 0 : where === 'last' ? size - 1 : Math.min(size - 1, Math.floor(at * size)));
    return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
  });
/** Near misses: leading zeros, out-of-range octets, wrong part counts, stray characters, whitespace. */
const nearMiss = fc.oneof(
  fc.tuple(octet, octet, octet, octet).map(([a, b, c, d]) => `0${a}.${b}.${c}.${d}`),
  fc.tuple(fc.integer({ min: 256, max: 1999 }), octet, octet).map(([big, b, c]) => `${b}.${big}.${c}.1`),
  fc.array(octet, { minLength: 1, maxLength: 6 }).map((o) => o.join('.')),
  fc.tuple(dottedQuad, fc.constantFrom(' ', '\t', '.', 'x', '/24', ':80')).map(([q, s]) => `${q}${s}`),
  fc.tuple(dottedQuad, fc.constantFrom(' ', '::ffff:', '+', '-')).map(([q, s]) => `${s}${q}`),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', 'a', ' ', ':'), maxLength: 17 }),
);

describe('the fast IPv4 path', () => {
  it('parseIpv4Strict accepts exactly the four-part decimal addresses ipaddr.js accepts, with the same value', () => {
    fc.assert(
      fc.property(fc.oneof(dottedQuad, specialAddress, nearMiss), (text) => {
        expect(parseIpv4Strict(text)).toBe(referenceValue(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('classifyIp agrees with ipaddr.js CIDR matching on random and special-range addresses', () => {
    fc.assert(
      fc.property(fc.oneof(dottedQuad, specialAddress), (text) => {
        expect(classifyIp(text)).toEqual({ valid: true, ip: text, version: 4, ...referenceClass(text) });
      }),
      { numRuns: 20_000 },
    );
  });

  it('the host sync path gives the same ip, version, ipType and range as classifyIp, for any input', () => {
    const record = { countryCode: 'ZZ' };
    const provider: GeoProvider = {
      name: 'constant',
      capabilities: { city: false, country: true, asn: false, offline: true },
      lookup: async () => record,
      lookupSync: () => record,
    };
    const host = createGeoHost({ provider, cache: false });
    fc.assert(
      fc.property(fc.array(fc.oneof(dottedQuad, specialAddress, nearMiss), { maxLength: 20 }), (inputs) => {
        const results = host.lookupSync(inputs);
        inputs.forEach((input, i) => {
          const c = classifyIp(input);
          const r = results[i];
          if (!c.valid) {
            expect(r).toEqual({ input, status: 'invalid', reason: c.reason });
          } else {
            expect(r).toMatchObject({
              input,
              ip: c.ip,
              version: c.version,
              ipType: c.ipType,
              range: c.range,
            });
            expect(r?.status).toBe(c.ipType === 'Public' ? 'located' : 'not_public');
          }
        });
      }),
      { numRuns: 2_000 },
    );
  });
});
