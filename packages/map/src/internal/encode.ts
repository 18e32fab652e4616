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

/** URL-safe base-64 digits (RFC 4648 §5); none needs escaping in JSON or HTML. */
export const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Separators tried, in order, for joining distinct values into one string. */
const SEPARATORS = ['|', '~', '^', '`', '\t', '\u001f'];

/** Offsets making coordinates non-negative: 1e-5 degree units. */
export const LAT_OFFSET = 9_000_000;
export const LON_OFFSET = 18_000_000;
/** Base-64 digits per coordinate: 64^5 > 36,000,001 values of 1e-5 degree. */
export const COORD_WIDTH = 5;

/** Digits needed to write every integer 0..max in base 64 (at least 1). */
export function widthFor(max: number): number {
  let width = 1;
  while (64 ** width <= max) width++;
  return width;
}

/** Write non-negative integers as fixed-width base-64 digits, concatenated. */
export function packIntegers(values: readonly number[], width: number): string {
  const out: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    let s = '';
    for (let d = 0; d < width; d++) {
      s = DIGITS[v & 63]! + s;
      v = Math.floor(v / 64);
    }
    out[i] = s;
  }
  return out.join('');
}

/**
 * Encode one column. Mostly-distinct values are joined into one string with a
 * separator absent from the data (`''` = absent); repeating values become a
 * string table `dict` with fixed-width base-64 1-based indices (`0` = absent).
 */
export function encodeColumn(
  key: string,
  values: readonly (string | undefined)[],
): PayloadColumn | undefined {
  const dict = new Map<string, number>();
  let present = 0;
  for (const v of values) {
    if (v === undefined || v === '') continue;
    present++;
    if (!dict.has(v)) dict.set(v, dict.size + 1);
  }
  if (present === 0) return undefined;
  if (dict.size * 2 > values.length) {
    const sep = SEPARATORS.find((s) => !values.some((v) => v?.includes(s)));
    if (sep !== undefined) return { key, sep, text: values.map((v) => v ?? '').join(sep) };
    return { key, values: values.map((v) => (v === undefined || v === '' ? null : v)) };
  }
  const width = widthFor(dict.size);
  return {
    key,
    dict: [...dict.keys()],
    width,
    index: packIntegers(
      values.map((v) => (v === undefined || v === '' ? 0 : dict.get(v)!)),
      width,
    ),
  };
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
    lat.push(group[0]!.lat + LAT_OFFSET);
    lon.push(group[0]!.lon + LON_OFFSET);
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
  return {
    ...meta,
    lat: packIntegers(lat, COORD_WIDTH),
    lon: packIntegers(lon, COORD_WIDTH),
    count: count.every((n) => n === 1) ? count.length : count,
    columns,
  };
}
