import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { assertFoliumColor, FOLIUM_COLORS, type FoliumColor } from './colors.js';
import { decodeGeohash } from './geohash.js';
import { mapAssets, worldOutlines } from './internal/assets.js';
import { encodeLayer, type PointRecord } from './internal/encode.js';
import { escapeHtml, jsonForScript, scriptForHtml, styleForHtml } from './internal/html.js';
import { median } from './internal/median.js';
import {
  checkArray,
  checkAttribution,
  checkIp,
  checkLocation,
  checkOptions,
  checkStyle,
} from './internal/validate.js';
import { MapError } from './map-error.js';
import type { MapPayload } from './payload.js';
import type { IocMapOptions, LayerStyle, MapAttribution, MapIp, MapLocation } from './types.js';

/** A map being built: add points layer by layer, then render with {@link IocMap.toHtml} or {@link IocMap.save}. */
export interface IocMap {
  /**
   * Add located IPs as a marker-cluster layer (msticpy's `FoliumMap.add_ip_cluster`).
   * IPs at identical coordinates share one marker whose popup lists them; cluster counts count IPs.
   * A rejected call adds nothing.
   * @throws {@link MapError} `INVALID_POINT` (`ips` not an array; an element not an object, without a
   *   non-empty `ip` string, or with a field of the wrong type; `index` names it), `INVALID_COORDINATE`
   *   (with `index` and `ip`), `INVALID_OPTION` (malformed `style`), `INVALID_COLOR`, `LAYER_CONFLICT`.
   */
  addIpCluster(ips: readonly MapIp[], style?: LayerStyle): this;
  /**
   * Add located IPs as plain markers, not clustered. A rejected call adds nothing.
   * @throws {@link MapError} as {@link IocMap.addIpCluster}: `INVALID_POINT`, `INVALID_COORDINATE`,
   *   `INVALID_OPTION`, `INVALID_COLOR`, `LAYER_CONFLICT`.
   */
  addIps(ips: readonly MapIp[], style?: LayerStyle): this;
  /**
   * Add plain located points (clustered unless the map's `cluster` option is `false`). A rejected call adds nothing.
   * @throws {@link MapError} `INVALID_POINT` (not an array, an element not an object, `label` or a field
   *   not a string; with `index`), `INVALID_COORDINATE` (with `index`), `INVALID_OPTION`, `INVALID_COLOR`,
   *   `LAYER_CONFLICT`.
   */
  addLocations(points: readonly MapLocation[], style?: LayerStyle): this;
  /**
   * Add geohashes, each drawn at the centre of its cell and labelled with the hash. A rejected call adds nothing.
   * @throws {@link MapError} `INVALID_POINT` (`hashes` not an array), `INVALID_GEOHASH` (with `index`),
   *   `INVALID_OPTION`, `INVALID_COLOR`, `LAYER_CONFLICT`.
   */
  addGeoHashes(hashes: readonly string[], style?: LayerStyle): this;
  /**
   * Centre the initial view on the median latitude and median longitude of all points
   * added so far (each IP counts once; 0° is a real coordinate). No points: no change.
   */
  centerMap(): this;
  /**
   * Add a data attribution (shown as a link in Leaflet's attribution control). Duplicates are dropped.
   * @throws {@link MapError} `INVALID_OPTION` when it is not `{ text, url? }`, `text` is not a non-empty
   *   string, or `url` is not an http(s) URL.
   */
  addAttribution(attribution: MapAttribution): this;
  /** Number of points added so far, over all layers. */
  readonly size: number;
  /** The JSON payload the page renders (what {@link toHtml} embeds). */
  toPayload(): MapPayload;
  /** Render one standalone HTML page that needs no network: Leaflet, markercluster, outlines and data inlined. */
  toHtml(): string;
  /**
   * Write {@link toHtml} to `path` atomically (temporary file in the same directory, then rename).
   * @throws {@link MapError} `WRITE_FAILED` with `path` and `cause`.
   */
  save(path: string): Promise<void>;
}

interface LayerState {
  name: string;
  color: FoliumColor;
  cluster: boolean;
  points: PointRecord[];
}

function toE5(value: number): number {
  return Math.round(value * 1e5);
}

function optional(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : String(text);
}

/**
 * Create a map builder for geolocated indicators, rendered as one standalone offline HTML file.
 *
 * Base layer: Natural Earth country outlines from world-atlas (no tile server unless
 * `options.tiles` is given). Markers: folium palette colours, marker clusters
 * (leaflet.markercluster, chunked loading), one layer per `layer` name.
 *
 * Every option is checked here, not later: a bad one throws at creation.
 *
 * @throws {@link MapError} `INVALID_OPTION`, with `path` the option (`zoom`, `tiles.url`,
 *   `attribution[0].text`, ...) and `value` the offending value, when `options` is not an object, holds
 *   an unknown key, or an option has the wrong type or range: `title` not a string, `zoom` not an
 *   integer 1..18, `center` not `[lat, lon]` in range, `tiles` not `{ url, attribution }` with an http(s)
 *   URL, `cluster` not a boolean, `attribution` not a list of `{ text, url? }`, `outlines` not
 *   `'110m'`, `'50m'` or `false`.
 * @example
 * ```ts
 * const map = createIocMap({ title: 'Feodo C2', attribution: [{ text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' }] });
 * map.addIpCluster(located, { color: 'red', layer: 'Dridex' }).centerMap();
 * await map.save('c2.html');
 * ```
 */
export function createIocMap(options?: IocMapOptions): IocMap {
  const checked = checkOptions(options);
  const { title, outlines, tiles, zoom } = checked;
  const clusterDefault = checked.cluster;
  let center = checked.center;
  const attributions: MapAttribution[] = [];
  const layers = new Map<string, LayerState>();
  let size = 0;

  function layerFor(style: LayerStyle | undefined, defaultName: string, cluster: boolean): LayerState {
    const name = style?.layer ?? defaultName;
    const color = assertFoliumColor(style?.color ?? 'red', name);
    const existing = layers.get(name);
    if (existing) {
      if ((style?.color !== undefined && existing.color !== color) || existing.cluster !== cluster) {
        throw new MapError(
          'LAYER_CONFLICT',
          `Layer ${JSON.stringify(name)} already exists as ${existing.color}${existing.cluster ? ' clustered' : ''} markers; use another layer name for ${color}${cluster ? ' clustered' : ''} markers.`,
          { layer: name, value: color },
        );
      }
      return existing;
    }
    const created: LayerState = { name, color, cluster, points: [] };
    layers.set(name, created);
    return created;
  }

  function addIpPoints(
    ips: readonly MapIp[],
    style: LayerStyle | undefined,
    cluster: boolean,
    method: string,
  ): void {
    checkStyle(style, method);
    const records: PointRecord[] = [];
    checkArray(ips, method, "{ ip: '192.0.2.1', latitude: 51.5, longitude: -0.09 }").forEach(
      (value, index) => {
        const ip = checkIp(value, index);
        records.push({
          lat: toE5(ip.latitude),
          lon: toE5(ip.longitude),
          ip: String(ip.ip),
          cc: optional(ip.countryCode),
          country: optional(ip.countryName),
          region: optional(ip.state),
          city: optional(ip.city),
          network: optional(ip.network),
          asn: ip.asn === undefined ? undefined : String(ip.asn),
          org: optional(ip.asOrganization),
          fields: ip.fields,
        });
      },
    );
    const layer = layerFor(style, 'IP addresses', cluster);
    for (const r of records) layer.points.push(r);
    size += records.length;
  }

  function addLocationPoints(
    points: readonly unknown[],
    style: LayerStyle | undefined,
    defaultName: string,
  ): void {
    const records: PointRecord[] = [];
    points.forEach((value, index) => {
      const p = checkLocation(value, index);
      records.push({
        lat: toE5(p.latitude),
        lon: toE5(p.longitude),
        label: optional(p.label),
        fields: p.fields,
      });
    });
    const layer = layerFor(style, defaultName, clusterDefault);
    for (const r of records) layer.points.push(r);
    size += records.length;
  }

  const map: IocMap = {
    addIpCluster(ips, style) {
      addIpPoints(ips, style, clusterDefault, 'addIpCluster');
      return this;
    },
    addIps(ips, style) {
      addIpPoints(ips, style, false, 'addIps');
      return this;
    },
    addLocations(points, style) {
      checkStyle(style, 'addLocations');
      addLocationPoints(
        checkArray(points, 'addLocations', '{ latitude: 51.5, longitude: -0.09 }'),
        style,
        'Locations',
      );
      return this;
    },
    addGeoHashes(hashes, style) {
      checkStyle(style, 'addGeoHashes');
      const points = checkArray(hashes, 'addGeoHashes', "'u4pruydqqvj'").map((hash, index) => {
        try {
          const cell = decodeGeohash(hash as string);
          return { latitude: cell.latitude, longitude: cell.longitude, label: hash as string };
        } catch (e) {
          const message = (e as MapError).message;
          throw new MapError('INVALID_GEOHASH', `At index ${index}: ${message}`, { value: hash, index });
        }
      });
      addLocationPoints(points, style, 'Geohashes');
      return this;
    },
    centerMap() {
      const lats: number[] = [];
      const lons: number[] = [];
      for (const layer of layers.values()) {
        for (const p of layer.points) {
          lats.push(p.lat / 1e5);
          lons.push(p.lon / 1e5);
        }
      }
      if (lats.length > 0) center = [median(lats), median(lons)];
      return this;
    },
    addAttribution(value) {
      const attribution = checkAttribution(value, 'attribution');
      const dup = attributions.some((a) => a.text === attribution.text && a.url === attribution.url);
      if (!dup)
        attributions.push({
          text: attribution.text,
          ...(attribution.url === undefined ? {} : { url: attribution.url }),
        });
      return this;
    },
    get size() {
      return size;
    },
    toPayload() {
      const payload: MapPayload = {
        v: 1,
        title,
        view: {
          ...(center === undefined ? {} : { center: [center[0], center[1]] }),
          ...(zoom === undefined ? {} : { zoom }),
        },
        attribution: attributions.map((a) => ({ ...a })),
        layers: [...layers.values()].map((l) =>
          encodeLayer(
            { name: l.name, color: l.color, fill: FOLIUM_COLORS[l.color], cluster: l.cluster },
            l.points,
          ),
        ),
      };
      if (tiles) payload.tiles = { url: tiles.url, attribution: tiles.attribution };
      if (outlines !== false) payload.outlines = worldOutlines(outlines);
      return payload;
    },
    toHtml() {
      const assets = mapAssets();
      const payload = this.toPayload();
      return [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="@iocmap/map">',
        `<title>${escapeHtml(title)}</title>`,
        `<style>${styleForHtml(assets.leafletCss)}</style>`,
        `<style>${styleForHtml(assets.clusterCss)}</style>`,
        '<style>html,body,#iocmap{height:100%;width:100%;margin:0;padding:0}</style>',
        `<script>${scriptForHtml(assets.leafletJs)}</script>`,
        `<script>${scriptForHtml(assets.clusterJs)}</script>`,
        '</head>',
        '<body>',
        '<div id="iocmap"></div>',
        `<script type="application/json" id="iocmap-data">${jsonForScript(payload)}</script>`,
        '<script type="module">',
        scriptForHtml(assets.clientJs),
        "window.__iocmap = renderIocMap(document.getElementById('iocmap'), JSON.parse(document.getElementById('iocmap-data').textContent), { L: window.L });",
        '</script>',
        '</body>',
        '</html>',
        '',
      ].join('\n');
    },
    async save(path) {
      const html = this.toHtml();
      const tmp = join(
        dirname(path),
        `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
      );
      try {
        await writeFile(tmp, html, 'utf8');
        await rename(tmp, path);
      } catch (cause) {
        await unlink(tmp).catch(() => undefined);
        throw new MapError(
          'WRITE_FAILED',
          `Cannot write map to ${JSON.stringify(path)}: ${(cause as Error).message}. Check the directory exists and is writable.`,
          { path, cause },
        );
      }
    },
  };
  for (const a of checked.attribution) map.addAttribution(a);
  return map;
}
