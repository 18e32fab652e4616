import { formatValue, MapError } from './client/map-error.js';

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** The cell a geohash names: its centre and half-size, in degrees (WGS 84). */
export interface GeohashCell {
  latitude: number;
  longitude: number;
  /** Half the cell height, degrees: the centre is within this of any point in the cell. */
  latitudeError: number;
  /** Half the cell width, degrees. */
  longitudeError: number;
}

/**
 * Decode a geohash to the centre of its cell.
 *
 * Algorithm: G. Niemeyer's geohash (geohash.org): base-32 characters, 5 bits
 * each, bits alternately bisecting longitude (first) and latitude. Case-insensitive.
 *
 * @throws {@link MapError} `INVALID_GEOHASH` when the hash is empty, longer
 *   than 22 characters, or holds a character outside `0-9b-hjkmnp-z`.
 * @example
 * ```ts
 * decodeGeohash('u4pruydqqvj'); // ≈ { latitude: 57.64911, longitude: 10.40744, ... }
 * ```
 */
export function decodeGeohash(hash: string): GeohashCell {
  if (typeof hash !== 'string' || hash.length === 0 || hash.length > 22) {
    throw new MapError(
      'INVALID_GEOHASH',
      `Invalid geohash ${formatValue(hash)}: expected 1 to 22 base-32 characters (0-9, b-h, j, k, m, n, p-z).`,
      { value: hash },
    );
  }
  let latLo = -90;
  let latHi = 90;
  let lonLo = -180;
  let lonHi = 180;
  let even = true;
  for (const ch of hash.toLowerCase()) {
    const bits = BASE32.indexOf(ch);
    if (bits < 0) {
      throw new MapError(
        'INVALID_GEOHASH',
        `Invalid geohash ${formatValue(hash)}: character ${JSON.stringify(ch)} is not in the geohash alphabet (0-9, b-h, j, k, m, n, p-z).`,
        { value: hash },
      );
    }
    for (let b = 4; b >= 0; b--) {
      const bit = (bits >> b) & 1;
      if (even) {
        const mid = (lonLo + lonHi) / 2;
        if (bit) lonLo = mid;
        else lonHi = mid;
      } else {
        const mid = (latLo + latHi) / 2;
        if (bit) latLo = mid;
        else latHi = mid;
      }
      even = !even;
    }
  }
  return {
    latitude: (latLo + latHi) / 2,
    longitude: (lonLo + lonHi) / 2,
    latitudeError: (latHi - latLo) / 2,
    longitudeError: (lonHi - lonLo) / 2,
  };
}
