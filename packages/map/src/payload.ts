/**
 * The compact JSON payload the page's one script reads.
 *
 * Points are stored by layer, grouped by identical coordinate, in columns:
 * coordinates once per group as integers of 1e-5 degree (about 1.1 m), then
 * one column per attribute over all points in group order. A column is either
 * `values` (one string per point, `null` when absent) or, when values repeat,
 * a string table `dict` with 1-based `index` per point (`0` = absent).
 */
export interface MapPayload {
  /** Format version. */
  v: 1;
  title: string;
  view: { center?: [number, number]; zoom?: number };
  tiles?: { url: string; attribution: string };
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
  name: string;
  /** folium colour name. */
  color: string;
  /** Hex fill of that colour. */
  fill: string;
  cluster: boolean;
  /** Latitude of each group, integer 1e-5 degrees. */
  lat: number[];
  /** Longitude of each group, integer 1e-5 degrees. */
  lon: number[];
  /** Number of points in each group; points are stored group after group. */
  count: number[];
  columns: PayloadColumn[];
}

/**
 * A column over a layer's points. `key` is one of `ip`, `label`, `cc`, `country`,
 * `region`, `city`, `network`, `asn`, `org`, or `f:<field name>` for input fields.
 */
export type PayloadColumn =
  | { key: string; values: (string | null)[] }
  | { key: string; dict: string[]; index: number[] };

/** One point as the client reads it back from the payload. */
export interface PayloadPoint {
  latitude: number;
  longitude: number;
  ip?: string;
  label?: string;
  countryCode?: string;
  countryName?: string;
  state?: string;
  city?: string;
  network?: string;
  asn?: number;
  asOrganization?: string;
  fields: Record<string, string>;
}
