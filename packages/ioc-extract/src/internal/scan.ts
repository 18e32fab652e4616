import type { IocEncoding } from '../types.js';
import { CHAR, isAlnum, isSpace, isUnicodeWord, TOKEN, URL_CHAR } from './chars.js';
import { isValidDomain, isValidDomainAt, looksLikeFileName } from './domain.js';
import { toAsciiDomain } from './idn.js';
import type { IntSet } from './int-set.js';
import { formatIPv6, parseIPv4, parseIPv6 } from './ip.js';
import { Positions } from './positions.js';
import { keepShape } from './shapes.js';
import { codeBytes } from './unicode.js';

/** A match in refanged-text coordinates, before mapping back to the original text. */
export interface RawMatch {
  type: string;
  value: string;
  start: number;
  end: number;
  encoding?: IocEncoding;
}

/**
 * Where a scan delivers its matches, and what it asks about the text.
 *
 * An object with methods, not callbacks: V8 specialises optimised code on
 * the functions it calls, and a callback made afresh for every extraction
 * is never the one that code was specialised on. With the working classes'
 * hidden classes kept alive (see keepShape), the scanners keep their
 * optimised code across calls and full garbage collections.
 */
export interface ScanTarget {
  /**
   * One match, in refanged-text coordinates; `exact` is true when `value`
   * is exactly the scanned text's `[start, end)`, so a receiver may read its
   * characters from the text's bytes instead.
   */
  found(type: string, value: string, start: number, end: number, exact: boolean): void;
  /** True when the refanged-text range [start, end) was written with a defang marker inside it. */
  defanged(start: number, end: number): boolean;
}

/** A custom type compiled for scanning: a private global copy of the pattern. */
export interface CompiledCustom {
  readonly name: string;
  readonly pattern: RegExp;
  readonly normalize: ((raw: string) => string | null) | undefined;
}

/** What to scan for. */
export interface ScanConfig {
  readonly want: ReadonlySet<string>;
  readonly ignoreTlds: boolean;
  readonly punycode: boolean;
  readonly custom: readonly CompiledCustom[];
}

interface Span {
  start: number;
  end: number;
}

/**
 * Non-zero for a hex digit, by UTF-16 code unit (a table: branching on ranges
 * mispredicts on prose): 1 for a digit or lower-case letter, 3 (bit {@link HEX_UPPER}
 * set) for an upper-case one.
 */
const HEX = new Uint8Array(65536);
const HEX_UPPER = 2;
for (const ch of '0123456789abcdef') HEX[ch.charCodeAt(0)] = 1;
for (const ch of 'ABCDEF') HEX[ch.charCodeAt(0)] = 1 | HEX_UPPER;

const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isHex = (c: number): boolean => HEX[c & 0xffff] !== 0;
const isWord = (c: number): boolean => isAlnum(c) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

const CVE_BODY_RE = /\d{4}-\d{4,7}/y;
const ASN_BODY_RE = /N?[ ]?(\d{1,10})/y;
const WIN_PATH_RE =
  /(?<![A-Za-z0-9])(?:[A-Za-z]:|\\\\[A-Za-z0-9._$-]+|%[A-Za-z_]+%)\\[^\s\\/:*?"<>|,;'`]*(?:\\[^\s\\/:*?"<>|,;'`]*)*/y;
const LINUX_PATH_RE = /\/(?:[\w.\-~+@]+\/)+[\w.\-~+@]*/y;
const LINUX_PATH_BEFORE = /[\w.~:/\\-]/;
const LOCAL_PART = /^[A-Za-z0-9._%+-]{1,64}$/;
const PERCENT_URL_RE = /[A-Za-z][A-Za-z0-9+.-]{0,15}%3A%2F%2F[^\s"'<>`]*/gi;
const HEX_URL_RE = /(?:68747470|66747070)(?:[0-9A-Fa-f]{2}){4,}/g;
const B64_URL_RE = /(?:aHR0c|ZnRwOi)[A-Za-z0-9+/]{4,}={0,2}/g;

const HASH_TYPES: Readonly<Record<number, string>> = {
  32: 'md5_hash',
  40: 'sha1_hash',
  64: 'sha256_hash',
  128: 'sha512_hash',
};

function toAsciiHost(host: string, on: boolean): string {
  return on ? toAsciiDomain(host) : host;
}

/** Find every built-in and custom indicator in refanged text `r`, delivered to `target` (grouped by pass, not sorted). */
export function scan(
  r: string,
  cfg: ScanConfig,
  target: ScanTarget,
  seenIPv4: IntSet | null = null,
  colons: Positions | null = null,
  bytes: Uint8Array | null = null,
): void {
  // restored, not cleared: a custom type's normalize may run a nested extraction
  const outer = ipv4Seen;
  ipv4Seen = seenIPv4;
  try {
    scanAll(r, bytes ?? codeBytes(r), cfg, target, colons ?? colonsOf(r));
  } finally {
    ipv4Seen = outer;
  }
}

// Set by scan() for the token pass when only unique values are wanted: an
// address already seen there is dropped before its value string is made.
let ipv4Seen: IntSet | null = null;

/** Every `:` in `r`. */
function colonsOf(r: string): Positions {
  const out = new Positions();
  for (let p = r.indexOf(':'); p !== -1; p = r.indexOf(':', p + 1)) out.push(p);
  return out;
}

/** `b` holds the code units of `r` as bytes (see {@link codeBytes}), read by the hottest loops instead of `r`. */
function scanAll(r: string, b: Uint8Array, cfg: ScanConfig, target: ScanTarget, colons: Positions): void {
  const want = cfg.want;
  const em = new Emitter(want, target);
  const urlClaims = scanUrls(r, b, cfg, em.urls, colons);
  let claims = urlClaims;
  if (want.has('ipv6') || want.has('cidr') || want.has('ipv4') || want.has('mac_address')) {
    claims = mergeSpans(urlClaims, scanIPv6(r, b, urlClaims, em.v6, colons));
  }
  if (want.has('ipv4') || want.has('cidr') || want.has('dns') || want.has('email'))
    scanTokens(r, b, claims, cfg, em);
  em.release(Number.POSITIVE_INFINITY);
  if (want.has('mac_address') || want.has('cve'))
    scanDashes(r, b, urlClaims, em, want.has('mac_address'), want.has('cve'));
  if (want.has('md5_hash') || want.has('sha1_hash') || want.has('sha256_hash') || want.has('sha512_hash'))
    scanHashes(r, b, em);
  if (want.has('asn')) {
    for (let at = r.indexOf('AS'); at !== -1; at = r.indexOf('AS', at + 2)) {
      if (at > 0 && isWord(r.charCodeAt(at - 1))) continue;
      ASN_BODY_RE.lastIndex = at + 2;
      const b = ASN_BODY_RE.exec(r);
      if (b === null) continue;
      const end = at + 2 + b[0].length;
      if (end < r.length && isWord(r.charCodeAt(end))) continue;
      const n = Number(b[1]);
      if (n < 1 || n > 4294967295) continue;
      em.emit('asn', `AS${n}`, at, end, false);
    }
  }
  if (want.has('windows_path')) scanWindowsPaths(r, urlClaims, em);
  if (want.has('linux_path')) scanLinuxPaths(r, urlClaims, em);
  // custom types last: their normalize may run a nested extraction, which
  // reuses the shared byte buffer `b` may point into (see loadAscii)
  for (const c of cfg.custom) {
    if (!want.has(c.name)) continue;
    const re = c.pattern;
    // the position is kept here, not only in the pattern: a normalize that
    // extracts with the same extractor runs this pattern over its own text
    let from = 0;
    for (;;) {
      re.lastIndex = from;
      const m = re.exec(r);
      if (m === null) break;
      if (m[0].length === 0) {
        from = m.index + 1;
        continue;
      }
      from = re.lastIndex;
      const value = c.normalize === undefined ? m[0] : c.normalize(m[0]);
      if (value !== null) target.found(c.name, value, m.index, m.index + m[0].length, false);
    }
  }
}

/** Takes a scanner's matches (see {@link ScanTarget.found}). */
interface Emits {
  emit(type: string, value: string, start: number, end: number, exact: boolean): void;
}

/**
 * One scan's delivery to its {@link ScanTarget}: only wanted types pass.
 * URL and IPv6 results are held back (in {@link urls} and {@link v6}) and
 * released in position order as the token pass goes by, so each type's
 * values arrive in order (the de-duplication behind extract() then never
 * needs a map of first offsets).
 */
class Emitter implements Emits {
  readonly urls = new Pending();
  readonly v6 = new Pending();

  constructor(
    private readonly want: ReadonlySet<string>,
    private readonly target: ScanTarget,
  ) {}

  emit(type: string, value: string, start: number, end: number, exact: boolean): void {
    if (this.want.has(type)) this.target.found(type, value, start, end, exact);
  }

  defanged(start: number, end: number): boolean {
    return this.target.defanged(start, end);
  }

  /** Emit the held matches that start before `limit`; returns the start of the next one held (or +Infinity). */
  release(limit: number): number {
    for (;;) {
      const u = this.urls.peek();
      const v = this.v6.peek();
      if (Math.min(u, v) >= limit) return Math.min(u, v);
      (u <= v ? this.urls : this.v6).take(this);
    }
  }
}

/** Matches found ahead of the token pass, in position order, released by {@link Pending.take}. */
class Pending implements Emits {
  private readonly types: string[] = [];
  private readonly values: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly exact: boolean[] = [];
  private next = 0;

  emit(type: string, value: string, start: number, end: number, exact: boolean): void {
    this.types.push(type);
    this.values.push(value);
    this.starts.push(start);
    this.ends.push(end);
    this.exact.push(exact);
  }

  /** Start of the next held match, or +Infinity. */
  peek(): number {
    return this.next < this.starts.length ? (this.starts[this.next] as number) : Number.POSITIVE_INFINITY;
  }

  /** Hand the next held match to `to`. */
  take(to: Emitter): void {
    const i = this.next++;
    to.emit(
      this.types[i] as string,
      this.values[i] as string,
      this.starts[i] as number,
      this.ends[i] as number,
      this.exact[i] as boolean,
    );
  }
}

keepShape(new Emitter(new Set(), { found: () => undefined, defanged: () => false }));

/**
 * Hex runs of exactly 32, 40, 64 or 128 characters in the first `n` bytes of
 * `b` (see {@link codeBytes}). Probes every 32nd character: a run of 32 or
 * more always covers a probe (and 16 characters on one side of it), so text
 * without long hex runs costs about n/32 checks.
 */
function scanHashes(r: string, b: Uint8Array, em: Emitter): void {
  const n = r.length;
  let i = 31;
  let floor = 0;
  while (i < n) {
    // a run of 32 or more that covers i also covers i+8 and i+16, or i-8 and i-16;
    // tested without branches (a text's letters are hex often enough that
    // branching on each test mispredicts), the right side alone near the end
    if (i + 16 < n) {
      const ok = ((i - 16 - floor) >>> 31) ^ 1;
      const hit =
        (HEX[b[i] as number] as number) &
        (((HEX[b[i + 8] as number] as number) & (HEX[b[i + 16] as number] as number)) |
          ((HEX[b[i - 8] as number] as number) & (HEX[b[i - 16] as number] as number) & ok));
      if (hit === 0) {
        i += 32;
        continue;
      }
    } else if (
      !isHex(b[i] as number) ||
      !(
        (isHex(b[i + 8] as number) && isHex(b[i + 16] as number)) ||
        (i - 16 >= floor && isHex(b[i - 8] as number) && isHex(b[i - 16] as number))
      )
    ) {
      i += 32;
      continue;
    }
    // the run's bounds, noting on the way whether it holds upper-case letters
    let kinds = HEX[b[i] as number] as number;
    let s = i;
    while (s > floor) {
      const k = HEX[b[s - 1] as number] as number;
      if (k === 0) break;
      kinds |= k;
      s--;
    }
    let e = i + 1;
    while (e < n) {
      const k = HEX[b[e] as number] as number;
      if (k === 0) break;
      kinds |= k;
      e++;
    }
    floor = e;
    i = e + 32;
    const len = e - s;
    if (len !== 32 && len !== 40 && len !== 64 && len !== 128) continue;
    const type = HASH_TYPES[len] as string;
    // 0x-prefixed hex is a number or an Ethereum address, not a hash
    if (s >= 2 && ((b[s - 1] as number) | 32) === 120 && (b[s - 2] as number) === 48) continue;
    // upper-case hex is noted while the run is read: most hashes need no toLowerCase (which copies a cut-out value first)
    if ((kinds & HEX_UPPER) !== 0) em.emit(type, r.slice(s, e).toLowerCase(), s, e, false);
    else em.emit(type, r.slice(s, e), s, e, true);
  }
}

/** Windows paths: found from their first backslash, then matched from the drive, UNC host or %VAR% before it. */
function scanWindowsPaths(r: string, claims: readonly Span[], em: Emitter): void {
  let ci = 0;
  let last = 0;
  for (let p = r.indexOf('\\'); p !== -1; p = r.indexOf('\\', Math.max(p + 1, last))) {
    let s = -1;
    if (p >= 2 && r.charCodeAt(p - 1) === 58 && isAlpha(r.charCodeAt(p - 2))) s = p - 2;
    else if (r.charCodeAt(p + 1) === 92 && p >= last) s = p;
    else if (r.charCodeAt(p - 1) === 37) {
      let k = p - 2;
      while (k >= 0 && p - k < 40 && (isAlnum(r.charCodeAt(k)) || r.charCodeAt(k) === 95)) k--;
      if (k >= 0 && r.charCodeAt(k) === 37) s = k;
    }
    if (s < last || s < 0) continue;
    // test(), not exec(): a sticky pattern's end is its lastIndex, with no match array made
    WIN_PATH_RE.lastIndex = s;
    if (!WIN_PATH_RE.test(r)) continue;
    last = WIN_PATH_RE.lastIndex;
    let e = last;
    while (e > s && r.charCodeAt(e - 1) === 46) e--;
    while (ci < claims.length && (claims[ci] as Span).end <= s) ci++;
    const c = claims[ci];
    if (c !== undefined && c.start < e) continue;
    em.emit('windows_path', r.slice(s, e), s, e, true);
  }
}

/** Linux paths (two or more segments), tried at each `/` not glued to a word, URL or other path. */
function scanLinuxPaths(r: string, claims: readonly Span[], em: Emitter): void {
  let ci = 0;
  let last = 0;
  for (let p = r.indexOf('/'); p !== -1; p = r.indexOf('/', Math.max(p + 1, last))) {
    if (p > 0 && LINUX_PATH_BEFORE.test(r[p - 1] as string)) continue;
    LINUX_PATH_RE.lastIndex = p;
    if (!LINUX_PATH_RE.test(r)) continue;
    let e = LINUX_PATH_RE.lastIndex;
    last = e;
    while (e > p && r.charCodeAt(e - 1) === 46) e--;
    while (ci < claims.length && (claims[ci] as Span).end <= p) ci++;
    const c = claims[ci];
    if (c !== undefined && c.start < e) continue;
    em.emit('linux_path', r.slice(p, e), p, e, true);
  }
}

function mergeSpans(a: Span[], b: Span[]): Span[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...a, ...b].sort((x, y) => x.start - y.start);
}

function scanUrls(r: string, b: Uint8Array, cfg: ScanConfig, out: Pending, colons: Positions): Span[] {
  const claims: Span[] = [];
  let lastEnd = 0;
  let runEnd = -1;
  const pairs = new RunPairs(b);
  let floor = 0;
  // each "://" at or after the end of the last one and of the last URL
  for (let ci = 0; ci < colons.length; ci++) {
    const idx = colons.at[ci] as number;
    if (idx < floor || idx < lastEnd || r.charCodeAt(idx + 1) !== 47 || r.charCodeAt(idx + 2) !== 47)
      continue;
    floor = idx + 3;
    let s = idx;
    while (s > lastEnd && idx - s < 32) {
      const c = r.charCodeAt(s - 1);
      if (!(isAlnum(c) || c === 43 || c === 45)) break;
      s--;
    }
    while (s < idx && !isAlpha(r.charCodeAt(s))) s++;
    if (s === idx) continue;
    // a run of URL characters ends in the same place for every "://" inside
    // it: scan it once, so "http://http://..." stays linear
    if (idx + 3 > runEnd) {
      runEnd = idx + 3;
      for (;;) {
        const c = b[runEnd] as number;
        if (c < 128 ? ((CHAR[c] as number) & URL_CHAR) !== 0 : runEnd < r.length && isUnicodeWord(r, runEnd))
          runEnd++;
        else break;
      }
      pairs.reset(runEnd);
    }
    // bracket and quote counts are built (once per run) only when a closer or quote is trimmed
    const runStart = idx + 3;
    pairs.start = runStart;
    const end = isTrailing(r.charCodeAt(runEnd - 1)) ? trimUrlEnd(r, runStart, runEnd, pairs) : runEnd;
    const schemeRaw = r.slice(s, idx);
    const scheme = schemeRaw.toLowerCase();
    const a = idx + 3;
    let authEnd = a;
    while (authEnd < end) {
      const c = b[authEnd] as number;
      if (c === 47 || c === 63 || c === 35) break;
      authEnd++;
    }
    const auth = r.slice(a, authEnd);
    const at = auth.lastIndexOf('@');
    const hostStart = a + at + 1;
    const hostport = auth.slice(at + 1);
    let host: string;
    // the host as written: the URL is its own text when lower-casing changed neither this nor the scheme
    let hostRaw: string;
    // the text of r[hs, he): the host value is its own text when equal to it
    let hostText: string;
    let hostType: 'dns' | 'ipv4' | 'ipv6' | null;
    let hostValue = '';
    let hs = hostStart;
    let he = hostStart;
    let afterHost: string;
    if (hostport.startsWith('[')) {
      const close = hostport.indexOf(']');
      if (close < 0) continue;
      afterHost = hostport.slice(close + 1);
      if (afterHost !== '' && !/^:\d{0,5}$/.test(afterHost)) continue;
      let inner = hostport.slice(1, close);
      const pct = inner.indexOf('%');
      if (pct >= 0) inner = inner.slice(0, pct);
      const g = parseIPv6(inner);
      if (g === null) continue;
      hs = hostStart + 1;
      he = hs + inner.length;
      hostText = inner;
      hostRaw = hostport.slice(0, close + 1);
      host = hostRaw.toLowerCase();
      hostType = 'ipv6';
      hostValue = formatIPv6(g);
    } else {
      const colon = hostport.lastIndexOf(':');
      let h = hostport;
      if (colon >= 0) {
        if (!/^\d{0,5}$/.test(hostport.slice(colon + 1))) continue;
        h = hostport.slice(0, colon);
      }
      while (h.endsWith('.')) h = h.slice(0, -1);
      afterHost = hostport.slice(h.length);
      he = hs + h.length;
      hostText = h;
      hostRaw = h;
      host = h.toLowerCase();
      const v4 = isDigit(host.charCodeAt(0)) ? parseIPv4(host) : null;
      if (host === '') {
        if (scheme !== 'file' || at >= 0) continue;
        hostType = null;
      } else if (v4 !== null) {
        hostType = 'ipv4';
        hostValue = v4.join('.');
      } else if (
        // an ASCII name is checked in place in the bytes (either case reads as lower case)
        isAsciiAt(b, hs, he)
          ? isValidDomainAt(r, b, hs, he, cfg.ignoreTlds)
          : isValidDomain(host, cfg.ignoreTlds)
      ) {
        hostType = 'dns';
        hostValue = toAsciiHost(host, cfg.punycode);
        host = hostValue;
      } else continue;
    }
    // scheme and host already in normal form: the URL is its own text (a slice, not five pieces joined)
    const exact = scheme === schemeRaw && host === hostRaw;
    const value = exact
      ? r.slice(s, end)
      : `${scheme}://${r.slice(a, hostStart)}${host}${afterHost}${r.slice(authEnd, end)}`;
    out.emit('url', value, s, end, exact);
    if (hostType !== null) out.emit(hostType, hostValue, hs, he, hostValue === hostText);
    claims.push({ start: s, end });
    lastEnd = end;
  }
  return claims;
}

/** True when `u[from, to)` (see {@link codeBytes}) holds only ASCII. */
function isAsciiAt(u: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((u[i] as number) >= 128) return false;
  return true;
}

/**
 * The {@link PairIndex} of the URL run `b[start, end)`, built when first
 * asked for: most URLs end without a closer or quote to weigh.
 */
class RunPairs {
  start = 0;
  private end = 0;
  private built: PairIndex | null = null;

  constructor(private readonly b: Uint8Array) {}

  /** A new run, ending at `end`. */
  reset(end: number): void {
    this.end = end;
    this.built = null;
  }

  index(): PairIndex {
    this.built ??= new PairIndex(this.b, this.start, this.end);
    return this.built;
  }
}

keepShape(new RunPairs(new Uint8Array(1)));

/** Positions of brackets and quotes in a URL run, to count them in any sub-range in O(log n). */
class PairIndex {
  /** Positions of each bracket or quote, by its {@link PAIR_SLOT}. */
  private readonly pos: number[][] = [[], [], [], [], [], [], []];

  /** `u` holds the code units of the text as bytes ({@link codeBytes}). */
  constructor(u: Uint8Array, from: number, to: number) {
    // a table read per character (a map lookup each was most of the time on a long URL)
    for (let i = from; i < to; i++) {
      const k = PAIR_SLOT[u[i] as number] as number;
      if (k >= 0) (this.pos[k] as number[]).push(i);
    }
  }

  /** How many `ch` (one of `()[]{}'`) lie in [a, b). */
  count(ch: number, a: number, b: number): number {
    const list = this.pos[PAIR_SLOT[ch] as number] as number[];
    return lowerBound(list, b) - lowerBound(list, a);
  }
}

keepShape(new PairIndex(new Uint8Array(1), 0, 0));

/** Slot of `( ) [ ] { } '` in a {@link PairIndex} by byte, -1 for any other. */
const PAIR_SLOT = new Int8Array(256).fill(-1);
for (const [i, ch] of [40, 41, 91, 93, 123, 125, 39].entries()) PAIR_SLOT[ch] = i;

function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isTrailing(c: number): boolean {
  return (
    c === 46 ||
    c === 44 ||
    c === 59 ||
    c === 58 ||
    c === 33 ||
    c === 63 ||
    c === 42 ||
    c === 41 ||
    c === 93 ||
    c === 125 ||
    c === 39
  );
}

/** Cut trailing punctuation a reader would not take as part of the URL, unless balanced inside it. */
function trimUrlEnd(r: string, start: number, end: number, run: RunPairs): number {
  let counted = false;
  let open = 0;
  let close = 0;
  let sqOpen = 0;
  let sqClose = 0;
  let curlyOpen = 0;
  let curlyClose = 0;
  let quotes = 0;
  const count = (): void => {
    if (counted) return;
    counted = true;
    const pairs = run.index();
    open = pairs.count(40, start, end);
    close = pairs.count(41, start, end);
    sqOpen = pairs.count(91, start, end);
    sqClose = pairs.count(93, start, end);
    curlyOpen = pairs.count(123, start, end);
    curlyClose = pairs.count(125, start, end);
    quotes = pairs.count(39, start, end);
  };
  let e = end;
  // real URLs end in a few punctuation marks; the cap keeps "http://" x n + ")" x m linear
  const floor = Math.max(start, end - 256);
  while (e > floor) {
    const c = r.charCodeAt(e - 1);
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 42) {
      e--;
      continue;
    }
    if (c === 41 || c === 93 || c === 125 || c === 39) count();
    if (c === 41 && close > open) {
      close--;
      e--;
    } else if (c === 93 && sqClose > sqOpen) {
      sqClose--;
      e--;
    } else if (c === 125 && curlyClose > curlyOpen) {
      curlyClose--;
      e--;
    } else if (c === 39 && quotes % 2 === 1) {
      quotes--;
      e--;
    } else break;
  }
  return e;
}

function scanIPv6(
  r: string,
  cu: Uint8Array,
  urlClaims: readonly Span[],
  out: Pending,
  marks: Positions,
): Span[] {
  const claims: Span[] = [];
  let lastEnd = 0;
  let ci = 0;
  const n = r.length;
  // every IPv6 address has two colons within nine characters of each other
  for (let pi = 0; pi < marks.length; pi++) {
    const p = marks.at[pi] as number;
    if (p < lastEnd) continue;
    let q = p + 1;
    while (q < n && q - p <= 5 && isHex(cu[q] as number)) q++;
    if ((cu[q] as number) !== 58) continue;
    // an address or MAC needs "::" or a third colon after a group of at most
    // five hex digits: "06:55:46" (every log line's time) is dropped here.
    // Its later colons may still be tried, each in constant time, and a run
    // holding this one is rejected whichever colon finds it.
    if (q > p + 1 && (cu[q + 1] as number) !== 58 && (cu[p - 1] as number) !== 58) {
      let k = q + 1;
      while (k < n && k - q <= 5 && isHex(cu[k] as number)) k++;
      if ((cu[k] as number) !== 58) continue;
    }
    let s = p;
    while (s > lastEnd && (isHex(cu[s - 1] as number) || (cu[s - 1] as number) === 58)) s--;
    let e = q + 1;
    while (e < n) {
      const c = cu[e] as number;
      if (!(isHex(c) || c === 58 || c === 46)) break;
      e++;
    }
    lastEnd = e;
    while (ci < urlClaims.length && (urlClaims[ci] as Span).end <= s) ci++;
    const u = urlClaims[ci];
    if (u !== undefined && u.start < e) continue;
    let a = s;
    let b = e;
    if ((cu[a] as number) === 58 && (cu[a + 1] as number) !== 58) a++;
    else if (a > 0 && (isWord(cu[a - 1] as number) || (cu[a - 1] as number) === 46)) continue;
    while (b > a && (cu[b - 1] as number) === 46) b--;
    if ((cu[b - 1] as number) === 58 && (cu[b - 2] as number) !== 58) b--;
    let zoneEnd = b;
    if (b === e && (cu[b] as number) === 37) {
      let z = b + 1;
      while (z < n && z - b < 64) {
        const c = cu[z] as number;
        if (!(isAlnum(c) || c === 46 || c === 95 || c === 126 || c === 45)) break;
        z++;
      }
      if (z > b + 1) zoneEnd = z;
    }
    const after = cu[zoneEnd] as number;
    if (
      zoneEnd < n &&
      (isWord(after) || (zoneEnd === e && after === 46 && isAlnum(cu[zoneEnd + 1] as number)))
    )
      continue;
    // cheap shape test first: timestamps (06:55:46) and the like never parse
    let colons = 0;
    let dbl = false;
    let dotted = false;
    for (let i = a; i < b; i++) {
      const c = r.charCodeAt(i);
      if (c === 58) {
        colons++;
        if (r.charCodeAt(i + 1) === 58) dbl = true;
      } else if (c === 46) dotted = true;
    }
    // compressed with "::", an address needs a group holding a digit or two
    // groups: "C::", "cc::" are a drive or a namespace and a bare "::" is
    // punctuation, while "2001::", "fe80::", "::1" and "dead::beef" stay
    if (dbl && !hasDigit(r, a, b) && hexGroups(r, a, b) < 2) continue;
    if (!(dbl ? colons <= 8 : colons === 7 || (colons === 6 && dotted))) {
      if (colons === 5 && isMac(r, a, b, 58))
        out.emit('mac_address', r.slice(a, b).toLowerCase(), a, b, false);
      continue;
    }
    const g = parseIPv6(r.slice(a, b));
    if (g === null) {
      if (isMac(r, a, b, 58)) out.emit('mac_address', r.slice(a, b).toLowerCase(), a, b, false);
      continue;
    }
    const value = formatIPv6(g);
    if (zoneEnd === b && r.charCodeAt(b) === 47) {
      const len = prefixLength(r, b + 1, 128);
      if (len !== null) {
        out.emit('cidr', `${value}/${len.value}`, a, len.end, false);
        claims.push({ start: a, end: len.end });
        continue;
      }
    }
    out.emit('ipv6', value, a, b, false);
    claims.push({ start: a, end: zoneEnd });
  }
  return claims;
}

function hasDigit(r: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isDigit(r.charCodeAt(i))) return true;
  return false;
}

function hexGroups(r: string, from: number, to: number): number {
  let groups = 0;
  for (let i = from; i < to; i++) if (isHex(r.charCodeAt(i)) && !isHex(r.charCodeAt(i - 1))) groups++;
  return groups;
}

/** Six hex pairs joined by one separator (IEEE 802 MAC-48 text form). */
function isMac(s: string, from: number, to: number, sep: number): boolean {
  if (to - from !== 17) return false;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(from + i);
    if (i % 3 === 2 ? c !== sep : !isHex(c)) return false;
  }
  return true;
}

/** A CIDR prefix length of 1-3 digits at `i`, at most `max`, ending at a boundary. */
function prefixLength(r: string, i: number, max: number): { value: number; end: number } | null {
  let j = i;
  while (j < r.length && j - i < 3 && r.charCodeAt(j) >= 48 && r.charCodeAt(j) <= 57) j++;
  if (j === i || j - i > (max > 99 ? 3 : 2)) return null;
  const c = r.charCodeAt(j);
  if (j < r.length && (isWord(c) || c === 47 || (c === 46 && isAlnum(r.charCodeAt(j + 1))))) return null;
  const value = Number(r.slice(i, j));
  return value <= max ? { value, end: j } : null;
}

/**
 * Dash-separated MAC addresses and CVE IDs, in one pass over the dashes: a
 * MAC from its first dash, a CVE ID from the dash after the literal (a search
 * for the dash is far faster than a pattern led by a class).
 */
function scanDashes(
  r: string,
  b: Uint8Array,
  claims: readonly Span[],
  em: Emitter,
  mac: boolean,
  cve: boolean,
): void {
  let ci = 0;
  let lastMac = 0;
  let lastCve = 0;
  for (let d = r.indexOf('-'); d !== -1; d = r.indexOf('-', d + 1)) {
    if (mac && d >= lastMac) {
      const e = macDashAt(r, b, d, claims, ci);
      if (e > 0) {
        em.emit(
          'mac_address',
          r
            .slice(d - 2, e)
            .toLowerCase()
            .replaceAll('-', ':'),
          d - 2,
          e,
          false,
        );
        lastMac = e;
      }
      while (ci < claims.length && (claims[ci] as Span).end <= d - 2) ci++;
    }
    if (cve && d >= 3 && d >= lastCve) {
      const at = d - 3;
      if (
        at < lastCve ||
        ((b[at] as number) | 32) !== 99 ||
        ((b[at + 1] as number) | 32) !== 118 ||
        ((b[at + 2] as number) | 32) !== 101
      )
        continue;
      CVE_BODY_RE.lastIndex = d + 1;
      if (!CVE_BODY_RE.test(r)) continue;
      const end = CVE_BODY_RE.lastIndex;
      lastCve = end;
      if (at > 0 && isAlnum(b[at - 1] as number)) continue;
      if (end < r.length && isAlnum(b[end] as number)) continue;
      const raw = r.slice(at, end);
      const id = raw.toUpperCase();
      em.emit('cve', id, at, end, id === raw);
    }
  }
}

/** End of the dash-separated MAC whose first dash is `p`, or -1; `ci` indexes the first claim that may overlap it. */
function macDashAt(r: string, b: Uint8Array, p: number, claims: readonly Span[], ci: number): number {
  const s = p - 2;
  if (s < 0 || (b[p + 3] as number) !== 45) return -1;
  if (s > 0 && (isWord(b[s - 1] as number) || (b[s - 1] as number) === 45 || (b[s - 1] as number) === 58))
    return -1;
  const e = s + 17;
  if (e < r.length && (isWord(b[e] as number) || (b[e] as number) === 45 || (b[e] as number) === 58))
    return -1;
  if (!isMac(r, s, e, 45)) return -1;
  let k = ci;
  while (k < claims.length && (claims[k] as Span).end <= s) k++;
  const c = claims[k];
  if (c !== undefined && c.start < e) return -1;
  return e;
}

function scanTokens(r: string, b: Uint8Array, claims: readonly Span[], cfg: ScanConfig, em: Emitter): void {
  let prevEnd = 0;
  let ci = 0;
  let held = em.release(0);
  let nextDot = r.indexOf('.');
  let nextAt = r.indexOf('@');
  for (;;) {
    // a used mark (-2) is searched for again only now, past the token it
    // ended in: an address's later dots cost no search of their own
    if (nextDot === -2 || (nextDot !== -1 && nextDot < prevEnd)) nextDot = r.indexOf('.', prevEnd);
    if (nextAt === -2 || (nextAt !== -1 && nextAt < prevEnd)) nextAt = r.indexOf('@', prevEnd);
    const p = nextDot === -1 ? nextAt : nextAt === -1 ? nextDot : Math.min(nextDot, nextAt);
    if (p === -1) break;
    if (p === nextDot) nextDot = -2;
    else nextAt = -2;
    while (ci < claims.length && (claims[ci] as Span).end <= p) ci++;
    const c = claims[ci];
    if (c !== undefined && c.start <= p) {
      prevEnd = c.end;
      continue;
    }
    // a sentence-final dot: the first and only mark of its token, nothing to find
    const next = TOK[b[p + 1] as number] as number;
    if (b[p] === 46 && (next & IS_TOKEN) === 0 && ((next & WIDE) === 0 || !isUnicodeWord(r, p + 1))) {
      prevEnd = p + 1;
      continue;
    }
    // the token's bounds, gathering the shape bits of its characters on the way
    let bits = TOK[b[p] as number] as number;
    let s = p;
    while (s > prevEnd) {
      const k = TOK[b[s - 1] as number] as number;
      if ((k & IS_TOKEN) === 0 && ((k & WIDE) === 0 || !isUnicodeWord(r, s - 1))) break;
      bits |= k;
      s--;
    }
    let e = p + 1;
    for (;;) {
      const k = TOK[b[e] as number] as number;
      if ((k & IS_TOKEN) === 0 && ((k & WIDE) === 0 || !isUnicodeWord(r, e))) break;
      bits |= k;
      e++;
    }
    if (c !== undefined && c.start < e) {
      e = c.start;
      bits = -1;
    }
    prevEnd = e;
    // most tokens have nothing held before them: no call
    if (s >= held) held = em.release(s);
    processToken(r, b, s, e, bits, cfg, em);
  }
}

/** Find the IPv4 address, domain or email in the token `r[s, e)`; `bits` is the OR of its characters' {@link TOK} entries, or -1 when not known. */
function processToken(
  r: string,
  u: Uint8Array,
  s: number,
  e: number,
  bits: number,
  cfg: ScanConfig,
  em: Emitter,
): void {
  let a = s;
  let b = e;
  while (a < b) {
    const c = u[a] as number;
    if (c === 46 || c === 43 || c === 37 || c === 64) a++;
    else break;
  }
  while (b > a) {
    const c = u[b - 1] as number;
    if (c === 46 || c === 43 || c === 37 || c === 64 || c === 45) b--;
    else break;
  }
  if (b - a < 3 || b - a > 320) return;
  // one pass for the marks and for the shape of the host part (after the
  // last "@" or "+"); a sentence end ("weeks.") leaves no dot and no @ once trimmed
  let at = -1;
  let prevAt = -1;
  let plus = -1;
  let shape = 0;
  // shape bits come from a table, without a branch per character class;
  // only the rare "@" and "+" branch
  let dots = 0;
  if (bits >= 0 && (bits & MARK) === 0 && a === s && b === e) {
    // no mark and nothing trimmed: the bits gathered with the bounds are the shape
    shape = bits & SHAPE_BITS;
    dots = shape;
  } else
    for (let i = a; i < b; i++) {
      const k = SHAPE[u[i] as number] as number;
      if (k & MARK) {
        if (u[i] === 64) {
          prevAt = at;
          at = i;
        } else plus = i;
        shape = 0;
      } else {
        shape |= k;
        dots |= k;
      }
    }
  const dot = (dots & HAS_DOT) !== 0;
  if (at >= 0) {
    // a "+" in the domain part: no host, so no email
    if (plus > at) return;
    const kind = hostKind(r, u, at + 1, b, shape, false, cfg, em);
    if (kind !== 'dns') return;
    const local = r.slice(prevAt < 0 ? a : prevAt + 1, at);
    if (LOCAL_PART.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..')) {
      const domainRaw = r.slice(at + 1, b);
      const domain = toAsciiHost(domainRaw.toLowerCase(), cfg.punycode);
      const lowerLocal = local.toLowerCase();
      // written in lower case already: the address is its own text
      em.emit(
        'email',
        `${lowerLocal}@${domain}`,
        at - local.length,
        b,
        lowerLocal === local && domain === domainRaw,
      );
    }
    return;
  }
  if (!dot) return;
  hostKind(r, u, plus >= 0 ? plus + 1 : a, b, shape, true, cfg, em);
}

// Shape bits of a host candidate, gathered while its token is read.
const HAS_DOT = 1;
const HAS_DASH = 2;
const NOT_NUMERIC = 4;
const HAS_UPPER = 8;
/** `@` or `+`: not a shape bit, a mark that starts the host part afresh. */
const MARK = 16;
/** A non-ASCII code unit. */
const WIDE = 32;
/** An ASCII token character (in {@link TOK} only). */
const IS_TOKEN = 64;
const SHAPE_BITS = HAS_DOT | HAS_DASH | NOT_NUMERIC | HAS_UPPER | WIDE;

/** Shape bits of each UTF-16 code unit in a token: digits 0, `.` HAS_DOT, `-` HAS_DASH, `@` `+` MARK, upper-case NOT_NUMERIC | HAS_UPPER, non-ASCII that and WIDE, the rest NOT_NUMERIC. */
const SHAPE = new Uint8Array(65536).fill(NOT_NUMERIC | HAS_UPPER | WIDE, 128);
for (let c = 0; c < 128; c++) {
  if (c >= 48 && c <= 57) SHAPE[c] = 0;
  else if (c === 46) SHAPE[c] = HAS_DOT;
  else if (c === 45) SHAPE[c] = HAS_DASH;
  else if (c === 64 || c === 43) SHAPE[c] = MARK;
  else SHAPE[c] = c >= 65 && c <= 90 ? NOT_NUMERIC | HAS_UPPER : NOT_NUMERIC;
}

/**
 * Token class and shape of each UTF-16 code unit in one table: an ASCII token
 * character's {@link SHAPE} bits with IS_TOKEN, a non-ASCII unit's (WIDE: a
 * token character when a Unicode letter, mark or number), 0 for the rest.
 */
const TOK = new Uint8Array(65536);
for (let c = 0; c < 65536; c++)
  if (c >= 128) TOK[c] = SHAPE[c] as number;
  else if (((CHAR[c] as number) & TOKEN) !== 0) TOK[c] = (SHAPE[c] as number) | IS_TOKEN;

/**
 * False when the last label of `r[from, to)` certainly cannot be a top-level
 * domain (all ASCII, and shorter than two characters or holding a non-letter,
 * and not `xn--`): `T1003.001`, `e.g`, `v2.x1` are rejected before any string is made.
 */
function mayEndInTld(u: Uint8Array, from: number, to: number): boolean {
  let l = to;
  while (l > from && (u[l - 1] as number) !== 46) l--;
  if (to - l < 2) {
    for (let i = l; i < to; i++) if ((u[i] as number) >= 128) return true;
    return false;
  }
  let letters = true;
  for (let i = l; i < to; i++) {
    const c = u[i] as number;
    if (c >= 128) return true;
    if (!isAlpha(c)) letters = false;
  }
  if (letters) return true;
  return (
    ((u[l] as number) | 32) === 120 &&
    ((u[l + 1] as number) | 32) === 110 &&
    (u[l + 2] as number) === 45 &&
    (u[l + 3] as number) === 45
  );
}

/** `r[from, to)` as an IPv4 address (or range) or a domain name; `shape` holds its `HAS_*` / `NOT_NUMERIC` bits. */
function hostKind(
  r: string,
  u: Uint8Array,
  from: number,
  to: number,
  shape: number,
  standalone: boolean,
  cfg: ScanConfig,
  em: Emitter,
): 'dns' | 'ipv4' | null {
  if (to - from < 3 || (shape & HAS_DOT) === 0) return null;
  const upper = (shape & HAS_UPPER) !== 0;
  if ((shape & NOT_NUMERIC) === 0) {
    if ((shape & HAS_DASH) === 0) return ipv4Token(r, u, from, to, em) ? 'ipv4' : null;
    // ranges such as 1.2.3.4-1.2.3.9
    let p = from;
    for (let i = from; i <= to; i++) {
      if (i < to && u[i] !== 45) continue;
      for (let k = p; k < i; k++) {
        if (u[k] === 46) {
          ipv4Token(r, u, p, i, em);
          break;
        }
      }
      p = i + 1;
    }
    return null;
  }
  if (!mayEndInTld(u, from, to)) return null;
  let host: string;
  let raw = '';
  if ((shape & WIDE) === 0) {
    // ASCII: checked in place, a string made only for a valid name
    if (!isValidDomainAt(r, u, from, to, cfg.ignoreTlds)) return null;
    raw = r.slice(from, to);
    host = upper ? raw.toLowerCase() : raw;
  } else {
    host = r.slice(from, to).toLowerCase();
    if (!isValidDomain(host, cfg.ignoreTlds)) return null;
  }
  // an explicitly defanged name is the author marking a host, even one that reads like a file name
  if (standalone && (looksLikeFileName(host) || isMalwareName(r, from)) && !em.defanged(from, to))
    return null;
  const value = toAsciiHost(host, cfg.punycode);
  em.emit('dns', value, from, to, value === raw);
  return 'dns';
}

/** `W64/BURNTCIGAR.CA!tr`, `Trojan:Win32/Emotet.PK`: a name after `platform/` is an AV detection name, not a host. */
function isMalwareName(r: string, off: number): boolean {
  if (r.charCodeAt(off - 1) !== 47) return false;
  let k = off - 1;
  while (k > 0 && off - k < 64 && !isSpace(r.charCodeAt(k - 1))) {
    const c = r.charCodeAt(k - 1);
    if (c === 46 || c === 47) return false;
    k--;
  }
  return true;
}

// Only words that name a version outright: "release", "build", "rev" or a
// lone "v" are as often followed by an address ("build 185.220.101.1
// observed"). "OID" is kept, but only for a first part of 0-2: every OID's
// first arc is 0, 1 or 2 (ITU-T X.660), so "OID 1.3.6.1" is an OID and
// "OID 185.220.101.1" is not.
const VERSION_WORDS = new Set(['version', 'ver', 'firmware']);

/**
 * The largest first part a dotted quad may have and still be read as the
 * version or OID named by the word just before `off` (past spaces and
 * `.:=#`): 9 after `version`, `ver` or `firmware`, 2 after `oid`, and -1 when
 * no such word stands there.
 */
function versionContextLimit(r: string, off: number): number {
  let k = off;
  while (k > 0 && off - k < 4) {
    const c = r.charCodeAt(k - 1);
    if (c === 32 || c === 9 || c === 46 || c === 58 || c === 61 || c === 35) k--;
    else break;
  }
  const end = k;
  while (k > 0 && end - k <= 8 && isAlpha(r.charCodeAt(k - 1))) k--;
  if (end === k || end - k > 8 || (k > 0 && isAlnum(r.charCodeAt(k - 1)))) return -1;
  // every keyword starts with one of these letters: most words need no string
  const first = r.charCodeAt(k) | 32;
  if (first !== 118 && first !== 102 && first !== 111) return -1;
  const word = r.slice(k, end).toLowerCase();
  if (word === 'oid') return 2;
  return VERSION_WORDS.has(word) ? 9 : -1;
}

const IPV4_PARTS = new Int32Array(5);

function ipv4Token(r: string, u: Uint8Array, off: number, to: number, em: Emitter): boolean {
  // parse up to five dot-separated parts of digits without allocating
  const parts = IPV4_PARTS;
  let count = 0;
  let digits = 0;
  let fourEnd = -1;
  let zeroLed = false;
  const n = to - off;
  // the part being read stays in a local; it is stored at its closing dot
  let v = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? (u[off + i] as number) : 46;
    if (c === 46) {
      if (digits === 0 || count === 5) return false;
      parts[count] = v;
      if (count === 3) fourEnd = i;
      count++;
      digits = 0;
      v = 0;
      continue;
    }
    digits++;
    if (digits === 2 && v === 0) zeroLed = true;
    if (digits > (count === 4 ? 5 : 3)) return false;
    v = v * 10 + (c - 48);
  }
  if (count === 5) {
    // netstat prints address.port: a fifth part above 255 is a port
    const port = parts[4] as number;
    if (!(port > 255 && port <= 65535)) return false;
  } else if (count !== 4) return false;
  for (let i = 0; i < 4; i++) if ((parts[i] as number) > 255) return false;
  const end = off + fourEnd;
  // "version 4.2.1.0" is a version: a keyword naming it, a one-digit major
  // part (an address chosen to hide behind the keyword keeps its own first
  // octet: "version 185.220.101.1" is reported) and no defang marker
  if (
    (parts[0] as number) <= 9 &&
    (parts[0] as number) <= versionContextLimit(r, off) &&
    !em.defanged(off, end)
  )
    return false;
  if (r.charCodeAt(off - 1) === 47 && isAlpha(r.charCodeAt(off - 2))) return false;
  if (count === 4 && u[end] === 47) {
    const len = prefixLength(r, end + 1, 32);
    if (len !== null) {
      em.emit('cidr', `${ipv4Value(r, off, end, zeroLed)}/${len.value}`, off, len.end, false);
      return true;
    }
  }
  if (ipv4Seen !== null) {
    const key = ((parts[0] as number) << 24) | ((parts[1] as number) << 16) | ((parts[2] as number) << 8);
    if (!ipv4Seen.add(key | (parts[3] as number))) return true;
  }
  em.emit('ipv4', ipv4Value(r, off, end, zeroLed), off, end, !zeroLed);
  return true;
}

/** The address parsed into IPV4_PARTS from `r[off, end)`: written without leading zeros (the usual case) the text is already the value. */
function ipv4Value(r: string, off: number, end: number, zeroLed: boolean): string {
  const p = IPV4_PARTS;
  return zeroLed ? `${p[0]}.${p[1]}.${p[2]}.${p[3]}` : r.slice(off, end);
}

/** Encoded runs (percent, hex, base64) that decode to text holding a URL. */
export function findEncoded(
  r: string,
): { start: number; end: number; text: string; encoding: IocEncoding }[] {
  const out: { start: number; end: number; text: string; encoding: IocEncoding }[] = [];
  PERCENT_URL_RE.lastIndex = 0;
  for (let m = PERCENT_URL_RE.exec(r); m !== null; m = PERCENT_URL_RE.exec(r)) {
    let text: string;
    try {
      text = decodeURIComponent(m[0]);
    } catch {
      text = m[0].replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) =>
        String.fromCharCode(Number.parseInt(h, 16)),
      );
    }
    out.push({ start: m.index, end: m.index + m[0].length, text, encoding: 'percent' });
  }
  const utf8 = new TextDecoder('utf-8');
  HEX_URL_RE.lastIndex = 0;
  for (let m = HEX_URL_RE.exec(r); m !== null; m = HEX_URL_RE.exec(r)) {
    const bytes = new Uint8Array(m[0].length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(m[0].slice(i * 2, i * 2 + 2), 16);
    out.push({ start: m.index, end: m.index + m[0].length, text: utf8.decode(bytes), encoding: 'hex' });
  }
  B64_URL_RE.lastIndex = 0;
  for (let m = B64_URL_RE.exec(r); m !== null; m = B64_URL_RE.exec(r)) {
    let b64 = m[0].replace(/=+$/, '');
    b64 = b64.slice(0, b64.length - (b64.length % 4 === 1 ? 1 : 0));
    try {
      const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
      const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
      out.push({ start: m.index, end: m.index + m[0].length, text: utf8.decode(bytes), encoding: 'base64' });
    } catch {
      // not base64 after all
    }
  }
  return out;
}
