import { resolve } from 'node:path';
import { createIocMap, FOLIUM_COLORS, type FoliumColor, isFoliumColor, type MapIp } from '@iocmap/map';
import { CliError } from '../errors.js';
import {
  addFoundValue,
  collectIps,
  type FoundIp,
  MAX_POPUP_COLUMNS,
  MAX_POPUP_VALUES,
} from '../internal/collect-ips.js';
import type { CommandContext } from '../internal/context.js';
import { type GeoRow, geolocate, isLocated, toGeoRow } from '../internal/geolocate.js';
import { chooseProvider } from '../internal/provider.js';
import type { ProviderName } from '../internal/provider-names.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { checkOutputOption } from '../output/sink.js';

/** Options of `iocmap map`. */
export interface MapCommandOptions {
  output: string;
  db?: string[];
  config?: string;
  provider?: ProviderName;
  color?: string;
  title?: string;
  layerBy?: string;
  tiles?: string;
  tilesAttribution?: string;
  cluster: boolean;
  open?: boolean;
  ipColumn?: string;
}

/** What `iocmap map` did, for the summary and for callers such as `demo`. */
export interface MapSummary {
  /** Absolute path of the HTML file written. */
  path: string;
  indicators: number;
  ips: number;
  located: number;
  notPublic: number;
  notFound: number;
  /** Lookups the provider failed (listed without a location). */
  failed: number;
  /** Located IPs per country, most first: `[label, count]`. */
  countries: [string, number][];
}

/** The `--layer-by` layer of IPs whose value is empty or blank (`((empty))` if a real value is `(empty)`). */
export const EMPTY_LAYER = '(empty)';

/** Layer colours used in turn with `--layer-by` when no `--color` is given. */
const LAYER_PALETTE: FoliumColor[] = [
  'red',
  'blue',
  'green',
  'purple',
  'orange',
  'darkred',
  'cadetblue',
  'darkgreen',
  'pink',
  'darkblue',
  'gray',
  'black',
];

/**
 * `iocmap map`: extract, geolocate and write a standalone HTML map
 * atomically, then print a summary on stderr.
 */
export async function runMap(
  args: string[],
  options: MapCommandOptions,
  context: CommandContext,
): Promise<MapSummary> {
  if (options.color !== undefined && !isFoliumColor(options.color)) {
    throw new CliError(
      'USAGE',
      `unknown --color ${JSON.stringify(options.color)}; use one of: ${Object.keys(FOLIUM_COLORS).join(', ')}`,
      {
        value: options.color,
      },
    );
  }
  checkOutputOption(options.output);
  const outPath = resolve(context.io.cwd, options.output);
  const choice = await chooseProvider(options, context);
  const collected = await collectIps(
    args,
    {
      allTypes: true,
      output: options.output,
      ...(options.layerBy !== undefined ? { layerColumn: options.layerBy } : {}),
      ...(options.ipColumn !== undefined ? { ipColumn: options.ipColumn } : {}),
    },
    context,
  );
  if (options.layerBy !== undefined && !collected.columns.includes(options.layerBy)) {
    throw new CliError(
      'USAGE',
      collected.columns.length === 0
        ? `--layer-by ${JSON.stringify(options.layerBy)} needs a CSV source with a header row; none of the sources is one`
        : `--layer-by ${JSON.stringify(options.layerBy)} is not a column of the CSV input; its columns are: ${collected.columns.join(', ')}`,
      { value: options.layerBy },
    );
  }
  const { results, slotOf } = await geolocate(
    collected.ips.map((entry) => entry.ip),
    choice,
    context,
  );
  const rows = results.map(toGeoRow);
  // Inputs naming the same address (::ffff:1.1.1.1 and 1.1.1.1) share one
  // marker; their CSV context is merged.
  const foundBySlot: FoundIp[] = [];
  const caps = options.layerBy !== undefined ? { layerColumn: options.layerBy } : {};
  collected.ips.forEach((entry, index) => {
    const slot = slotOf[index] ?? index;
    const kept = foundBySlot[slot];
    if (!kept) {
      foundBySlot[slot] = entry;
      return;
    }
    for (const [column, values] of entry.fields) {
      for (const value of values) {
        if (!addFoundValue(kept, column, value, caps) && !kept.fields.has(column)) kept.moreColumns += 1;
      }
    }
    for (const [column, more] of entry.moreValues) {
      let keptMore = kept.moreValues.get(column);
      if (!keptMore) {
        keptMore = new Set();
        kept.moreValues.set(column, keptMore);
      }
      for (const value of more) if (!kept.fields.get(column)?.includes(value)) keptMore.add(value);
    }
    kept.moreColumns = Math.max(kept.moreColumns, entry.moreColumns);
  });
  if (collected.capped > 0 && !context.quiet) {
    context.io.stderr.write(
      `iocmap: map popups show at most ${MAX_POPUP_COLUMNS} columns and ${MAX_POPUP_VALUES} distinct values per column for each IP; ${collected.capped} IPs had more, marked "(+N more)"\n`,
    );
  }
  const map = createIocMap({
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.tiles !== undefined
      ? { tiles: { url: options.tiles, attribution: options.tilesAttribution ?? tileHost(options.tiles) } }
      : {}),
    cluster: options.cluster,
    attribution: choice.attribution.map((entry) => ({
      text: entry.text,
      ...(entry.url !== undefined ? { url: entry.url } : {}),
    })),
  });
  const layers = new Map<string, MapIp[]>();
  const defaultLayer = 'IP addresses';
  const layerBy = options.layerBy;
  // Values are trimmed; an IP with no non-blank value goes to the empty-value
  // layer, whose name is chosen so that no real value can share it. Every
  // value counts, also those past the popup cap.
  const layerValues = (found: FoundIp | undefined): string[] => {
    if (layerBy === undefined) return [defaultLayer];
    const values = new Set<string>();
    for (const value of found?.fields.get(layerBy) ?? []) {
      const trimmed = value.trim();
      if (trimmed) values.add(trimmed);
    }
    for (const value of found?.moreValues.get(layerBy) ?? []) {
      const trimmed = value.trim();
      if (trimmed) values.add(trimmed);
    }
    return [...values];
  };
  let emptyLayer = EMPTY_LAYER;
  const realValues = new Set(foundBySlot.flatMap((found) => layerValues(found)));
  while (realValues.has(emptyLayer)) emptyLayer = `(${emptyLayer})`;
  rows.forEach((row, index) => {
    if (!isLocated(row)) return;
    const found = foundBySlot[index];
    const point = toMapIp(row, found);
    const values = layerValues(found);
    const names = values.length > 0 ? values : [emptyLayer];
    for (const name of names) {
      let layer = layers.get(name);
      if (!layer) {
        layer = [];
        layers.set(name, layer);
      }
      layer.push(point);
    }
  });
  let index = 0;
  for (const [name, points] of layers) {
    const color =
      (options.color as FoliumColor | undefined) ??
      (options.layerBy !== undefined ? (LAYER_PALETTE[index % LAYER_PALETTE.length] ?? 'red') : 'red');
    index += 1;
    if (options.cluster) map.addIpCluster(points, { color, layer: name });
    else map.addIps(points, { color, layer: name });
  }
  map.centerMap();
  let html: string;
  try {
    html = map.toHtml();
  } catch (error) {
    // V8 caps one string near 512 MiB; the page is one string.
    if (!(error instanceof RangeError)) throw error;
    throw new CliError(
      'RUNTIME',
      `the map of ${map.size} markers in ${layers.size} layers is too large for one HTML page (${error.message}); split the input into smaller files${options.layerBy !== undefined ? ' or choose a --layer-by column with fewer values' : ''}`,
      { value: outPath, cause: error },
    );
  }
  await writeFileAtomic(outPath, html);

  const summary = summarise(
    outPath,
    collected.indicators,
    rows,
    results.map((result) => result.status),
  );
  if (!context.quiet) context.io.stderr.write(formatSummary(summary));
  if (options.open) await openQuietly(outPath, context);
  return summary;
}

function toMapIp(row: GeoRow & { latitude: number; longitude: number }, found: FoundIp | undefined): MapIp {
  const point: MapIp = { ip: row.ip, latitude: row.latitude, longitude: row.longitude };
  if (row.countryCode !== undefined) point.countryCode = row.countryCode;
  if (row.countryName !== undefined) point.countryName = row.countryName;
  if (row.state !== undefined) point.state = row.state;
  if (row.city !== undefined) point.city = row.city;
  if (row.network !== undefined) point.network = row.network;
  if (row.asn !== undefined) point.asn = row.asn;
  if (row.asOrganization !== undefined) point.asOrganization = row.asOrganization;
  if (found && found.fields.size > 0) {
    const fields: Record<string, string> = Object.create(null);
    for (const [column, values] of found.fields) {
      const more = found.moreValues.get(column)?.size ?? 0;
      fields[column] = more > 0 ? `${values.join('; ')}; (+${more} more)` : values.join('; ');
    }
    if (found.moreColumns > 0) fields['(more columns)'] = `(+${found.moreColumns} more)`;
    point.fields = fields;
  }
  return point;
}

function summarise(path: string, indicators: number, rows: GeoRow[], statuses: string[]): MapSummary {
  const countries = new Map<string, number>();
  let located = 0;
  for (const row of rows) {
    if (!isLocated(row)) continue;
    located += 1;
    const label = row.countryCode
      ? `${row.countryCode}${row.countryName ? ` ${row.countryName}` : ''}`
      : 'unknown';
    countries.set(label, (countries.get(label) ?? 0) + 1);
  }
  return {
    path,
    indicators,
    ips: rows.length,
    located,
    notPublic: statuses.filter((status) => status === 'not_public').length,
    notFound: statuses.filter((status) => status === 'not_found').length,
    failed: statuses.filter((status) => status === 'error').length,
    countries: [...countries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  };
}

/** The summary printed on stderr: one line of counts, then the top countries. */
export function formatSummary(summary: MapSummary): string {
  const lines = [
    `iocmap: ${summary.indicators} indicators found, ${summary.ips} IPs, ${summary.located} located, ${summary.notPublic} not public${
      summary.notFound > 0 ? `, ${summary.notFound} not found` : ''
    }${summary.failed > 0 ? `, ${summary.failed} failed` : ''} -> ${summary.path}`,
  ];
  const top = summary.countries.slice(0, 10);
  if (top.length > 0) {
    const width = Math.max(7, ...top.map(([label]) => label.length));
    lines.push(`  ${'country'.padEnd(width)}  IPs`);
    for (const [label, count] of top) lines.push(`  ${label.padEnd(width)}  ${String(count).padStart(3)}`);
    if (summary.countries.length > top.length)
      lines.push(`  (${summary.countries.length - top.length} more countries)`);
  }
  return `${lines.join('\n')}\n`;
}

function tileHost(url: string): string {
  const host = /^https?:\/\/([^/]+)/i.exec(url)?.[1] ?? url;
  return `Tiles: ${host.replace(/\{s\}\./, '')}`;
}

async function openQuietly(path: string, context: CommandContext): Promise<void> {
  try {
    if (context.io.openInBrowser) await context.io.openInBrowser(path);
    else {
      const { default: open } = await import('open');
      await open(path, { wait: false });
    }
  } catch (error) {
    if (!context.quiet) {
      context.io.stderr.write(
        `iocmap: could not open a browser (${error instanceof Error ? error.message : String(error)}); open ${path} yourself\n`,
      );
    }
  }
}
