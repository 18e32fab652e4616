import { Readable, Writable } from 'node:stream';
import { createIpStackProvider } from '@iocmap/geoip';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/internal/context.js';
import { geolocate, MAX_CONSECUTIVE_FAILURES } from '../../src/internal/geolocate.js';
import { startServer } from '../http-server.js';

function context(): { context: CommandContext; stderr: () => string } {
  let text = '';
  const stderr = new Writable({
    write(chunk, _encoding, callback) {
      text += String(chunk);
      callback();
    },
  });
  const stdout = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  return {
    context: {
      io: { stdin: Readable.from([]), stdout, stderr, env: {}, cwd: '/' },
      quiet: false,
      debug: false,
      fetch: { timeoutMs: 30_000, maxBytes: 1024 },
    },
    stderr: () => text,
  };
}

function ipstack(base: string) {
  const provider = createIpStackProvider({ accessKey: 'test-key-123', baseUrl: base });
  return { provider, attribution: [] };
}

describe('geolocate with a failing remote provider', () => {
  it(`stops after ${MAX_CONSECUTIVE_FAILURES} failures in a row instead of trying every address`, async () => {
    let requests = 0;
    const base = await startServer((request) => {
      requests += 1;
      request.socket.destroy();
    });
    const ips = Array.from({ length: 200 }, (_, i) => `9.9.${i}.9`);
    const run = context();
    const failure = await geolocate(ips, ipstack(base), run.context).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'NETWORK', exitCode: 1 });
    expect((failure as Error).message).toMatch(
      /^stopped after 20 lookups in a row failed with provider ipstack \(first: .*\); check the network connection/,
    );
    expect((failure as Error).message).not.toContain('test-key-123');
    // 20 failures trip the breaker; at most the 8 requests already in flight (host concurrency) follow.
    expect(requests).toBeGreaterThanOrEqual(20);
    expect(requests).toBeLessThan(40);
  });

  it('fails naming the provider and the first error when every lookup failed', async () => {
    const base = await startServer((_request, response) => {
      response.writeHead(503).end('down');
    });
    const run = context();
    const failure = await geolocate(['9.9.9.9', '10.0.0.1', '8.8.8.8'], ipstack(base), run.context).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'NETWORK', exitCode: 1 });
    // 10.0.0.1 is private: it never goes to the provider, so 2 lookups were sent.
    expect((failure as Error).message).toMatch(
      /^all 2 lookups sent to provider ipstack failed \(first: 9\.9\.9\.9: .*503.*\); nothing written\./,
    );
  });

  it('warns with the counts and keeps the located rows when only some lookups failed', async () => {
    const base = await startServer((request, response) => {
      if (request.url?.startsWith('/8.8.8.8?')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            ip: '8.8.8.8',
            country_code: 'US',
            country_name: 'United States',
            latitude: 37.75,
            longitude: -97.82,
          }),
        );
      } else response.writeHead(503).end('down');
    });
    const run = context();
    const located = await geolocate(['8.8.8.8', '9.9.9.9'], ipstack(base), run.context);
    expect(located.failed).toBe(1);
    expect(located.results.map((result) => result.status)).toEqual(['located', 'error']);
    expect(run.stderr()).toMatch(
      /^iocmap: warning: 1 of 2 lookups sent to provider ipstack failed \(first: 9\.9\.9\.9: .*\); they are listed without a location\n$/,
    );
  });
});
