import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeoIpError } from '../../src/geo-ip-error.js';
import { createGeoHost } from '../../src/host.js';
import { createIpStackProvider } from '../../src/providers/ipstack.js';
import { describeGeoProviderConformance } from '../../src/testing/index.js';
import { fixture, sendJson, startServer, type TestServer } from './http-server.js';

const KEY = 'a1b2c3d4e5f6key';
const answers = fixture<Record<string, Record<string, unknown>>>('ipstack/answers.json');
const errors = fixture<Record<string, Record<string, unknown>>>('ipstack/errors.json');

let server: TestServer;

function answer(ip: string): unknown {
  return answers[ip] ?? { ip, ...errors.notFoundShape };
}

beforeAll(async () => {
  server = await startServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    // ipstack answers errors with HTTP 200 and a success:false body.
    if (url.searchParams.get('access_key') !== KEY) return sendJson(response, 200, errors.invalidAccessKey);
    const ips = decodeURIComponent(url.pathname.slice(1)).split(',');
    if (ips.includes('5.5.5.5'))
      return sendJson(response, 429, { message: 'Too Many Requests' }, { 'retry-after': '30' });
    if (ips.includes('7.7.7.7')) return sendJson(response, 200, errors.usageLimitReached);
    if (ips.includes('3.3.3.3')) return sendJson(response, 200, errors.httpsAccessRestricted);
    if (ips.length > 1 && ips.includes('2.2.2.2')) return sendJson(response, 200, errors.batchNotSupported);
    if (ips.length === 1) return sendJson(response, 200, answer(ips[0] as string));
    return sendJson(response, 200, ips.map(answer));
  });
});
afterAll(() => server.close());

describeGeoProviderConformance('createIpStackProvider (local server)', async () => ({
  provider: createIpStackProvider({ accessKey: KEY, baseUrl: server.baseUrl }),
  known: {
    ipv4: { ip: '134.201.250.155', countryCode: 'US' },
    ipv6: { ip: '2a00:1450:4001:80b::200e', countryCode: 'DE' },
    notFound: '203.0.114.1',
  },
  failing: {
    create: () => createIpStackProvider({ accessKey: 'wrong', baseUrl: server.baseUrl }),
    code: 'AUTH_FAILED',
  },
}));

describeGeoProviderConformance('createIpStackProvider bulk (local server)', async () => ({
  provider: createIpStackProvider({ accessKey: KEY, baseUrl: server.baseUrl, bulkSize: 50 }),
  known: {
    ipv4: { ip: '81.2.69.142', countryCode: 'GB' },
    ipv6: { ip: '2a00:1450:4001:80b::200e', countryCode: 'DE' },
    notFound: '203.0.114.1',
  },
}));

describe('createIpStackProvider', () => {
  const signal = new AbortController().signal;

  it('maps the documented answer to a GeoRecord', async () => {
    const provider = createIpStackProvider({ accessKey: KEY, baseUrl: server.baseUrl });
    expect(await provider.lookup('134.201.250.155', { signal })).toEqual({
      countryCode: 'US',
      countryName: 'United States',
      state: 'California',
      city: 'Los Angeles',
      postalCode: '90013',
      latitude: 34.0453,
      longitude: -118.2413,
      timeZone: 'America/Los_Angeles',
      asn: 25876,
      isp: 'Los Angeles Department of Water & Power',
    });
    expect(provider.lookupBatch).toBeUndefined();
  });

  it('sends comma-separated bulk requests of at most bulkSize addresses', async () => {
    server.requests.length = 0;
    const provider = createIpStackProvider({ accessKey: KEY, baseUrl: server.baseUrl, bulkSize: 2 });
    const results = await createGeoHost({ provider }).lookup([
      '134.201.250.155',
      '81.2.69.142',
      '203.0.114.1',
    ]);
    expect(results.map((r) => r.location?.city ?? r.status)).toEqual(['Los Angeles', 'London', 'not_found']);
    // The two bulk requests run concurrently, so their arrival order is not fixed.
    expect(server.requests.map((r) => new URL(r.url, 'http://x').pathname).sort()).toEqual([
      '/134.201.250.155,81.2.69.142',
      '/203.0.114.1',
    ]);
  });

  it('turns success:false bodies into GeoIpError codes and never shows the key', async () => {
    const wrongKey = 'zz-wrong-key-zz';
    const wrong = createIpStackProvider({ accessKey: wrongKey, baseUrl: server.baseUrl });
    const auth = (await wrong.lookup('8.8.8.8', { signal }).catch((e: unknown) => e)) as GeoIpError;
    expect(auth).toBeInstanceOf(GeoIpError);
    expect(auth.code).toBe('AUTH_FAILED');
    expect(auth.message).toContain('101 invalid_access_key');
    expect(auth.message).not.toContain(wrongKey);

    const provider = createIpStackProvider({ accessKey: KEY, baseUrl: server.baseUrl });
    await expect(provider.lookup('7.7.7.7', { signal })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(provider.lookup('3.3.3.3', { signal })).rejects.toThrow(/https: false/);
    await expect(provider.lookup('3.3.3.3', { signal })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const bulk = createIpStackProvider({ accessKey: KEY, baseUrl: server.baseUrl, bulkSize: 10 });
    const results = await createGeoHost({ provider: bulk }).lookup(['2.2.2.2', '81.2.69.142']);
    expect(results.map((r) => r.code)).toEqual(['UNSUPPORTED', 'UNSUPPORTED']);
  });

  it('maps HTTP 429 to RATE_LIMITED with retryAfter, with the key redacted from the URL', async () => {
    const provider = createIpStackProvider({ accessKey: KEY, baseUrl: server.baseUrl });
    const error = (await provider.lookup('5.5.5.5', { signal }).catch((e: unknown) => e)) as GeoIpError;
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 30, status: 429 });
    expect(error.message).toContain('access_key=[redacted]');
    expect(error.message).not.toContain(KEY);
  });

  it('maps an unreachable server to NETWORK_ERROR without the key anywhere in the error', async () => {
    const gone = await startServer(() => {});
    await gone.close();
    const provider = createIpStackProvider({ accessKey: KEY, baseUrl: gone.baseUrl });
    const error = (await provider.lookup('8.8.8.8', { signal }).catch((e: unknown) => e)) as GeoIpError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain(`${gone.baseUrl}/8.8.8.8?access_key=[redacted]`);
    expect(`${error.message} ${String(error.cause)} ${error.stack}`).not.toContain(KEY);
  });

  it('keeps the key out of errors even when an injected fetch puts the URL in its message', async () => {
    const provider = createIpStackProvider({
      accessKey: KEY,
      fetch: async (url) => {
        throw new TypeError(`Failed to fetch ${url}`);
      },
    });
    const error = (await provider.lookup('8.8.8.8', { signal }).catch((e: unknown) => e)) as GeoIpError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('https://api.ipstack.com/8.8.8.8');
    expect(`${error.message} ${String(error.cause)} ${(error.cause as Error).stack}`).not.toContain(KEY);
  });

  it('uses HTTPS by default and HTTP only when asked', async () => {
    const urls: string[] = [];
    const recording = async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(answers['81.2.69.142']), { status: 200 });
    };
    await createIpStackProvider({ accessKey: KEY, fetch: recording }).lookup('81.2.69.142', { signal });
    await createIpStackProvider({ accessKey: KEY, fetch: recording, https: false }).lookup('81.2.69.142', {
      signal,
    });
    expect(urls).toEqual([
      `https://api.ipstack.com/81.2.69.142?access_key=${KEY}`,
      `http://api.ipstack.com/81.2.69.142?access_key=${KEY}`,
    ]);
  });

  it('validates options', () => {
    expect(() => createIpStackProvider({ accessKey: ' ' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => createIpStackProvider({ accessKey: KEY, bulkSize: 51 })).toThrow(
      /bulkSize must be an integer 1-50/,
    );
    expect(() => createIpStackProvider({ accessKey: KEY, retries: 11 })).toThrow(/retries/);
  });
});
