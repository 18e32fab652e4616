// @ts-check
// The one error class of @iocmap/map, in plain JavaScript with no imports: the
// Node builder throws it, and so does the browser renderer, whose text is
// inlined into every standalone page (see src/internal/assets.ts), so both
// sides share one class and one code table.

/**
 * Stable codes carried by {@link MapError}.
 *
 * | code | when |
 * |---|---|
 * | `INVALID_COLOR` | a layer colour is not one of `FOLIUM_COLORS` |
 * | `INVALID_COORDINATE` | a latitude is outside -90..90, a longitude outside -180..180, or either is not a finite number |
 * | `INVALID_GEOHASH` | a geohash is not a string, is empty or over 22 characters, or holds a character outside the geohash base-32 alphabet |
 * | `INVALID_OPTION` | an option of `createIocMap`, a layer style or an attribution is malformed, unknown or of the wrong type |
 * | `INVALID_POINT` | an `add*` method got no array, or an element that is not an object, lacks its `ip` string, or has a field of the wrong type |
 * | `INVALID_PAYLOAD` | the browser renderer got no element, no Leaflet with markercluster, or a payload that is not a version-1 map payload |
 * | `LAYER_CONFLICT` | a layer name is reused with a different colour or clustering |
 * | `ASSET_NOT_FOUND` | Leaflet, leaflet.markercluster or world-atlas cannot be read from the installed packages |
 * | `WRITE_FAILED` | the HTML file could not be written |
 *
 * @typedef {'INVALID_COLOR' | 'INVALID_COORDINATE' | 'INVALID_GEOHASH' | 'INVALID_OPTION' | 'INVALID_POINT' | 'INVALID_PAYLOAD' | 'LAYER_CONFLICT' | 'ASSET_NOT_FOUND' | 'WRITE_FAILED'} MapErrorCode
 */

/**
 * Context fields a {@link MapError} may carry.
 *
 * @typedef {object} MapErrorContext
 * @property {unknown} [value] The offending value, as given.
 * @property {string} [ip] The IP address of the offending point, when the point is an IP.
 * @property {number} [index] The 0-based position of the offending element in the array given.
 * @property {string} [path] The file path involved (for `WRITE_FAILED`, `ASSET_NOT_FOUND`), or the option path (e.g. `tiles.url`).
 * @property {string} [layer] The layer name involved.
 * @property {unknown} [cause] The underlying error.
 */

/**
 * The one error class of `@iocmap/map` (both entries); `code` is stable, `message` names the offending value and what to do.
 *
 * @example
 * ```ts
 * try { map.addIpCluster(ips, { color: 'teal' as FoliumColor }); }
 * catch (e) { if (e instanceof MapError && e.code === 'INVALID_COLOR') console.error(e.message); }
 * ```
 */
export class MapError extends Error {
  /**
   * @param {MapErrorCode} code Stable code, see {@link MapErrorCode}.
   * @param {string} message What was wrong, with the offending value, and what to do.
   * @param {MapErrorContext} [context] Context fields and `cause`.
   */
  constructor(code, message, context = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    /** @readonly @type {'MapError'} */
    this.name = 'MapError';
    /**
     * Stable machine-readable code; see {@link MapErrorCode}.
     * @readonly @type {MapErrorCode}
     */
    this.code = code;
    if ('value' in context) {
      /**
       * The offending value, as given (present when known).
       * @readonly @type {unknown}
       */
      this.value = context.value;
    }
    if (context.ip !== undefined) {
      /**
       * The IP address of the offending point, when known.
       * @readonly @type {string | undefined}
       */
      this.ip = context.ip;
    }
    if (context.index !== undefined) {
      /**
       * The 0-based position of the offending element in the array given, when any.
       * @readonly @type {number | undefined}
       */
      this.index = context.index;
    }
    if (context.path !== undefined) {
      /**
       * The file path or option path involved, when any.
       * @readonly @type {string | undefined}
       */
      this.path = context.path;
    }
    if (context.layer !== undefined) {
      /**
       * The layer name involved, when any.
       * @readonly @type {string | undefined}
       */
      this.layer = context.layer;
    }
  }
}

/**
 * Show an offending value in a message: strings JSON-quoted (so `'8'` reads
 * `"8"`, unlike the number `8`), numbers as written (`NaN` stays `NaN`), objects
 * as JSON, anything long cut to about 80 characters.
 *
 * @param {unknown} value
 * @returns {string}
 */
export function formatValue(value) {
  /** @type {string | undefined} */
  let text;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'function') text = 'a function';
  else if (typeof value === 'symbol') text = value.toString();
  else if (value === null || typeof value !== 'object') text = String(value);
  else if (Array.isArray(value)) {
    // Element by element, so [NaN, 0] reads [NaN, 0] and not JSON's [null,0].
    const shown = value.slice(0, 8).map((item) => (Array.isArray(item) ? 'an array' : formatValue(item)));
    text = `[${shown.join(',')}${value.length > 8 ? ',…' : ''}]`;
  } else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    if (text === undefined) text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * Hide query-string values of a URL: tile providers take API keys there
 * (`?apikey=...`), so a URL shown in a message goes through this first.
 *
 * @param {string} url
 * @returns {string}
 */
export function redactQuery(url) {
  return url.replace(/([?&][^=&#]*=)[^&#]*/g, '$1***');
}
