declare module 'punycode/punycode.js' {
  /** Convert a Unicode domain name to its ASCII (`xn--`) form (RFC 3492, RFC 5891). */
  function toASCII(input: string): string;
  /** Convert an ASCII (`xn--`) domain name to Unicode. */
  function toUnicode(input: string): string;
  const punycode: { toASCII: typeof toASCII; toUnicode: typeof toUnicode };
  export default punycode;
}
