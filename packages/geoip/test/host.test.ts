import { describe, expect, it } from 'vitest';
import { GeoIpError } from '../src/geo-ip-error.js';
import { createGeoHost, type GeoHostOptions } from '../src/host.js';
import type { GeoBatchEntry, GeoLookupContext, GeoProvider, GeoRecord } from '../src/types.js';

const caps = { city: true, country: true, asn: false, offline: true };

/** Answers every address with its first octet/hextet as `city`, counting calls. */
function countingProvider(extra: Partial<GeoProvider> = {}) {
  const calls: string[][] = [];
  const provider: GeoProvider = {
    name: 'counting',
    capabilities: caps,
    async lookup(ip) {
      calls.push([ip]);
      return ip === '9.9.9.9' ? null : { countryCode: 'ZZ', city: ip };
    },
    ...extra,
  };
  return { provider, calls };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createGeoHost', () => {
  it('returns one result per input, in input order, with duplicates and every status', async () => {
    const { provider, calls } = countingProvider({
      async lookup(ip) {
        calls.push([ip]);
        if (ip === '4.4.4.4') throw new Error('disk on fire');
        return ip === '9.9.9.9' ? null : { countryCode: 'ZZ', city: ip };
      },
    });
    const host = createGeoHost({ provider });
    const inputs = [
      '8.8.8.8',
      '10.0.0.1',
      'hello',
      '9.9.9.9',
      ' 8.8.8.8 ',
      '::ffff:8.8.8.8',
      '4.4.4.4',
      '8.8.8.8',
    ];
    const results = await host.lookup(inputs);
    expect(results.map((r) => [r.input, r.status])).toEqual([
      ['8.8.8.8', 'located'],
      ['10.0.0.1', 'not_public'],
      ['hello', 'invalid'],
      ['9.9.9.9', 'not_found'],
      [' 8.8.8.8 ', 'located'],
      ['::ffff:8.8.8.8', 'located'],
      ['4.4.4.4', 'error'],
      ['8.8.8.8', 'located'],
    ]);
    // 8.8.8.8 in three spellings is looked up once; private and invalid never reach the provider.
    expect(calls.flat().sort()).toEqual(['4.4.4.4', '8.8.8.8', '9.9.9.9']);
    expect(results[0]).toEqual({
      input: '8.8.8.8',
      status: 'located',
      ip: '8.8.8.8',
      version: 4,
      ipType: 'Public',
      range: 'unicast',
      location: { countryCode: 'ZZ', city: '8.8.8.8' },
      provider: 'counting',
    });
    expect(results[1]).toMatchObject({ ip: '10.0.0.1', ipType: 'Private', range: 'private' });
    expect(results[1]?.reason).toContain('10.0.0.1');
    expect(results[2]?.reason).toContain('"hello"');
    expect(results[3]).toMatchObject({ ip: '9.9.9.9', provider: 'counting' });
    expect(results[3]?.location).toBeUndefined();
    const failed = results[6];
    expect(failed?.code).toBe('PROVIDER_FAILED');
    expect(failed?.error).toBeInstanceOf(GeoIpError);
    expect(failed?.reason).toContain('4.4.4.4');
    expect(failed?.reason).toContain('disk on fire');
  });

  it('rejects with the first provider failure when errors is "throw"', async () => {
    const provider: GeoProvider = {
      name: 'broken',
      capabilities: caps,
      async lookup() {
        throw new GeoIpError('AUTH_FAILED', 'bad token', { provider: 'broken' });
      },
    };
    const host = createGeoHost({ provider, errors: 'throw' });
    await expect(host.lookup(['10.0.0.1'])).resolves.toHaveLength(1);
    await expect(host.lookup(['8.8.8.8'])).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('counts cache hits and misses, and caches not-found but not failures', async () => {
    let fail = true;
    const { provider, calls } = countingProvider({
      async lookup(ip) {
        calls.push([ip]);
        if (ip === '4.4.4.4' && fail) throw new Error('transient');
        return ip === '9.9.9.9' ? null : { city: ip };
      },
    });
    const host = createGeoHost({ provider, cache: { size: 10 } });
    await host.lookup(['8.8.8.8', '8.8.8.8', '9.9.9.9', '4.4.4.4']);
    expect(calls).toHaveLength(3);
    expect(host.stats()).toMatchObject({ cacheHits: 0, cacheMisses: 3, cacheSize: 2, providerCalls: 3 });
    fail = false;
    const again = await host.lookup(['8.8.8.8', '9.9.9.9', '4.4.4.4']);
    expect(again.map((r) => r.status)).toEqual(['located', 'not_found', 'located']);
    expect(calls).toHaveLength(4);
    expect(host.stats()).toMatchObject({ cacheHits: 2, cacheMisses: 4, cacheSize: 3, providerCalls: 4 });
  });

  it('evicts the least recently used entry at the cache size', async () => {
    const { provider, calls } = countingProvider();
    const host = createGeoHost({ provider, cache: { size: 2 } });
    await host.lookup(['1.0.0.1', '1.0.0.2']);
    await host.lookup(['1.0.0.1']); // refresh 1.0.0.1, so 1.0.0.2 is oldest
    await host.lookup(['1.0.0.3']); // evicts 1.0.0.2
    await host.lookup(['1.0.0.1', '1.0.0.2']);
    expect(calls.flat()).toEqual(['1.0.0.1', '1.0.0.2', '1.0.0.3', '1.0.0.2']);
  });

  it('does not cache with cache: false', async () => {
    const { provider, calls } = countingProvider();
    const host = createGeoHost({ provider, cache: false });
    await host.lookup(['8.8.8.8']);
    await host.lookup(['8.8.8.8']);
    expect(calls).toHaveLength(2);
    expect(host.stats()).toMatchObject({ cacheHits: 0, cacheMisses: 0, cacheSize: 0 });
  });

  it('splits native batches at the provider batchSize: 7 addresses, batchSize 3 -> 3 calls', async () => {
    const batches: string[][] = [];
    const provider: GeoProvider = {
      name: 'batching',
      capabilities: caps,
      batchSize: 3,
      async lookup() {
        throw new Error('single lookup must not be used');
      },
      async lookupBatch(ips) {
        batches.push([...ips]);
        return ips.map((ip) => ({ city: ip }));
      },
    };
    const host = createGeoHost({ provider });
    const inputs = ['1.0.0.1', '1.0.0.2', '1.0.0.3', '1.0.0.4', '1.0.0.5', '1.0.0.6', '1.0.0.7'];
    const results = await host.lookup(inputs);
    expect(batches).toEqual([
      ['1.0.0.1', '1.0.0.2', '1.0.0.3'],
      ['1.0.0.4', '1.0.0.5', '1.0.0.6'],
      ['1.0.0.7'],
    ]);
    expect(results.map((r) => r.location?.city)).toEqual(inputs);
  });

  it('maps batch entries that are errors, and failed or malformed batches, to per-address errors', async () => {
    const provider: GeoProvider = {
      name: 'batching',
      capabilities: caps,
      batchSize: 2,
      async lookup() {
        return null;
      },
      async lookupBatch(ips): Promise<GeoBatchEntry[]> {
        if (ips[0] === '1.0.0.3') throw new GeoIpError('RATE_LIMITED', 'slow down', { retryAfter: 5 });
        if (ips[0] === '1.0.0.5') return [{ city: 'only one' }];
        return [new GeoIpError('INVALID_RESPONSE', 'garbled'), { city: ips[1] as string }];
      },
    };
    const host = createGeoHost({ provider });
    const results = await host.lookup(['1.0.0.1', '1.0.0.2', '1.0.0.3', '1.0.0.4', '1.0.0.5', '1.0.0.6']);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      'INVALID_RESPONSE',
      'located',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'INVALID_RESPONSE',
      'INVALID_RESPONSE',
    ]);
    expect(results[2]?.error?.retryAfter).toBe(5);
  });

  it('limits concurrency of single lookups', async () => {
    let inFlight = 0;
    let peak = 0;
    const provider: GeoProvider = {
      name: 'slow',
      capabilities: caps,
      async lookup(ip) {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return { city: ip };
      },
    };
    const host = createGeoHost({ provider, concurrency: 3 });
    const inputs = Array.from({ length: 10 }, (_, i) => `1.0.0.${i + 1}`);
    const results = await host.lookup(inputs);
    expect(peak).toBe(3);
    expect(results.map((r) => r.location?.city)).toEqual(inputs);
  });

  it('rejects with ABORTED for an aborted signal, before and during the call', async () => {
    const gate = deferred<GeoRecord | null>();
    let seen: GeoLookupContext | undefined;
    const provider: GeoProvider = {
      name: 'hanging',
      capabilities: caps,
      lookup(_ip, context) {
        seen = context;
        return gate.promise;
      },
    };
    const host = createGeoHost({ provider });
    const before = new AbortController();
    before.abort();
    await expect(host.lookup(['8.8.8.8'], { signal: before.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });

    const during = new AbortController();
    const pending = host.lookup(['8.8.8.8'], { signal: during.signal });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen?.signal.aborted).toBe(false);
    during.abort(new Error('user pressed ctrl-c'));
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED', name: 'GeoIpError' });
    expect(seen?.signal.aborted).toBe(true);
    gate.resolve({ city: 'too late' });
  });

  it('rejects with TIMEOUT after timeoutMs, per host and per call', async () => {
    const provider: GeoProvider = {
      name: 'hanging',
      capabilities: caps,
      lookup: () => new Promise(() => {}),
    };
    const host = createGeoHost({ provider, timeoutMs: 20 });
    await expect(host.lookup(['8.8.8.8'])).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(host.lookup(['8.8.8.8'], { timeoutMs: 5 })).rejects.toThrow(/timeoutMs=5 ms/);
    // Addresses that never reach the provider finish without waiting.
    await expect(host.lookup(['10.0.0.1'])).resolves.toMatchObject([{ status: 'not_public' }]);
  });

  it('uses lookupSync when the provider has it, and offers host.lookupSync', async () => {
    const syncCalls: string[] = [];
    const provider: GeoProvider = {
      name: 'sync',
      capabilities: caps,
      async lookup() {
        throw new Error('async lookup must not be used');
      },
      lookupSync(ip) {
        syncCalls.push(ip);
        if (ip === '4.4.4.4') throw new GeoIpError('DATABASE_CORRUPT', 'bad tree', { path: '/x.mmdb' });
        return ip === '9.9.9.9' ? null : { city: ip };
      },
    };
    const host = createGeoHost({ provider, cache: false });
    const results = host.lookupSync(['8.8.8.8', '9.9.9.9', 'x', '4.4.4.4', '8.8.8.8']);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      'located',
      'not_found',
      'invalid',
      'DATABASE_CORRUPT',
      'located',
    ]);
    expect(results[3]?.error?.path).toBe('/x.mmdb');
    expect((await host.lookup(['1.1.1.1']))[0]?.location).toEqual({ city: '1.1.1.1' });
    // Without a cache the sync path does not de-duplicate: the repeated 8.8.8.8 is looked up again.
    expect(syncCalls).toEqual(['8.8.8.8', '9.9.9.9', '4.4.4.4', '8.8.8.8', '1.1.1.1']);

    syncCalls.length = 0;
    const cached = createGeoHost({ provider });
    cached.lookupSync(['8.8.8.8', '8.8.8.8', '9.9.9.9', '9.9.9.9']);
    expect(syncCalls).toEqual(['8.8.8.8', '9.9.9.9']);
    expect(cached.stats()).toMatchObject({ cacheHits: 2, cacheMisses: 2, providerCalls: 2 });

    const asyncOnly = createGeoHost({ provider: countingProvider().provider });
    expect(() => asyncOnly.lookupSync(['8.8.8.8'])).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
  });

  it('reports the provider that answered for combinator records (record.source)', async () => {
    const provider: GeoProvider = {
      name: 'fallback(a,b)',
      capabilities: caps,
      async lookup() {
        return { city: 'x', source: 'b' };
      },
    };
    const [result] = await createGeoHost({ provider }).lookup(['8.8.8.8']);
    expect(result?.provider).toBe('b');
  });

  it('disposes the provider once and then refuses lookups with DISPOSED', async () => {
    let disposals = 0;
    const { provider } = countingProvider({
      dispose() {
        disposals++;
      },
    });
    const host = createGeoHost({ provider });
    await host.dispose();
    await host.dispose();
    expect(disposals).toBe(1);
    await expect(host.lookup(['8.8.8.8'])).rejects.toMatchObject({ code: 'DISPOSED' });
    expect(() => host.lookupSync(['8.8.8.8'])).toThrow(expect.objectContaining({ code: 'DISPOSED' }));
  });

  it.each([
    [{ provider: undefined as unknown as GeoProvider }, 'options.provider'],
    [{ provider: countingProvider().provider, cache: { size: 0 } }, 'cache.size'],
    [{ provider: countingProvider().provider, concurrency: 1.5 }, 'concurrency'],
    [{ provider: countingProvider().provider, timeoutMs: -1 }, 'timeoutMs'],
    [{ provider: countingProvider({ batchSize: 0 }).provider }, 'batchSize'],
  ])('rejects bad options with INVALID_OPTION (%#)', (options, field) => {
    expect(() => createGeoHost(options)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining(field) }),
    );
  });

  it.each([
    [{ errors: 'ignore' }, 'errors must be "result" or "throw", got "ignore".'],
    [{ concurrency: '8' }, 'concurrency must be a positive integer, got "8".'],
    [{ timeoutMs: 'abc' }, 'timeoutMs must be a positive number of milliseconds, got "abc".'],
    [{ cache: true }, 'cache must be false or { size }, got true;'],
    [{ cache: { size: '10' } }, 'cache.size must be a positive integer, got "10";'],
    [{ concurency: 2 }, 'createGeoHost has no option "concurency"; the options are provider, cache,'],
  ])('names the bad option value, strings JSON-quoted: %j', (extra, message) => {
    const options = { provider: countingProvider().provider, ...extra } as unknown as GeoHostOptions;
    expect(() => createGeoHost(options)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining(message) }),
    );
  });

  it('rejects a misspelt option of one call', async () => {
    const host = createGeoHost({ provider: countingProvider().provider });
    await expect(host.lookup(['8.8.8.8'], { timeout: 5 } as never)).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: 'lookup has no option "timeout"; the options are signal, timeoutMs.',
    });
  });

  it('quotes a string timeoutMs of one call too', async () => {
    const host = createGeoHost({ provider: countingProvider().provider });
    await expect(host.lookup(['8.8.8.8'], { timeoutMs: '5' as unknown as number })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('got "5"'),
    });
  });
});

describe('createGeoHost: provider answers are checked', () => {
  /** One provider per answer shape; `answer` is what its lookup resolves for 8.8.8.8. */
  function answering(answer: unknown, mode: 'lookup' | 'lookupSync' | 'lookupBatch'): GeoProvider {
    const base = { name: 'sloppy', capabilities: caps, lookup: async () => answer as GeoRecord };
    if (mode === 'lookupSync') return { ...base, lookupSync: () => answer as GeoRecord };
    if (mode === 'lookupBatch') {
      return { ...base, lookupBatch: async (ips) => ips.map(() => answer as GeoRecord) };
    }
    return base;
  }

  const bad: [string, unknown, string][] = [
    ['a string', 'GB', 'with "GB", which is not a GeoRecord object'],
    ['a number', 826, 'with 826, which is not a GeoRecord object'],
    ['an array', [{ countryCode: 'GB' }], 'with an array of 1, which is not a GeoRecord object'],
    [
      'latitude 500',
      { latitude: 500, longitude: 0 },
      'latitude 500, which is not a finite number of degrees in -90..90',
    ],
    [
      'longitude -999',
      { latitude: 0, longitude: -999 },
      'longitude -999, which is not a finite number of degrees in -180..180',
    ],
    ['latitude NaN', { latitude: Number.NaN, longitude: 0 }, 'latitude NaN,'],
    ['latitude as text', { latitude: '51.5', longitude: 0 }, 'latitude "51.5",'],
    [
      'negative accuracy',
      { accuracyRadiusKm: -5 },
      'accuracyRadiusKm -5, which is not a finite number of km in ≥ 0',
    ],
    ['a numeric country code', { countryCode: 42 }, 'countryCode 42, which is not a string'],
    ['a city object', { city: { en: 'London' } }, 'city an object, which is not a string'],
    ['an ASN as text', { asn: 'AS15169' }, 'asn "AS15169", which is not a whole number ≥ 0'],
    ['a fractional ASN', { asn: 1.5 }, 'asn 1.5, which is not a whole number ≥ 0'],
  ];

  for (const mode of ['lookup', 'lookupSync', 'lookupBatch'] as const) {
    it.each(bad)(
      `${mode}: %s is an INVALID_RESPONSE error naming the provider and the address`,
      async (_, answer, detail) => {
        const host = createGeoHost({ provider: answering(answer, mode) });
        const [result] = await host.lookup(['8.8.8.8']);
        expect(result).toMatchObject({
          input: '8.8.8.8',
          status: 'error',
          code: 'INVALID_RESPONSE',
          provider: 'sloppy',
          ip: '8.8.8.8',
        });
        expect(result?.location).toBeUndefined();
        expect(result?.error).toMatchObject({ code: 'INVALID_RESPONSE', provider: 'sloppy', ip: '8.8.8.8' });
        expect(result?.reason).toContain('GeoIP provider "sloppy" answered 8.8.8.8 ');
        expect(result?.reason).toContain(detail);
        // Never cached: the same bad answer is asked for again.
        expect(host.stats().cacheSize).toBe(0);
      },
    );
  }

  it('accepts the edges of the ranges: -90, 90, -180, 180 degrees and radius 0 km', async () => {
    const edges = { latitude: -90, longitude: 180, accuracyRadiusKm: 0 };
    const host = createGeoHost({ provider: answering(edges, 'lookup') });
    const [result] = await host.lookup(['8.8.8.8']);
    expect(result).toMatchObject({ status: 'located', location: edges });
  });

  it('leaves fields a GeoRecord does not define alone', async () => {
    const answer = { countryCode: 'GB', asn: 0, vendorScore: 'x', constructor: 1 };
    const host = createGeoHost({ provider: answering(answer, 'lookup') });
    const [result] = await host.lookup(['8.8.8.8']);
    expect(result).toMatchObject({ status: 'located', location: answer });
  });

  it('still treats undefined as not found', async () => {
    const host = createGeoHost({ provider: answering(undefined, 'lookup') });
    expect((await host.lookup(['8.8.8.8']))[0]?.status).toBe('not_found');
  });

  it('with errors: "throw", rejects with the INVALID_RESPONSE failure', async () => {
    const host = createGeoHost({ provider: answering('GB', 'lookup'), errors: 'throw' });
    await expect(host.lookup(['8.8.8.8'])).rejects.toMatchObject({ code: 'INVALID_RESPONSE', ip: '8.8.8.8' });
  });
});

describe('GeoHost methods', () => {
  it('work when detached from the host object', async () => {
    const { lookupOne } = createGeoHost({
      provider: { name: 'p', capabilities: caps, lookup: async (ip) => ({ city: ip }) },
    });
    expect(await lookupOne('1.1.1.1')).toMatchObject({ status: 'located', location: { city: '1.1.1.1' } });
  });
});
