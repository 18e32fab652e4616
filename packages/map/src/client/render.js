// @ts-check
/// <reference types="leaflet.markercluster" />
// The map's browser renderer. Plain browser JavaScript with JSDoc types and no
// imports, because the same text is inlined into the standalone HTML page by
// `toHtml()` and exported by `@iocmap/map/browser`. Every text that comes from
// the payload reaches the DOM through `textContent`; the few HTML strings
// Leaflet requires (layer control labels, attributions) go through `escapeHtml`.
// Its one import, MapError, is a file of the same kind: the page inlines that
// file first and drops this line (src/internal/assets.ts).
import { formatValue, MapError, redactQuery } from './map-error.js';

/** @typedef {import('../payload.js').MapPayload} MapPayload */
/** @typedef {import('../payload.js').PayloadLayer} PayloadLayer */
/** @typedef {import('../payload.js').PayloadPoint} PayloadPoint */
/** @typedef {typeof import('leaflet')} Leaflet */

/**
 * A payload layer decoded for reading: groups (markers) and their points.
 * @typedef {object} DecodedLayer
 * @property {string} name Layer name.
 * @property {string} color folium colour name.
 * @property {string} fill Hex fill (validated `#rrggbb`).
 * @property {boolean} cluster Whether the layer is a marker cluster.
 * @property {number} groups Number of distinct coordinates (markers).
 * @property {number} total Number of points.
 * @property {(group: number) => number} latitude Latitude of a group, degrees.
 * @property {(group: number) => number} longitude Longitude of a group, degrees.
 * @property {(group: number) => number} count Points in a group.
 * @property {(group: number, from?: number, to?: number) => PayloadPoint[]} points The points of a group, in input order; `from`/`to` select a range (0-based, `to` exclusive).
 * @property {(key: string, index: number) => string | undefined} value Column value of point `index`.
 */

/**
 * What {@link renderIocMap} returns: the Leaflet map and read-only state.
 * @typedef {object} IocMapView
 * @property {import('leaflet').Map} map The Leaflet map.
 * @property {{ name: string, color: string, points: number, markers: number, layer: import('leaflet').FeatureGroup }[]} layers Layers as drawn.
 * @property {number} points Number of points (located IPs and locations) drawn.
 * @property {boolean} ready Whether every marker has been added (chunked loading done).
 * @property {number | undefined} readyAt `performance.now()` when ready, ms.
 * @property {Promise<void>} whenReady Settles when ready.
 */

const HEX = /^#[0-9a-f]{6}$/i;

/** @type {Record<string, keyof PayloadPoint>} */
const STANDARD_KEYS = {
  ip: 'ip',
  label: 'label',
  cc: 'countryCode',
  country: 'countryName',
  region: 'state',
  city: 'city',
  network: 'network',
  asn: 'asn',
  org: 'asOrganization',
};

/**
 * Escape text for HTML content or a double-quoted attribute.
 * @param {string} text
 * @returns {string}
 */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 64; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

/**
 * Reject a malformed payload with `INVALID_PAYLOAD`, naming where and what.
 * @param {string} path Where in the payload, e.g. `layers[0].lat`.
 * @param {string} expected What was expected there.
 * @param {unknown} value What was found.
 * @returns {never}
 */
function badPayload(path, expected, value) {
  throw new MapError(
    'INVALID_PAYLOAD',
    `Invalid map payload: ${path} must be ${expected}, got ${formatValue(value)}. Pass the object IocMap.toPayload() returned (payload format version 1), unchanged.`,
    { path, value },
  );
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PACKED = /^[A-Za-z0-9_-]*$/;

/**
 * Check a packed integer string: base-64 digits only, a whole number of `width`-digit integers.
 * @param {unknown} text
 * @param {number} width
 * @param {string} path
 * @returns {string}
 */
function packed(text, width, path) {
  if (typeof text !== 'string' || text.length % width !== 0 || !PACKED.test(text))
    badPayload(path, `a string of ${width}-digit base-64 integers (A-Z a-z 0-9 - _)`, text);
  return text;
}

/**
 * Read integers written as fixed-width base-64 digits (most significant first).
 * @param {string} text
 * @param {number} width Digits per integer.
 * @returns {Float64Array}
 */
export function unpackIntegers(text, width) {
  const n = Math.floor(text.length / width);
  const out = new Float64Array(n);
  for (let i = 0, c = 0; i < n; i++) {
    let v = 0;
    for (let d = 0; d < width; d++, c++) v = v * 64 + (DIGIT_VALUE[text.charCodeAt(c) & 127] ?? 0);
    out[i] = v;
  }
  return out;
}

/**
 * Decode one payload layer (see `MapPayload` for the format), checking its shape first.
 * @param {PayloadLayer} layer
 * @param {string} [path] Where the layer sits, for error messages. Default `layer`.
 * @returns {DecodedLayer}
 * @throws {MapError} `INVALID_PAYLOAD` naming the path of the first malformed part
 *   (coordinates not packed or out of range, counts not matching, a column of the wrong shape or length).
 */
export function decodeLayer(layer, path = 'layer') {
  if (!isObject(layer)) badPayload(path, 'a layer object', layer);
  if (typeof layer.name !== 'string') badPayload(`${path}.name`, 'a string', layer.name);
  if (typeof layer.color !== 'string') badPayload(`${path}.color`, 'a string', layer.color);
  const lat = unpackIntegers(packed(layer.lat, 5, `${path}.lat`), 5);
  const lon = unpackIntegers(packed(layer.lon, 5, `${path}.lon`), 5);
  const groups = lat.length;
  if (lon.length !== groups)
    badPayload(`${path}.lon`, `${groups} coordinates (as many as ${path}.lat)`, `${lon.length} coordinates`);
  for (let g = 0; g < groups; g++) {
    const a = lat[g] ?? 0;
    const o = lon[g] ?? 0;
    if (a > 18_000_000) badPayload(`${path}.lat[${g}]`, 'within -90..90 degrees', (a - 9_000_000) / 1e5);
    if (o > 36_000_000) badPayload(`${path}.lon[${g}]`, 'within -180..180 degrees', (o - 18_000_000) / 1e5);
  }
  const counts = layer.count;
  if (typeof counts === 'number') {
    if (counts !== groups) badPayload(`${path}.count`, `${groups} (the number of coordinates)`, counts);
  } else if (
    !Array.isArray(counts) ||
    counts.length !== groups ||
    !counts.every((n) => Number.isInteger(n) && n >= 1)
  ) {
    badPayload(`${path}.count`, `${groups} or a list of ${groups} positive integers`, counts);
  }
  /** @type {(g: number) => number} */
  const countOf = typeof counts === 'number' ? () => 1 : (g) => counts[g] ?? 0;
  const starts = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) starts[g + 1] = (starts[g] ?? 0) + countOf(g);
  const total = starts[groups] ?? 0;
  if (!Array.isArray(layer.columns)) badPayload(`${path}.columns`, 'a list of columns', layer.columns);
  /** @type {Map<string, (i: number) => string | undefined>} */
  const getters = new Map();
  layer.columns.forEach((/** @type {unknown} */ column, c) => {
    const at = `${path}.columns[${c}]`;
    if (!isObject(column) || typeof column.key !== 'string')
      badPayload(at, 'a column with a string key', column);
    if (typeof column.text === 'string' && typeof column.sep === 'string' && column.sep.length > 0) {
      const values = column.text.split(column.sep);
      // One value per point; n points joined give n values, but zero points give [''].
      if (values.length !== Math.max(total, 1))
        badPayload(`${at}.text`, `${total} values`, `${values.length} values`);
      getters.set(column.key, (i) => values[i] || undefined);
    } else if (Array.isArray(column.values)) {
      const values = column.values;
      if (values.length !== total || !values.every((v) => v === null || typeof v === 'string'))
        badPayload(`${at}.values`, `a list of ${total} strings or nulls`, values);
      getters.set(column.key, (i) => values[i] ?? undefined);
    } else if (Array.isArray(column.dict) && Number.isInteger(column.width) && column.width >= 1) {
      const dict = column.dict;
      if (!dict.every((v) => typeof v === 'string')) badPayload(`${at}.dict`, 'a list of strings', dict);
      const index = unpackIntegers(packed(column.index, column.width, `${at}.index`), column.width);
      if (index.length !== total) badPayload(`${at}.index`, `${total} indices`, `${index.length} indices`);
      for (let i = 0; i < index.length; i++)
        if ((index[i] ?? 0) > dict.length)
          badPayload(`${at}.index[${i}]`, `at most ${dict.length}`, index[i]);
      getters.set(column.key, (i) => {
        const k = index[i] ?? 0;
        return k > 0 ? dict[k - 1] : undefined;
      });
    } else {
      badPayload(at, 'a column { key, sep, text }, { key, values } or { key, dict, width, index }', column);
    }
  });
  /** @type {(key: string, i: number) => string | undefined} */
  const value = (key, i) => {
    const get = getters.get(key);
    return get ? get(i) : undefined;
  };
  /** @type {(g: number) => number} */
  const latitude = (g) => ((lat[g] ?? 0) - 9_000_000) / 1e5;
  /** @type {(g: number) => number} */
  const longitude = (g) => ((lon[g] ?? 0) - 18_000_000) / 1e5;
  return {
    name: String(layer.name),
    color: String(layer.color),
    fill: HEX.test(layer.fill) ? layer.fill : '#d63e2a',
    cluster: layer.cluster === true,
    groups,
    total,
    latitude,
    longitude,
    count: countOf,
    value,
    points(g, from = 0, to = Number.POSITIVE_INFINITY) {
      /** @type {PayloadPoint[]} */
      const out = [];
      const groupStart = starts[g] ?? 0;
      const groupEnd = starts[g + 1] ?? groupStart;
      const start = groupStart + Math.max(0, from);
      const end = Math.min(groupEnd, groupStart + to);
      for (let i = start; i < end; i++) {
        /** @type {PayloadPoint} */
        const p = { latitude: latitude(g), longitude: longitude(g), fields: {} };
        /** @type {Record<string, unknown>} */
        const rec = /** @type {any} */ (p);
        for (const [key, get] of getters) {
          const v = get(i);
          if (v === undefined) continue;
          const std = STANDARD_KEYS[key];
          if (std === 'asn') rec.asn = Number(v);
          else if (std !== undefined) rec[std] = v;
          // defineProperty: a field named `__proto__` stays a plain field.
          else if (key.startsWith('f:'))
            Object.defineProperty(p.fields, key.slice(2), {
              value: v,
              enumerable: true,
              writable: true,
              configurable: true,
            });
        }
        out.push(p);
      }
      return out;
    },
  };
}

/**
 * Decode every layer of a payload, checking its format version and shape first.
 * @param {MapPayload} payload What `IocMap.toPayload()` returned (format version 1).
 * @returns {DecodedLayer[]}
 * @throws {MapError} `INVALID_PAYLOAD` when the payload is not an object, its `v` is not 1,
 *   or a part is malformed (the message and `path` name the first such part, e.g. `layers[0].lat`).
 */
export function decodePayload(payload) {
  if (!isObject(payload)) badPayload('payload', 'an object', payload);
  if (payload.v !== 1)
    badPayload(
      'v',
      '1 (the only format version this renderer reads; render the payload with the @iocmap/map version that wrote it)',
      payload.v,
    );
  if (!Array.isArray(payload.layers)) badPayload('layers', 'a list of layers', payload.layers);
  return payload.layers.map((/** @type {PayloadLayer} */ layer, i) => decodeLayer(layer, `layers[${i}]`));
}

/**
 * Check the parts of a payload besides its layers: title, view, tiles, attribution, outlines.
 * @param {MapPayload} payload
 */
function checkPayloadExtras(payload) {
  if (typeof payload.title !== 'string') badPayload('title', 'a string', payload.title);
  const view = payload.view;
  if (view !== undefined) {
    if (!isObject(view)) badPayload('view', 'an object { center?, zoom? }', view);
    const c = view.center;
    if (
      c !== undefined &&
      !(Array.isArray(c) && c.length === 2 && Math.abs(c[0]) <= 90 && Math.abs(c[1]) <= 180)
    )
      badPayload('view.center', '[latitude, longitude] in degrees', c);
    if (view.zoom !== undefined && !(Number.isInteger(view.zoom) && view.zoom >= 1 && view.zoom <= 18))
      badPayload('view.zoom', 'an integer 1..18', view.zoom);
  }
  // The tile URL may carry an API key in its query: never shown whole.
  const tiles = payload.tiles;
  if (tiles !== undefined) {
    if (!isObject(tiles))
      badPayload(
        'tiles',
        'an object { url, attribution } of strings',
        typeof tiles === 'string' ? redactQuery(tiles) : tiles,
      );
    if (typeof tiles.url !== 'string') badPayload('tiles.url', 'a string', tiles.url);
    if (typeof tiles.attribution !== 'string') badPayload('tiles.attribution', 'a string', tiles.attribution);
  }
  const attribution = payload.attribution;
  if (attribution !== undefined) {
    if (!Array.isArray(attribution)) badPayload('attribution', 'a list', attribution);
    attribution.forEach((/** @type {unknown} */ a, i) => {
      if (!isObject(a) || typeof a.text !== 'string' || !(a.url === undefined || typeof a.url === 'string'))
        badPayload(`attribution[${i}]`, 'an object { text, url? } of strings', a);
    });
  }
  const outlines = payload.outlines;
  if (outlines !== undefined) {
    if (!Array.isArray(outlines)) badPayload('outlines', 'a list of polygons', outlines);
    outlines.forEach((/** @type {unknown} */ rings, p) => {
      if (!Array.isArray(rings) || !rings.every((ring) => Array.isArray(ring) && ring.every(Number.isFinite)))
        badPayload(`outlines[${p}]`, 'a list of rings of numbers', rings);
    });
  }
}

const CSS = `
.iocmap.leaflet-container{background:#cddff0;font:12px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
.iocmap-marker{background:none;border:none}
.iocmap-pin{display:block;overflow:visible;filter:drop-shadow(0 1px 1px rgba(0,0,0,.45))}
.iocmap-cluster{background:none;border:none}
.iocmap-ring{width:100%;height:100%;border-radius:50%;display:flex;align-items:center;justify-content:center}
.iocmap-ring>div{width:76%;height:76%;border-radius:50%;display:flex;align-items:center;justify-content:center;font-weight:600}
.iocmap-popup table{border-collapse:collapse}
.iocmap-popup th{text-align:left;padding:1px 8px 1px 0;color:#555;font-weight:600;vertical-align:top;white-space:nowrap}
.iocmap-popup td{padding:1px 0;word-break:break-word}
.iocmap-popup h4{margin:0 0 4px;font-size:13px}
.iocmap-popup details{margin:2px 0}
.iocmap-popup summary{cursor:pointer}
.iocmap-popup button{margin-top:4px}
.iocmap-box{background:#fff;padding:6px 8px;border-radius:5px;box-shadow:0 1px 5px rgba(0,0,0,.4);max-width:280px}
.iocmap-title{font-size:15px;font-weight:600}
.iocmap-swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;border:1px solid rgba(0,0,0,.35);vertical-align:-1px}
.iocmap-summary{width:250px}
.iocmap-summary summary{font-weight:600;cursor:pointer}
.iocmap-summary h5{margin:6px 0 2px;font-size:12px}
.iocmap-row{display:grid;grid-template-columns:90px 1fr auto;gap:4px;align-items:center;margin:1px 0}
.iocmap-row span:first-child{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.iocmap-bar{height:9px;background:#5b8fc7;border-radius:2px;min-width:1px}
.iocmap-more{color:#555;margin-top:2px}
`;

/**
 * Black or white, whichever reads better on `fill`.
 * @param {string} fill `#rrggbb`
 */
function ink(fill) {
  const n = Number.parseInt(fill.slice(1), 16);
  const luma = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return luma > 150 ? '#222' : '#fff';
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Place text: city, country.
 * @param {PayloadPoint} p
 */
function place(p) {
  return [p.city, p.countryName ?? p.countryCode].filter(Boolean).join(', ');
}

/**
 * Labelled fields of one point, as a table built with textContent.
 * @param {PayloadPoint} p
 */
function fieldTable(p) {
  const table = el('table');
  /** @param {string} label @param {string | undefined} value */
  const row = (label, value) => {
    if (value === undefined || value === '') return;
    const tr = el('tr');
    tr.append(el('th', undefined, label), el('td', undefined, value));
    table.append(tr);
  };
  row('IP', p.ip);
  row('Label', p.label);
  const country =
    p.countryName && p.countryCode ? `${p.countryName} (${p.countryCode})` : (p.countryName ?? p.countryCode);
  row('Country', country);
  row('Region', p.state);
  row('City', p.city);
  row('Lat/Lon', `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`);
  row('Network', p.network);
  const asn =
    p.asn !== undefined ? `AS${p.asn}${p.asOrganization ? ` ${p.asOrganization}` : ''}` : p.asOrganization;
  row('ASN', asn);
  for (const [name, value] of Object.entries(p.fields)) row(name, value);
  return table;
}

/**
 * Popup content for one marker: the fields of its point, or a paged list when
 * several points share the coordinate.
 * @param {DecodedLayer} layer
 * @param {number} g
 */
function popupContent(layer, g) {
  const box = el('div', 'iocmap-popup');
  // Points are decoded a page at a time: one coordinate may hold tens of thousands.
  const total = layer.count(g);
  const first = layer.points(g, 0, 1)[0];
  if (!first) return box;
  if (total === 1) {
    box.append(fieldTable(first));
    return box;
  }
  const noun = first.ip !== undefined ? 'IPs' : 'points';
  box.append(
    el(
      'h4',
      undefined,
      `${total} ${noun} at ${layer.latitude(g).toFixed(5)}, ${layer.longitude(g).toFixed(5)}`,
    ),
  );
  const list = el('div');
  box.append(list);
  const page = 100;
  let shown = 0;
  const more = /** @type {HTMLButtonElement} */ (el('button'));
  more.type = 'button';
  const showMore = () => {
    for (const p of layer.points(g, shown, shown + page)) {
      shown++;
      const details = el('details');
      details.append(
        el('summary', undefined, [p.ip ?? p.label ?? `#${shown}`, place(p)].filter(Boolean).join(' · ')),
      );
      details.append(fieldTable(p));
      list.append(details);
    }
    if (shown >= total) more.remove();
    else more.textContent = `Show ${Math.min(page, total - shown)} more of ${total - shown}`;
  };
  more.addEventListener('click', (e) => {
    e.stopPropagation();
    showMore();
  });
  box.append(more);
  showMore();
  return box;
}

/**
 * Tooltip text for one marker: IP (or count), city, country.
 * @param {DecodedLayer} layer
 * @param {number} g
 */
function tooltipContent(layer, g) {
  const total = layer.count(g);
  const first = layer.points(g, 0, 1)[0];
  if (!first) return el('span');
  const head =
    total > 1 ? `${total} ${first.ip !== undefined ? 'IPs' : 'points'}` : (first.ip ?? first.label ?? '');
  return el('span', undefined, [head, place(first)].filter(Boolean).join(' · '));
}

/**
 * Pin marker SVG in a layer colour; shows the count when several points share the marker.
 * Built only from constants and numbers, never from payload text.
 * @param {string} fill
 * @param {number} count
 */
function pinSvg(fill, count) {
  const centre =
    count > 1
      ? `<circle cx="12" cy="12" r="8" fill="#fff"/><text x="12" y="15.5" text-anchor="middle" font-size="${count > 999 ? 6 : count > 99 ? 7.5 : 9}" font-weight="700" fill="#222">${count > 9999 ? '10k+' : count}</text>`
      : '<circle cx="12" cy="12" r="4.5" fill="#fff"/>';
  return `<svg class="iocmap-pin" data-count="${count}" width="24" height="36" viewBox="0 0 24 36"><path d="M12 .5C5.6.5.5 5.6.5 12c0 8.6 11.5 23.5 11.5 23.5S23.5 20.6 23.5 12C23.5 5.6 18.4.5 12 .5z" fill="${fill}" stroke="rgba(0,0,0,.45)"/>${centre}</svg>`;
}

/**
 * Draw a payload into `element` with Leaflet and leaflet.markercluster: country
 * outlines (or tiles), one layer per payload layer (clusters whose counts add up
 * to the points, markers whose popups list the labelled fields), a layer control,
 * a legend, a summary panel with counts by country and by layer, and attributions.
 *
 * @param {HTMLElement} element Container; give it a height.
 * @param {MapPayload} payload The map payload (`IocMap.toPayload()`).
 * @param {{ L: Leaflet }} options `L`: Leaflet with leaflet.markercluster loaded (`L.markerClusterGroup`).
 * @returns {IocMapView}
 * @throws {MapError} `INVALID_PAYLOAD` before drawing anything when `element` is not a DOM element
 *   (`path` `element`), `options.L` is not Leaflet (`options.L`), a clustered layer meets a Leaflet
 *   without leaflet.markercluster (`options.L.markerClusterGroup`), or the payload is malformed or not
 *   format version 1 (`path` names the part, e.g. `v`, `layers[0].lat`, `view.zoom`).
 * @example
 * ```js
 * import L from 'leaflet'; import 'leaflet.markercluster';
 * import { renderIocMap } from '@iocmap/map/browser';
 * const view = renderIocMap(document.getElementById('map'), payload, { L });
 * ```
 */
export function renderIocMap(element, payload, options) {
  if (
    typeof element !== 'object' ||
    element === null ||
    element.nodeType !== 1 ||
    typeof element.ownerDocument?.createElement !== 'function'
  ) {
    throw new MapError(
      'INVALID_PAYLOAD',
      `renderIocMap needs a DOM element to draw into, got ${formatValue(element)}; pass e.g. document.getElementById('map') after the element exists.`,
      { path: 'element', value: element },
    );
  }
  const L = isObject(options) || typeof options === 'function' ? options.L : undefined;
  if ((typeof L !== 'object' && typeof L !== 'function') || L === null || typeof L.map !== 'function') {
    throw new MapError(
      'INVALID_PAYLOAD',
      `renderIocMap needs Leaflet as options.L, got ${formatValue(L)}; pass { L } with L from \`import L from 'leaflet'\`.`,
      { path: 'options.L', value: L },
    );
  }
  const layers = decodePayload(payload);
  checkPayloadExtras(payload);
  if (layers.some((l) => l.cluster) && typeof L.markerClusterGroup !== 'function') {
    throw new MapError(
      'INVALID_PAYLOAD',
      "renderIocMap needs leaflet.markercluster loaded on options.L (L.markerClusterGroup is missing) to draw clustered layers; add `import 'leaflet.markercluster'` after importing Leaflet.",
      { path: 'options.L.markerClusterGroup' },
    );
  }
  const doc = element.ownerDocument;
  if (!doc.getElementById('iocmap-style')) {
    const style = doc.createElement('style');
    style.id = 'iocmap-style';
    style.textContent = CSS;
    doc.head.append(style);
  }
  element.classList.add('iocmap');
  const map = L.map(element, { minZoom: 1, maxZoom: 18, worldCopyJump: false, zoomSnap: 1 });

  // Initial view first: marker clusters need a zoom when added.
  const view = payload.view ?? {};
  /** @type {[number, number][]} */
  const coords = [];
  for (const layer of layers)
    for (let g = 0; g < layer.groups; g++) coords.push([layer.latitude(g), layer.longitude(g)]);
  if (view.center) map.setView(view.center, view.zoom ?? 2);
  else if (coords.length > 0) {
    const bounds = L.latLngBounds(coords);
    if (view.zoom !== undefined) map.setView(bounds.getCenter(), view.zoom);
    else map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8 });
  } else map.setView([20, 0], view.zoom ?? 2);

  if (payload.tiles && /^https?:\/\//i.test(payload.tiles.url)) {
    L.tileLayer(payload.tiles.url, { attribution: escapeHtml(payload.tiles.attribution), maxZoom: 18 }).addTo(
      map,
    );
  }
  if (payload.outlines) {
    const latlngs = payload.outlines.map((rings) =>
      rings.map((flat) => {
        /** @type {[number, number][]} */
        const ring = [];
        for (let i = 0; i + 1 < flat.length; i += 2)
          ring.push([(flat[i + 1] ?? 0) / 100, (flat[i] ?? 0) / 100]);
        return ring;
      }),
    );
    L.polygon(latlngs, {
      interactive: false,
      color: '#7d8a96',
      weight: 0.7,
      fillColor: '#f3f1ea',
      fillOpacity: payload.tiles ? 0 : 1,
      smoothFactor: 0.5,
    }).addTo(map);
  }
  for (const a of payload.attribution ?? []) {
    const text = escapeHtml(a.text);
    const url = typeof a.url === 'string' && /^https?:\/\//i.test(a.url) ? a.url : undefined;
    map.attributionControl.addAttribution(
      url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text,
    );
  }

  if (payload.title) {
    const titleControl = new L.Control({ position: 'topright' });
    titleControl.onAdd = () => el('div', 'iocmap-box iocmap-title', payload.title);
    titleControl.addTo(map);
  }

  /** @type {IocMapView} */
  const state = {
    map,
    layers: [],
    points: 0,
    ready: false,
    readyAt: undefined,
    whenReady: Promise.resolve(),
  };
  /** @type {Promise<void>[]} */
  const pending = [];
  /** @type {Record<string, import('leaflet').Layer>} */
  const overlays = {};

  for (const layer of layers) {
    const fill = layer.fill;
    /** @type {Map<number, import('leaflet').DivIcon>} */
    const icons = new Map();
    /** @param {number} n */
    const iconFor = (n) => {
      let icon = icons.get(n);
      if (!icon) {
        icon = L.divIcon({
          html: pinSvg(fill, n),
          className: 'iocmap-marker',
          iconSize: [24, 36],
          iconAnchor: [12, 36],
          popupAnchor: [0, -32],
          tooltipAnchor: [10, -20],
        });
        icons.set(n, icon);
      }
      return icon;
    };
    /** @type {import('leaflet').FeatureGroup} */
    let group;
    /** @type {(() => void) | undefined} */
    let done;
    pending.push(new Promise((resolve) => (done = resolve)));
    const markers = [];
    for (let g = 0; g < layer.groups; g++) {
      const marker = L.marker([layer.latitude(g), layer.longitude(g)], {
        icon: iconFor(layer.count(g)),
        keyboard: false,
      });
      const m = /** @type {any} */ (marker);
      m.iocmapGroup = g;
      m.iocmapWeight = layer.count(g);
      markers.push(marker);
    }
    if (layer.cluster) {
      const ringInk = ink(fill);
      group = L.markerClusterGroup({
        chunkedLoading: true,
        // Yield to the browser between 200 ms chunks, but only briefly: the page stays
        // responsive while 100,000 markers load, without idling between chunks.
        chunkDelay: 10,
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        maxClusterRadius: 60,
        chunkProgress: (processed, total) => {
          if (processed >= total && done) done();
        },
        iconCreateFunction: (cluster) => {
          let n = 0;
          for (const child of cluster.getAllChildMarkers()) n += /** @type {any} */ (child).iocmapWeight ?? 1;
          const size = n < 10 ? 34 : n < 100 ? 40 : n < 1000 ? 46 : 52;
          return L.divIcon({
            html: `<div class="iocmap-ring" style="background:${fill}55"><div style="background:${fill}e6;color:${ringInk}"><span data-count="${n}">${n}</span></div></div>`,
            className: 'iocmap-cluster',
            iconSize: [size, size],
          });
        },
      });
      group.addTo(map);
      /** @type {any} */ (group).addLayers(markers, true);
      if (markers.length === 0 && done) done();
    } else {
      group = L.featureGroup(markers).addTo(map);
      if (done) done();
    }
    group.on('click', (e) => {
      const marker = /** @type {any} */ (e.propagatedFrom ?? e.layer);
      if (!marker || marker.iocmapGroup === undefined) return;
      L.popup({ maxWidth: 380, maxHeight: 320, minWidth: 200 })
        .setLatLng(marker.getLatLng())
        .setContent(popupContent(layer, marker.iocmapGroup))
        .openOn(map);
    });
    group.on('mouseover', (e) => {
      const marker = /** @type {any} */ (e.propagatedFrom ?? e.layer);
      if (!marker || marker.iocmapGroup === undefined || marker.getTooltip()) return;
      marker.bindTooltip(tooltipContent(layer, marker.iocmapGroup), { direction: 'top' }).openTooltip();
    });
    overlays[`<span class="iocmap-swatch" style="background:${fill}"></span>${escapeHtml(layer.name)}`] =
      group;
    state.layers.push({
      name: layer.name,
      color: layer.color,
      points: layer.total,
      markers: layer.groups,
      layer: group,
    });
    state.points += layer.total;
  }

  if (layers.length > 0) {
    L.control.layers({}, overlays, { collapsed: layers.length > 8 }).addTo(map);
    addSummary(L, map, layers);
  }

  state.whenReady = Promise.all(pending).then(() => {
    state.ready = true;
    state.readyAt = performance.now();
  });
  return state;
}

/**
 * Summary panel: counts by layer (a legend with colours) and the top countries, as bars.
 * The total and the country chart count distinct IPs: an IP in several layers is drawn
 * once per layer but counted once, with the country of its first point. Points added
 * without an IP (locations) count one each. The layer chart counts each layer's points.
 * @param {Leaflet} L
 * @param {import('leaflet').Map} map
 * @param {DecodedLayer[]} layers
 */
function addSummary(L, map, layers) {
  /** @type {Map<string, number>} */
  const byCountry = new Map();
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {Set<string>} */
  const shared = new Set();
  let ips = 0;
  let others = 0;
  for (const layer of layers) {
    for (let i = 0; i < layer.total; i++) {
      const ip = layer.value('ip', i);
      if (ip === undefined) others++;
      else {
        if (seen.has(ip)) {
          shared.add(ip);
          continue;
        }
        seen.add(ip);
        ips++;
      }
      const name = layer.value('country', i) ?? layer.value('cc', i);
      if (name === undefined) continue;
      byCountry.set(name, (byCountry.get(name) ?? 0) + 1);
    }
  }
  /** @type {(n: number, noun: string) => string} */
  const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const heading =
    ips === 0
      ? count(others, 'point')
      : others === 0
        ? count(ips, 'IP')
        : `${count(ips, 'IP')}, ${count(others, 'other point')}`;
  const control = new L.Control({ position: 'bottomleft' });
  control.onAdd = () => {
    const box = el('details', 'iocmap-box iocmap-summary');
    /** @type {HTMLDetailsElement} */ (box).open = true;
    box.append(el('summary', undefined, heading));
    /**
     * @param {string} heading
     * @param {[string, number, string?][]} rows
     */
    const chart = (heading, rows) => {
      if (rows.length === 0) return;
      box.append(el('h5', undefined, heading));
      const max = Math.max(...rows.map((r) => r[1]));
      for (const [label, n, colour] of rows) {
        const row = el('div', 'iocmap-row');
        const name = el('span', undefined, label);
        name.title = label;
        const bar = el('div', 'iocmap-bar');
        bar.style.width = `${Math.max(1, Math.round((n / max) * 100))}%`;
        if (colour) bar.style.background = colour;
        row.append(name, bar, el('span', undefined, String(n)));
        box.append(row);
      }
    };
    chart(
      'By layer',
      layers.map((l) => [l.name, l.total, l.fill]),
    );
    // Say why the layer bars add up to more than the total.
    if (shared.size > 0)
      box.append(
        el('div', 'iocmap-more', `${count(shared.size, 'IP')} in more than one layer, counted in each`),
      );
    const top = [...byCountry.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    /** @type {[string, number][]} */
    const rows = top.slice(0, 10);
    chart('By country', rows);
    const rest = top.slice(10).reduce((s, [, n]) => s + n, 0);
    // The remainder is a note, not a bar: it would dwarf the top ten.
    if (rest > 0) box.append(el('div', 'iocmap-more', `${top.length - 10} more countries: ${rest}`));
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
}
