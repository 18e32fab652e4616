/**
 * CIDR strings for the network a lookup matched: the address masked to the
 * prefix length, IPv6 written in RFC 5952 canonical form.
 */

/** `a.b.c.d/len` for a dotted-quad IPv4 address and prefix length (0-32). */
export function ipv4Network(ip: string, prefix: number): string {
  // A digit loop rather than split/Number: this runs once per IPv4 lookup.
  let n = 0;
  let octet = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      n = n * 256 + octet;
      octet = 0;
    } else {
      octet = octet * 10 + (c - 48);
    }
  }
  return ipv4NetworkOf(n * 256 + octet, prefix);
}

/** `a.b.c.d/len` for an unsigned 32-bit IPv4 address and prefix length (0-32). */
export function ipv4NetworkOf(value: number, prefix: number): string {
  const size = 2 ** (32 - prefix);
  const base = value - (value % size);
  return `${Math.floor(base / 16777216)}.${Math.floor(base / 65536) % 256}.${Math.floor(base / 256) % 256}.${base % 256}/${prefix}`;
}

/** Parses an IPv6 address (optionally with an embedded IPv4 tail) into eight 16-bit groups. */
export function parseIpv6(ip: string): number[] {
  let text = ip;
  const groups: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  let v4: number[] = [];
  if (tail.includes('.')) {
    const q = tail.split('.').map(Number);
    v4 = [q[0]! * 256 + q[1]!, q[2]! * 256 + q[3]!];
    text = `${text.slice(0, lastColon + 1)}0`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  if (v4.length > 0) (rest === undefined ? headGroups : restGroups).pop();
  const fill = 8 - v4.length - headGroups.length - restGroups.length;
  for (const g of headGroups) groups.push(Number.parseInt(g, 16));
  for (let i = 0; i < fill && rest !== undefined; i++) groups.push(0);
  for (const g of restGroups) groups.push(Number.parseInt(g, 16));
  groups.push(...v4);
  return groups;
}

/** RFC 5952 text for eight 16-bit groups: lower case, longest zero run (≥ 2 groups) as `::`. */
export function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** `prefix/len` for an IPv6 address and prefix length (0-128). */
export function ipv6Network(ip: string, prefix: number): string {
  const groups = parseIpv6(ip);
  for (let i = 0; i < 8; i++) {
    const keep = Math.max(0, Math.min(16, prefix - i * 16));
    groups[i] = keep === 0 ? 0 : groups[i]! & ((0xffff << (16 - keep)) & 0xffff);
  }
  return `${formatIpv6(groups)}/${prefix}`;
}
