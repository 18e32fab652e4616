import { formatValue, MapError, redactQuery } from '../client/map-error.js';
import type { IocMapOptions, MapAttribution, MapIp, MapLocation, MapTiles } from '../types.js';

// Inputs are checked where they enter (createIocMap, add*), because the types
// vanish for JavaScript callers and a bad value found later, in toHtml() or in
// the browser, no longer says which option or which point it came from.

/** The option names of `createIocMap`, in README order. */
const OPTION_KEYS = ['title', 'zoom', 'center', 'tiles', 'cluster', 'attribution', 'outlines'] as const;
const STYLE_KEYS = ['color', 'layer'] as const;
const IP_TEXT_KEYS = ['countryCode', 'countryName', 'state', 'city', 'network', 'asOrganization'] as const;

/** Options after checking, with defaults applied. */
export interface CheckedOptions {
  title: string;
  zoom: number | undefined;
  center: [number, number] | undefined;
  tiles: MapTiles | undefined;
  cluster: boolean;
  attribution: MapAttribution[];
  outlines: '110m' | '50m' | false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badOption(path: string, value: unknown, expected: string, shown = formatValue(value)): never {
  throw new MapError('INVALID_OPTION', `Invalid ${path} ${shown}: give ${expected}.`, { path, value });
}

function checkHttpUrl(url: unknown, path: string, what: string): string {
  if (typeof url !== 'string') badOption(path, url, 'an absolute http: or https: URL as a string');
  let ok = false;
  try {
    const u = new URL(url.replace(/\{[a-z]\}/gi, 'x'));
    ok = u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new MapError(
      'INVALID_OPTION',
      `Invalid ${what} ${JSON.stringify(redactQuery(url))}: give an absolute http: or https: URL.`,
      { path, value: url },
    );
  }
  return url;
}

function rejectUnknownKeys(value: Record<string, unknown>, known: readonly string[], what: string): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new MapError(
        'INVALID_OPTION',
        `Unknown ${what} ${JSON.stringify(key)}: the ${what}s are ${known.join(', ')}.`,
        { path: key, value: value[key] },
      );
    }
  }
}

/**
 * Check a coordinate pair in degrees.
 * @throws {@link MapError} `INVALID_COORDINATE` naming `what` (and the IP when given).
 */
export function checkCoordinate(
  latitude: unknown,
  longitude: unknown,
  what: string,
  context: { ip?: string; index?: number } = {},
): asserts latitude is number {
  const ok =
    typeof latitude === 'number' &&
    typeof longitude === 'number' &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    latitude >= -90 &&
    latitude <= 90 &&
    longitude >= -180 &&
    longitude <= 180;
  if (!ok) {
    throw new MapError(
      'INVALID_COORDINATE',
      `Invalid coordinate for ${what}: latitude ${formatValue(latitude)}, longitude ${formatValue(longitude)}; latitude must be a number within -90..90 and longitude within -180..180 degrees.`,
      { value: [latitude, longitude], ...context },
    );
  }
}

/**
 * Check one data attribution `{ text, url? }`.
 * @throws {@link MapError} `INVALID_OPTION` naming `path`.
 */
export function checkAttribution(value: unknown, path: string): MapAttribution {
  if (!isRecord(value))
    badOption(path, value, "an object { text, url? }, e.g. { text: 'IP Geolocation by DB-IP' }");
  rejectUnknownKeys(value, ['text', 'url'], `${path} key`);
  if (typeof value.text !== 'string' || value.text.trim() === '')
    badOption(`${path}.text`, value.text, 'the non-empty text to show');
  if (value.url === undefined) return { text: value.text };
  return { text: value.text, url: checkHttpUrl(value.url, `${path}.url`, 'attribution URL') };
}

/**
 * Check every option of `createIocMap` and apply the defaults.
 * @throws {@link MapError} `INVALID_OPTION` naming the option and the offending value.
 */
export function checkOptions(options: unknown): CheckedOptions {
  if (options === undefined) options = {};
  if (!isRecord(options))
    badOption('options', options, "an object such as { title: 'C2 servers' }, or nothing");
  rejectUnknownKeys(options, OPTION_KEYS, 'option');
  const o = options as Record<keyof IocMapOptions, unknown>;
  if (o.title !== undefined && typeof o.title !== 'string') badOption('title', o.title, 'a string');
  if (
    o.zoom !== undefined &&
    !(Number.isInteger(o.zoom) && (o.zoom as number) >= 1 && (o.zoom as number) <= 18)
  )
    badOption('zoom', o.zoom, 'an integer 1..18');
  let center: [number, number] | undefined;
  if (o.center !== undefined) {
    const c = o.center;
    const [lat, lon] = Array.isArray(c) && c.length === 2 ? (c as unknown[]) : [];
    try {
      checkCoordinate(lat, lon, 'the map centre');
    } catch {
      badOption(
        'center',
        c,
        '[latitude, longitude] in degrees: latitude within -90..90, longitude within -180..180',
      );
    }
    center = [lat, lon as number];
  }
  let tiles: MapTiles | undefined;
  if (o.tiles !== undefined) {
    const t = o.tiles;
    if (!isRecord(t))
      badOption(
        'tiles',
        t,
        "an object { url, attribution }, e.g. { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' }",
        typeof t === 'string' ? JSON.stringify(redactQuery(t)) : formatValue(t),
      );
    rejectUnknownKeys(t, ['url', 'attribution'], 'tiles key');
    const url = checkHttpUrl(t.url, 'tiles.url', 'tile URL');
    if (typeof t.attribution !== 'string')
      badOption(
        'tiles.attribution',
        t.attribution,
        'the attribution text the tile provider requires, as a string',
      );
    tiles = { url, attribution: t.attribution };
  }
  if (o.cluster !== undefined && typeof o.cluster !== 'boolean')
    badOption('cluster', o.cluster, 'true or false');
  const attribution: MapAttribution[] = [];
  if (o.attribution !== undefined) {
    if (!Array.isArray(o.attribution))
      badOption(
        'attribution',
        o.attribution,
        "a list of { text, url? }, e.g. [{ text: 'IP Geolocation by DB-IP' }]",
      );
    o.attribution.forEach((a: unknown, i) => {
      attribution.push(checkAttribution(a, `attribution[${i}]`));
    });
  }
  const outlines = o.outlines ?? '110m';
  if (outlines !== '110m' && outlines !== '50m' && outlines !== false)
    badOption(
      'outlines',
      outlines,
      '"110m", "50m" or false (world-atlas countries-110m or countries-50m, or none)',
    );
  return {
    title: (o.title as string | undefined) ?? 'IoC map',
    zoom: o.zoom as number | undefined,
    center,
    tiles,
    cluster: (o.cluster as boolean | undefined) ?? true,
    attribution,
    outlines,
  };
}

/**
 * Check the style argument of an `add*` call (not the colour: `assertFoliumColor` does that).
 * @throws {@link MapError} `INVALID_OPTION` naming the key and value.
 */
export function checkStyle(style: unknown, method: string): void {
  if (style === undefined) return;
  if (!isRecord(style))
    badOption(`${method} style`, style, "an object { color?, layer? }, e.g. { color: 'red', layer: 'C2' }");
  rejectUnknownKeys(style, STYLE_KEYS, `${method} style key`);
  if (style.layer !== undefined && (typeof style.layer !== 'string' || style.layer === ''))
    badOption(`${method} style.layer`, style.layer, 'a non-empty layer name');
}

/** Text as a message shows it: cut to about 80 characters (a hostile 1 MB "IP" stays in `error.ip`). */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function badPoint(index: number, problem: string, value: unknown, ip?: string): never {
  throw new MapError(
    'INVALID_POINT',
    `Invalid point at index ${index}${ip === undefined ? '' : ` (IP ${clip(ip)})`}: ${problem}, got ${formatValue(value)}.`,
    { index, value, ...(ip === undefined ? {} : { ip }) },
  );
}

/**
 * Check the array given to an `add*` method.
 * @throws {@link MapError} `INVALID_POINT` when it is not an array.
 */
export function checkArray(value: unknown, method: string, example: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new MapError(
      'INVALID_POINT',
      `${method} needs an array, got ${formatValue(value)}; pass a list such as [${example}] (wrap a single point in [ ]).`,
      { value },
    );
  }
  // A hole ([p, , p] or new Array(n)) would be skipped by forEach: report it like undefined.
  for (let index = 0; index < value.length; index++) {
    if (!(index in value)) {
      throw new MapError(
        'INVALID_POINT',
        `${method}: the array has an empty slot at index ${index}; remove it.`,
        {
          index,
        },
      );
    }
  }
  return value;
}

function checkFields(fields: unknown, index: number, ip?: string): Record<string, string> | undefined {
  if (fields === undefined) return undefined;
  if (!isRecord(fields)) badPoint(index, 'fields must be an object of strings or absent', fields, ip);
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string')
      badPoint(
        index,
        `fields[${JSON.stringify(key)}] must be a string (convert it with String())`,
        value,
        ip,
      );
  }
  return fields as Record<string, string>;
}

/**
 * Check one located IP given to `addIps`/`addIpCluster`.
 * @throws {@link MapError} `INVALID_POINT` (not an object, `ip` not a non-empty string, a field of the
 *   wrong type) or `INVALID_COORDINATE`, each with `index`.
 */
export function checkIp(value: unknown, index: number): MapIp {
  if (!isRecord(value)) badPoint(index, 'expected an object { ip, latitude, longitude, ... }', value);
  const ip = value.ip;
  if (typeof ip !== 'string' || ip === '') badPoint(index, 'ip must be a non-empty string', ip);
  checkCoordinate(value.latitude, value.longitude, `IP ${clip(ip)} at index ${index}`, { ip, index });
  for (const key of IP_TEXT_KEYS) {
    if (value[key] !== undefined && typeof value[key] !== 'string')
      badPoint(index, `${key} must be a string or absent`, value[key], ip);
  }
  const asn = value.asn;
  if (
    asn !== undefined &&
    !(Number.isInteger(asn) && (asn as number) >= 0 && (asn as number) <= 4_294_967_295)
  )
    badPoint(index, 'asn must be an integer 0..4294967295 or absent', asn, ip);
  checkFields(value.fields, index, ip);
  return value as unknown as MapIp;
}

/**
 * Check one plain location given to `addLocations`.
 * @throws {@link MapError} `INVALID_POINT` or `INVALID_COORDINATE`, each with `index`.
 */
export function checkLocation(value: unknown, index: number): MapLocation {
  if (!isRecord(value)) badPoint(index, 'expected an object { latitude, longitude, label?, fields? }', value);
  const label = value.label;
  if (label !== undefined && typeof label !== 'string')
    badPoint(index, 'label must be a string or absent', label);
  checkCoordinate(
    value.latitude,
    value.longitude,
    `${label === undefined ? 'the location' : `location ${JSON.stringify(label)}`} at index ${index}`,
    { index },
  );
  checkFields(value.fields, index);
  return value as unknown as MapLocation;
}
