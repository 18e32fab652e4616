/**
 * `@iocmap/map/browser`: draw a map payload into a page element, so other tools
 * can embed the map without writing a file. Needs no Node built-ins.
 *
 * @example
 * ```ts
 * import L from 'leaflet';
 * import 'leaflet.markercluster';
 * import { renderIocMap } from '@iocmap/map/browser';
 * renderIocMap(document.getElementById('map')!, payload, { L });
 * ```
 *
 * Failures throw the package's one error class, {@link MapError} (plain
 * JavaScript, so the standalone page and this entry share it): `INVALID_PAYLOAD`.
 */

export type { MapErrorCode, MapErrorContext } from './client/map-error.js';
export { MapError } from './client/map-error.js';
export type { DecodedLayer, IocMapView } from './client/render.js';
export { decodeLayer, decodePayload, escapeHtml, renderIocMap, unpackIntegers } from './client/render.js';
export type { MapPayload, PayloadColumn, PayloadLayer, PayloadPoint } from './payload.js';
