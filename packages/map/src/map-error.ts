/**
 * Stable codes carried by {@link MapError}.
 *
 * | code | when |
 * |---|---|
 * | `INVALID_COLOR` | a layer colour is not one of {@link FOLIUM_COLORS} |
 * | `INVALID_COORDINATE` | a latitude is outside -90..90, a longitude outside -180..180, or either is not a finite number |
 * | `INVALID_GEOHASH` | a geohash is empty or holds a character outside the geohash base-32 alphabet |
 * | `INVALID_OPTION` | an option (zoom, centre, tiles URL, attribution URL) is malformed |
 * | `LAYER_CONFLICT` | a layer name is reused with a different colour or clustering |
 * | `ASSET_NOT_FOUND` | Leaflet, leaflet.markercluster or world-atlas cannot be read from the installed packages |
 * | `WRITE_FAILED` | the HTML file could not be written |
 */
export type MapErrorCode =
  | 'INVALID_COLOR'
  | 'INVALID_COORDINATE'
  | 'INVALID_GEOHASH'
  | 'INVALID_OPTION'
  | 'LAYER_CONFLICT'
  | 'ASSET_NOT_FOUND'
  | 'WRITE_FAILED';

/** Context fields a {@link MapError} may carry. */
export interface MapErrorContext {
  /** The offending value, as given. */
  value?: unknown;
  /** The IP address of the offending point, when the point is an IP. */
  ip?: string;
  /** The file path involved (for `WRITE_FAILED`, `ASSET_NOT_FOUND`). */
  path?: string;
  /** The layer name involved. */
  layer?: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one error class of `@iocmap/map`; `code` is stable, `message` names the offending value and what to do.
 *
 * @example
 * ```ts
 * try { map.addIpCluster(ips, { color: 'teal' as FoliumColor }); }
 * catch (e) { if (e instanceof MapError && e.code === 'INVALID_COLOR') console.error(e.message); }
 * ```
 */
export class MapError extends Error {
  override readonly name = 'MapError';
  /** Stable machine-readable code; see {@link MapErrorCode}. */
  readonly code: MapErrorCode;
  /** The offending value, as given. */
  readonly value?: unknown;
  /** The IP address of the offending point, when known. */
  readonly ip?: string;
  /** The file path involved, when any. */
  readonly path?: string;
  /** The layer name involved, when any. */
  readonly layer?: string;

  constructor(code: MapErrorCode, message: string, context: MapErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    if ('value' in context) this.value = context.value;
    if (context.ip !== undefined) this.ip = context.ip;
    if (context.path !== undefined) this.path = context.path;
    if (context.layer !== undefined) this.layer = context.layer;
  }
}
