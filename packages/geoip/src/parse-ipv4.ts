/**
 * Parse a strict dotted-quad IPv4 address (four decimal octets 0-255, no
 * leading zeros, nothing else) into an unsigned 32-bit integer, or -1.
 *
 * A hand loop rather than a regular expression or ipaddr.js because the host
 * (and a provider's own IPv4 fast path) runs it once per address; everything it
 * rejects goes on to the full ipaddr.js path, which also explains why the input
 * was rejected. Accepts exactly what `node:net` `isIP` calls IPv4.
 *
 * @example parseIpv4Strict('192.0.2.1') === 3221225985; parseIpv4Strict('01.2.3.4') === -1
 */
export function parseIpv4Strict(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}
