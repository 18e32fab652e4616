import { describe, expect, it } from 'vitest';
import { merge } from '../../src/combinators/merge.js';
import { GeoIpError } from '../../src/geo-ip-error.js';
import { createGeoHost } from '../../src/host.js';
import { createStaticProvider } from '../../src/providers/static.js';
import { describeGeoProviderConformance } from '../../src/testing/index.js';
import type { GeoProvider } from '../../src/types.js';

const city = createStaticProvider(
  {
    '81.2.69.128/26': {
      countryCode: 'GB',
      countryName: 'United Kingdom',
      city: 'London',
      latitude: 51.5142,
      longitude: -0.0931,
    },
    '2001:4860::/32': { countryCode: 'US' },
  },
  { name: 'city' },
);
const asn = createStaticProvider(
  {
    '81.2.69.0/24': { asn: 20712, asOrganization: 'Andrews & Arnold Ltd', countryCode: 'XX' },
    '1.0.0.0/24': { asn: 13335, asOrganization: 'Cloudflare, Inc.' },
  },
  { name: 'asn' },
);

describeGeoProviderConformance('merge', async () => ({
  provider: merge(
    createStaticProvider({ '81.2.69.128/26': { countryCode: 'GB' } }),
    createStaticProvider({ '2001:4860::/32': { countryCode: 'US', asn: 15169 } }),
  ),
  known: {
    ipv4: { ip: '81.2.69.142', countryCode: 'GB' },
    ipv6: { ip: '2001:4860:4860::8888', countryCode: 'US' },
    notFound: '9.9.9.9',
  },
  failing: { create: () => merge(), code: 'INVALID_OPTION' },
}));

describe('merge', () => {
  it('fills gaps of the first record from later ones; earlier fields win', async () => {
    const host = createGeoHost({ provider: merge(city, asn) });
    const [london, cloudflare, nowhere] = await host.lookup(['81.2.69.142', '1.0.0.1', '9.9.9.9']);
    expect(london?.location).toEqual({
      countryCode: 'GB',
      countryName: 'United Kingdom',
      city: 'London',
      latitude: 51.5142,
      longitude: -0.0931,
      network: '81.2.69.128/26',
      asn: 20712,
      asOrganization: 'Andrews & Arnold Ltd',
      source: 'city+asn',
    });
    expect(london?.provider).toBe('city+asn');
    expect(cloudflare?.location).toEqual({
      asn: 13335,
      asOrganization: 'Cloudflare, Inc.',
      network: '1.0.0.0/24',
      source: 'asn',
    });
    expect(nowhere?.status).toBe('not_found');
    expect(merge(city, asn).capabilities).toEqual({ city: true, country: true, asn: true, offline: true });
  });

  it('fails the address when any child fails, in lookup and in batches', async () => {
    const broken: GeoProvider = {
      name: 'broken',
      capabilities: { city: false, country: false, asn: true, offline: false },
      async lookup(ip) {
        if (ip === '81.2.69.142') throw new GeoIpError('HTTP_ERROR', 'HTTP 500', { status: 500 });
        return { asn: 1 };
      },
    };
    const provider = merge(city, broken);
    expect(provider.lookupSync).toBeUndefined();
    await expect(
      provider.lookup('81.2.69.142', { signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 500,
    });
    const results = await createGeoHost({ provider }).lookup(['81.2.69.142', '2001:4860::1']);
    expect(results.map((r) => r.code ?? r.status)).toEqual(['HTTP_ERROR', 'located']);
    expect(results[1]?.location).toMatchObject({ countryCode: 'US', asn: 1, source: 'city+broken' });
  });
});
