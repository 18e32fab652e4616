import { GeoIpError } from '../geo-ip-error.js';
import type { GeoRecord } from '../types.js';
import { toGeoIpError } from './to-geo-ip-error.js';

/** Numeric fields of a GeoRecord with their allowed closed range and unit. */
const NUMERIC_FIELDS: readonly (readonly [keyof GeoRecord, number, number, string])[] = [
  ['latitude', -90, 90, 'degrees'],
  ['longitude', -180, 180, 'degrees'],
  ['accuracyRadiusKm', 0, Number.POSITIVE_INFINITY, 'km'],
];

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
  return `a ${typeof value}`;
}

/**
 * Why `value` is not a well-formed {@link GeoRecord}, or `undefined` when it
 * is one: it must be a non-array object, and its latitude (-90..90),
 * longitude (-180..180) and accuracy radius (≥ 0 km), when present, finite
 * numbers in range.
 */
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

export function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${showValue(value)}, which is not a GeoRecord object`;
  }
  const record = value as Record<string, unknown>;
  for (const [field, min, max, unit] of NUMERIC_FIELDS) {
    const v = record[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `${min}..${max}`;
      return `${field} ${showValue(v)}, which is not a finite number of ${unit} in ${range}`;
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
