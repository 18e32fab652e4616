import { readdirSync } from 'node:fs';
import { createGeoHost } from '@iocmap/geoip';
import { createMmdbProvider } from '@iocmap/geoip-maxmind';
import { describe, expect, it } from 'vitest';
import { sharedPath } from './shared.js';

const fixture = (name: string): string => sharedPath('fixtures/mmdb', name);

// Known answers from ../shared/fixtures/mmdb/README.md.
describe.each(['GeoIP2-City-Test.mmdb', 'GeoLite2-City-Test.mmdb'])('known answers in %s', (file) => {
  const open = async () => createGeoHost({ provider: await createMmdbProvider({ path: fixture(file) }) });

  it('81.2.69.142 is London, GB (51.5142, -0.0931)', async () => {
    const [result] = await (await open()).lookup(['81.2.69.142']);
    expect(result?.status).toBe('located');
    expect(result?.location).toMatchObject({ city: 'London', countryCode: 'GB' });
    expect(result?.location?.latitude).toBeCloseTo(51.5142, 4);
    expect(result?.location?.longitude).toBeCloseTo(-0.0931, 4);
  });

  it.each([
    ['2.125.160.216', 'GB', 'Boxford'],
    ['216.160.83.56', 'US', 'Milton'],
    ['89.160.20.112', 'SE', 'Linköping'],
    ['175.16.199.0', 'CN', 'Changchun'],
  ])('%s is in %s (%s)', async (ip, countryCode, city) => {
    const [result] = await (await open()).lookup([ip]);
    expect(result?.location).toMatchObject({ countryCode, city });
  });

  it('216.160.83.56 is in Washington', async () => {
    const [result] = await (await open()).lookup(['216.160.83.56']);
    expect(result?.location?.state).toBe('Washington');
  });

  it('2001:218:: is JP with no city', async () => {
    const [result] = await (await open()).lookup(['2001:218::']);
    expect(result?.location?.countryCode).toBe('JP');
    expect(result?.location?.city).toBeUndefined();
  });

  it('10.0.0.1 is not public and never reaches the database', async () => {
    const [result] = await (await open()).lookup(['10.0.0.1']);
    expect(result).toMatchObject({ status: 'not_public', ipType: 'Private' });
  });
});

describe('ASN database', () => {
  it.each([
    ['89.160.20.112', 'Bredband2 AB'],
    ['1.128.0.0', 'Telstra Pty Ltd'],
  ])('%s is held by %s', async (ip, organization) => {
    const host = createGeoHost({
      provider: await createMmdbProvider({ path: fixture('GeoLite2-ASN-Test.mmdb') }),
    });
    const [result] = await host.lookup([ip]);
    expect(result?.location?.asOrganization).toBe(organization);
  });
});

describe('IPv4-only tree', () => {
  it('answers an IPv6 address with not found, not an IPv4 record', async () => {
    const provider = await createMmdbProvider({
      path: fixture('MaxMind-DB-test-ipv4-24.mmdb'),
      verify: 'tree',
    });
    const [result] = await createGeoHost({ provider }).lookup(['2001:4860:4860::8888']);
    expect(result?.status).toBe('not_found');
  });
});

describe('corrupt databases', () => {
  const files = readdirSync(sharedPath('fixtures/mmdb/bad-data')).filter((f) => f.endsWith('.mmdb'));

  it('has the bad-data files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  // A hang would hit the per-test timeout; the requirement is an error with a code.
  it.each(files)('%s fails with DATABASE_CORRUPT naming the file', { timeout: 5_000 }, async (file) => {
    const path = sharedPath('fixtures/mmdb/bad-data', file);
    const attempt = async () => {
      const provider = await createMmdbProvider({ path });
      await createGeoHost({ provider, errors: 'throw' }).lookup(['1.1.1.1', '81.2.69.142', '2001:218::']);
    };
    await expect(attempt()).rejects.toMatchObject({
      name: 'GeoIpError',
      code: 'DATABASE_CORRUPT',
      message: expect.stringContaining(path),
    });
  });
});
