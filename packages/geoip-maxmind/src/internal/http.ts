/**
 * HTTP GET with manual redirects: the Authorization header goes only to the
 * origin it was meant for (MaxMind's endpoint redirects to a presigned R2 URL
 * that must not receive the account credentials).
 */
import { geoError } from './errors.js';

/** Options of {@link get}. */
export interface GetOptions {
  fetch: typeof fetch;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Turns any text into its redacted form (secrets removed). */
  redact: (text: string) => string;
  /** Called before each request and when its headers arrive (restarts an idle timer). */
  onActivity?: () => void;
}

const MAX_REDIRECTS = 5;

/**
 * Whether following a redirect from `from` to `to` would lose transport
 * security: an `https:` URL redirected to anything but `https:` (plain
 * `http:` lets an on-path attacker swap both the archive and its `.sha256`).
 */
export function isDowngrade(from: string, to: string): boolean {
  return new URL(from).protocol === 'https:' && new URL(to).protocol !== 'https:';
}

/**
 * Whether `hostname` (as `URL#hostname` gives it) is a loopback host: `localhost`
 * (RFC 6761 §6.3, also `*.localhost`), 127.0.0.0/8 (RFC 1122 §3.2.1.3) or `::1`
 * (RFC 4291 §2.5.3), where plain HTTP never leaves the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  const quad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return quad?.[1] === '127' && quad.slice(1).every((o) => Number(o) <= 255);
}

/** A URL as shown in messages: origin and path only (a presigned query carries a signature). */
export function shownLocation(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
}

function retryAfterSeconds(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** A network failure as a `NETWORK_ERROR`, with the cause's text redacted (it may quote the URL). */
export function networkError(error: unknown, url: string, redact: (t: string) => string): Error {
  const inner = (error as { cause?: unknown }).cause ?? error;
  const detail = redact(inner instanceof Error ? inner.message : String(inner));
  if ((error as { name?: string }).name === 'AbortError') {
    return geoError('ABORTED', `The download from ${redact(url)} was aborted.`, { cause: new Error(detail) });
  }
  return geoError(
    'NETWORK_ERROR',
    `The download from ${redact(url)} failed before it completed (${detail}). Check the network connection and retry.`,
    { cause: new Error(detail) },
  );
}

/** GETs `url`, following redirects, and returns the final 2xx response or throws a coded error. */
export async function get(url: string, options: GetOptions): Promise<Response> {
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const sameOrigin = new URL(current).origin === origin;
    let response: Response;
    options.onActivity?.();
    try {
      response = await options.fetch(current, {
        headers: sameOrigin ? options.headers : {},
        redirect: 'manual',
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      throw networkError(error, sameOrigin ? current : shownLocation(current), options.redact);
    }
    options.onActivity?.();
    // Past a redirect, `current` is a presigned URL whose query is a signature.
    const shown = options.redact(sameOrigin ? current : shownLocation(current));
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      await response.body?.cancel();
      let next: string;
      try {
        next = new URL(response.headers.get('location') as string, current).toString();
      } catch (error) {
        throw geoError(
          'DOWNLOAD_FAILED',
          `The download from ${shown} redirected to an invalid location; retry later.`,
          { cause: error },
        );
      }
      if (isDowngrade(current, next)) {
        throw geoError(
          'DOWNLOAD_FAILED',
          `The download from ${shown} redirected from HTTPS to ${options.redact(shownLocation(next))}; refused, because over plain HTTP the archive and its checksum could both be replaced. Retry later; if it persists, check for a proxy rewriting the connection.`,
        );
      }
      current = next;
      continue;
    }
    if (response.ok) return response;
    await response.body?.cancel().catch(() => undefined);
    const status = response.status;
    if ((status === 401 || status === 403) && !sameOrigin) {
      // The credentials were never sent here: the storage host MaxMind redirected to
      // refused its presigned link (they expire within minutes), not the licence key.
      throw geoError(
        'DOWNLOAD_FAILED',
        `The download link MaxMind redirected to was refused (HTTP ${status} from ${shown}); presigned links expire within minutes. Retry; the licence key was accepted.`,
        { status },
      );
    }
    if (status === 401 || status === 403) {
      throw geoError(
        'AUTH_FAILED',
        `MaxMind refused the download (HTTP ${status} from ${shown}). Check the account ID and licence key, and that the key is active (https://www.maxmind.com/en/accounts/current/license-key).`,
        { status },
      );
    }
    if (status === 429) {
      const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
      throw geoError(
        'RATE_LIMITED',
        `MaxMind rate-limited the download (HTTP 429 from ${shown}); GeoLite2 allows a limited number of downloads per day. Retry${retryAfter === undefined ? ' later' : ` in ${retryAfter} s`}.`,
        { status, ...(retryAfter === undefined ? {} : { retryAfter }) },
      );
    }
    throw geoError(
      'HTTP_ERROR',
      `The download from ${shown} failed with HTTP ${status}; retry later or check the edition name.`,
      { status },
    );
  }
  throw geoError(
    'HTTP_ERROR',
    `The download from ${options.redact(url)} redirected more than ${MAX_REDIRECTS} times.`,
  );
}
