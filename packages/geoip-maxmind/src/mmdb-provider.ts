import { readFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type {
  GeoAttribution,
  GeoLookupContext,
  GeoProvider,
  GeoProviderCapabilities,
  GeoRecord,
} from '@iocmap/geoip';
import { parseIpv4Strict } from '@iocmap/geoip';
import { Reader, type Response } from 'maxmind';
import { MmdbFormatError } from './internal/decode.js';
import { createDecodeCache } from './internal/decode-cache.js';
import { geoError, rejectUnknownKeys, showValue } from './internal/errors.js';
import {
  METADATA_TAIL,
  type MmdbLayout,
  readLayout,
  readMetadata,
  verifyContent,
} from './internal/layout.js';
import { type MmdbSchema, mapRecord, schemaFor } from './internal/map-record.js';
import { ipv4Network, ipv4NetworkOf, ipv6Network } from './internal/network.js';
import { createIpv4Walker } from './internal/tree.js';
import type { MmdbMetadata, MmdbVerifyMode } from './mmdb-metadata.js';

/** Files up to this size are fully verified at open by default (bytes). */
const FULL_VERIFY_LIMIT = 32 * 1024 * 1024;
/** Default decoded-value cache size in entries (see {@link MmdbProviderOptions.cacheSize}). */
const DEFAULT_DECODE_CACHE = 32_768;

/** Options for {@link createMmdbProvider}. */
export interface MmdbProviderOptions {
  /** Path of the `.mmdb` file. */
  path: string;
  /** Provider name reported in results. Default `"maxmind"`. */
  name?: string;
  /**
   * Attribution the data licence requires. Default: the GeoLite2 notice for
   * GeoLite2 databases, the DB-IP notice for DB-IP databases, none otherwise.
   */
  attribution?: GeoAttribution;
  /**
   * How much of the file is checked at open: `metadata` (metadata, tree size
   * and separator), `tree` (also every search-tree record) or `full` (also
   * every data record, with bounded nesting and no pointer cycles). Default
   * `full` for files up to 32 MiB, `tree` above. Lookups always turn decoder
   * failures into `DATABASE_CORRUPT`.
   */
  verify?: MmdbVerifyMode;
  /**
   * Decoded-value cache size in entries (records and strings that many
   * networks share, keyed by data-section offset; about 160 bytes each).
   * Default 32,768; 0 turns it off. It changes no answer, only how often a
   * shared record is decoded again. The host's answer cache is separate
   * (`createGeoHost`'s `cache`).
   */
  cacheSize?: number;
}

/** A GeoIP provider over one MaxMind DB file, with synchronous lookups. */
export interface MmdbProvider extends GeoProvider {
  /** The file the provider reads. */
  readonly path: string;
  /** The database's metadata (type, IP version, build epoch, ...). */
  readonly metadata: MmdbMetadata;
  /**
   * Looks one address up synchronously. Accepts IPv4 and IPv6 (IPv4-mapped
   * IPv6 is unmapped). Returns `null` when the database has no record,
   * including an IPv6 address asked of an IPv4-only database.
   * @throws GeoIpError `INVALID_ADDRESS` when `ip` is not an IP address;
   *   `DATABASE_CORRUPT` when the record cannot be decoded; `DISPOSED` after `dispose()`.
   */
  lookupSync(ip: string): GeoRecord | null;
  /** Drops the in-memory database; later lookups throw `DISPOSED`. */
  dispose(): void;
}

function capabilitiesFor(databaseType: string, schema: MmdbSchema): GeoProviderCapabilities {
  const t = databaseType.toLowerCase();
  const enterprise = t.includes('enterprise');
  const city = enterprise || t.includes('city');
  return {
    city,
    country: city || t.includes('country') || schema === 'flat',
    asn: enterprise || t.includes('asn') || t.includes('isp'),
    offline: true,
  };
}

function attributionFor(databaseType: string, schema: MmdbSchema): GeoAttribution | undefined {
  if (/^GeoLite2/i.test(databaseType)) {
    return { text: 'This product includes GeoLite2 data created by MaxMind', url: 'https://www.maxmind.com' };
  }
  if (schema === 'flat' || /^DBIP/i.test(databaseType))
    return { text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' };
  return undefined;
}

function corrupt(path: string, detail: string, cause?: unknown): Error {
  return geoError(
    'DATABASE_CORRUPT',
    `${path} is not a valid MaxMind DB file: ${detail}. Download the database again or point to another file.`,
    { path, cause },
  );
}

function notFound(path: string, cause: unknown): Error {
  const code = (cause as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return geoError(
      'DATABASE_NOT_FOUND',
      `No MaxMind DB file at ${path}. Check the path, or download a database (e.g. with updateGeoLite2) first.`,
      { path, cause },
    );
  }
  return geoError(
    'DATABASE_NOT_FOUND',
    `Cannot read ${path} (${code ?? String(cause)}); check its permissions.`,
    { path, cause },
  );
}

function checkOptions(options: MmdbProviderOptions): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw geoError(
      'INVALID_OPTION',
      `createMmdbProvider needs an options object { path } naming a .mmdb file, got ${showValue(options)}.`,
    );
  }
  if (typeof options.path !== 'string' || options.path === '') {
    throw geoError(
      'INVALID_OPTION',
      `createMmdbProvider needs { path } naming a .mmdb file, got path ${showValue(options.path)}.`,
    );
  }
  rejectUnknownKeys(options, ['path', 'name', 'attribution', 'verify', 'cacheSize'], 'createMmdbProvider', {
    path: options.path,
  });
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw geoError('INVALID_OPTION', `name must be a non-empty string, got ${showValue(options.name)}.`, {
      path: options.path,
    });
  }
  if (options.verify !== undefined && !['full', 'tree', 'metadata'].includes(options.verify)) {
    throw geoError(
      'INVALID_OPTION',
      `verify is ${showValue(options.verify)}; use "full", "tree" or "metadata".`,
      { path: options.path },
    );
  }
  const { cacheSize } = options;
  if (
    cacheSize !== undefined &&
    !(typeof cacheSize === 'number' && Number.isInteger(cacheSize) && cacheSize >= 0)
  ) {
    throw geoError(
      'INVALID_OPTION',
      `cacheSize must be a whole number of entries ≥ 0 (0 turns the decode cache off), got ${showValue(cacheSize)}.`,
      { path: options.path },
    );
  }
}

/** Checks a database image and returns its layout, or throws `DATABASE_CORRUPT`. */
function check(buf: Buffer, path: string, verify: MmdbVerifyMode | undefined): MmdbLayout {
  try {
    const layout = readLayout(buf);
    const mode = verify ?? (buf.length <= FULL_VERIFY_LIMIT ? 'full' : 'tree');
    if (mode !== 'metadata') verifyContent(buf, layout, mode);
    return layout;
  } catch (error) {
    if (error instanceof MmdbFormatError || error instanceof RangeError)
      throw corrupt(path, error.message, error);
    throw error;
  }
}

function build(buf: Buffer, options: MmdbProviderOptions): MmdbProvider {
  const { path } = options;
  const layout = check(buf, path, options.verify);
  const { metadata } = layout;
  let reader: Reader<Response> | undefined;
  try {
    const cacheSize = options.cacheSize ?? DEFAULT_DECODE_CACHE;
    reader = new Reader<Response>(buf, cacheSize > 0 ? { cache: createDecodeCache(cacheSize) } : {});
  } catch (error) {
    throw corrupt(path, error instanceof Error ? error.message : String(error), error);
  }
  const schema = schemaFor(metadata.databaseType);
  const ipv4Only = metadata.ipVersion === 4;
  const name = options.name ?? 'maxmind';
  const attribution = options.attribution ?? attributionFor(metadata.databaseType, schema);

  // The IPv4 fast path: our own tree walk on an integer, then the reader's
  // data-pointer resolution (and its decoded-value cache). `resolveDataPointer`
  // is a method mmdb-lib's types mark private; maxmind and mmdb-lib are
  // pinned to exact versions, a test checks the method is there, and without
  // it every lookup takes getWithPrefixLength as before.
  const resolveDataPointer = (
    reader as unknown as { resolveDataPointer?: (pointer: number) => Response | null }
  ).resolveDataPointer;
  const walker =
    typeof resolveDataPointer === 'function'
      ? createIpv4Walker(buf, metadata.nodeCount, metadata.recordSize, metadata.ipVersion)
      : undefined;

  const lookupSync = (ip: string): GeoRecord | null => {
    if (!reader)
      throw geoError(
        'DISPOSED',
        `The ${name} provider for ${path} was disposed before looking up ${String(ip)}; create a new one.`,
        { path, provider: name, ip: String(ip) },
      );
    const value = walker !== undefined && typeof ip === 'string' ? parseIpv4Strict(ip) : -1;
    if (value >= 0) {
      let data: Response | null;
      let depth: number;
      try {
        const found = (walker as NonNullable<typeof walker>).walk(value);
        depth = found.depth;
        data =
          found.record === 0
            ? null
            : (resolveDataPointer as (pointer: number) => Response | null).call(reader, found.record);
      } catch (error) {
        throw corrupt(
          path,
          `the record for ${ip} cannot be decoded (${error instanceof Error ? error.message : String(error)})`,
          error,
        );
      }
      if (data === null || data === undefined) return null;
      return mapRecord(data, schema, ipv4NetworkOf(value, depth));
    }
    let address = ip;
    let version = isIP(address);
    if (version === 6 && /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) {
      address = address.slice(7);
      version = 4;
    }
    if (version === 0) {
      throw geoError(
        'INVALID_ADDRESS',
        `"${String(ip)}" is not an IPv4 or IPv6 address; pass one address per lookup.`,
        { path, provider: name, ip: String(ip) },
      );
    }
    // `maxmind` answers an IPv6 query on an IPv4-only tree with some IPv4
    // record; the address simply is not in such a database.
    if (version === 6 && ipv4Only) return null;
    let data: Response | null;
    let prefix: number;
    try {
      [data, prefix] = reader.getWithPrefixLength(address);
    } catch (error) {
      throw corrupt(
        path,
        `the record for ${address} cannot be decoded (${error instanceof Error ? error.message : String(error)})`,
        error,
      );
    }
    if (data === null || data === undefined) return null;
    // An IPv4 query on an IPv6 tree starts at the IPv4 subtree (::/96), so
    // the depth counts IPv4 bits; a reader counting from the root is off by 96.
    if (version === 4)
      return mapRecord(data, schema, ipv4Network(address, prefix > 32 ? prefix - 96 : prefix));
    return mapRecord(data, schema, ipv6Network(address, prefix));
  };

  return {
    name,
    path,
    metadata,
    capabilities: capabilitiesFor(metadata.databaseType, schema),
    ...(attribution ? { attribution } : {}),
    lookupSync,
    lookup(ip: string, context?: GeoLookupContext): Promise<GeoRecord | null> {
      try {
        if (context?.signal.aborted) {
          throw geoError('ABORTED', `The lookup of ${ip} was aborted before it started.`, {
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
    dispose(): void {
      reader = undefined;
    },
  };
}

/**
 * Opens a MaxMind DB (`.mmdb`) file as a GeoIP provider: GeoIP2/GeoLite2
 * City, Country, ASN, ISP and Enterprise, DB-IP's GeoIP2-compatible files and
 * the flat ip-location-db schema, told apart by the metadata's `database_type`.
 * The whole file is read into memory and checked before use.
 *
 * Format: MaxMind DB File Format Specification 2.0 (https://maxmind.github.io/MaxMind-DB/).
 * @throws GeoIpError `DATABASE_NOT_FOUND` when the file cannot be read;
 *   `DATABASE_CORRUPT` when it is not a valid MaxMind DB; `INVALID_OPTION` for
 *   options that are not an object, a missing or empty `path`, an empty `name`,
 *   an unknown `verify` or a `cacheSize` that is not a whole number ≥ 0 (the
 *   message quotes the value).
 * @example
 * const geo = await createMmdbProvider({ path: './GeoLite2-City.mmdb' });
 * geo.lookupSync('81.2.69.142'); // { countryCode: 'GB', city: 'London', network: '81.2.69.128/26', ... }
 */
export async function createMmdbProvider(options: MmdbProviderOptions): Promise<MmdbProvider> {
  checkOptions(options);
  let buf: Buffer;
  try {
    buf = await readFile(options.path);
  } catch (error) {
    throw notFound(options.path, error);
  }
  return build(buf, options);
}

/**
 * Synchronous {@link createMmdbProvider}, for callers that open lazily inside a synchronous lookup.
 * @throws GeoIpError `DATABASE_NOT_FOUND`, `DATABASE_CORRUPT`, `INVALID_OPTION`.
 */
export function createMmdbProviderSync(options: MmdbProviderOptions): MmdbProvider {
  checkOptions(options);
  let buf: Buffer;
  try {
    buf = readFileSync(options.path);
  } catch (error) {
    throw notFound(options.path, error);
  }
  return build(buf, options);
}

/**
 * Reads only the metadata of a MaxMind DB file (type, IP version, build epoch, ...)
 * from the file's last 128 KiB, without loading the database.
 * @throws GeoIpError `DATABASE_NOT_FOUND`, `DATABASE_CORRUPT`.
 * @example
 * const { buildEpoch } = await readMmdbMetadata('./GeoLite2-City.mmdb');
 */
export async function readMmdbMetadata(path: string): Promise<MmdbMetadata> {
  let buf: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const length = Math.min(size, METADATA_TAIL);
      buf = Buffer.alloc(length);
      await file.read(buf, 0, length, size - length);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw notFound(path, error);
  }
  try {
    return readMetadata(buf).metadata;
  } catch (error) {
    if (error instanceof MmdbFormatError || error instanceof RangeError)
      throw corrupt(path, error.message, error);
    throw error;
  }
}
