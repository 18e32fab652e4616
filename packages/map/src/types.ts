import type { FoliumColor } from './colors.js';

/**
 * A located IP as the CLI hands it over.
 *
 * Structural on purpose: `@iocmap/map` does not depend on `@iocmap/geoip`;
 * any object with these fields can be drawn. Coordinates are WGS 84 degrees.
 */
export interface MapIp {
  /** The IP address as text (IPv4 dotted quad or IPv6). */
  ip: string;
  /** Latitude, degrees, -90..90. */
  latitude: number;
  /** Longitude, degrees, -180..180. */
  longitude: number;
  /** ISO 3166-1 alpha-2 country code, e.g. `DE`. */
  countryCode?: string;
  /** Country name, e.g. `Germany`. */
  countryName?: string;
  /** Region / state / subdivision name. */
  state?: string;
  /** City name. */
  city?: string;
  /** The network (CIDR) the IP was found in, e.g. `203.0.113.0/24`. */
  network?: string;
  /** Autonomous system number. */
  asn?: number;
  /** The autonomous system's organisation. */
  asOrganization?: string;
  /** The input row's own fields (e.g. Feodo CSV: dst_port, c2_status, malware, first_seen_utc), shown labelled in the popup. */
  fields?: Record<string, string>;
}

/** A plain located point (not an IP): a site, a geohash centre, a coordinate from the input. */
export interface MapLocation {
  /** Latitude, degrees, -90..90. */
  latitude: number;
  /** Longitude, degrees, -180..180. */
  longitude: number;
  /** Short label shown in the tooltip and popup. */
  label?: string;
  /** The input row's own fields, shown labelled in the popup. */
  fields?: Record<string, string>;
}

/** A data attribution shown in Leaflet's attribution control, as a link when `url` is given. */
export interface MapAttribution {
  /** Text shown, e.g. `IP Geolocation by DB-IP`. */
  text: string;
  /** `http:` or `https:` URL the text links to. */
  url?: string;
}

/** A tile server, used only when asked for: the default base layer is offline country outlines. */
export interface MapTiles {
  /** Leaflet URL template, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`. */
  url: string;
  /** Attribution text the tile provider requires (shown as text, HTML-escaped). */
  attribution: string;
}

/** Options of {@link createIocMap}. */
export interface IocMapOptions {
  /** Page and map title. Default `IoC map`. */
  title?: string;
  /** Initial zoom level (Leaflet zoom, 1..18). Default: fit all points, or 2 when a centre is given. */
  zoom?: number;
  /** Initial centre `[latitude, longitude]`, degrees. Default: fit all points. */
  center?: [lat: number, lon: number];
  /** Draw this tile server under the outlines. Default: none (fully offline). */
  tiles?: MapTiles;
  /** Cluster the layers added by `addIpCluster`/`addLocations`/`addGeoHashes`. Default `true`. */
  cluster?: boolean;
  /** Data attributions, e.g. `{ text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' }`. */
  attribution?: MapAttribution[];
  /**
   * Country outline resolution from world-atlas (Natural Earth): `'110m'` (about 110 KB,
   * default), `'50m'` (about 500 KB, finer coasts), or `false` for none. Any other value,
   * `'10m'` included (a 3.6 MB topology that would dwarf the data in every page), throws
   * `INVALID_OPTION` at creation.
   */
  outlines?: '110m' | '50m' | false;
}

/** Style of one `add*` call: the layer it goes to and that layer's colour. */
export interface LayerStyle {
  /** folium palette colour name. Default `'red'` (as msticpy's `add_ip_cluster`). */
  color?: FoliumColor;
  /**
   * Layer name shown in the layer control, legend and summary. Calls with the same
   * name add to the same layer. Default: `IP addresses`, `Locations` or `Geohashes`.
   */
  layer?: string;
}
