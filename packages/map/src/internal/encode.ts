import type { PayloadColumn, PayloadLayer } from '../payload.js';

/** A validated point as the builder keeps it before encoding. */
export interface PointRecord {
  /** Latitude, integer 1e-5 degrees. */
  lat: number;
  /** Longitude, integer 1e-5 degrees. */
  lon: number;
  ip?: string | undefined;
  label?: string | undefined;
  cc?: string | undefined;
  country?: string | undefined;
  region?: string | undefined;
  city?: string | undefined;
  network?: string | undefined;
  asn?: string | undefined;
  org?: string | undefined;
  fields?: Record<string, string> | undefined;
}

const STANDARD_KEYS = ['ip', 'label', 'cc', 'country', 'region', 'city', 'network', 'asn', 'org'] as const;

/** Encode one column: plain values, or a 1-based string table when values repeat. */
export function encodeColumn(key: string, values: readonly (string | undefined)[]): PayloadColumn | undefined {
  const dict = new Map<string, number>();
  let present = 0;
  for (const v of values) {
    if (v === undefined) continue;
    present++;
    if (!dict.has(v)) dict.set(v, dict.size + 1);
  }
  if (present === 0) return undefined;
  if (dict.size * 2 > values.length) {
    return { key, values: values.map((v) => (v === undefined ? null : v)) };
  }
  return { key, dict: [...dict.keys()], index: values.map((v) => (v === undefined ? 0 : dict.get(v)!)) };
}

/** Group a layer's points by identical coordinate and encode them column by column. */
export function encodeLayer(
  meta: { name: string; color: string; fill: string; cluster: boolean },
  points: readonly PointRecord[],
): PayloadLayer {
  const groups = new Map<string, PointRecord[]>();
  for (const p of points) {
    const key = `${p.lat},${p.lon}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const lat: number[] = [];
  const lon: number[] = [];
  const count: number[] = [];
  const ordered: PointRecord[] = [];
  for (const group of groups.values()) {
    lat.push(group[0]!.lat);
    lon.push(group[0]!.lon);
    count.push(group.length);
    for (const p of group) ordered.push(p);
  }
  const columns: PayloadColumn[] = [];
  for (const key of STANDARD_KEYS) {
    const column = encodeColumn(
      key,
      ordered.map((p) => p[key]),
    );
    if (column) columns.push(column);
  }
  const fieldNames = new Set<string>();
  for (const p of ordered) if (p.fields) for (const name of Object.keys(p.fields)) fieldNames.add(name);
  for (const name of fieldNames) {
    const column = encodeColumn(
      `f:${name}`,
      ordered.map((p) => (p.fields && Object.hasOwn(p.fields, name) ? String(p.fields[name]) : undefined)),
    );
    if (column) columns.push(column);
  }
  return { ...meta, lat, lon, count, columns };
}
