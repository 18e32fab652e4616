import { createGeoHost, type GeoResult } from '@iocmap/geoip';
import type { CommandContext } from './context.js';
import { createProgress } from './progress.js';
import type { ProviderChoice } from './provider.js';

/**
 * One row of `iocmap geoip` output: the IP, its type, and the location when
 * the provider knows it. Absent fields are omitted.
 */
export interface GeoRow {
  ip: string;
  ipType?: string;
  countryCode?: string;
  countryName?: string;
  state?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
  network?: string;
  asn?: number;
  asOrganization?: string;
  provider?: string;
}

const BATCH = 500;

/**
 * Look the IPs up with the chosen provider. Only public addresses reach the
 * provider (the host classifies them); the others come back with their type
 * and no location.
 */
export async function geolocate(
  ips: readonly string[],
  choice: ProviderChoice,
  context: CommandContext,
): Promise<GeoResult[]> {
  const host = createGeoHost({ provider: choice.provider });
  const progress = createProgress(context.io.stderr, {
    quiet: context.quiet,
    label: 'locating',
    total: ips.length,
    unit: 'items',
  });
  const results: GeoResult[] = [];
  try {
    for (let start = 0; start < ips.length; start += BATCH) {
      const batch = ips.slice(start, start + BATCH);
      results.push(...(await host.lookup(batch)));
      progress.increment(batch.length);
    }
  } finally {
    progress.stop();
    await host.dispose();
  }
  const failed = results.filter((result) => result.status === 'error');
  if (failed.length > 0 && !context.quiet) {
    const first = failed[0];
    context.io.stderr.write(
      `iocmap: warning: ${failed.length} of ${results.length} lookups failed (first: ${first?.ip ?? first?.input}: ${first?.reason ?? first?.code ?? 'unknown error'})\n`,
    );
  }
  return results;
}

/** The output row of one lookup result. */
export function toGeoRow(result: GeoResult): GeoRow {
  const row: GeoRow = { ip: result.ip ?? result.input };
  if (result.ipType !== undefined) row.ipType = result.ipType;
  const location = result.location;
  if (location) {
    if (location.countryCode !== undefined) row.countryCode = location.countryCode;
    if (location.countryName !== undefined) row.countryName = location.countryName;
    if (location.state !== undefined) row.state = location.state;
    if (location.city !== undefined) row.city = location.city;
    if (location.latitude !== undefined) row.latitude = location.latitude;
    if (location.longitude !== undefined) row.longitude = location.longitude;
    if (location.network !== undefined) row.network = location.network;
    if (location.asn !== undefined) row.asn = location.asn;
    if (location.asOrganization !== undefined) row.asOrganization = location.asOrganization;
  }
  if (result.status !== 'not_public' && result.status !== 'invalid' && result.provider !== undefined)
    row.provider = result.provider;
  return row;
}

/** True when a row has coordinates. */
export function isLocated(row: GeoRow): row is GeoRow & { latitude: number; longitude: number } {
  return typeof row.latitude === 'number' && typeof row.longitude === 'number';
}
