import { createGeoHost, type GeoResult } from '@iocmap/geoip';
import { CliError } from '../errors.js';
import { withCircuitBreaker } from './circuit-breaker.js';
import type { CommandContext } from './context.js';
import { createProgress } from './progress.js';
import type { ProviderChoice } from './provider.js';
import { toCliError } from './to-cli-error.js';

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

/** What {@link geolocate} found: one result per unique canonical address. */
export interface Geolocated {
  /** One result per unique canonical address (`GeoResult.ip`), in first-seen order. */
  results: GeoResult[];
  /** For each input address, the index of its result in `results`. */
  slotOf: number[];
  /** Results with `status: 'error'` (a provider failure). */
  failed: number;
}

const BATCH = 500;
/** Failed lookups in a row after which a remote provider is given up on. */
export const MAX_CONSECUTIVE_FAILURES = 20;

/**
 * Look the IPs up with the chosen provider. Only public addresses reach the
 * provider (the host classifies them); the others come back with their type
 * and no location. Inputs that name the same address (`::ffff:1.1.1.1` and
 * `1.1.1.1`, `2001:DB8::1` and `2001:db8:0:0::1`) share one result, keyed by
 * the host's canonical form.
 *
 * A remote provider that fails {@link MAX_CONSECUTIVE_FAILURES} lookups in a
 * row stops the run. When lookups failed and none located an address, the
 * run fails; when some failed and others located, a warning with the counts
 * is printed.
 *
 * @throws CliError `NETWORK` (or `CONFIG` for a rejected key) when the
 *   provider failed every lookup, no lookup located an address while some
 *   failed, or the failures in a row reached the limit.
 */
export async function geolocate(
  ips: readonly string[],
  choice: ProviderChoice,
  context: CommandContext,
): Promise<Geolocated> {
  const controller = new AbortController();
  const breaker = choice.provider.capabilities.offline
    ? null
    : withCircuitBreaker(choice.provider, MAX_CONSECUTIVE_FAILURES, controller);
  const name = choice.provider.name;
  const host = createGeoHost({ provider: breaker?.provider ?? choice.provider });
  const progress = createProgress(context.io.stderr, {
    quiet: context.quiet,
    label: 'locating',
    total: ips.length,
    unit: 'items',
  });
  const all: GeoResult[] = [];
  try {
    for (let start = 0; start < ips.length; start += BATCH) {
      const batch = ips.slice(start, start + BATCH);
      all.push(...(await host.lookup(batch, { signal: controller.signal })));
      progress.increment(batch.length);
    }
  } catch (error) {
    const first = breaker?.tripped;
    if (first === undefined) throw error;
    throw new CliError(
      failureCode(first),
      `stopped after ${MAX_CONSECUTIVE_FAILURES} lookups in a row failed with provider ${name} (first: ${first.message}); check the network connection and the provider's key, or use --provider dbip (offline)`,
      { value: name, cause: first },
    );
  } finally {
    progress.stop();
    await host.dispose();
  }
  const slotOf: number[] = [];
  const results: GeoResult[] = [];
  const slots = new Map<string, number>();
  for (const result of all) {
    const key = result.ip ?? result.input;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = results.length;
      slots.set(key, slot);
      results.push(result);
    }
    slotOf.push(slot);
  }
  const failures = results.filter((result) => result.status === 'error');
  const failed = failures.length;
  if (failed > 0) {
    const located = results.filter((result) => result.status === 'located').length;
    const sent = results.filter((result) => ['located', 'not_found', 'error'].includes(result.status)).length;
    const firstFailure = failures[0];
    const first = `${firstFailure?.ip ?? firstFailure?.input}: ${firstFailure?.reason ?? firstFailure?.code ?? 'unknown error'}`;
    if (located === 0) {
      throw new CliError(
        failureCode(firstFailure?.error),
        failed === sent
          ? `all ${sent} lookups sent to provider ${name} failed (first: ${first}); nothing written. Check the network connection and the provider's key, or use --provider dbip (offline)`
          : `${failed} of ${sent} lookups sent to provider ${name} failed and none located an address (first: ${first}); nothing written. Check the network connection and the provider's key, or use --provider dbip (offline)`,
        { value: name, ...(firstFailure?.error ? { cause: firstFailure.error } : {}) },
      );
    }
    if (!context.quiet) {
      context.io.stderr.write(
        `iocmap: warning: ${failed} of ${sent} lookups sent to provider ${name} failed (first: ${first}); they are listed without a location\n`,
      );
    }
  }
  const located = results.filter((result) => result.status === 'located');
  const withCoordinates = located.filter(
    (result) =>
      typeof result.location?.latitude === 'number' && typeof result.location.longitude === 'number',
  );
  if (located.length > 0 && withCoordinates.length === 0 && !context.quiet) {
    context.io.stderr.write(
      `iocmap: warning: provider ${name} found ${located.length} of the addresses but gave no coordinates (an ASN or Country database has none); to place them on a map, use a City database (--db GeoLite2-City.mmdb) or --provider dbip\n`,
    );
  }
  return { results, slotOf, failed };
}

function failureCode(error: unknown): 'NETWORK' | 'CONFIG' {
  return error !== undefined && toCliError(error).code === 'CONFIG' ? 'CONFIG' : 'NETWORK';
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
