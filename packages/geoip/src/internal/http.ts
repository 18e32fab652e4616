import { GeoIpError } from '../geo-ip-error.js';
import type { FetchLike } from '../types.js';
import { delay, reasonOf } from './abort.js';
import { showValue } from './check-record.js';

export type { FetchLike };

/** Replace every occurrence of `secret` (raw and URL-encoded) in `text`. */
export function redact(text: string, secret: string): string {
  if (secret === '') return text;
  let out = text.split(secret).join('[redacted]');
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) out = out.split(encoded).join('[redacted]');
  return out;
}

/** A cause that is safe to attach: errors whose message holds the secret are replaced by a redacted copy. */
export function scrubCause(error: unknown, secret: string): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? redact(error, secret) : error;
  const text = `${error.message}\n${error.stack ?? ''}`;
  if (secret === '' || !(text.includes(secret) || text.includes(encodeURIComponent(secret)))) return error;
  const copy = new Error(redact(error.message, secret));
  copy.name = error.name;
  return copy;
}

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export interface JsonRequest {
  readonly provider: string;
  readonly fetch: FetchLike;
  /** The URL actually requested (may hold the secret in its query). */
  readonly url: string;
  /** The URL as it may appear in messages. */
  readonly safeUrl: string;
  readonly secret: string;
  readonly init: RequestInit;
  readonly signal: AbortSignal;
  /** Retries after HTTP 429 (bounded; default 0). */
  readonly retries: number;
  /** Longest wait before a retry, in ms. */
  readonly maxRetryDelayMs: number;
}

export interface JsonResponse {
  readonly status: number;
  /** The parsed body, or undefined when the body is not JSON. */
  readonly json: unknown;
}

/**
 * Send one request and parse its JSON body. Network failures become
 * `NETWORK_ERROR`, HTTP 429 becomes `RATE_LIMITED` (after up to `retries`
 * waits of `Retry-After` seconds), an aborted signal `ABORTED`/`TIMEOUT`. Other
 * statuses are returned for the provider to map. A 2xx body that is not JSON is
 * `INVALID_RESPONSE`.
 */
export async function requestJson(request: JsonRequest): Promise<JsonResponse> {
  const { provider, secret, safeUrl, signal } = request;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await request.fetch(request.url, { ...request.init, signal });
    } catch (error) {
      if (signal.aborted) throw reasonOf(signal);
      const detail = redact(error instanceof Error ? describe(error) : String(error), secret);
      throw new GeoIpError(
        'NETWORK_ERROR',
        `Could not reach ${safeUrl} (${provider}): ${detail}. Check the network connection and the provider's baseUrl.`,
        { provider, cause: scrubCause(error, secret) },
      );
    }
    if (response.status === 429) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      await response.body?.cancel().catch(() => {});
      if (attempt < request.retries) {
        await delay(Math.min((retryAfter ?? 1) * 1000, request.maxRetryDelayMs), signal);
        continue;
      }
      throw new GeoIpError(
        'RATE_LIMITED',
        `${provider} rate limit reached at ${safeUrl}${retryAfter === undefined ? '' : `; retry after ${retryAfter} s`}. Slow down, raise the plan's limit, or set retries.`,
        { provider, status: 429, ...(retryAfter === undefined ? {} : { retryAfter }) },
      );
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw reasonOf(signal);
      throw new GeoIpError(
        'NETWORK_ERROR',
        `The answer from ${safeUrl} (${provider}) was cut off; try again.`,
        {
          provider,
          status: response.status,
          cause: scrubCause(error, secret),
        },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      if (response.ok) {
        throw new GeoIpError(
          'INVALID_RESPONSE',
          `${provider} answered ${safeUrl} with HTTP ${response.status} but a body that is not JSON (${JSON.stringify(redact(text.slice(0, 80), secret))}); check baseUrl.`,
          { provider, status: response.status, cause: scrubCause(error, secret) },
        );
      }
    }
    return { status: response.status, json };
  }
}

/** `HTTP_ERROR`, or `AUTH_FAILED` for 401/403, naming the service's own message when it has one. */
export function httpFailure(
  provider: string,
  status: number,
  safeUrl: string,
  detail: string | undefined,
  secret: string,
): GeoIpError {
  const said = detail === undefined ? '' : `: ${redact(detail, secret)}`;
  if (status === 401 || status === 403) {
    return new GeoIpError(
      'AUTH_FAILED',
      `${provider} rejected the credentials (HTTP ${status}${said}). Check the access key or token (value not shown).`,
      { provider, status },
    );
  }
  return new GeoIpError('HTTP_ERROR', `${provider} answered ${safeUrl} with HTTP ${status}${said}.`, {
    provider,
    status,
  });
}

function describe(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== '') return `${error.message} (${cause.message})`;
  return error.message;
}

/** Validate a base URL option: http(s), no query or credentials; returned without a trailing slash. */
export function checkBaseUrl(provider: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GeoIpError(
      'INVALID_OPTION',
      `${provider}: baseUrl ${JSON.stringify(value)} is not a URL; use e.g. https://example.com.`,
      {
        provider,
      },
    );
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.username !== '') {
    throw new GeoIpError(
      'INVALID_OPTION',
      `${provider}: baseUrl ${JSON.stringify(value)} must be an http(s) URL without query string or credentials.`,
      { provider },
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** Validate a secret option without ever echoing it. */
export function checkSecret(provider: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GeoIpError(
      'INVALID_OPTION',
      `${provider}: option ${option} is required (a non-empty string).`,
      { provider },
    );
  }
  return value.trim();
}

/** Validate the retry options. */
export function checkRetries(provider: string, retries: unknown, maxRetryDelayMs: unknown): void {
  if (
    retries !== undefined &&
    !(Number.isInteger(retries) && (retries as number) >= 0 && (retries as number) <= 10)
  ) {
    throw new GeoIpError(
      'INVALID_OPTION',
      `${provider}: retries must be an integer 0-10, got ${showValue(retries)}.`,
      { provider },
    );
  }
  if (maxRetryDelayMs !== undefined && !(typeof maxRetryDelayMs === 'number' && maxRetryDelayMs >= 0)) {
    throw new GeoIpError(
      'INVALID_OPTION',
      `${provider}: maxRetryDelayMs must be a number >= 0, got ${showValue(maxRetryDelayMs)}.`,
      {
        provider,
      },
    );
  }
}

/** True for a JSON object (not null, not an array). */
export function isJsonObject(json: unknown): json is Record<string, unknown> {
  return json !== null && typeof json === 'object' && !Array.isArray(json);
}

/** `INVALID_RESPONSE`: a service answered an address with something other than a JSON object. */
export function notAnObject(provider: string, ip: string, json: unknown): GeoIpError {
  return new GeoIpError(
    'INVALID_RESPONSE',
    `${provider} answered ${ip} with ${JSON.stringify(json)?.slice(0, 80)}, not an object.`,
    { provider, ip },
  );
}

/** Validate an optional batch-size option (an integer 1..max). */
export function checkBatchSize(provider: string, option: string, value: unknown, max: number): void {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max)
  ) {
    throw new GeoIpError(
      'INVALID_OPTION',
      `${provider}: ${option} must be an integer 1-${max}, got ${showValue(value)}.`,
      {
        provider,
      },
    );
  }
}

/** The `fetch` to use: the injected one, else the runtime's global `fetch`. */
export function resolveFetch(provider: string, injected: FetchLike | undefined): FetchLike {
  const fetchFn = injected ?? (globalThis.fetch as FetchLike | undefined);
  if (typeof fetchFn !== 'function') {
    throw new GeoIpError('INVALID_OPTION', `${provider}: no fetch available; pass options.fetch.`, {
      provider,
    });
  }
  return fetchFn;
}
