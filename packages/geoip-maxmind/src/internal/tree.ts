/**
 * An IPv4 search-tree walk on a 32-bit integer address, for the provider's
 * hot path: the `maxmind` reader splits the address text into an array and
 * reads one bit at a time through a generic walker; here the address is
 * parsed once by a digit loop and its bits are shifted out of the integer.
 * The walk itself is the reader's (`mmdb-lib` `findAddressInTree`): IPv4 on
 * an IPv6 tree starts at the node reached by 96 left turns (the `::/96`
 * subtree); a record equal to `node_count` means "no data", a greater one
 * points into the data section.
 *
 * Source: MaxMind DB File Format Specification 2.0, "Search Tree Section",
 * https://maxmind.github.io/MaxMind-DB/
 */
import { readRecord } from './layout.js';

/** Result of {@link Ipv4Walker.walk}: the record reached and how many bits were used. */
export interface Ipv4WalkResult {
  /** The data-section record value (greater than `node_count`), or 0 when the address has no data. */
  record: number;
  /** Bits consumed, i.e. the prefix length of the matched network (0-32). */
  depth: number;
}

/** Walks the IPv4 part of one search tree. */
export interface Ipv4Walker {
  /** Walks the tree for `value` (an unsigned 32-bit IPv4 address); reuses one result object. */
  walk(value: number): Ipv4WalkResult;
}

/** Creates the walker for a checked file (`nodeCount`, `recordSize` and `ipVersion` from its metadata). */
export function createIpv4Walker(
  buf: Buffer,
  nodeCount: number,
  recordSize: number,
  ipVersion: number,
): Ipv4Walker {
  let start = 0;
  if (ipVersion === 6) {
    for (let i = 0; i < 96 && start < nodeCount; i++) start = readRecord(buf, start, 0, recordSize);
  }
  const out: Ipv4WalkResult = { record: 0, depth: 0 };
  return {
    walk(value) {
      let node = start;
      let depth = 0;
      for (; depth < 32 && node < nodeCount; depth++) {
        node = readRecord(buf, node, ((value >>> (31 - depth)) & 1) as 0 | 1, recordSize);
      }
      out.record = node > nodeCount ? node : 0;
      out.depth = depth;
      return out;
    },
  };
}
