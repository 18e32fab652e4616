import { parse } from 'tldts';
import { codeBytes } from './unicode.js';

// File extensions that are also top-level domains (or that users switch to
// ignoreTlds for): a two-label `name.ext` ending in one of these reads as a
// file name, not a host. `.zip`, `.mov`, `.md`, `.cab`, `.sh`, `.py` are real TLDs.
const FILE_EXTENSIONS = new Set([
  'zip',
  'mov',
  'md',
  'cab',
  'sh',
  'py',
  'so',
  'pm',
  'one',
  'ps',
  'exe',
  'dll',
  'sys',
  'bat',
  'cmd',
  'ps1',
  'vbs',
  'js',
  'jse',
  'hta',
  'lnk',
  'scr',
  'msi',
  'jar',
  'pdf',
  'doc',
  'docx',
  'docm',
  'xls',
  'xlsx',
  'xlsm',
  'ppt',
  'pptx',
  'rtf',
  'txt',
  'csv',
  'log',
  'iso',
  'img',
  'rar',
  '7z',
  'gz',
  'tgz',
  'tar',
  'bz2',
  'xz',
  'bin',
  'dat',
  'tmp',
  'ini',
  'cfg',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'svg',
  'mp3',
  'mp4',
  'avi',
  'wav',
  'html',
  'htm',
  'php',
  'asp',
  'aspx',
  'jsp',
  'json',
  'xml',
  'yaml',
  'yml',
  'elf',
  'apk',
  'dmg',
  'pkg',
  'deb',
  'rpm',
]);

/** True when the ASCII char code can be in a host label (letter, digit, hyphen). */
function isLabelAscii(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

/** 1 for an ASCII letter, digit or hyphen. */
const LABEL_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isLabelAscii(c)) LABEL_ASCII[c] = 1;

const UNICODE_LABEL_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/** Label syntax of `s[from, to)` (RFC 1035 §2.3.1 LDH rule, extended with Unicode letters for IDNs): 1-63 chars, no `_`, no leading or trailing `-`. */
function isValidLabelAt(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n <= 0 || n > 63) return false;
  if (s.charCodeAt(from) === 45 || s.charCodeAt(to - 1) === 45) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (!isLabelAscii(c)) return false;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // astral letters are rare in host names; surrogate halves never validate alone
      const cp = s.codePointAt(i) as number;
      if (!UNICODE_LABEL_CHAR.test(String.fromCodePoint(cp))) return false;
      i++;
    } else if (!UNICODE_LABEL_CHAR.test(s[i] as string)) return false;
  }
  return true;
}

/** True when the label `s[from, to)` can be a top-level domain: ASCII letters (either case) or non-ASCII, or an `xn--` A-label. */
function isTldShaped(u: Uint8Array, from: number, to: number): boolean {
  if (to - from < 2) return false;
  if (
    ((u[from] as number) | 32) === 120 &&
    ((u[from + 1] as number) | 32) === 110 &&
    (u[from + 2] as number) === 45 &&
    (u[from + 3] as number) === 45
  )
    return true;
  for (let i = from; i < to; i++) {
    const c = (u[i] as number) | 32;
    if (c < 128 && !(c >= 97 && c <= 122)) return false;
  }
  return true;
}

/**
 * Whether `host` (lower-case) is a valid domain name: two or more valid labels,
 * at most 253 characters, and — unless `ignoreTlds` — a registrable domain
 * under an ICANN public suffix (Public Suffix List, via tldts).
 */
export function isValidDomain(host: string, ignoreTlds: boolean): boolean {
  return isValidDomainAt(host, codeBytes(host), 0, host.length, ignoreTlds);
}

/**
 * {@link isValidDomain} of `s[from, to)` read in place, ASCII letters of
 * either case taken as lower case: a candidate cut from a text is checked
 * before any string is made of it (most candidates a token pass meets fail).
 * A range holding non-ASCII characters must be lower-cased by the caller
 * (`toLowerCase` there may change more than ASCII letters). `u` holds the
 * code units of `s` as bytes ({@link codeBytes}), read instead of `s`.
 */
export function isValidDomainAt(
  s: string,
  u: Uint8Array,
  from: number,
  to: number,
  ignoreTlds: boolean,
): boolean {
  const n = to - from;
  if (n > 253 || n < 3) return false;
  // one pass over the labels: ASCII characters by table, a label holding any
  // other character by the full rule; the last two dots are kept on the way
  let labels = 0;
  let start = from;
  let lastDot = -1;
  let cut = -1;
  let wide = false;
  for (let i = from; i <= to; i++) {
    const c = i < to ? (u[i] as number) : 46;
    if (c !== 46) {
      if (c >= 128) wide = true;
      else if (LABEL_ASCII[c] === 0) return false;
      continue;
    }
    if (i === start || i - start > 63 || u[start] === 45 || u[i - 1] === 45) return false;
    if (wide && !isValidLabelAt(s, start, i)) return false;
    wide = false;
    labels++;
    if (i < to) {
      cut = lastDot;
      lastDot = i;
    }
    start = i + 1;
  }
  if (lastDot < 0 || !isTldShaped(u, lastDot + 1, to)) return false;
  if (ignoreTlds) return true;
  // the last two labels first (hosts repeat their suffix far more than their
  // full name), the whole name only when the suffix may be deeper
  const tail = suffixOf(s, u, cut < 0 ? from : cut + 1, to);
  if ((tail & 1) === 0) return false;
  if (tail >> 1 < 2) return labels > tail >> 1;
  const full = labels === 2 ? tail : suffixOf(s, u, from, to);
  return (full & 1) === 1 && labels > full >> 1;
}

// Public-suffix answers by name, in an open-addressing table keyed by the
// name's characters (ASCII upper case folded): a name is looked up straight
// from the text it stands in, with no string cut for it and no runtime
// hashing of a fresh string (as a Map lookup needs). A slot is 8 int32s, one
// memory read per probe: the hash, the length and answer, and the name itself
// packed four characters to an int (names of up to 24 ASCII characters; longer
// or non-ASCII ones, rare, go to a Map).
const SLOT = 8;
const KEY_WORDS = 6;
const SLOT_BITS = 14;
const SLOTS = 1 << SLOT_BITS;
/** Entries before the table is emptied: at most half full, so probes stay short. */
const TABLE_LIMIT = SLOTS >> 1;
const table = new Int32Array(SLOTS * SLOT);
let tableCount = 0;
const keyWords = new Int32Array(KEY_WORDS);
const MAP_LIMIT = 4096;
const longNames = new Map<string, number>();

/**
 * Public-suffix answer for the name `s[from, to)` (ASCII upper case read as
 * lower case), packed in one small integer: labels in the public suffix times
 * two, plus one when an ICANN section rule matched.
 */
function suffixOf(s: string, u: Uint8Array, from: number, to: number): number {
  const n = to - from;
  if (n > KEY_WORDS * 4) return suffixOfLong(s, from, to);
  const words = keyWords;
  let h = n;
  let w = 0;
  let i = from;
  for (let q = 0; q < KEY_WORDS; q++) {
    w = 0;
    for (let shift = 0; shift < 32 && i < to; shift += 8) {
      const c = u[i++] as number;
      if (c >= 128) return suffixOfLong(s, from, to);
      w |= (c >= 65 && c <= 90 ? c | 32 : c) << shift;
    }
    words[q] = w;
    h = Math.imul(h ^ w, 0x01000193);
  }
  const mask = SLOTS - 1;
  let k = Math.imul(h, 0x9e3779b1) >>> (32 - SLOT_BITS);
  const t = table;
  const tag = n << 8;
  for (;;) {
    const o = k * SLOT;
    const meta = t[o + 1] as number;
    if (meta === 0) break;
    if (
      t[o] === h &&
      (meta & ~0xff) === tag &&
      t[o + 2] === words[0] &&
      t[o + 3] === words[1] &&
      t[o + 4] === words[2] &&
      t[o + 5] === words[3] &&
      t[o + 6] === words[4] &&
      t[o + 7] === words[5]
    )
      return (meta & 0xff) - 1;
    k = (k + 1) & mask;
  }
  const info = lookup(s.slice(from, to).toLowerCase());
  if (tableCount >= TABLE_LIMIT) {
    t.fill(0);
    tableCount = 0;
    k = Math.imul(h, 0x9e3779b1) >>> (32 - SLOT_BITS);
  }
  const o = k * SLOT;
  t[o] = h;
  t[o + 1] = tag | (info + 1);
  t.set(words, o + 2);
  tableCount++;
  return info;
}

/** {@link suffixOf} for a name too long or too wide for the table. */
function suffixOfLong(s: string, from: number, to: number): number {
  const name = s.slice(from, to).toLowerCase();
  let info = longNames.get(name);
  if (info === undefined) {
    info = lookup(name);
    if (longNames.size >= MAP_LIMIT) longNames.clear();
    // a copy: a key cut from a text must not keep that text alive in the cache
    longNames.set(`${name} `.slice(0, -1), info);
  }
  return info;
}

/** The public suffix of a lower-case name by tldts (ICANN section only), packed as {@link suffixOf} answers. */
function lookup(name: string): number {
  const p = parse(name, { allowPrivateDomains: false, extractHostname: false, validateHostname: false });
  return (p.publicSuffix === null ? 0 : p.publicSuffix.split('.').length) * 2 + (p.isIcann === true ? 1 : 0);
}

/** True when a two-label name ends in a known file extension (`report.pdf`, `archive.zip`). */
export function looksLikeFileName(host: string): boolean {
  const dot = host.indexOf('.');
  if (dot < 0 || host.indexOf('.', dot + 1) >= 0) return false;
  return FILE_EXTENSIONS.has(host.slice(dot + 1));
}
