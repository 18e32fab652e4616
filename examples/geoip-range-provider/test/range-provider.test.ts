import { createGeoHost, GeoIpError } from '@iocmap/geoip';
import { describeGeoProviderConformance } from '@iocmap/geoip/testing';
import { describe, expect, it } from 'vitest';
import { createRangeProvider } from '../src/index.js';

// A hand-written table in ip-location-db's country CSV layout; the expected
// answers below are read off it by eye.
const TABLE = ['1.0.0.0,1.0.0.255,AU', '8.8.8.0,8.8.8.255,US', '', '81.2.69.0,81.2.69.255,GB'].join('\n');

describeGeoProviderConformance('example range CSV provider', async () => ({
  provider: createRangeProvider(TABLE),
  known: { ipv4: { ip: '8.8.8.8', countryCode: 'US' }, notFound: '9.9.9.9' },
  failing: { create: () => createRangeProvider('8.8.8.0,8.8.8.255,USA'), code: 'DATABASE_CORRUPT' },
}));

describe('createRangeProvider', () => {
  it('answers both ends of a range and nothing just outside it', () => {
    const provider = createRangeProvider(TABLE);
    expect(provider.lookupSync?.('81.2.69.0')?.countryCode).toBe('GB');
    expect(provider.lookupSync?.('81.2.69.255')?.countryName).toBe('United Kingdom');
    expect(provider.lookupSync?.('81.2.70.0')).toBeNull();
    expect(provider.lookupSync?.('0.255.255.255')).toBeNull();
  });

  it('locates through the host with the name and country the table gives', async () => {
    const host = createGeoHost({ provider: createRangeProvider(TABLE, { name: 'my-ranges' }) });
    const [located, private10] = await host.lookup(['1.0.0.7', '10.1.2.3']);
    expect(located?.status).toBe('located');
    expect(located?.provider).toBe('my-ranges');
    expect(located?.location?.countryName).toBe('Australia');
    expect(private10?.status).toBe('not_public');
  });

  it('names the bad line of a corrupt table', () => {
    expect(() => createRangeProvider('1.0.0.0,1.0.0.255,AU\n8.8.8.0,8.8.8.256,US')).toThrow(
      /line 2: "8\.8\.8\.0,8\.8\.8\.256,US" is not/,
    );
    expect(() => createRangeProvider('8.8.8.255,8.8.8.0,US')).toThrow(
      /line 1: the range ends \(8\.8\.8\.0\)/,
    );
  });

  it('rejects overlapping ranges with DATABASE_CORRUPT', () => {
    let caught: unknown;
    try {
      createRangeProvider('8.8.0.0,8.8.255.255,US\n8.8.8.0,8.8.8.255,US');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GeoIpError);
    expect((caught as GeoIpError).code).toBe('DATABASE_CORRUPT');
    expect((caught as GeoIpError).message).toBe(
      "Range table line 2: the range starting 8.8.8.0 overlaps line 1's, which ends 8.8.255.255.",
    );
  });
});
