/**
 * Reads and checks the structure of a MaxMind DB file: the metadata section,
 * the search tree's size and the data section separator, and optionally
 * every search-tree record and every data record.
 *
 * Source: MaxMind DB File Format Specification 2.0,
 * https://maxmind.github.io/MaxMind-DB/
 */
import type { MmdbMetadata } from '../mmdb-metadata.js';
import { BoundedDecoder, MmdbFormatError } from './decode.js';

const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');
/** The spec caps the metadata section at 128 KiB. */
const METADATA_MAX = 128 * 1024;
const SEPARATOR = 16;
/** Build epochs past this (year 9999) are treated as corrupt metadata. */
const MAX_EPOCH_SECONDS = 253402300799;

/** Where the sections of a checked file lie. */
export interface MmdbLayout {
  metadata: MmdbMetadata;
  /** Byte length of the search tree. */
  treeSize: number;
  /** Absolute offset of the data section. */
  dataStart: number;
  /** Absolute offset where the data section ends (the metadata marker). */
  dataEnd: number;
}

function uint(meta: Record<string, unknown>, key: string): number {
  const v = meta[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new MmdbFormatError(`metadata field ${key} is missing or not an unsigned integer`);
  }
  return v;
}

/** Finds and decodes the metadata section; `buf` may be just the file's tail. Returns it and the marker's offset in `buf`. */
export function readMetadata(buf: Buffer): { metadata: MmdbMetadata; marker: number } {
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    throw new MmdbFormatError(
      'the file is gzip-compressed (a .tar.gz or .gz download?); extract the .mmdb file from it',
    );
  }
  const from = Math.max(0, buf.length - METADATA_MAX - METADATA_MARKER.length);
  const marker = buf.lastIndexOf(METADATA_MARKER);
  if (marker < from || marker < 0)
    throw new MmdbFormatError('no metadata marker found; this is not a MaxMind DB (.mmdb) file');
  const metaStart = marker + METADATA_MARKER.length;
  const decoded = new BoundedDecoder(buf, metaStart, buf.length, metaStart, true).decode(metaStart).value;
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded) || Buffer.isBuffer(decoded)) {
    throw new MmdbFormatError('the metadata section is not a map');
  }
  const meta = decoded as Record<string, unknown>;
  const major = uint(meta, 'binary_format_major_version');
  const minor = uint(meta, 'binary_format_minor_version');
  if (major !== 2) throw new MmdbFormatError(`unsupported binary format major version ${major} (expected 2)`);
  const nodeCount = uint(meta, 'node_count');
  const recordSize = uint(meta, 'record_size');
  if (recordSize !== 24 && recordSize !== 28 && recordSize !== 32) {
    throw new MmdbFormatError(`record_size is ${recordSize}; must be 24, 28 or 32`);
  }
  const ipVersion = uint(meta, 'ip_version');
  if (ipVersion !== 4 && ipVersion !== 6)
    throw new MmdbFormatError(`ip_version is ${ipVersion}; must be 4 or 6`);
  if (typeof meta['build_epoch'] === 'bigint')
    throw new MmdbFormatError(`build_epoch ${meta['build_epoch']} is not a plausible date`);
  const epoch = uint(meta, 'build_epoch');
  if (epoch > MAX_EPOCH_SECONDS) throw new MmdbFormatError(`build_epoch ${epoch} is not a plausible date`);
  const databaseType = meta['database_type'];
  if (typeof databaseType !== 'string') throw new MmdbFormatError('metadata field database_type is missing');
  const languages = Array.isArray(meta['languages'])
    ? meta['languages'].filter((l): l is string => typeof l === 'string')
    : [];
  const description: Record<string, string> = {};
  const rawDesc = meta['description'];
  if (rawDesc && typeof rawDesc === 'object' && !Array.isArray(rawDesc)) {
    for (const [k, v] of Object.entries(rawDesc)) if (typeof v === 'string') description[k] = v;
  }
  return {
    metadata: {
      databaseType,
      ipVersion,
      recordSize,
      nodeCount,
      buildEpoch: new Date(epoch * 1000),
      languages,
      description,
      binaryFormatVersion: `${major}.${minor}`,
    },
    marker,
  };
}

/** The number of trailing bytes that always hold the whole metadata section. */
export const METADATA_TAIL = METADATA_MAX + METADATA_MARKER.length;

/** Finds and decodes the metadata section and checks the file's layout against it. */
export function readLayout(buf: Buffer): MmdbLayout {
  const { metadata, marker } = readMetadata(buf);
  const { nodeCount, recordSize } = metadata;
  const treeSize = (nodeCount * recordSize) / 4;
  const dataStart = treeSize + SEPARATOR;
  if (nodeCount === 0 || dataStart > marker) {
    throw new MmdbFormatError(
      `node_count ${nodeCount} needs a ${treeSize}-byte search tree, which does not fit before the metadata at byte ${marker}`,
    );
  }
  for (let i = treeSize; i < dataStart; i++) {
    if (buf[i] !== 0)
      throw new MmdbFormatError(
        `the 16-byte data section separator at byte ${treeSize} is not all zeros (wrong node_count?)`,
      );
  }
  return {
    metadata,
    treeSize,
    dataStart,
    dataEnd: marker,
  };
}

/** Reads the left (0) or right (1) record of `node`. */
export function readRecord(buf: Buffer, node: number, side: 0 | 1, recordSize: number): number {
  if (recordSize === 24) {
    const at = node * 6 + side * 3;
    return (buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!;
  }
  if (recordSize === 32) return buf.readUInt32BE(node * 8 + side * 4);
  const at = node * 7;
  if (side === 0)
    return (buf[at + 3]! & 0xf0) * 2 ** 20 + ((buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!);
  return (buf[at + 3]! & 0x0f) * 2 ** 24 + ((buf[at + 4]! << 16) | (buf[at + 5]! << 8) | buf[at + 6]!);
}

/**
 * Walks every search-tree record (mode `tree`) and decodes every data record
 * they point to (mode `full`), so a later lookup cannot meet bad data.
 */
export function verifyContent(buf: Buffer, layout: MmdbLayout, mode: 'tree' | 'full'): void {
  const { nodeCount, recordSize, databaseType, description } = layout.metadata;
  const dataSize = layout.dataEnd - layout.dataStart;
  const targets = mode === 'full' ? new Set<number>() : undefined;
  for (let node = 0; node < nodeCount; node++) {
    for (const side of [0, 1] as const) {
      const record = readRecord(buf, node, side, recordSize);
      // Node 0 is the root: a record pointing back to it makes a cycle.
      if (record === 0) throw new MmdbFormatError(`search-tree node ${node} points back to the root node`);
      if (record <= nodeCount) continue;
      const offset = record - nodeCount - SEPARATOR;
      if (offset < 0 || offset >= dataSize) {
        throw new MmdbFormatError(
          `search-tree node ${node} points to data offset ${offset}, outside the ${dataSize}-byte data section`,
        );
      }
      targets?.add(offset);
    }
  }
  if (!targets) return;
  const decoder = new BoundedDecoder(buf, layout.dataStart, layout.dataEnd, layout.dataStart, false);
  for (const offset of targets) decoder.decode(layout.dataStart + offset);
  // Checked last, so a file that is also broken in structure is reported for that.
  // MaxMind's reference verifiers (maxminddb-golang Verify, maxminddb-rust
  // verify) require a non-empty description map. ip-location-db builds ship
  // an empty one by convention, so their database types are exempt.
  if (mode === 'full' && Object.keys(description).length === 0 && !/^[a-z-]+ ipv[46]$/.test(databaseType)) {
    throw new MmdbFormatError(
      'the metadata has no description (MaxMind DB verifiers reject this); if you trust the file, open it with the provider option verify: "tree"',
    );
  }
}
