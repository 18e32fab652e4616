import { countryNameOf } from '../country-name.js';
import { GeoIpError } from '../geo-ip-error.js';
import { throwIfAborted } from '../internal/abort.js';
import { disposedError } from '../internal/combine.js';
import {
  checkBaseUrl,
  checkBatchSize,
  checkRetries,
  checkSecret,
  type FetchLike,
  httpFailure,
  isJsonObject,
  notAnObject,
  requestJson,
  resolveFetch,
} from '../internal/http.js';
import type { GeoBatchEntry, GeoLookupContext, GeoProvider, GeoRecord } from '../types.js';

/** Options of {@link createIpInfoProvider}. */
export interface IpInfoProviderOptions {
  /** ipinfo.io access token. Sent only as `Authorization: Bearer`; never put in URLs or messages. */
  token: string;
  /** `fetch` to use; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** API base URL; default `https://ipinfo.io`. */
  baseUrl?: string;
  /** Addresses per `POST /batch` request, 1-1000 (the service's limit); default 1000. */
  batchSize?: number;
  /** Retries after HTTP 429, waiting `Retry-After` seconds (0-10; default 0). */
  retries?: number;
  /** Longest wait before a retry in ms; default 60,000. */
  maxRetryDelayMs?: number;
  /** Provider name in results; default `"ipinfo"`. */
  name?: string;
}

/** The largest batch ipinfo's `POST /batch` endpoint accepts (https://ipinfo.io/developers/advanced-usage#batching-requests). */
export const IPINFO_MAX_BATCH = 1000;

interface IpInfoJson {
  ip?: string;
  bogon?: boolean;
  city?: string;
  region?: string;
  country?: string;
  country_name?: string;
  loc?: string;
  org?: string;
  postal?: string;
  timezone?: string;
  asn?: { asn?: string; name?: string; type?: string };
  company?: { name?: string };
  error?: { title?: string; message?: string } | string;
}

/**
 * A provider for the ipinfo.io API (https://ipinfo.io/developers): single
 * lookups with `GET /{ip}/json`, native batches with `POST /batch` (up to
 * 1000 addresses). HTTPS by default; the token travels only in the
 * `Authorization: Bearer` header.
 *
 * Mapping: `country` → `countryCode` (with the English `countryName` from
 * `Intl.DisplayNames` when the answer has no `country_name`), `region` →
 * `state`, `city`, `postal` → `postalCode`, `loc` ("lat,lon") → `latitude`/
 * `longitude`, `timezone` → `timeZone`, `org` ("AS15169 Google LLC") →
 * `asn`/`asOrganization`. A `bogon` answer, or one without any location or
 * network data, is not found (`null`).
 *
 * Errors: HTTP 401/403 → `AUTH_FAILED`; 429 → `RATE_LIMITED` with
 * `retryAfter`; other statuses → `HTTP_ERROR`; no connection →
 * `NETWORK_ERROR`; a malformed answer → `INVALID_RESPONSE`.
 *
 * @throws GeoIpError `INVALID_OPTION` for a missing token, a bad baseUrl, batchSize or retries.
 * @example
 * ```ts
 * const host = createGeoHost({ provider: createIpInfoProvider({ token: process.env.IPINFO_TOKEN! }) });
 * ```
 */
export function createIpInfoProvider(options: IpInfoProviderOptions): GeoProvider {
  const name = options?.name ?? 'ipinfo';
  const token = checkSecret(name, 'token', options?.token);
  const base = checkBaseUrl(name, options.baseUrl ?? 'https://ipinfo.io');
  const batchSize = options.batchSize ?? IPINFO_MAX_BATCH;
  checkBatchSize(name, 'batchSize', batchSize, IPINFO_MAX_BATCH);
  checkRetries(name, options.retries, options.maxRetryDelayMs);
  const fetchFn = resolveFetch(name, options.fetch);
  const headers = { accept: 'application/json', authorization: `Bearer ${token}` };
  let disposed = false;

  function request(path: string, init: RequestInit, signal: AbortSignal) {
    const url = `${base}${path}`;
    return requestJson({
      provider: name,
      fetch: fetchFn,
      url,
      safeUrl: url,
      secret: token,
      init,
      signal,
      retries: options.retries ?? 0,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    });
  }

  function failureOf(status: number, json: unknown, url: string): GeoIpError {
    const error = (json as IpInfoJson | undefined)?.error;
    const detail =
      typeof error === 'string'
        ? error
        : error === undefined
          ? undefined
          : [error.title, error.message].filter(Boolean).join(' - ');
    return httpFailure(name, status, url, detail, token);
  }

  function toRecord(json: unknown, ip: string): GeoRecord | null | GeoIpError {
    if (!isJsonObject(json)) return notAnObject(name, ip, json);
    const body = json as IpInfoJson;
    if (body.error !== undefined) return failureOf(200, body, `${base}/batch`);
    if (body.bogon === true) return null;
    const record: GeoRecord = {};
    if (typeof body.country === 'string' && body.country !== '') {
      record.countryCode = body.country.toUpperCase();
      const countryName = body.country_name ?? countryNameOf(body.country);
      if (countryName !== undefined) record.countryName = countryName;
    }
    if (typeof body.region === 'string' && body.region !== '') record.state = body.region;
    if (typeof body.city === 'string' && body.city !== '') record.city = body.city;
    if (typeof body.postal === 'string' && body.postal !== '') record.postalCode = body.postal;
    if (typeof body.timezone === 'string' && body.timezone !== '') record.timeZone = body.timezone;
    if (typeof body.loc === 'string') {
      const [lat, lon] = body.loc.split(',').map(Number);
      if (Number.isFinite(lat) && Number.isFinite(lon)) {
        record.latitude = lat as number;
        record.longitude = lon as number;
      }
    }
    const asnText = body.asn?.asn ?? body.org;
    const match = typeof asnText === 'string' ? /^AS(\d+)\s*(.*)$/.exec(asnText) : null;
    if (match !== null) {
      record.asn = Number(match[1]);
      const org = body.asn?.name ?? match[2];
      if (org !== undefined && org !== '') record.asOrganization = org;
    }
    if (body.company?.name !== undefined) record.organization = body.company.name;
    return Object.keys(record).length === 0 ? null : record;
  }

  return {
    name,
    capabilities: { city: true, country: true, asn: true, offline: false },
    attribution: { text: 'IP data by IPinfo', url: 'https://ipinfo.io' },
    batchSize,
    async lookup(ip: string, context: GeoLookupContext): Promise<GeoRecord | null> {
      if (disposed) throw disposedError(name, ip);
      throwIfAborted(context.signal);
      const path = `/${encodeURIComponent(ip)}/json`;
      const { status, json } = await request(path, { method: 'GET', headers }, context.signal);
      if (status < 200 || status > 299) throw failureOf(status, json, `${base}${path}`);
      const outcome = toRecord(json, ip);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    async lookupBatch(ips: readonly string[], context: GeoLookupContext): Promise<GeoBatchEntry[]> {
      if (disposed) throw disposedError(name);
      throwIfAborted(context.signal);
      if (ips.length > batchSize) {
        throw new GeoIpError(
          'INVALID_OPTION',
          `${name}: a batch of ${ips.length} addresses exceeds batchSize ${batchSize}.`,
          {
            provider: name,
          },
        );
      }
      const { status, json } = await request(
        '/batch',
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(ips),
        },
        context.signal,
      );
      if (status < 200 || status > 299) throw failureOf(status, json, `${base}/batch`);
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        throw new GeoIpError(
          'INVALID_RESPONSE',
          `${name} answered POST /batch with something other than an object keyed by address.`,
          {
            provider: name,
            status,
          },
        );
      }
      const answers = json as Record<string, unknown>;
      return ips.map((ip) =>
        ip in answers
          ? toRecord(answers[ip], ip)
          : new GeoIpError('INVALID_RESPONSE', `${name} left ${ip} out of its POST /batch answer.`, {
              provider: name,
              ip,
            }),
      );
    },
    dispose() {
      disposed = true;
    },
  };
}
