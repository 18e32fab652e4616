import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import { MapError } from '../map-error.js';
import { type Ring, unwrapRing } from './antimeridian.js';

const require = createRequire(import.meta.url);

type Topology = Parameters<typeof feature>[0];
type TopoObject = Parameters<typeof feature>[1];

/** The fixed assets every page inlines, read once per process from the installed packages. */
export interface MapAssets {
  leafletJs: string;
  leafletCss: string;
  clusterJs: string;
  clusterCss: string;
  clientJs: string;
}

let cachedAssets: MapAssets | undefined;
const cachedOutlines = new Map<string, number[][][]>();

function read(specifier: string): string {
  let path = specifier;
  try {
    path = specifier.startsWith('/') ? specifier : require.resolve(specifier);
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new MapError(
      'ASSET_NOT_FOUND',
      `Cannot read map asset ${JSON.stringify(path)}; reinstall @iocmap/map so its dependencies (leaflet, leaflet.markercluster, world-atlas) are present.`,
      { path, cause },
    );
  }
}

/** Inline `url(images/x.png)` references of leaflet.css as data URIs so the page fetches nothing. */
function inlineCssImages(css: string, cssPath: string): string {
  return css.replace(/url\((['"]?)(images\/[\w.-]+\.png)\1\)/g, (_m, _q, rel: string) => {
    const png = readFileSync(join(dirname(cssPath), rel));
    return `url(data:image/png;base64,${png.toString('base64')})`;
  });
}

const CLIENT_IMPORT = /^import \{[^}]*\} from '\.\/map-error\.js';\r?\n/m;

/**
 * The renderer as one inline module script: an inline `<script type="module">`
 * cannot import a relative file, so the error module goes first and the
 * renderer's one import line is dropped.
 */
export function clientScript(errorJs: string, renderJs: string): string {
  if (!CLIENT_IMPORT.test(renderJs)) {
    throw new MapError(
      'ASSET_NOT_FOUND',
      'The map renderer (client/render.js) lacks its import of ./map-error.js; reinstall @iocmap/map.',
      { path: 'client/render.js' },
    );
  }
  return `${errorJs}\n${renderJs.replace(CLIENT_IMPORT, '')}`;
}

/** Leaflet, leaflet.markercluster and the client renderer, as text. */
export function mapAssets(): MapAssets {
  if (cachedAssets) return cachedAssets;
  const leafletCssPath = require.resolve('leaflet/dist/leaflet.css');
  cachedAssets = {
    leafletJs: read('leaflet/dist/leaflet.js'),
    leafletCss: inlineCssImages(read(leafletCssPath), leafletCssPath),
    clusterJs: read('leaflet.markercluster/dist/leaflet.markercluster.js'),
    clusterCss: `${read('leaflet.markercluster/dist/MarkerCluster.css')}\n${read('leaflet.markercluster/dist/MarkerCluster.Default.css')}`,
    // The same files back the `@iocmap/map/browser` entry: src/client/*.js
    // in source form, dist/client/*.js once built.
    clientJs: clientScript(
      read(fileURLToPath(new URL('../client/map-error.js', import.meta.url))),
      read(fileURLToPath(new URL('../client/render.js', import.meta.url))),
    ),
  };
  return cachedAssets;
}

/**
 * Convert world-atlas country polygons to the payload's outline form: rings of
 * integer 1e-2 degree `[lon, lat, ...]`, unwrapped across the antimeridian.
 */
export function outlinesFromTopology(topology: Topology): number[][][] {
  const countries = topology.objects['countries'] as TopoObject;
  const collection = feature(topology, countries) as GeoJSON.FeatureCollection | GeoJSON.Feature;
  const features = collection.type === 'FeatureCollection' ? collection.features : [collection];
  const polygons: number[][][] = [];
  for (const f of features) {
    const g = f.geometry;
    if (!g) continue;
    const list = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const polygon of list) {
      const rings: number[][] = [];
      for (const ring of polygon) {
        const flat: number[] = [];
        for (const [lon, lat] of unwrapRing(ring as Ring)) {
          const x = Math.round(lon * 100);
          const y = Math.round(lat * 100);
          const n = flat.length;
          if (n >= 2 && flat[n - 2] === x && flat[n - 1] === y) continue;
          flat.push(x, y);
        }
        if (flat.length >= 6) rings.push(flat);
      }
      if (rings.length > 0) polygons.push(rings);
    }
  }
  return polygons;
}

/** Country outlines at the given Natural Earth scale, cached per process. */
export function worldOutlines(scale: '110m' | '50m'): number[][][] {
  let outlines = cachedOutlines.get(scale);
  if (!outlines) {
    outlines = outlinesFromTopology(JSON.parse(read(`world-atlas/countries-${scale}.json`)) as Topology);
    cachedOutlines.set(scale, outlines);
  }
  return outlines;
}
