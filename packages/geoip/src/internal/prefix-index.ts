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

/** An index of IPv4 blocks; network numbers are unsigned 32-bit integers. */
export function createIPv4PrefixIndex<T>(): PrefixIndex<number, T> {
  const groups = new Map<number, Map<number, T>>();
  let lengths: number[] = [];
  let maps: Map<number, T>[] = [];
  // `>>> 32` is `>>> 0` in JavaScript, so /0 gets its key explicitly.
  const key = (value: number, bits: number): number => (bits === 0 ? 0 : value >>> (32 - bits));
  return {
    add(address, bits, value) {
      let group = groups.get(bits);
      if (group === undefined) {
        group = new Map();
        groups.set(bits, group);
        lengths = [...groups.keys()].sort((x, y) => y - x);
        maps = lengths.map((length) => groups.get(length) as Map<number, T>);
      }
      const k = key(address, bits);
      if (!group.has(k)) group.set(k, value);
    },
    find(address) {
      for (let i = 0; i < lengths.length; i++) {
        const found = (maps[i] as Map<number, T>).get(key(address, lengths[i] as number));
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}

/** An index of IPv6 blocks; network numbers are bigints. */
export function createIPv6PrefixIndex<T>(): PrefixIndex<bigint, T> {
  const groups = new Map<number, Map<bigint, T>>();
  let shifts: bigint[] = [];
  let maps: Map<bigint, T>[] = [];
  return {
    add(address, bits, value) {
      let group = groups.get(bits);
      if (group === undefined) {
        group = new Map();
        groups.set(bits, group);
        const lengths = [...groups.keys()].sort((x, y) => y - x);
        shifts = lengths.map((length) => BigInt(128 - length));
        maps = lengths.map((length) => groups.get(length) as Map<bigint, T>);
      }
      const k = address >> BigInt(128 - bits);
      if (!group.has(k)) group.set(k, value);
    },
    find(address) {
      for (let i = 0; i < shifts.length; i++) {
        const found = (maps[i] as Map<bigint, T>).get(address >> (shifts[i] as bigint));
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}
