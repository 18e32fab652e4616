/** Parse a dotted-quad IPv4 address with 1-3 digit parts, each 0-255; returns the four octets or null. */
export function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    const n = parseOctet(p);
    if (n < 0) return null;
    out.push(n);
  }
  return out;
}

/** Parse one IPv4 part (1-3 digits, ≤255); -1 when invalid. */
function parseOctet(p: string): number {
  if (p.length === 0 || p.length > 3) return -1;
  let n = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n <= 255 ? n : -1;
}

/**
 * Parse an IPv6 address (RFC 4291 §2.2 text forms, incl. `::` and a trailing
 * dotted IPv4) into eight 16-bit groups; null when invalid. One pass, no
 * intermediate strings.
 */
export function parseIPv6(s: string): number[] | null {
  const n = s.length;
  if (n < 2 || n > 45) return null;
  const head: number[] = [];
  const tail: number[] = [];
  let cur = head;
  let gap = false;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return null;
    gap = true;
    cur = tail;
    i = 2;
    if (i === n) return [0, 0, 0, 0, 0, 0, 0, 0];
  }
  while (i < n) {
    // one group, or a dotted IPv4 tail
    let j = i;
    let value = 0;
    while (j < n && j - i < 5) {
      const c = s.charCodeAt(j);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      value = value * 16 + d;
      j++;
    }
    if (j < n && s.charCodeAt(j) === 46) {
      const v4 = parseIPv4(s.slice(i));
      if (v4 === null) return null;
      cur.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      i = n;
      break;
    }
    if (j === i || j - i > 4) return null;
    cur.push(value);
    i = j;
    if (i === n) break;
    if (s.charCodeAt(i) !== 58) return null;
    i++;
    if (s.charCodeAt(i) === 58) {
      if (gap) return null;
      gap = true;
      cur = tail;
      i++;
      if (i === n) break;
    } else if (i === n) return null;
  }
  const known = head.length + tail.length;
  if (gap ? known > 7 : known !== 8) return null;
  if (!gap) return head;
  const out = head.slice();
  for (let k = known; k < 8; k++) out.push(0);
  for (const t of tail) out.push(t);
  return out;
}

/**
 * Format eight 16-bit groups in the RFC 5952 canonical text form: lower-case,
 * no leading zeros, the longest run (first on ties) of two or more zero groups
 * as `::`, and IPv4-mapped addresses (`::ffff:0:0/96`, RFC 5952 §5) with a
 * dotted tail.
 */
export function formatIPv6(g: readonly number[]): string {
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    const a = g[6] as number;
    const b = g[7] as number;
    return `::ffff:${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((n) => n.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

// IANA IPv4 Special-Purpose Address Registry (RFC 6890) plus multicast and
// the reserved class E, as [first octets, prefix length].
const V4_SPECIAL: readonly [number, number, number, number, number][] = [
  [0, 0, 0, 0, 8],
  [10, 0, 0, 0, 8],
  [100, 64, 0, 0, 10],
  [127, 0, 0, 0, 8],
  [169, 254, 0, 0, 16],
  [172, 16, 0, 0, 12],
  [192, 0, 0, 0, 24],
  [192, 0, 2, 0, 24],
  [192, 88, 99, 0, 24],
  [192, 168, 0, 0, 16],
  [198, 18, 0, 0, 15],
  [198, 51, 100, 0, 24],
  [203, 0, 113, 0, 24],
  [224, 0, 0, 0, 4],
  [240, 0, 0, 0, 4],
];

/** True for private, loopback, link-local, shared, documentation, multicast and reserved IPv4 addresses. */
export function isSpecialIPv4(o: readonly number[]): boolean {
  const n =
    (((o[0] as number) << 24) >>> 0) + ((o[1] as number) << 16) + ((o[2] as number) << 8) + (o[3] as number);
  for (const [a, b, c, d, len] of V4_SPECIAL) {
    const net = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    if ((n & mask) >>> 0 === net) return true;
  }
  return false;
}

/**
 * True for IPv6 addresses in the IANA IPv6 Special-Purpose Address Registry
 * (RFC 6890) blocks: unspecified, loopback, IPv4-mapped (checked as IPv4),
 * discard, 2001::/23, documentation 2001:db8::/32, unique local fc00::/7,
 * link-local fe80::/10, multicast ff00::/8.
 */
export function isSpecialIPv6(g: readonly number[]): boolean {
  const [a = 0, b = 0] = g;
  if (g.slice(0, 5).every((x) => x === 0)) {
    if (g[5] === 0xffff) {
      const x = g[6] as number;
      const y = g[7] as number;
      return isSpecialIPv4([x >> 8, x & 255, y >> 8, y & 255]);
    }
    return g[5] === 0 && g[6] === 0 && (g[7] as number) <= 1;
  }
  if (a === 0x100 && b === 0 && g[2] === 0 && g[3] === 0) return true;
  if (a === 0x2001 && b < 0x200) return true;
  if (a === 0x2001 && b === 0xdb8) return true;
  if ((a & 0xfe00) === 0xfc00) return true;
  if ((a & 0xffc0) === 0xfe80) return true;
  return (a & 0xff00) === 0xff00;
}
