import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoIpError } from '../../src/geo-ip-error.js';
import { createGeoHost } from '../../src/host.js';
import { createIpInfoProvider } from '../../src/providers/ipinfo.js';
import { describeGeoProviderConformance } from '../../src/testing/index.js';
import { fixture, sendJson, startServer, type TestServer } from './http-server.js';

const TOKEN = 'tok_9f8e7d6c5b4a';
const answers = fixture<Record<string, Record<string, unknown>>>('ipinfo/answers.json');
const errors = fixture<Record<string, unknown>>('ipinfo/errors.json');

let server: TestServer;
const retryCount = new Map<string, number>();

function answer(ip: string): unknown {
  return answers[ip] ?? { ip };
}

beforeAll(async () => {
  server = await startServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`)
      return sendJson(response, 403, errors.unknownToken);
    if (request.method === 'POST' && request.url === '/batch') {
      const ips = JSON.parse(request.body) as string[];
      if (ips.includes('5.5.5.5')) return sendJson(response, 429, errors.rateLimited, { 'retry-after': '7' });
      return sendJson(response, 200, Object.fromEntries(ips.map((ip) => [ip, answer(ip)])));
    }
    const match = /^\/([^/]+)\/json$/.exec(request.url);
    if (request.method !== 'GET' || match === null) return sendJson(response, 404, errors.wrongIp);
    const ip = decodeURIComponent(match[1] as string);
    if (ip === '5.5.5.5') return sendJson(response, 429, errors.rateLimited, { 'retry-after': '7' });
    if (ip === '6.6.6.6') {
      const n = (retryCount.get(ip) ?? 0) + 1;
      retryCount.set(ip, n);
      if (n === 1) return sendJson(response, 429, errors.rateLimited, { 'retry-after': '0' });
      return sendJson(response, 200, { ...(answers['81.2.69.142'] as object), ip });
    }
    if (ip === '7.7.7.7') {
      response.writeHead(502, { 'content-type': 'text/html' });
      return response.end('<html>Bad gateway</html>');
    }
    if (ip === '4.4.4.4') return sendJson(response, 200, '<html>oops</html>');
    return sendJson(response, 200, answer(ip));
  });
});
afterAll(() => server.close());

describeGeoProviderConformance('createIpInfoProvider (local server)', async () => ({
  provider: createIpInfoProvider({ token: TOKEN, baseUrl: server.baseUrl }),
  known: {
    ipv4: { ip: '8.8.8.8', countryCode: 'US' },
    ipv6: { ip: '2001:4860:4860::8888', countryCode: 'US' },
    notFound: '203.0.114.1',
  },
  failing: {
    create: () => createIpInfoProvider({ token: 'wrong-token', baseUrl: server.baseUrl }),
    code: 'AUTH_FAILED',
  },
}));

describe('createIpInfoProvider', () => {
  const signal = new AbortController().signal;

  it('maps the documented answer to a GeoRecord, sending the token only as a Bearer header', async () => {
    server.requests.length = 0;
    const provider = createIpInfoProvider({ token: TOKEN, baseUrl: server.baseUrl });
    expect(await provider.lookup('66.87.125.72', { signal })).toEqual({
      countryCode: 'US',
      countryName: 'United States',
      state: 'Massachusetts',
      city: 'Southbridge',
      postalCode: '01550',
      timeZone: 'America/New_York',
      latitude: 42.0751,
      longitude: -72.0334,
      asn: 10507,
      asOrganization: 'Sprint Personal Communications Systems',
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.url).toBe('/66.87.125.72/json');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(provider.attribution?.text).toContain('IPinfo');
  });

  it('uses POST /batch through the host, split at batchSize', async () => {
    server.requests.length = 0;
    const host = createGeoHost({
      provider: createIpInfoProvider({ token: TOKEN, baseUrl: server.baseUrl, batchSize: 2 }),
    });
    const results = await host.lookup(['8.8.8.8', '81.2.69.142', '10.0.0.1', '66.87.125.72', '203.0.114.1']);
    expect(results.map((r) => r.location?.city ?? r.status)).toEqual([
      'Mountain View',
      'London',
      'not_public',
      'Southbridge',
      'not_found',
    ]);
    expect(server.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
      ['POST', '/batch', ['8.8.8.8', '81.2.69.142']],
      ['POST', '/batch', ['66.87.125.72', '203.0.114.1']],
    ]);
    expect(results[0]?.provider).toBe('ipinfo');
  });

  it('maps 403 to AUTH_FAILED without the token in the message', async () => {
    const secret = 'secret-wrong-token-42';
    const provider = createIpInfoProvider({ token: secret, baseUrl: server.baseUrl });
    const error = (await provider.lookup('8.8.8.8', { signal }).catch((e: unknown) => e)) as GeoIpError;
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 403, provider: 'ipinfo' });
    expect(error.message).toContain('Unknown token');
    expect(error.message).not.toContain(secret);
  });

  it('maps 429 to RATE_LIMITED with retryAfter from the header, for single and batch requests', async () => {
    const provider = createIpInfoProvider({ token: TOKEN, baseUrl: server.baseUrl });
    await expect(provider.lookup('5.5.5.5', { signal })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 7,
      status: 429,
    });
    const [result] = await createGeoHost({ provider }).lookup(['5.5.5.5']);
    expect(result).toMatchObject({ status: 'error', code: 'RATE_LIMITED' });
    expect(result?.error?.retryAfter).toBe(7);
  });

  it('retries after 429 when retries is set', async () => {
    retryCount.clear();
    const provider = createIpInfoProvider({ token: TOKEN, baseUrl: server.baseUrl, retries: 1 });
    expect((await provider.lookup('6.6.6.6', { signal }))?.city).toBe('London');
    expect(retryCount.get('6.6.6.6')).toBe(2);
  });

  it('maps other statuses to HTTP_ERROR and non-object bodies to INVALID_RESPONSE', async () => {
    const provider = createIpInfoProvider({ token: TOKEN, baseUrl: server.baseUrl });
    await expect(provider.lookup('7.7.7.7', { signal })).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 502,
    });
    await expect(provider.lookup('4.4.4.4', { signal })).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('maps an unreachable server to NETWORK_ERROR', async () => {
    const gone = await startServer(() => {});
    await gone.close();
    const provider = createIpInfoProvider({ token: TOKEN, baseUrl: gone.baseUrl });
    const error = (await provider.lookup('8.8.8.8', { signal }).catch((e: unknown) => e)) as GeoIpError;
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', provider: 'ipinfo' });
    expect(error.message).toContain(gone.baseUrl);
    expect(error.message).not.toContain(TOKEN);
  });

  it('validates options without echoing the token', () => {
    expect(() => createIpInfoProvider({ token: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => createIpInfoProvider({ token: TOKEN, batchSize: 1001 })).toThrow(
      /batchSize must be an integer 1-1000/,
    );
    expect(() => createIpInfoProvider({ token: TOKEN, baseUrl: 'ftp://x' })).toThrow(/http\(s\) URL/);
    expect(createIpInfoProvider({ token: TOKEN }).batchSize).toBe(1000);
  });
});
