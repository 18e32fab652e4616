import { GeoIpError } from '../geo-ip-error.js';
import type { GeoRecord } from '../types.js';
import { toGeoIpError } from './to-geo-ip-error.js';

/**
 * What each GeoRecord field must hold: text, an ASN, or a number in a closed
 * range with its unit (see {@link GeoRecord}).
 */
const FIELD_KINDS: ReadonlyMap<string, 'text' | 'asn' | readonly [number, number, string]> = new Map<
  string,
  'text' | 'asn' | readonly [number, number, string]
>([
  ['countryCode', 'text'],
  ['countryName', 'text'],
  ['state', 'text'],
  ['city', 'text'],
  ['postalCode', 'text'],
  ['timeZone', 'text'],
  ['network', 'text'],
  ['asOrganization', 'text'],
  ['isp', 'text'],
  ['organization', 'text'],
  ['connectionType', 'text'],
  ['source', 'text'],
  ['asn', 'asn'],
  ['latitude', [-90, 90, 'degrees']],
  ['longitude', [-180, 180, 'degrees']],
  ['accuracyRadiusKm', [0, Number.POSITIVE_INFINITY, 'km']],
]);

/** The text fields of {@link FIELD_KINDS}, for the fast path. */
const TEXT_FIELDS: readonly string[] = [...FIELD_KINDS].flatMap(([field, kind]) =>
  kind === 'text' ? [field] : [],
);

/** A short, unambiguous rendering of a value for a message: strings JSON-quoted, so '8' and 8 differ. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 80 ? `${quoted.slice(0, 77)}..."` : quoted;
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Throw `INVALID_OPTION` for the first key of `options` not in `known`: a
 * misspelt option (`concurency`) would otherwise fall back to its default
 * without a word. Keys whose value is `undefined` count as not given.
 */
export function rejectUnknownKeys(options: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key) || (options as Record<string, unknown>)[key] === undefined) continue;
    throw new GeoIpError(
      'INVALID_OPTION',
      `${where} has no option ${showValue(key)}; the options are ${known.join(', ')}.`,
    );
  }
}

/**
 * Why `value` is not a well-formed {@link GeoRecord}, or `undefined` when it
 * is one: it must be a non-array object; its text fields (country, city,
 * network, ...), when present, strings; `asn` a whole number ≥ 0; latitude
 * (-90..90), longitude (-180..180) and accuracy radius (≥ 0 km) finite
 * numbers in range. Keys a GeoRecord does not define are left alone.
 */
export function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${showValue(value)}, which is not a GeoRecord object`;
  }
  const r = value as Record<string, unknown>;
  // The host runs this on every answer: straight property reads first (NaN and
  // ±Infinity fail the range tests), the per-field walk only to name a problem.
  const lat = r.latitude;
  const lon = r.longitude;
  const radius = r.accuracyRadiusKm;
  const asn = r.asn;
  const wellFormed =
    (lat === undefined || (typeof lat === 'number' && lat >= -90 && lat <= 90)) &&
    (lon === undefined || (typeof lon === 'number' && lon >= -180 && lon <= 180)) &&
    (radius === undefined ||
      (typeof radius === 'number' && radius >= 0 && radius < Number.POSITIVE_INFINITY)) &&
    (asn === undefined || (typeof asn === 'number' && Number.isInteger(asn) && asn >= 0)) &&
    TEXT_FIELDS.every((field) => r[field] === undefined || typeof r[field] === 'string');
  if (wellFormed) return undefined;
  for (const [field, kind] of FIELD_KINDS) {
    const v = r[field];
    if (v === undefined) continue;
    if (kind === 'text') {
      if (typeof v !== 'string') return `${field} ${showValue(v)}, which is not a string`;
    } else if (kind === 'asn') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        return `asn ${showValue(v)}, which is not a whole number ≥ 0`;
      }
    } else {
      const [min, max, unit] = kind;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
        const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `${min}..${max}`;
        return `${field} ${showValue(v)}, which is not a finite number of ${unit} in ${range}`;
      }
    }
  }
  return undefined;
}

/**
 * Check one answer of a provider for `ip`: `null`/`undefined` is "not found",
 * a well-formed record passes through, an `Error` becomes a `GeoIpError`, and
 * anything else is an `INVALID_RESPONSE` failure naming the provider and the
 * address (never cached, never shown as a location).
 */
export function checkAnswer(value: unknown, provider: string, ip: string): GeoRecord | null | GeoIpError {
  if (value === null || value === undefined) return null;
  if (value instanceof Error) return toGeoIpError(value, provider, ip);
  const problem = recordProblem(value);
  if (problem === undefined) return value as GeoRecord;
  return new GeoIpError(
    'INVALID_RESPONSE',
    `GeoIP provider "${provider}" answered ${ip} with ${problem}; a provider must resolve a GeoRecord object or null. Fix the provider or report it to its author.`,
    { provider, ip },
  );
}

/**
 * Throw `INVALID_RESPONSE` unless a `lookupBatch` answer is an array with one
 * entry per address asked for.
 */
export function checkBatchAnswer(provider: string, asked: number, entries: unknown): void {
  if (Array.isArray(entries) && entries.length === asked) return;
  throw new GeoIpError(
    'INVALID_RESPONSE',
    `Provider "${provider}" answered a batch of ${asked} addresses with ${Array.isArray(entries) ? entries.length : 'no'} entries; a batch answer needs one entry per address.`,
    { provider },
  );
}
