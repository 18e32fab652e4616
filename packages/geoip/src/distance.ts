import { GeoIpError } from './geo-ip-error.js';

/** A point in decimal degrees (WGS84); a {@link GeoRecord} with coordinates is one. */
export interface GeoPoint {
  /** Latitude in degrees, -90..90. */
  latitude: number;
  /** Longitude in degrees, -180..180. */
  longitude: number;
}

/** Mean Earth radius in km used by {@link geoDistance} (IUGG mean radius, rounded). */
export const EARTH_RADIUS_KM = 6371;

const RAD = Math.PI / 180;

function check(point: GeoPoint, which: string): void {
  const { latitude, longitude } = point ?? ({} as GeoPoint);
  if (
    !(
      Number.isFinite(latitude) &&
      Math.abs(latitude) <= 90 &&
      Number.isFinite(longitude) &&
      Math.abs(longitude) <= 180
    )
  ) {
    throw new GeoIpError(
      'INVALID_OPTION',
      `geoDistance: point ${which} has latitude ${String(latitude)}, longitude ${String(longitude)}; both must be degrees (latitude -90..90, longitude -180..180).`,
    );
  }
}

/**
 * Great-circle distance between two points in kilometres, by the haversine
 * formula on a sphere of radius 6371 km (R. W. Sinnott, "Virtues of the
 * Haversine", Sky and Telescope 68(2), 1984). Error against the WGS84
 * ellipsoid is up to about 0.5 %.
 *
 * @throws GeoIpError `INVALID_OPTION` when a coordinate is missing, not finite or out of range.
 * @example
 * ```ts
 * geoDistance({ latitude: 48.1372, longitude: 11.5756 }, { latitude: 52.5186, longitude: 13.4083 }); // ≈ 504.2 (Munich–Berlin)
 * ```
 */
export function geoDistance(a: GeoPoint, b: GeoPoint): number {
  check(a, 'a');
  check(b, 'b');
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
