import type { IPv4, IPv6 } from './ipaddr.js';

/**
 * A longest-prefix-match index over CIDR blocks of one address family,
 * built once and probed per lookup. Blocks are grouped by prefix length; each
 * group maps the block's network number (the address shifted right past the
 * host bits) to its value. A lookup probes the lengths present from the
 * longest to the shortest, so it costs at most 33 (IPv4) or 129 (IPv6) map
 * probes whatever the number of blocks, instead of one comparison per block.
 */
export interface PrefixIndex<N, T> {
  /**
   * Add a block by its address number (host bits may be set) and prefix
   * length; when the same network at the same length is already there, the
   * first one added is kept (as a first-match scan in insertion order would).
   */
  add(address: N, bits: number, value: T): void;
  /** The value of the longest block containing the address number, or `undefined`. */
  find(address: N): T | undefined;
}

/** An IPv4 address as an unsigned 32-bit integer. */
export function ipv4Number(addr: IPv4): number {
  const [a = 0, b = 0, c = 0, d = 0] = addr.octets;
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** An IPv6 address as a 128-bit bigint; three 48/48/32-bit pieces keep the bigint work small. */
export function ipv6Number(addr: IPv6): bigint {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = addr.parts;
  return (
    (BigInt((a * 65536 + b) * 65536 + c) << 80n) |
    (BigInt((d * 65536 + e) * 65536 + f) << 32n) |
    BigInt(g * 65536 + h)
  );
}

/**
 * The index for one family: `shiftFor(bits)` is what a prefix length becomes
 * once, when its group is made, and `keyOf(address, shift)` the network number
 * of an address under it.
 */
function createPrefixIndex<N, S, T>(
  shiftFor: (bits: number) => S,
  keyOf: (address: N, shift: S) => N,
): PrefixIndex<N, T> {
  const groups = new Map<number, Map<N, T>>();
  // per length present, longest first: its shift and its group
  let shifts: S[] = [];
  let maps: Map<N, T>[] = [];
  return {
    add(address, bits, value) {
      let group = groups.get(bits);
      if (group === undefined) {
        group = new Map();
        groups.set(bits, group);
        const lengths = [...groups.keys()].sort((x, y) => y - x);
        shifts = lengths.map(shiftFor);
        maps = lengths.map((length) => groups.get(length) as Map<N, T>);
      }
      const k = keyOf(address, shiftFor(bits));
      if (!group.has(k)) group.set(k, value);
    },
    find(address) {
      for (let i = 0; i < shifts.length; i++) {
        const found = (maps[i] as Map<N, T>).get(keyOf(address, shifts[i] as S));
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}

/** An index of IPv4 blocks; network numbers are unsigned 32-bit integers. */
export function createIPv4PrefixIndex<T>(): PrefixIndex<number, T> {
  // `>>> 32` is `>>> 0` in JavaScript, so /0 gets its key explicitly.
  return createPrefixIndex<number, number, T>(
    (bits) => bits,
    (value, bits) => (bits === 0 ? 0 : value >>> (32 - bits)),
  );
}

/** An index of IPv6 blocks; network numbers are bigints. */
export function createIPv6PrefixIndex<T>(): PrefixIndex<bigint, T> {
  return createPrefixIndex<bigint, bigint, T>(
    (bits) => BigInt(128 - bits),
    (value, shift) => value >> shift,
  );
}
