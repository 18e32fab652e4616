import { describe, expect, it } from 'vitest';
import { createStaticProvider } from '../../src/providers/static.js';
import type { GeoRecord } from '../../src/types.js';

describe('createStaticProvider', () => {
  const provider = createStaticProvider(
    {
      '203.0.113.0/24': { countryCode: 'NO', city: 'Oslo' },
      '203.0.113.128/25': { countryCode: 'SE', city: 'Stockholm' },
      '198.51.100.7': { countryCode: 'FI' },
      '2001:db8::/32': { countryCode: 'DK' },
      '::ffff:192.0.2.0/120': { countryCode: 'IS', network: 'custom' },
    },
    { name: 'overrides', attribution: { text: 'Our own data' } },
  );

  it('matches the longest prefix and sets network to the matching block', () => {
    expect(provider.lookupSync?.('203.0.113.5')).toEqual({
      countryCode: 'NO',
      city: 'Oslo',
      network: '203.0.113.0/24',
    });
    expect(provider.lookupSync?.('203.0.113.200')).toEqual({
      countryCode: 'SE',
      city: 'Stockholm',
      network: '203.0.113.128/25',
    });
    expect(provider.lookupSync?.('198.51.100.7')?.countryCode).toBe('FI');
    expect(provider.lookupSync?.('198.51.100.8')).toBeNull();
    expect(provider.lookupSync?.('2001:db8:1::1')?.countryCode).toBe('DK');
    // An IPv4-mapped key /120 is the IPv4 block /24; a record's own network is kept.
    expect(provider.lookupSync?.('192.0.2.77')).toEqual({ countryCode: 'IS', network: 'custom' });
  });

  it('returns copies, derives capabilities, and reports its name and attribution', () => {
    const first = provider.lookupSync?.('203.0.113.5');
    if (first) first.city = 'changed';
    expect(provider.lookupSync?.('203.0.113.5')?.city).toBe('Oslo');
    expect(provider.capabilities).toEqual({ city: true, country: true, asn: false, offline: true });
    expect(provider.name).toBe('overrides');
    expect(provider.attribution).toEqual({ text: 'Our own data' });
  });

  it('rejects bad keys with INVALID_OPTION and bad addresses with INVALID_ADDRESS', () => {
    expect(() => createStaticProvider({ '10.0.0.0/33': {} })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining('"10.0.0.0/33"') }),
    );
    expect(() => provider.lookupSync?.('nope')).toThrow(expect.objectContaining({ code: 'INVALID_ADDRESS' }));
  });

  it.each([
    [{ '8.8.8.0/24': 'US' }, '"8.8.8.0/24": "US", which is not a GeoRecord object'],
    [{ '8.8.8.0/24': null }, '"8.8.8.0/24": null, which is not a GeoRecord object'],
    [{ '8.8.8.0/24': ['US'] }, '"8.8.8.0/24": an array of 1, which is not a GeoRecord object'],
    [
      { '8.8.8.0/24': { latitude: 500 } },
      '"8.8.8.0/24": latitude 500, which is not a finite number of degrees in -90..90',
    ],
  ])(
    'refuses a value that is not a GeoRecord with INVALID_OPTION naming the key (%#)',
    (records, message) => {
      expect(() => createStaticProvider(records as unknown as Record<string, GeoRecord>)).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining(message) }),
      );
    },
  );

  it('refuses an array as the table', () => {
    expect(() => createStaticProvider([] as unknown as Record<string, GeoRecord>)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
