/**
 * Public types of a MaxMind DB file's metadata section. They live apart from
 * the reader internals so the published declarations use no Node-only types.
 *
 * Source: MaxMind DB File Format Specification 2.0, "Database Metadata"
 * (https://maxmind.github.io/MaxMind-DB/).
 */

/** How thoroughly a database is checked when it is opened. */
export type MmdbVerifyMode = 'full' | 'tree' | 'metadata';

/** Metadata of a MaxMind DB file, as stored in its metadata section. */
export interface MmdbMetadata {
  /** `database_type`, e.g. `"GeoIP2-City"`, `"GeoLite2-ASN"`, `"city ipv4"`. */
  databaseType: string;
  /** 4 for an IPv4-only search tree, 6 for an IPv6 tree. */
  ipVersion: 4 | 6;
  /** Bits per search-tree record: 24, 28 or 32. */
  recordSize: 24 | 28 | 32;
  /** Number of search-tree nodes. */
  nodeCount: number;
  /** When the database was built (`build_epoch`). */
  buildEpoch: Date;
  /** Locale codes the database has names for. */
  languages: string[];
  /** Descriptions by locale code. */
  description: Record<string, string>;
  /** Binary format version, `"2.0"`. */
  binaryFormatVersion: string;
}
