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
  const rows = results.map(toGeoRow);
  const sink = await openOutput(options.output, context.io.stdout, context.io.cwd);
  try {
    await sink.write(formatRows(rows, options.format));
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Render geoip rows in one of the output formats. */
export function formatRows(rows: readonly GeoRow[], format: GeoipFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows)}\n`;
    case 'jsonl':
      return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
    case 'csv':
      return stringify([
        GEO_COLUMNS as string[],
        ...rows.map((row) => GEO_COLUMNS.map((column) => String(row[column] ?? ''))),
      ]);
    case 'geojson':
      // RFC 7946: positions are [longitude, latitude].
      return `${JSON.stringify({
        type: 'FeatureCollection',
        features: rows.filter(isLocated).map((row) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [row.longitude, row.latitude] },
          properties: row,
        })),
      })}\n`;
  }
}
