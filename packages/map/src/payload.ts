import type { MapIp } from './types.js';

/**
 * The compact JSON payload the page's one script reads.
 *
 * Points are stored by layer, grouped by identical coordinate, in columns:
 * coordinates once per group, then one column per attribute over all points
 * in group order. Integers are packed as fixed-width URL-safe base-64 digits
 * (RFC 4648 §5 alphabet, most significant first) to keep about 100,000 points
 * within a few megabytes. An empty string counts as absent.
 */
export interface MapPayload {
  /** Format version. */
  v: 1;
  /** Map title (shown as text). */
  title: string;
  /** Initial view: centre `[lat, lon]` degrees and Leaflet zoom; absent = fit all points. */
  view: { center?: [number, number]; zoom?: number };
  /** Tile server drawn under the outlines, when asked for. */
  tiles?: { url: string; attribution: string };
  /** Data attributions shown in Leaflet's attribution control. */
  attribution: { text: string; url?: string }[];
  /**
   * Country outlines: polygons, each a list of rings, each ring a flat
   * `[lon, lat, lon, lat, ...]` list of integers of 1e-2 degree. Rings crossing
   * the antimeridian are unwrapped (longitudes may exceed ±180).
   */
  outlines?: number[][][];
  layers: PayloadLayer[];
}

/** One layer of the payload. */
export interface PayloadLayer {
  /** Layer name (shown as text). */
  name: string;
  /** folium colour name. */
  color: string;
  /** Hex fill of that colour. */
  fill: string;
  /** Whether markers are clustered. */
  cluster: boolean;
  /** Latitude of each group: 5 base-64 digits each, of (latitude × 1e5 + 9,000,000). */
  lat: string;
  /** Longitude of each group: 5 base-64 digits each, of (longitude × 1e5 + 18,000,000). */
  lon: string;
  /**
   * Number of points in each group (points are stored group after group), or,
   * when every group holds one point, the number of groups.
   */
  count: number[] | number;
  /** Attribute columns over the layer's points. */
  columns: PayloadColumn[];
}

/**
 * A column over a layer's points. `key` is one of `ip`, `label`, `cc`, `country`,
 * `region`, `city`, `network`, `asn`, `org`, or `f:<field name>` for input fields.
 */
export type PayloadColumn =
  /** One value per point joined by `sep` (a character absent from the values); `''` = absent. */
  | { key: string; sep: string; text: string }
  /** One value per point (used when no separator is free); `null` = absent. */
  | { key: string; values: (string | null)[] }
  /** String table with a 1-based index per point, `width` base-64 digits each; `0` = absent. */
  | { key: string; dict: string[]; width: number; index: string };

/**
 * One point as the client reads it back from the payload: the {@link MapIp}
 * fields that were given (`ip` absent for plain locations), plus `label`.
 */
export interface PayloadPoint extends Omit<MapIp, 'ip' | 'latitude' | 'longitude' | 'fields'> {
  /** Latitude, degrees (to 1e-5). */
  latitude: number;
  /** Longitude, degrees (to 1e-5). */
  longitude: number;
  /** The IP address, for points added as IPs. */
  ip?: string;
  /** Label of a location or geohash. */
  label?: string;
  /** The input row's own fields (empty when none). */
  fields: Record<string, string>;
}
