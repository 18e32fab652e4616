import type { GeoResult } from '@iocmap/geoip';
import { stringify } from 'csv-stringify/sync';
import { collectIps } from '../internal/collect-ips.js';
import type { CommandContext } from '../internal/context.js';
import { type GeoRow, geolocate, isLocated, toGeoRow } from '../internal/geolocate.js';
import { chooseProvider } from '../internal/provider.js';
import type { ProviderName } from '../internal/provider-names.js';
import { checkOutputOption, openOutput } from '../output/sink.js';

/** Output formats of `iocmap geoip`. */
export type GeoipFormat = 'json' | 'jsonl' | 'csv' | 'geojson';

/** Options of `iocmap geoip`. */
export interface GeoipCommandOptions {
  db?: string[];
  config?: string;
  provider?: ProviderName;
  format: GeoipFormat;
  output?: string;
  ipColumn?: string;
}

/** Columns of `geoip --format csv`. */
export const GEO_COLUMNS: readonly (keyof GeoRow)[] = [
  'ip',
  'ipType',
  'countryCode',
  'countryName',
  'state',
  'city',
  'latitude',
  'longitude',
  'network',
  'asn',
  'asOrganization',
  'provider',
];

/** `iocmap geoip`: one record per unique canonical IP address, first-seen order. */
export async function runGeoip(
  args: string[],
  options: GeoipCommandOptions,
  context: CommandContext,
): Promise<void> {
  checkOutputOption(options.output);
  const choice = await chooseProvider(options, context);
  const { ips } = await collectIps(
    args,
    {
      allTypes: false,
      keepFields: false,
      ...(options.ipColumn !== undefined ? { ipColumn: options.ipColumn } : {}),
      ...(options.output !== undefined ? { output: options.output } : {}),
    },
    context,
  );
  const { results } = await geolocate(
    ips.map((entry) => entry.ip),
    choice,
    context,
  );
  const sink = await openOutput(options.output, context.io.stdout, context.io.cwd);
  try {
    for (const text of formatRows(results, options.format)) await sink.write(text);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Rows per write: output is written as it is formatted, never held whole in memory. */
const CHUNK_ROWS = 2000;

/**
 * Render lookup results as geoip rows in one of the output formats, in pieces
 * of {@link CHUNK_ROWS} rows; joined, the pieces are the whole document.
 */
export function* formatRows(results: readonly GeoResult[], format: GeoipFormat): Generator<string> {
  const [open, close, separator] =
    format === 'json'
      ? ['[', ']\n', ',']
      : format === 'geojson'
        ? ['{"type":"FeatureCollection","features":[', ']}\n', ',']
        : ['', '', ''];
  if (format === 'csv') yield stringify([GEO_COLUMNS as string[]]);
  else yield open;
  let first = true;
  for (let start = 0; start < results.length; start += CHUNK_ROWS) {
    let rows = results.slice(start, start + CHUNK_ROWS).map(toGeoRow);
    if (format === 'csv') {
      yield stringify(rows.map((row) => GEO_COLUMNS.map((column) => String(row[column] ?? ''))));
      continue;
    }
    if (format === 'jsonl') {
      yield rows.map((row) => `${JSON.stringify(row)}\n`).join('');
      continue;
    }
    if (format === 'geojson') rows = rows.filter(isLocated);
    if (rows.length === 0) continue;
    const items = rows.map((row) =>
      format === 'json'
        ? JSON.stringify(row)
        : // RFC 7946: positions are [longitude, latitude].
          JSON.stringify({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [row.longitude, row.latitude] },
            properties: row,
          }),
    );
    yield `${first ? '' : separator}${items.join(separator)}`;
    first = false;
  }
  yield close;
}
