import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isGeoIpError } from '@iocmap/geoip';
import lockfile from 'proper-lockfile';
import { type ReadEntry, list as tarList } from 'tar';
import { createDeadline } from './internal/deadline.js';
import { geoError, rejectUnknownKeys, showValue } from './internal/errors.js';
import { get, isLoopbackHost, networkError } from './internal/http.js';
import { createMmdbProvider, readMmdbMetadata } from './mmdb-provider.js';

/** Options of {@link updateGeoLite2}. */
export interface UpdateGeoLite2Options {
  /** MaxMind edition ID. Default `"GeoLite2-City"`; also `"GeoLite2-Country"`, `"GeoLite2-ASN"`. */
  edition?: string;
  /** Folder holding `{edition}.mmdb`; created when missing. */
  dbFolder: string;
  /** MaxMind account ID. Without it the legacy key-only URL is used, with a warning. */
  accountId?: string | number;
  /** MaxMind licence key. Never written to messages, logs or warnings. */
  licenseKey: string;
  /** Download even when the current database is fresh. */
  force?: boolean;
  /** Refresh when the database's build epoch is older than this many days. Default 30 (msticpy's rule). */
  maxAgeDays?: number;
  /**
   * Download server. Default `"https://download.maxmind.com"`. Must be `https:`;
   * plain `http:` only to a loopback host (`localhost`, 127.0.0.0/8, `::1`),
   * because the request carries the licence key.
   */
  baseUrl?: string;
  /** `fetch` implementation. Default the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Limit for the whole download (checksum and archive, redirects included), in ms;
   * past it the update fails with `TIMEOUT` and the current database stays. Default 600000 (10 min).
   */
  timeoutMs?: number;
  /**
   * Limit for a stall, in ms: the update fails with `TIMEOUT` when no response headers or
   * body bytes arrive for this long. Default 60000 (60 s).
   */
  idleTimeoutMs?: number;
  /**
   * A lock whose file has not been touched for this long is stale and taken over (ms).
   * The updater holding the lock touches it every quarter of this, so a long download
   * keeps it; a crashed (e.g. `kill -9`'d) updater's lock goes stale after this.
   * Default 120000 (2 min), minimum 2000.
   */
  lockStaleMs?: number;
  /** How long to wait for another process's update to finish (ms). Default 60000; 0 fails at once. */
  lockWaitMs?: number;
  /** Called as the archive downloads; `totalBytes` when the server sends a length. */
  onProgress?: (progress: { receivedBytes: number; totalBytes?: number }) => void;
  /** Called with each warning as it happens (also returned in `warnings`). */
  onWarning?: (message: string) => void;
  /** Aborts the download; the current database stays as it was. */
  signal?: AbortSignal;
}

/** What {@link updateGeoLite2} did. */
export interface UpdateGeoLite2Result {
  /** True when a new database was installed. */
  updated: boolean;
  /** Why: `"missing"`, `"stale"`, `"forced"`, `"unreadable"` when updated; `"fresh"` when not. */
  reason: 'missing' | 'stale' | 'forced' | 'unreadable' | 'fresh';
  /** Path of the database file. */
  path: string;
  /** Build epoch of the database now at `path`. */
  buildEpoch: Date;
  /** Warnings (e.g. the legacy download URL was used). */
  warnings: string[];
}

const DAY_MS = 86_400_000;
/** Codes a passed time limit shows up as before it is reported as `TIMEOUT`. */
const NETWORK_CODES = new Set(['ABORTED', 'NETWORK_ERROR']);

function checkOptions(o: UpdateGeoLite2Options, redact: (t: string) => string): void {
  if (!o || typeof o.dbFolder !== 'string' || o.dbFolder === '') {
    throw geoError(
      'INVALID_OPTION',
      'updateGeoLite2 needs { dbFolder }, the folder that holds the database.',
    );
  }
  if (typeof o.licenseKey !== 'string' || o.licenseKey.trim() === '') {
    throw geoError(
      'INVALID_OPTION',
      'updateGeoLite2 needs { licenseKey }: create one at https://www.maxmind.com/en/accounts/current/license-key (free GeoLite2 account).',
    );
  }
  rejectUnknownKeys(
    o,
    [
      'edition',
      'dbFolder',
      'accountId',
      'licenseKey',
      'force',
      'maxAgeDays',
      'baseUrl',
      'fetch',
      'timeoutMs',
      'idleTimeoutMs',
      'lockStaleMs',
      'lockWaitMs',
      'onProgress',
      'onWarning',
      'signal',
    ],
    'updateGeoLite2',
  );
  const edition = o.edition ?? 'GeoLite2-City';
  if (!/^[A-Za-z0-9-]+$/.test(edition)) {
    throw geoError(
      'INVALID_OPTION',
      `edition "${redact(edition)}" is not a MaxMind edition ID such as "GeoLite2-City".`,
    );
  }
  if (o.maxAgeDays !== undefined && !(typeof o.maxAgeDays === 'number' && o.maxAgeDays >= 0)) {
    throw geoError('INVALID_OPTION', `maxAgeDays is ${showValue(o.maxAgeDays)}; use a number of days ≥ 0.`);
  }
  for (const name of ['timeoutMs', 'idleTimeoutMs', 'lockStaleMs', 'lockWaitMs'] as const) {
    const value = o[name];
    const min = name === 'lockWaitMs' ? 0 : 1;
    if (value !== undefined && !(typeof value === 'number' && value >= min && value <= MAX_TIMER_MS)) {
      throw geoError(
        'INVALID_OPTION',
        `${name} is ${showValue(value)}; use a number of milliseconds from ${min} to ${MAX_TIMER_MS}.`,
      );
    }
  }
  if (o.baseUrl !== undefined) checkBaseUrl(o.baseUrl, redact);
}

/** The longest delay `setTimeout` honours (2^31 − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The download carries the licence key (Basic auth, or the legacy URL's query),
 * so it goes over HTTPS only; plain HTTP is allowed to a loopback host, where
 * it never leaves the machine (a local mirror or test server).
 */
function checkBaseUrl(baseUrl: string, redact: (t: string) => string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw geoError(
      'INVALID_OPTION',
      `baseUrl "${redact(String(baseUrl))}" is not an absolute URL; use e.g. "https://download.maxmind.com".`,
    );
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw geoError(
    'INVALID_OPTION',
    url.protocol === 'http:'
      ? `baseUrl "${redact(baseUrl)}" is plain HTTP: the licence key would be sent in cleartext. Use an https:// URL (plain http:// is allowed only for localhost, 127.0.0.0/8 and ::1).`
      : `baseUrl "${redact(baseUrl)}" uses ${url.protocol}; use an https:// URL such as "https://download.maxmind.com".`,
  );
}

type Freshness = { reason: 'missing' | 'stale' | 'unreadable' } | { reason: 'fresh'; buildEpoch: Date };

async function freshness(path: string, maxAgeDays: number): Promise<Freshness> {
  try {
    await stat(path);
  } catch {
    return { reason: 'missing' };
  }
  try {
    const { buildEpoch } = await readMmdbMetadata(path);
    return Date.now() - buildEpoch.getTime() > maxAgeDays * DAY_MS
      ? { reason: 'stale' }
      : { reason: 'fresh', buildEpoch };
  } catch {
    return { reason: 'unreadable' };
  }
}

async function acquireLock(
  lockPath: string,
  staleMs: number,
  waitMs: number,
  onCompromised: (e: Error) => void,
) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await lockfile.lock(lockPath, {
        realpath: false,
        lockfilePath: `${lockPath}.lock`,
        stale: Math.max(2000, staleMs),
        // proper-lockfile touches the lock's mtime this often while it is held; a quarter of
        // `stale` leaves room for a busy event loop (tree verification) before it looks stale.
        update: Math.max(1000, Math.floor(Math.max(2000, staleMs) / 4)),
        retries: 0,
        onCompromised,
      });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ELOCKED') {
        throw geoError(
          'LOCK_FAILED',
          `Cannot create the lock ${lockPath}.lock (${(error as Error).message}); check the folder's permissions.`,
          {
            path: `${lockPath}.lock`,
            cause: error,
          },
        );
      }
      if (Date.now() >= deadline) {
        throw geoError(
          'LOCK_FAILED',
          `Another process is updating ${lockPath} (lock ${lockPath}.lock). Retry when it has finished; a lock left by a crashed process expires after ${Math.round(Math.max(2000, staleMs) / 1000)} s.`,
          { path: `${lockPath}.lock`, cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(10, deadline - Date.now()))));
    }
  }
}

/** Downloads `url` to `file`, returning the SHA-256 of the bytes. */
async function download(url: string, file: string, ctx: DownloadContext): Promise<string> {
  const response = await get(url, ctx);
  const total = Number(response.headers.get('content-length'));
  const hash = createHash('sha256');
  let received = 0;
  const body = response.body;
  if (!body) throw geoError('NETWORK_ERROR', `The download from ${ctx.redact(url)} had no body; retry.`);
  const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  source.on('data', (chunk: Buffer) => {
    ctx.onActivity?.();
    received += chunk.length;
    hash.update(chunk);
    ctx.onProgress?.({
      receivedBytes: received,
      ...(Number.isFinite(total) && total > 0 ? { totalBytes: total } : {}),
    });
  });
  try {
    await pipeline(source, createWriteStream(file));
  } catch (error) {
    throw networkError(error, url, ctx.redact);
  }
  if (Number.isFinite(total) && total > 0 && received !== total) {
    throw geoError(
      'NETWORK_ERROR',
      `The download from ${ctx.redact(url)} ended after ${received} of ${total} bytes; retry.`,
    );
  }
  return hash.digest('hex');
}

interface DownloadContext {
  fetch: typeof fetch;
  headers: Record<string, string>;
  signal?: AbortSignal;
  redact: (text: string) => string;
  onProgress?: UpdateGeoLite2Options['onProgress'];
  onActivity?: () => void;
}

/** Whether a tar member path could escape the extraction folder. */
function unsafeMember(path: string): boolean {
  return isAbsolute(path) || /^[a-zA-Z]:/.test(path) || path.split(/[\\/]/).includes('..');
}

/** Extracts `*\/{edition}.mmdb` from the tarball into `target`; refuses unsafe archives. */
async function extractMmdb(
  archive: string,
  edition: string,
  target: string,
  shownUrl: string,
): Promise<void> {
  const wanted = new RegExp(`^[^/\\\\]+/${edition}\\.mmdb$`);
  let found = false;
  let unsafe: string | undefined;
  const writes: Promise<void>[] = [];
  try {
    await tarList({
      file: archive,
      noResume: true,
      onReadEntry: (entry: ReadEntry) => {
        if (unsafeMember(entry.path)) unsafe ??= entry.path;
        if (!unsafe && !found && entry.type === 'File' && wanted.test(entry.path)) {
          found = true;
          writes.push(pipeline(entry, createWriteStream(target)));
        } else entry.resume();
      },
    });
    await Promise.all(writes);
  } catch (error) {
    throw geoError(
      'DATABASE_CORRUPT',
      `The archive from ${shownUrl} is not a readable .tar.gz (${(error as Error).message}); retry the download.`,
      {
        cause: error,
      },
    );
  }
  if (unsafe !== undefined) {
    throw geoError(
      'DOWNLOAD_FAILED',
      `Unsafe archive from ${shownUrl}: member "${unsafe}" would be written outside the database folder; nothing was installed.`,
    );
  }
  if (!found)
    throw geoError(
      'DOWNLOAD_FAILED',
      `The archive from ${shownUrl} has no ${edition}.mmdb; check the edition name.`,
    );
}

/**
 * Downloads a MaxMind GeoLite2 (or GeoIP2) database into `dbFolder` when the
 * current one is missing, unreadable or older than `maxAgeDays` (by its build
 * epoch), or on `force`. What msticpy's `GeoLiteLookup` does, done safely:
 * HTTP Basic auth (account ID : licence key) against MaxMind's current
 * endpoint, credentials sent over HTTPS only (plain HTTP only to a loopback
 * host), no credentials forwarded across redirects, no redirect from HTTPS
 * to plain HTTP, the `.sha256` sidecar
 * verified, only `*\/{edition}.mmdb` taken from the tarball, the file checked
 * as an mmdb of the right type, then renamed into place, so a failed update
 * leaves the previous database untouched. A lock file (proper-lockfile) keeps
 * two processes from downloading at once.
 *
 * Source: MaxMind, "Directly downloading databases"
 * (https://dev.maxmind.com/geoip/updating-databases/#directly-downloading-databases).
 * Use of GeoLite2 data is governed by the GeoLite2 EULA and needs attribution.
 * @throws GeoIpError `INVALID_OPTION` (also a plain-HTTP `baseUrl` that is not loopback); `AUTH_FAILED` (401/403 from MaxMind); `RATE_LIMITED` (429);
 *   `HTTP_ERROR`; `NETWORK_ERROR`; `ABORTED`; `TIMEOUT` (`timeoutMs` or
 *   `idleTimeoutMs` passed); `CHECKSUM_MISMATCH`; `DOWNLOAD_FAILED`
 *   (unsafe archive, no mmdb member, redirect from HTTPS to plain HTTP, a 401/403 from the
 *   presigned link MaxMind redirects to); `DATABASE_CORRUPT`; `DATABASE_TYPE_MISMATCH`; `LOCK_FAILED`.
 * @example
 * const r = await updateGeoLite2({ dbFolder: '~/.iocmap', accountId: 123456, licenseKey: process.env.MAXMIND_LICENSE_KEY! });
 * if (r.updated) console.log(`installed ${r.path}, built ${r.buildEpoch.toISOString()}`);
 */
export async function updateGeoLite2(options: UpdateGeoLite2Options): Promise<UpdateGeoLite2Result> {
  const key = options?.licenseKey;
  const secrets = typeof key === 'string' && key !== '' ? [key, encodeURIComponent(key)] : [];
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  checkOptions(options, redact);
  const edition = options.edition ?? 'GeoLite2-City';
  const maxAgeDays = options.maxAgeDays ?? 30;
  const path = join(options.dbFolder, `${edition}.mmdb`);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };

  const before = await freshness(path, maxAgeDays);
  if (!options.force && before.reason === 'fresh')
    return { updated: false, reason: 'fresh', path, buildEpoch: before.buildEpoch, warnings };

  await mkdir(options.dbFolder, { recursive: true });
  let compromised: Error | undefined;
  const release = await acquireLock(
    path,
    options.lockStaleMs ?? 120_000,
    options.lockWaitMs ?? 60_000,
    (e) => {
      compromised = e;
    },
  );
  let deadline: ReturnType<typeof createDeadline> | undefined;
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const archive = join(options.dbFolder, `.${edition}.${tag}.tar.gz`);
  const staged = join(options.dbFolder, `.${edition}.${tag}.mmdb`);
  try {
    // Another process may have finished an update while this one waited for the lock.
    const now = options.force ? before : await freshness(path, maxAgeDays);
    if (!options.force && now.reason === 'fresh')
      return { updated: false, reason: 'fresh', path, buildEpoch: now.buildEpoch, warnings };

    const base = (options.baseUrl ?? 'https://download.maxmind.com').replace(/\/+$/, '');
    const headers: Record<string, string> = {};
    let url: string;
    if (options.accountId !== undefined && String(options.accountId) !== '') {
      url = `${base}/geoip/databases/${edition}/download?suffix=tar.gz`;
      headers['authorization'] =
        `Basic ${Buffer.from(`${options.accountId}:${options.licenseKey}`).toString('base64')}`;
    } else {
      url = `${base}/app/geoip_download?edition_id=${edition}&license_key=${encodeURIComponent(options.licenseKey)}&suffix=tar.gz`;
      warn(
        `No MaxMind account ID configured: using the legacy key-only download URL (${redact(url)}), which MaxMind may retire. Set accountId to use HTTP Basic auth.`,
      );
    }
    const timeoutMs = options.timeoutMs ?? 600_000;
    const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    const server = redact(base);
    deadline = createDeadline({
      timeoutMs,
      idleTimeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      onTimeout: (kind) =>
        geoError(
          'TIMEOUT',
          kind === 'idle'
            ? `Downloading ${edition} from ${server} stalled: nothing arrived for ${idleTimeoutMs} ms (idleTimeoutMs); ${path} was left as it was. Check the network or proxy and retry, or raise idleTimeoutMs on a slow link.`
            : `Downloading ${edition} from ${server} took longer than ${timeoutMs} ms (timeoutMs); ${path} was left as it was. Retry, or raise timeoutMs on a slow link.`,
          { path },
        ),
    });
    const ctx: DownloadContext = {
      fetch: options.fetch ?? globalThis.fetch,
      headers,
      redact,
      signal: deadline.signal,
      onActivity: deadline.touch,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    };
    const sumUrl = url.replace('suffix=tar.gz', 'suffix=tar.gz.sha256');
    const sumResponse = await get(sumUrl, ctx);
    let sumText: string;
    try {
      sumText = await sumResponse.text();
    } catch (error) {
      throw networkError(error, sumUrl, redact);
    }
    const expected = /^\s*([0-9a-fA-F]{64})\b/.exec(sumText)?.[1]?.toLowerCase();
    if (!expected)
      throw geoError(
        'CHECKSUM_MISMATCH',
        `The checksum file from ${redact(sumUrl)} has no SHA-256 digest; retry later.`,
      );

    const actual = await download(url, archive, ctx);
    deadline.stop();
    if (actual !== expected) {
      throw geoError(
        'CHECKSUM_MISMATCH',
        `The archive from ${redact(url)} has SHA-256 ${actual}, but MaxMind published ${expected}; the download was corrupted. Retry.`,
      );
    }
    await extractMmdb(archive, edition, staged, redact(url));
    const fresh = await createMmdbProvider({ path: staged, verify: 'tree' });
    fresh.dispose();
    if (fresh.metadata.databaseType !== edition) {
      throw geoError(
        'DATABASE_TYPE_MISMATCH',
        `The downloaded ${edition}.mmdb says it is a "${fresh.metadata.databaseType}" database; nothing was installed.`,
        { path },
      );
    }
    if (compromised) {
      throw geoError(
        'LOCK_FAILED',
        `The lock ${path}.lock was taken over during the update (${compromised.message}); nothing was installed. Retry.`,
        {
          path: `${path}.lock`,
        },
      );
    }
    await rename(staged, path);
    return {
      updated: true,
      reason: options.force ? 'forced' : (now.reason as 'missing' | 'stale' | 'unreadable'),
      path,
      buildEpoch: fresh.metadata.buildEpoch,
      warnings,
    };
  } catch (error) {
    // A passed limit surfaces as an abort or network error from fetch or the body stream.
    if (deadline?.error && !(isGeoIpError(error) && !NETWORK_CODES.has(error.code))) throw deadline.error;
    if (isGeoIpError(error)) throw error;
    throw geoError(
      'DOWNLOAD_FAILED',
      `Updating ${path} failed: ${redact((error as Error)?.message ?? String(error))}`,
      {
        path,
        cause: new Error(redact(String((error as Error)?.message ?? error))),
      },
    );
  } finally {
    deadline?.stop();
    await rm(archive, { force: true });
    await rm(staged, { force: true });
    await release().catch(() => undefined);
  }
}
