import { GeoIpError, type GeoIpErrorCode } from '../geo-ip-error.js';
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
  redact,
  requestJson,
  resolveFetch,
} from '../internal/http.js';
import type { GeoBatchEntry, GeoLookupContext, GeoProvider, GeoRecord } from '../types.js';

/** Options of {@link createIpStackProvider}. */
export interface IpStackProviderOptions {
  /**
   * ipstack API access key. The API requires it in the `access_key` query
   * parameter; it is redacted from every message and error.
   */
  accessKey: string;
  /** `fetch` to use; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** API base URL; default `https://api.ipstack.com` (or `http://` with `https: false`). */
  baseUrl?: string;
  /**
   * Use HTTPS (default true). ipstack's free plan allows only HTTP; `https: false`
   * sends the access key in clear text, so use it only where that is acceptable.
   */
  https?: boolean;
  /**
   * Addresses per bulk request (`GET /ip1,ip2,...`), 2-50; bulk lookup needs a
   * paid plan. Default: no bulk requests, one request per address.
   */
  bulkSize?: number;
  /** Retries after HTTP 429, waiting `Retry-After` seconds (0-10; default 0). */
  retries?: number;
  /** Longest wait before a retry in ms; default 60,000. */
  maxRetryDelayMs?: number;
  /** Provider name in results; default `"ipstack"`. */
  name?: string;
}

/** The largest bulk request ipstack accepts (https://ipstack.com/documentation#bulk). */
export const IPSTACK_MAX_BULK = 50;

interface IpStackJson {
  success?: boolean;
  error?: { code?: number; type?: string; info?: string };
  ip?: string;
  country_code?: string | null;
  country_name?: string | null;
  region_name?: string | null;
  city?: string | null;
  zip?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  time_zone?: { id?: string | null } | null;
  connection?: { asn?: number | null; isp?: string | null } | null;
}

/**
 * ipstack error codes (https://ipstack.com/documentation#errors) → GeoIpError codes.
 * 101 missing/invalid key, 102 inactive account → AUTH_FAILED; 104 monthly
 * volume reached → RATE_LIMITED; 105 function (e.g. HTTPS) not on the plan and
 * 303 bulk not on the plan → UNSUPPORTED; 302 too many IPs → INVALID_OPTION;
 * anything else → PROVIDER_FAILED.
 */
const ERROR_CODES: Record<number, GeoIpErrorCode> = {
  101: 'AUTH_FAILED',
  102: 'AUTH_FAILED',
  104: 'RATE_LIMITED',
  105: 'UNSUPPORTED',
  302: 'INVALID_OPTION',
  303: 'UNSUPPORTED',
};

/**
 * A provider for the ipstack API (https://ipstack.com/documentation): single
 * lookups with `GET /{ip}?access_key=...`, and bulk lookups
 * (`GET /{ip},{ip},...`, up to 50, paid plans) when `bulkSize` is set.
 * HTTPS by default.
 *
 * ipstack reports errors inside an HTTP 200 body
 * (`{"success":false,"error":{"code":101,"type":"invalid_access_key",...}}`);
 * they become a `GeoIpError` with the code from the table above and the
 * service's `type` and `info` in the message. HTTP 429 → `RATE_LIMITED` with
 * `retryAfter`. The access key is redacted (`access_key=[redacted]`) from
 * every message.
 *
 * Mapping: `country_code`, `country_name`, `region_name` → `state`, `city`,
 * `zip` → `postalCode`, `latitude`, `longitude`, `time_zone.id` →
 * `timeZone`, `connection.asn`/`connection.isp` → `asn`/`isp` (plans with the
 * connection module). An answer without country and coordinates is not found.
 *
 * @throws GeoIpError `INVALID_OPTION` for a missing key, a bad baseUrl, bulkSize or retries.
 * @example
 * ```ts
 * const provider = createIpStackProvider({ accessKey: process.env.IPSTACK_KEY!, bulkSize: 50 });
 * ```
 */
export function createIpStackProvider(options: IpStackProviderOptions): GeoProvider {
  const name = options?.name ?? 'ipstack';
  const accessKey = checkSecret(name, 'accessKey', options?.accessKey);
  const base = checkBaseUrl(
    name,
    options.baseUrl ?? `${options.https === false ? 'http' : 'https'}://api.ipstack.com`,
  );
  const bulkSize = options.bulkSize;
  checkBatchSize(name, 'bulkSize', bulkSize, IPSTACK_MAX_BULK);
  checkRetries(name, options.retries, options.maxRetryDelayMs);
  const fetchFn = resolveFetch(name, options.fetch);
  let disposed = false;

  async function get(ips: readonly string[], signal: AbortSignal): Promise<unknown> {
    const path = `/${ips.map(encodeURIComponent).join(',')}`;
    const safeUrl = `${base}${path}?access_key=[redacted]`;
    const { status, json } = await requestJson({
      provider: name,
      fetch: fetchFn,
      url: `${base}${path}?access_key=${encodeURIComponent(accessKey)}`,
      safeUrl,
      secret: accessKey,
      init: { method: 'GET', headers: { accept: 'application/json' } },
      signal,
      retries: options.retries ?? 0,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    });
    const failure = bodyError(json, ips.length === 1 ? ips[0] : undefined);
    if (failure !== undefined) throw failure;
    if (status < 200 || status > 299) throw httpFailure(name, status, safeUrl, undefined, accessKey);
    return json;
  }

  function bodyError(json: unknown, ip: string | undefined): GeoIpError | undefined {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
    const body = json as IpStackJson;
    if (body.success !== false && body.error === undefined) return undefined;
    const code = body.error?.code;
    const type = body.error?.type ?? 'unknown_error';
    const info = redact(body.error?.info ?? '', accessKey);
    const mapped = (code === undefined ? undefined : ERROR_CODES[code]) ?? 'PROVIDER_FAILED';
    const hint =
      type === 'https_access_restricted'
        ? ' Use https: false (the key then travels in clear text) or a plan with HTTPS.'
        : mapped === 'AUTH_FAILED'
          ? ' Check the access key (value not shown).'
          : '';
    return new GeoIpError(
      mapped,
      `${name} refused the request${ip === undefined ? '' : ` for ${ip}`}: error ${code ?? '?'} ${type}${info === '' ? '' : ` (${info})`}.${hint}`,
      { provider: name, ...(ip === undefined ? {} : { ip }) },
    );
  }

  function toRecord(json: unknown, ip: string): GeoRecord | null | GeoIpError {
    if (!isJsonObject(json)) return notAnObject(name, ip, json);
    const failure = bodyError(json, ip);
    if (failure !== undefined) return failure;
    const body = json as IpStackJson;
    const record: GeoRecord = {};
    if (typeof body.country_code === 'string' && body.country_code !== '')
      record.countryCode = body.country_code.toUpperCase();
    if (typeof body.country_name === 'string' && body.country_name !== '')
      record.countryName = body.country_name;
    if (typeof body.region_name === 'string' && body.region_name !== '') record.state = body.region_name;
    if (typeof body.city === 'string' && body.city !== '') record.city = body.city;
    if (typeof body.zip === 'string' && body.zip !== '') record.postalCode = body.zip;
    if (typeof body.latitude === 'number' && typeof body.longitude === 'number') {
      record.latitude = body.latitude;
      record.longitude = body.longitude;
    }
    if (record.countryCode === undefined && record.latitude === undefined) return null;
    if (typeof body.time_zone?.id === 'string') record.timeZone = body.time_zone.id;
    if (typeof body.connection?.asn === 'number') record.asn = body.connection.asn;
    if (typeof body.connection?.isp === 'string' && body.connection.isp !== '')
      record.isp = body.connection.isp;
    return record;
  }

  const provider: GeoProvider = {
    name,
    capabilities: { city: true, country: true, asn: true, offline: false },
    attribution: { text: 'IP data by ipstack', url: 'https://ipstack.com' },
    async lookup(ip: string, context: GeoLookupContext): Promise<GeoRecord | null> {
      if (disposed) throw disposedError(name, ip);
      throwIfAborted(context.signal);
      const outcome = toRecord(await get([ip], context.signal), ip);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    dispose() {
      disposed = true;
    },
  };
  if (bulkSize !== undefined) {
    Object.assign(provider, { batchSize: bulkSize });
    provider.lookupBatch = async (
      ips: readonly string[],
      context: GeoLookupContext,
    ): Promise<GeoBatchEntry[]> => {
      if (disposed) throw disposedError(name);
      throwIfAborted(context.signal);
      if (ips.length === 1) return [toRecord(await get(ips, context.signal), ips[0] as string)];
      const json = await get(ips, context.signal);
      if (!Array.isArray(json) || json.length !== ips.length) {
        throw new GeoIpError(
          'INVALID_RESPONSE',
          `${name} answered a bulk request of ${ips.length} addresses without an array of ${ips.length} entries.`,
          { provider: name },
        );
      }
      const byIp = new Map<string, unknown>();
      for (const entry of json)
        if (typeof (entry as IpStackJson)?.ip === 'string')
          byIp.set((entry as IpStackJson).ip as string, entry);
      return ips.map((ip, i) => toRecord(byIp.get(ip) ?? json[i], ip));
    };
  }
  return provider;
}
