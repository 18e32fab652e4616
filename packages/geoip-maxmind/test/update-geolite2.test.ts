import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, stat, utimes } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create as tarCreate } from 'tar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMmdbProvider, updateGeoLite2 } from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const KEY = 'sEcReT_lic3nse_KEY';
const ACCOUNT = '424242';
// geolite2-city-v1 is built at 1700000000, v2 at 1710000000 (fixture sources):
// this limit makes v1 stale and v2 fresh whatever today's date is.
const MAX_AGE_DAYS = (Date.now() / 1000 - 1705000000) / 86400;

async function tarball(members: Record<string, string>, dir: string): Promise<Buffer> {
  await mkdir(dir, { recursive: true });
  for (const [name, source] of Object.entries(members)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await copyFile(source, join(dir, name));
  }
  const out = join(dir, 'out.tar.gz');
  await tarCreate({ gzip: true, file: out, cwd: dir, preservePaths: true }, Object.keys(members));
  return readFile(out);
}

type Mode =
  | 'ok'
  | 'badsum'
  | '401'
  | '429'
  | 'cut'
  | 'traversal'
  | 'slow'
  | 'held'
  | 'stall'
  | 'hang'
  | 'trickle'
  | 'expired';
const state = {
  mode: 'ok' as Mode,
  downloads: 0,
  r2Auth: [] as (string | undefined)[],
  urls: [] as string[],
  /** Origin the main server's 302 points to; `''` means the r2 server's real http://127.0.0.1 origin. */
  redirectBase: '',
  /** How long the r2 server waits before answering in 'slow' mode (ms). */
  delayMs: 300,
  /** Called when the r2 server receives an archive request in 'held' mode. */
  onArchiveRequest: () => {},
  /** In 'held' mode the r2 server answers only once this settles. */
  gate: Promise.resolve(),
};
let good: Buffer;
let evil: Buffer;
let main: Server;
let r2: Server;
let base = '';
let r2Base = '';

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

beforeAll(async () => {
  const work = await mkdtemp(join(tmpdir(), 'iocmap-tar-'));
  good = await tarball(
    {
      'GeoLite2-City_20240309/GeoLite2-City.mmdb': fixture('geolite2-city-v2.mmdb'),
      'GeoLite2-City_20240309/LICENSE.txt': fixture('source/geolite2-city-v2.json'),
    },
    join(work, 'good'),
  );
  evil = await tarball(
    { 'GeoLite2-City_20240309/../../GeoLite2-City.mmdb': fixture('geolite2-city-v2.mmdb') },
    join(work, 'evil', 'a', 'b'),
  );
  // The presigned-URL host: a different origin that must never see the credentials.
  r2 = await listen((req, res) => {
    state.r2Auth.push(req.headers.authorization);
    const body = state.mode === 'traversal' ? evil : good;
    if (state.mode === 'expired') {
      res.writeHead(403).end('Request has expired');
      return;
    }
    if (state.mode === 'stall') {
      // Headers and half the body, then silence with the connection left open.
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1));
      return;
    }
    if (state.mode === 'trickle') {
      // One byte every 20 ms: never idle for long, never done in time.
      res.writeHead(200, { 'content-length': body.length });
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || at >= body.length) clearInterval(timer);
        else res.write(body.subarray(at, ++at));
      }, 20);
      return;
    }
    if (state.mode === 'cut') {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
      return;
    }
    const send = () => {
      state.downloads++;
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
      res.end(body);
    };
    if (state.mode === 'slow') setTimeout(send, state.delayMs);
    else if (state.mode === 'held') {
      state.onArchiveRequest();
      void state.gate.then(send);
    } else send();
  });
  main = await listen((req, res) => {
    state.urls.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const legacy = url.pathname === '/app/geoip_download' && url.searchParams.get('license_key') === KEY;
    const basic =
      req.headers.authorization === `Basic ${Buffer.from(`${ACCOUNT}:${KEY}`).toString('base64')}`;
    if (
      state.mode === '401' ||
      !(legacy || (basic && url.pathname === '/geoip/databases/GeoLite2-City/download'))
    ) {
      res.writeHead(401).end('Invalid license key');
      return;
    }
    if (state.mode === 'hang') return; // accepts the request, never answers
    if (state.mode === '429') {
      res.writeHead(429, { 'retry-after': '120' }).end('Too many requests');
      return;
    }
    const body = state.mode === 'traversal' ? evil : good;
    if (url.searchParams.get('suffix') === 'tar.gz.sha256') {
      const digest =
        state.mode === 'badsum' ? '0'.repeat(64) : createHash('sha256').update(body).digest('hex');
      res.writeHead(200).end(`${digest}  GeoLite2-City_20240309.tar.gz\n`);
      return;
    }
    res
      .writeHead(302, {
        location: `${state.redirectBase || r2Base}/bucket/GeoLite2-City.tar.gz?X-Amz-Signature=abc`,
      })
      .end();
  });
  base = `http://127.0.0.1:${(main.address() as AddressInfo).port}`;
  r2Base = `http://127.0.0.1:${(r2.address() as AddressInfo).port}`;
});

afterAll(() => {
  main?.closeAllConnections();
  r2?.closeAllConnections();
  main?.close();
  r2?.close();
});

let folder: string;
beforeEach(async () => {
  Object.assign(state, {
    mode: 'ok',
    downloads: 0,
    r2Auth: [],
    urls: [],
    redirectBase: '',
    delayMs: 300,
    onArchiveRequest: () => {},
    gate: Promise.resolve(),
  });
  folder = await mkdtemp(join(tmpdir(), 'iocmap-update-'));
  await copyFile(fixture('geolite2-city-v1.mmdb'), join(folder, 'GeoLite2-City.mmdb'));
});

const opts = () => ({
  dbFolder: folder,
  accountId: ACCOUNT,
  licenseKey: KEY,
  baseUrl: base,
  maxAgeDays: MAX_AGE_DAYS,
});

/** The previous database (v1) is still installed: it knows London but not Changchun (only in v2). */
async function expectOldDatabaseIntact(): Promise<void> {
  const geo = await createMmdbProvider({ path: join(folder, 'GeoLite2-City.mmdb') });
  expect(geo.metadata.buildEpoch.getTime()).toBe(1700000000 * 1000);
  expect(geo.lookupSync('81.2.69.142')?.city).toBe('London');
  expect(geo.lookupSync('175.16.199.0')).toBeNull();
  // No temporary files left behind.
  expect((await readdir(folder)).sort()).toEqual(['GeoLite2-City.mmdb']);
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code?: string; message: string; stack?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a failure');
}

function expectNoSecret(error: { message: string; stack?: string; cause?: unknown }): void {
  expect(JSON.stringify({ m: error.message, s: error.stack, c: String(error.cause) })).not.toContain(KEY);
}

describe('updateGeoLite2', () => {
  it('downloads, verifies and installs a stale database, without sending credentials to the redirect target', async () => {
    const progress: number[] = [];
    const result = await updateGeoLite2({ ...opts(), onProgress: (p) => progress.push(p.receivedBytes) });
    expect(result).toMatchObject({
      updated: true,
      reason: 'stale',
      path: join(folder, 'GeoLite2-City.mmdb'),
      warnings: [],
    });
    expect(result.buildEpoch.getTime()).toBe(1710000000 * 1000);
    const geo = await createMmdbProvider({ path: result.path });
    expect(geo.lookupSync('175.16.199.0')?.city).toBe('Changchun');
    expect(state.r2Auth).toEqual([undefined]);
    // The digest came from the sidecar, which the server writes in sha256sum format
    // ("<hex>  GeoLite2-City_20240309.tar.gz\n"): the updater parsed it and accepted the archive.
    expect(state.urls.filter((u) => u.includes('suffix=tar.gz.sha256'))).toHaveLength(1);
    expect(progress.at(-1)).toBe(good.length);
    expect((await readdir(folder)).sort()).toEqual(['GeoLite2-City.mmdb']);
  });

  it('leaves a fresh database alone unless forced', async () => {
    const fresh = await updateGeoLite2({ ...opts(), maxAgeDays: 1e6 });
    expect(fresh).toMatchObject({ updated: false, reason: 'fresh' });
    expect(state.urls).toEqual([]);
    const forced = await updateGeoLite2({ ...opts(), maxAgeDays: 1e6, force: true });
    expect(forced).toMatchObject({ updated: true, reason: 'forced' });
  });

  it('installs into an empty folder', async () => {
    const empty = join(folder, 'new');
    const result = await updateGeoLite2({ ...opts(), dbFolder: empty });
    expect(result).toMatchObject({
      updated: true,
      reason: 'missing',
      path: join(empty, 'GeoLite2-City.mmdb'),
    });
  });

  it('falls back to the legacy key-only URL with a redacted warning', async () => {
    const seen: string[] = [];
    const result = await updateGeoLite2({ ...opts(), accountId: undefined, onWarning: (w) => seen.push(w) });
    expect(result.updated).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(seen).toEqual(result.warnings);
    expect(result.warnings[0]).toContain('license_key=***');
    expect(result.warnings[0]).not.toContain(KEY);
    expect(state.urls[0]).toContain(`license_key=${KEY}`);
  });

  it('rejects a bad checksum with CHECKSUM_MISMATCH', async () => {
    state.mode = 'badsum';
    const error = await failure(updateGeoLite2(opts()));
    expect(error.code).toBe('CHECKSUM_MISMATCH');
    expectNoSecret(error);
    await expectOldDatabaseIntact();
  });

  it('maps 401 to AUTH_FAILED without printing the key (legacy URL carries it)', async () => {
    state.mode = '401';
    const error = await failure(updateGeoLite2({ ...opts(), accountId: undefined }));
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
    expect(error.message).toContain('license_key=***');
    expectNoSecret(error);
    await expectOldDatabaseIntact();
  });

  it('reports an expired presigned URL as DOWNLOAD_FAILED, named without its signed query', async () => {
    state.mode = 'expired';
    const error = await failure(updateGeoLite2(opts()));
    // The 403 comes from the storage host, which never saw the key: not an AUTH_FAILED.
    expect(error).toMatchObject({ code: 'DOWNLOAD_FAILED', status: 403 });
    expect(error.message).toContain('presigned links expire');
    expect(error.message).toContain(`from ${r2Base}/bucket/GeoLite2-City.tar.gz?…)`);
    expect(error.message).not.toContain('X-Amz-Signature');
    await expectOldDatabaseIntact();
  });

  it('maps 429 to RATE_LIMITED with retryAfter', async () => {
    state.mode = '429';
    const error = await failure(updateGeoLite2(opts()));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfter: 120 });
    await expectOldDatabaseIntact();
  });

  it('maps a connection cut mid-body to NETWORK_ERROR', async () => {
    state.mode = 'cut';
    const error = await failure(updateGeoLite2({ ...opts(), accountId: undefined }));
    expect(error.code).toBe('NETWORK_ERROR');
    expectNoSecret(error);
    await expectOldDatabaseIntact();
  });

  it('maps a refused connection to NETWORK_ERROR', async () => {
    const closed = await listen(() => undefined);
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(updateGeoLite2({ ...opts(), baseUrl: `http://127.0.0.1:${port}` }));
    expect(error.code).toBe('NETWORK_ERROR');
    await expectOldDatabaseIntact();
  });

  it('refuses a tarball with a ../ member and writes nothing outside the folder', async () => {
    state.mode = 'traversal';
    const error = await failure(updateGeoLite2(opts()));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain('../');
    expect((await readdir(join(folder, '..'))).includes('GeoLite2-City.mmdb')).toBe(false);
    await expectOldDatabaseIntact();
  });

  it('lets only one of two concurrent updaters download', async () => {
    state.mode = 'slow';
    const [a, b] = await Promise.all([updateGeoLite2(opts()), updateGeoLite2(opts())]);
    expect([a.updated, b.updated].sort()).toEqual([false, true]);
    expect(state.downloads).toBe(1);
    const geo = await createMmdbProvider({ path: a.path });
    expect(geo.lookupSync('175.16.199.0')?.city).toBe('Changchun');
  });

  it('fails with LOCK_FAILED when another update holds the lock and waiting is off', async () => {
    await mkdir(join(folder, 'GeoLite2-City.mmdb.lock'));
    const error = await failure(updateGeoLite2({ ...opts(), lockWaitMs: 0 }));
    expect(error.code).toBe('LOCK_FAILED');
    expect(state.urls).toEqual([]);
    const geo = await createMmdbProvider({ path: join(folder, 'GeoLite2-City.mmdb') });
    expect(geo.lookupSync('81.2.69.142')?.city).toBe('London');
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const lock = join(folder, 'GeoLite2-City.mmdb.lock');
    await mkdir(lock);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lock, hourAgo, hourAgo);
    const result = await updateGeoLite2({ ...opts(), lockStaleMs: 60_000, lockWaitMs: 0 });
    expect(result.updated).toBe(true);
  });

  it('refuses credentials over plain HTTP to a non-loopback baseUrl before any request', async () => {
    // Records every URL and never touches the network: a broken guard shows up as a recorded call.
    const requested: string[] = [];
    const refusing: typeof fetch = (input) => {
      requested.push(String(input));
      return Promise.reject(new TypeError('test fetch: no network'));
    };
    for (const accountId of [ACCOUNT, undefined]) {
      const error = await failure(
        updateGeoLite2({ ...opts(), accountId, baseUrl: 'http://example.invalid', fetch: refusing }),
      );
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toContain('"http://example.invalid"');
      expectNoSecret(error);
    }
    expect(requested).toEqual([]);
    await expectOldDatabaseIntact();
    // The same request to a loopback address goes ahead (the suite's servers are on 127.0.0.1);
    // this fetch forwards only to those two local origins.
    const local: typeof fetch = (input, init) => {
      requested.push(String(input));
      const url = String(input);
      return url.startsWith(`${base}/`) || url.startsWith(`${r2Base}/`)
        ? fetch(input, init)
        : Promise.reject(new TypeError(`test fetch: ${url} is not a local server`));
    };
    const ok = await updateGeoLite2({ ...opts(), fetch: local });
    expect(ok.updated).toBe(true);
    expect(requested[0]?.startsWith(`${base}/`)).toBe(true);
  });

  it('refuses an HTTPS → HTTP redirect before fetching the target', async () => {
    // An injected fetch sends https://maxmind.test and https://r2.test to the real local servers,
    // so the updater sees an HTTPS origin whose 302 points at plain http://127.0.0.1 (the r2 server).
    const routed: typeof fetch = (input, init) =>
      fetch(
        String(input)
          .replace(/^https:\/\/maxmind\.test/, base)
          .replace(/^https:\/\/r2\.test/, r2Base),
        init,
      );
    const error = await failure(
      updateGeoLite2({ ...opts(), baseUrl: 'https://maxmind.test', fetch: routed }),
    );
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain(`to ${r2Base}/bucket/GeoLite2-City.tar.gz?…`);
    expect(error.message).not.toContain('X-Amz-Signature');
    expectNoSecret(error);
    expect(state.r2Auth).toEqual([]);
    await expectOldDatabaseIntact();
    // Control: the same chain redirecting to an HTTPS origin installs the database.
    state.redirectBase = 'https://r2.test';
    const ok = await updateGeoLite2({ ...opts(), baseUrl: 'https://maxmind.test', fetch: routed });
    expect(ok.updated).toBe(true);
    expect(state.r2Auth).toEqual([undefined]);
  });

  it('fails with TIMEOUT when the archive body stalls past idleTimeoutMs', async () => {
    state.mode = 'stall';
    const error = await failure(updateGeoLite2({ ...opts(), idleTimeoutMs: 200 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('GeoLite2-City');
    expect(error.message).toContain('200 ms (idleTimeoutMs)');
    expectNoSecret(error);
    await expectOldDatabaseIntact();
  });

  it('fails with TIMEOUT when the server never answers (idle before headers)', async () => {
    state.mode = 'hang';
    const error = await failure(updateGeoLite2({ ...opts(), accountId: undefined, idleTimeoutMs: 200 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('idleTimeoutMs');
    expectNoSecret(error);
    await expectOldDatabaseIntact();
  });

  it('fails with TIMEOUT when a trickling body outlasts timeoutMs though it is never idle', async () => {
    state.mode = 'trickle';
    const error = await failure(updateGeoLite2({ ...opts(), idleTimeoutMs: 5_000, timeoutMs: 400 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('400 ms (timeoutMs)');
    await expectOldDatabaseIntact();
  });

  it("reports the caller's abort as ABORTED, not TIMEOUT", async () => {
    state.mode = 'stall';
    const controller = new AbortController();
    const error = await failure(
      updateGeoLite2({
        ...opts(),
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    expect(error.code).toBe('ABORTED');
    await expectOldDatabaseIntact();
  });

  it("takes over a crashed updater's lock after the default lockStaleMs (2 min), not before", async () => {
    const lock = join(folder, 'GeoLite2-City.mmdb.lock');
    await mkdir(lock);
    const halfMinuteAgo = new Date(Date.now() - 30_000);
    await utimes(lock, halfMinuteAgo, halfMinuteAgo);
    expect((await failure(updateGeoLite2({ ...opts(), lockWaitMs: 0 }))).code).toBe('LOCK_FAILED');
    const threeMinutesAgo = new Date(Date.now() - 180_000);
    await utimes(lock, threeMinutesAgo, threeMinutesAgo);
    expect((await updateGeoLite2({ ...opts(), lockWaitMs: 0 })).updated).toBe(true);
  });

  it('keeps its own lock fresh while its download is in flight', async () => {
    // lockStaleMs 2000 (the minimum): the holder touches the lock every 1000 ms. The r2 server
    // holds the archive until the test releases it, so the order of events is fixed by the test.
    const lock = join(folder, 'GeoLite2-City.mmdb.lock');
    let release = () => {};
    const arrived = new Promise<void>((resolve) => {
      state.onArchiveRequest = resolve;
    });
    Object.assign(state, { mode: 'held', gate: new Promise<void>((resolve) => (release = resolve)) });
    const first = updateGeoLite2({ ...opts(), lockStaleMs: 2000 });
    await arrived; // the first updater holds the lock and waits for the archive
    const createdAt = (await stat(lock)).mtimeMs;
    // Wait (bounded by the test timeout) for the holder's periodic touch to move the mtime on.
    let touchedAt = createdAt;
    while (touchedAt <= createdAt) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      touchedAt = (await stat(lock)).mtimeMs;
    }
    expect(touchedAt).toBeGreaterThan(createdAt);
    const second = await failure(updateGeoLite2({ ...opts(), lockStaleMs: 2000, lockWaitMs: 0 }));
    expect(second.code).toBe('LOCK_FAILED');
    expect(state.downloads).toBe(0); // the archive is still held: the second updater fetched nothing
    release();
    const result = await first;
    expect(result.updated).toBe(true);
    expect(state.downloads).toBe(1);
    const geo = await createMmdbProvider({ path: result.path });
    expect(geo.lookupSync('175.16.199.0')?.city).toBe('Changchun');
  });

  it('validates options', async () => {
    for (const bad of [
      { timeoutMs: 0 },
      { idleTimeoutMs: -1 },
      { timeoutMs: Number.NaN },
      { lockStaleMs: 3e9 },
    ]) {
      expect((await failure(updateGeoLite2({ ...opts(), ...bad }))).code, JSON.stringify(bad)).toBe(
        'INVALID_OPTION',
      );
    }
    expect((await failure(updateGeoLite2({ ...opts(), baseUrl: 'ftp://127.0.0.1' }))).code).toBe(
      'INVALID_OPTION',
    );
    expect((await failure(updateGeoLite2({ ...opts(), baseUrl: 'download.maxmind.com' }))).code).toBe(
      'INVALID_OPTION',
    );
    expect((await failure(updateGeoLite2({ ...opts(), licenseKey: '' }))).code).toBe('INVALID_OPTION');
    expect((await failure(updateGeoLite2({ ...opts(), edition: '../x' }))).code).toBe('INVALID_OPTION');
  });

  it('rejects a misspelt option instead of downloading without it', async () => {
    const typo = await failure(updateGeoLite2({ ...opts(), acountId: 1 } as never));
    expect(typo).toMatchObject({ code: 'INVALID_OPTION' });
    expect(typo.message).toMatch(
      /^updateGeoLite2 has no option "acountId"; the options are edition, dbFolder,/,
    );
    expect(state.downloads).toBe(0);
  });

  it('quotes a string where a number belongs, so "30" and 30 differ', async () => {
    const maxAge = await failure(updateGeoLite2({ ...opts(), maxAgeDays: '30' as unknown as number }));
    expect(maxAge).toMatchObject({
      code: 'INVALID_OPTION',
      message: 'maxAgeDays is "30"; use a number of days ≥ 0.',
    });
    const timeout = await failure(updateGeoLite2({ ...opts(), timeoutMs: 'abc' as unknown as number }));
    expect(timeout).toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('timeoutMs is "abc";'),
    });
  });
});
