/** Bit flags for ASCII character classes used by the scanners. */
const ALNUM = 1;
/** Characters of a host/email/IPv4 token: letters, digits, `_ - + % . @`. */
export const TOKEN = 2;
/** Characters allowed in a URL (RFC 3986 unreserved, reserved and `%`). */
export const URL_CHAR = 4;

/** Class flags of the 128 ASCII code points. */
export const CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let f = 0;
  if (/[A-Za-z0-9]/.test(ch)) f |= ALNUM | TOKEN | URL_CHAR;
  if ('_-+%.@'.includes(ch)) f |= TOKEN;
  if ("-._~:/?#[]@!$&'()*+,;=%".includes(ch)) f |= URL_CHAR;
  CHAR[c] = f;
}

/** True for an ASCII letter or digit char code. */
export const isAlnum = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** True for an ASCII whitespace char code: space, tab, LF, CR, FF, VT. */
export const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

const UNICODE_WORD = /^[\p{L}\p{M}\p{N}]$/u;

/** True for a letter, mark or number code point (`[\p{L}\p{M}\p{N}]`; a lone surrogate: false). */
export function isWordCodePoint(cp: number): boolean {
  return cp < 128 ? isAlnum(cp) : UNICODE_WORD.test(String.fromCodePoint(cp));
}

/** True when the non-ASCII code unit at `i` is a letter, mark or number (surrogates: false). */
export function isUnicodeWord(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128 || (c >= 0xd800 && c <= 0xdfff)) return false;
  return UNICODE_WORD.test(s[i] as string);
}
