import { describe, expect, it } from 'vitest';
import { fallback } from '../../src/combinators/fallback.js';
import { GeoIpError } from '../../src/geo-ip-error.js';
import { createGeoHost } from '../../src/host.js';
import { createStaticProvider } from '../../src/providers/static.js';
import { describeGeoProviderConformance } from '../../src/testing/index.js';
import type { GeoProvider } from '../../src/types.js';

const caps = { city: true, country: true, asn: false, offline: false };

function failing(name: string, code: 'NETWORK_ERROR' | 'RATE_LIMITED'): GeoProvider {
  return {
    name,
    capabilities: caps,
    async lookup(ip) {
      throw new GeoIpError(code, `${name} down for ${ip}`, { provider: name });
    },
  };
}

describeGeoProviderConformance('fallback (sync children)', async () => ({
  provider: fallback([
    createStaticProvider({ '81.2.69.0/24': { countryCode: 'GB' } }, { name: 'first' }),
    createStaticProvider(
      { '2606:4700::/32': { countryCode: 'US' }, '81.2.69.0/24': { countryCode: 'FR' } },
      { name: 'second' },
    ),
  ]),
  known: {
    ipv4: { ip: '81.2.69.142', countryCode: 'GB' },
    ipv6: { ip: '2606:4700::1111', countryCode: 'US' },
    notFound: '1.1.1.1',
  },
  failing: { create: () => fallback([]), code: 'INVALID_OPTION' },
}));

/** Async only (no lookupSync), and down for 8.8.8.8: the second child must answer that one. */
function flaky(): GeoProvider {
  const inner = createStaticProvider({ '2606:4700::/32': { countryCode: 'US' } }, { name: 'flaky' });
  return {
    name: 'flaky',
    capabilities: inner.capabilities,
    async lookup(ip, context) {
      if (ip === '8.8.8.8') throw new GeoIpError('NETWORK_ERROR', 'connection reset', { provider: 'flaky' });
      return inner.lookup(ip, context);
    },
    dispose: () => inner.dispose?.(),
  };
}

describeGeoProviderConformance('fallback (async first child that fails for one address)', async () => ({
  provider: fallback([flaky(), createStaticProvider({ '8.8.8.0/24': { countryCode: 'US' } })]),
  known: {
    ipv4: { ip: '8.8.8.8', countryCode: 'US' },
    ipv6: { ip: '2606:4700::1111', countryCode: 'US' },
    notFound: '1.1.1.1',
  },
  failing: { create: () => fallback([failing('down', 'NETWORK_ERROR')]), code: 'NETWORK_ERROR' },
}));

describe('fallback', () => {
  it('asks the next provider when the first has no answer or fails, and names the one that answered', async () => {
    const first = createStaticProvider({ '8.8.8.0/24': { city: 'first-8' } }, { name: 'first' });
    const second = createStaticProvider(
      { '1.1.1.0/24': { city: 'second-1' }, '8.8.8.0/24': { city: 'second-8' } },
      { name: 'second' },
    );
    const host = createGeoHost({ provider: fallback([failing('down', 'NETWORK_ERROR'), first, second]) });
    const results = await host.lookup(['8.8.8.8', '1.1.1.1', '9.9.9.9']);
    expect(results.map((r) => [r.status, r.location?.city, r.provider])).toEqual([
      ['located', 'first-8', 'first'],
      ['located', 'second-1', 'second'],
      ['error', undefined, 'down'],
    ]);
    // 9.9.9.9: the only failure ('down') is reported, since no provider had a record.
    expect(results[2]?.code).toBe('NETWORK_ERROR');
  });

  it('aggregates several failures into PROVIDER_FAILED with an AggregateError cause', async () => {
    const provider = fallback([failing('a', 'NETWORK_ERROR'), failing('b', 'RATE_LIMITED')]);
    const error = await provider
      .lookup('8.8.8.8', { signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_FAILED', provider: 'fallback(a,b)', ip: '8.8.8.8' });
    expect((error as GeoIpError).message).toContain('a: NETWORK_ERROR, b: RATE_LIMITED');
    expect(((error as GeoIpError).cause as AggregateError).errors).toHaveLength(2);
  });

  it('passes only unanswered addresses to the next provider in batches', async () => {
    const seen: string[][] = [];
    const batching: GeoProvider = {
      name: 'batching',
      capabilities: caps,
      batchSize: 50,
      async lookup() {
        return null;
      },
      async lookupBatch(ips) {
        seen.push([...ips]);
        return ips.map((ip) => ({ city: `batch-${ip}` }));
      },
    };
    const provider = fallback([createStaticProvider({ '8.8.8.0/24': { city: 'static' } }), batching]);
    expect(provider.batchSize).toBe(50);
    expect(provider.lookupSync).toBeUndefined();
    const results = await createGeoHost({ provider }).lookup(['8.8.8.8', '1.1.1.1', '9.9.9.9']);
    expect(results.map((r) => r.location?.city)).toEqual(['static', 'batch-1.1.1.1', 'batch-9.9.9.9']);
    expect(seen).toEqual([['1.1.1.1', '9.9.9.9']]);
  });

  it('combines capabilities and attribution, and disposes every child once', async () => {
    let disposed = 0;
    const a: GeoProvider = {
      name: 'a',
      capabilities: { city: true, country: true, asn: false, offline: true },
      attribution: { text: 'Data by A', url: 'https://a.example' },
      lookup: async () => null,
      dispose: () => {
        disposed++;
      },
    };
    const b: GeoProvider = {
      name: 'b',
      capabilities: { city: false, country: true, asn: true, offline: false },
      attribution: { text: 'Data by B' },
      lookup: async () => null,
      dispose: () => {
        disposed++;
      },
    };
    const provider = fallback([a, b]);
    expect(provider.capabilities).toEqual({ city: true, country: true, asn: true, offline: false });
    expect(provider.attribution).toEqual({ text: 'Data by A; Data by B', url: 'https://a.example' });
    await provider.dispose?.();
    await provider.dispose?.();
    expect(disposed).toBe(2);
  });
});

describe('fallback with a child that answers malformed records', () => {
  const sloppy: GeoProvider = {
    name: 'sloppy',
    capabilities: caps,
    lookup: async () => ({ countryCode: 'XX', latitude: 500, longitude: 0 }),
  };

  it('treats the bad answer as that child failing and asks the next one', async () => {
    const good = createStaticProvider({ '8.8.8.0/24': { countryCode: 'US' } }, { name: 'good' });
    const host = createGeoHost({ provider: fallback([sloppy, good]) });
    const [result] = await host.lookup(['8.8.8.8']);
    expect(result).toMatchObject({ status: 'located', provider: 'good', location: { countryCode: 'US' } });
  });

  it('reports INVALID_RESPONSE from the child when no other child answers', async () => {
    const empty = createStaticProvider({}, { name: 'empty' });
    const host = createGeoHost({ provider: fallback([sloppy, empty]) });
    const [result] = await host.lookup(['8.8.8.8']);
    expect(result).toMatchObject({ status: 'error', code: 'INVALID_RESPONSE' });
    expect(result?.error).toMatchObject({ provider: 'sloppy', ip: '8.8.8.8' });
  });
});

describe('fallback with a child whose batch answer has the wrong length', () => {
  it('reports INVALID_RESPONSE from that child, as the host does for a direct provider', async () => {
    const short: GeoProvider = {
      name: 'short',
      capabilities: caps,
      lookup: async () => null,
      // Two addresses asked, one entry answered.
      lookupBatch: async () => [{ countryCode: 'US' }],
    };
    const empty = createStaticProvider({}, { name: 'empty' });
    const host = createGeoHost({ provider: fallback([short, empty]) });
    const results = await host.lookup(['8.8.8.8', '9.9.9.9']);
    expect(results.map((r) => r.code)).toEqual(['INVALID_RESPONSE', 'INVALID_RESPONSE']);
    expect(results[0]?.error).toMatchObject({ provider: 'short' });
    expect(results[0]?.reason).toContain('answered a batch of 2 addresses with 1 entries');
  });
});
