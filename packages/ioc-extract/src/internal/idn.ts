// punycode.js ships no type declarations; every program here is strict, so
// the untyped import is always an error to expect (TS7016).
// @ts-expect-error -- untyped CommonJS module, typed below
import punycodeModule from 'punycode/punycode.js';

const punycode = punycodeModule as { toASCII(domain: string): string };

/** A domain name in ASCII (`xn--` A-labels, RFC 3492 / RFC 5891), or as given when conversion fails. */
export function toAsciiDomain(domain: string): string {
  try {
    return punycode.toASCII(domain);
  } catch {
    return domain;
  }
}
