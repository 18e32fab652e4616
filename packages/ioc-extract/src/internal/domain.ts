import { parse } from 'tldts';

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

const CACHE_LIMIT = 20_000;
const suffixCache = new Map<string, number>();

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

/** True when the (lower-cased) label `s[from, to)` can be a top-level domain: letters, or an `xn--` A-label. */
function isTldShaped(s: string, from: number, to: number): boolean {
  if (to - from < 2) return false;
  if (
    s.charCodeAt(from) === 120 &&
    s.charCodeAt(from + 1) === 110 &&
    s.charCodeAt(from + 2) === 45 &&
    s.charCodeAt(from + 3) === 45
  )
    return true;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
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
  const n = host.length;
  if (n > 253 || n < 3) return false;
  // one pass over the labels: ASCII characters by table, a label holding any
  // other character by the full rule; the last two dots are kept on the way
  let labels = 0;
  let start = 0;
  let lastDot = -1;
  let cut = -1;
  let wide = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? host.charCodeAt(i) : 46;
    if (c !== 46) {
      if (c >= 128) wide = true;
      else if (LABEL_ASCII[c] === 0) return false;
      continue;
    }
    if (i === start || i - start > 63 || host.charCodeAt(start) === 45 || host.charCodeAt(i - 1) === 45)
      return false;
    if (wide && !isValidLabelAt(host, start, i)) return false;
    wide = false;
    labels++;
    if (i < n) {
      cut = lastDot;
      lastDot = i;
    }
    start = i + 1;
  }
  if (lastDot < 0 || !isTldShaped(host, lastDot + 1, n)) return false;
  if (ignoreTlds) return true;
  return hasIcannSuffix(host, labels, cut);
}

/**
 * Public-suffix answer for a name, packed in one small integer (a cache
 * value that is not an object spares a memory access per lookup): labels in
 * the public suffix times two, plus one when an ICANN section rule matched.
 */
function suffixOf(name: string): number {
  let info = suffixCache.get(name);
  if (info === undefined) {
    const p = parse(name, { allowPrivateDomains: false, extractHostname: false, validateHostname: false });
    info =
      (p.publicSuffix === null ? 0 : p.publicSuffix.split('.').length) * 2 + (p.isIcann === true ? 1 : 0);
    if (suffixCache.size >= CACHE_LIMIT) suffixCache.clear();
    // a copy: a key cut from a text must not keep that text alive in the cache
    suffixCache.set(name.length < 13 ? name : `${name} `.slice(0, -1), info);
  }
  return info;
}

/**
 * True when `host` is a registrable name under an ICANN public suffix. Looks
 * up the last two labels first (cached: hosts repeat their suffix far more
 * than their full name) and the whole host only when the suffix may be deeper.
 * `cut` is the index of the second-last dot, or -1.
 */
function hasIcannSuffix(host: string, labelCount: number, cut: number): boolean {
  const tail = suffixOf(cut < 0 ? host : host.slice(cut + 1));
  if ((tail & 1) === 0) return false;
  if (tail >> 1 < 2) return labelCount > tail >> 1;
  const full = labelCount === 2 ? tail : suffixOf(host);
  return (full & 1) === 1 && labelCount > full >> 1;
}

/** True when a two-label name ends in a known file extension (`report.pdf`, `archive.zip`). */
export function looksLikeFileName(host: string): boolean {
  const dot = host.indexOf('.');
  if (dot < 0 || host.indexOf('.', dot + 1) >= 0) return false;
  return FILE_EXTENSIONS.has(host.slice(dot + 1));
}
