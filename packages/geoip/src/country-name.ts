// Built once: constructing a DisplayNames loads ICU data, far dearer than a lookup.
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// Keyed by two-letter input only, so it holds at most 52 × 52 entries.
const cache = new Map<string, string | undefined>();

/**
 * English country name for an ISO 3166-1 alpha-2 code (either case), or
 * `undefined` for anything else, including CLDR's `ZZ` "Unknown Region".
 *
 * Names come from the runtime's ICU/CLDR data through `Intl.DisplayNames`;
 * answers are memoised, so the offline providers' hot path pays one map read.
 *
 * @example countryNameOf('DE') === 'Germany'; countryNameOf('zz') === undefined
 */
export function countryNameOf(code: string): string | undefined {
  const cached = cache.get(code);
  if (cached !== undefined || cache.has(code)) return cached;
  if (!/^[A-Za-z]{2}$/.test(code)) return undefined;
  const upper = code.toUpperCase();
  let name: string | undefined;
  if (upper !== 'ZZ') {
    try {
      name = regionNames.of(upper);
    } catch {
      name = undefined;
    }
    if (name === upper) name = undefined;
  }
  cache.set(code, name);
  return name;
}
