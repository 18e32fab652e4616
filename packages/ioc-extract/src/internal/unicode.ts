import { EditList } from './offset-map.js';

// Zero-width and invisible characters used to break up indicators: ZWSP, ZWNJ,
// ZWJ, word joiner, BOM/ZWNBSP, soft hyphen.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** True when a text holds a character the fold removes (see {@link foldEdits}); also read by the stream's cut finder. */
export const INVISIBLE_TEST = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const cache = new Map<string, string>();
/** Longest piece kept in {@link cache}: a key is hashed and held, and a long piece is seldom seen twice. */
const CACHE_KEY_LIMIT = 64;
const NON_ASCII_RUN = /[\u0080-\uFFFF]+/g;
/**
 * Non-starters for the stream-safe bound: every mark (\p{M}, which holds every
 * character of Canonical_Combining_Class ≠ 0) and the two characters outside
 * it whose NFKD starts with one (halfwidth katakana voiced and semi-voiced
 * sound marks, U+FF9E → U+3099, U+FF9F → U+309A). A superset of the UAX #15
 * non-starters, found by the runtime's own Unicode data rather than a table.
 */
const NON_STARTER = '\\p{M}\\uFF9E\\uFF9F';
/**
 * Starters that compose with the character before them, outside \p{M}
 * (Hangul medial vowel and final consonant jamo U+1161–U+1175 and
 * U+11A8–U+11C2, Kirat Rai vowel sign AI U+16D67), and compatibility
 * characters whose NFKD starts with one (Hangul compatibility and halfwidth
 * jamo, U+16D68). Derived from the UCD decompositions (Unicode 17): the last
 * code point of each primary composite's canonical decomposition, when it is
 * a starter.
 */
const COMBINING_STARTER =
  '\\u1161-\\u1175\\u11A8-\\u11C2\\u3133\\u3135\\u3136\\u313A-\\u313F\\u314F-\\u3163\\uFFA3\\uFFA5\\uFFA6' +
  '\\uFFAA-\\uFFAF\\uFFC2-\\uFFC7\\uFFCA-\\uFFCF\\uFFD2-\\uFFD7\\uFFDA-\\uFFDC\\u{16D67}\\u{16D68}';
const JOINS = `${NON_STARTER}${COMBINING_STARTER}`;
// A base character with what normalisation may join to it (marks, jamo):
// normalising cluster by cluster keeps each change local, so offsets stay
// precise. A boundary before a character outside JOINS is a normalisation
// boundary, so the clusters fold as the whole text would.
const CLUSTER = new RegExp(`[^${JOINS}]?[${JOINS}]*`, 'gu');
const STARTS_JOINED = new RegExp(`^[${JOINS}]`, 'u');
/** UAX #15 (UAX15-D4): a stream-safe text has at most 30 consecutive non-starters. */
const STREAM_SAFE = 30;
const OVER_STREAM_SAFE = new RegExp(`[${NON_STARTER}]{${STREAM_SAFE + 1}}`, 'u');
// 30 non-starters with another after them: where UAX #15 inserts a CGJ
const STREAM_SAFE_CUT = new RegExp(`[${NON_STARTER}]{${STREAM_SAFE}}(?=[${NON_STARTER}])`, 'gu');

const encoder = new TextEncoder();
const CHUNK = 1 << 16;
const buffer = new Uint8Array(CHUNK);

/**
 * True when `text` is pure ASCII. UTF-8 encoding writes one byte per ASCII
 * code unit and more for anything else, and `encodeInto` is native code:
 * measured about ten times faster than a `/[^\x00-\x7f]/` test.
 */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += CHUNK) {
    const part = i === 0 && text.length <= CHUNK ? text : text.slice(i, i + CHUNK);
    const r = encoder.encodeInto(part, buffer);
    if (r.read !== part.length || r.written !== part.length) return false;
  }
  return true;
}

const decoder = new TextDecoder('utf-8');
const FLAT_LIMIT = CHUNK * 4;
let flatBuffer = new Uint8Array(CHUNK * 2);

/**
 * `text` as a flat string of its own when it is pure ASCII, else null. A
 * segment cut from a longer text is a view into it, and every character read
 * through a view costs more: the scanners read each character several times,
 * so one native encode and decode (about a quarter of a millisecond per MB)
 * pays for itself on text that refang leaves untouched (measured up to ~10%
 * faster on logs).
 */
export function flatAscii(text: string): string | null {
  if (text.length > FLAT_LIMIT) return null;
  if (text.length > flatBuffer.length) flatBuffer = new Uint8Array(FLAT_LIMIT);
  const r = encoder.encodeInto(text, flatBuffer);
  if (r.read !== text.length || r.written !== text.length) return null;
  return decoder.decode(flatBuffer.subarray(0, r.written));
}

/** A text's bytes at its start, and room after them for an edited copy: shared by texts up to FLAT_LIMIT long. */
let work: Uint8Array = new Uint8Array(CHUNK * 2 + 1);
/**
 * Longest text taken as bytes (code units): a long line or a text scanned as
 * one segment is still built from bytes, in a buffer of its own (twice its
 * length, dropped with it).
 */
const ASCII_LIMIT = 1 << 24;

/**
 * `text`'s bytes when it is pure ASCII (one byte per code unit) and at most
 * {@link ASCII_LIMIT} long, at the start of a buffer with room for an edited
 * copy after them; null otherwise. A text up to FLAT_LIMIT long shares one
 * buffer: its bytes are valid until the next call.
 */
export function loadAscii(text: string): Uint8Array | null {
  const n = text.length;
  if (n > ASCII_LIMIT) return null;
  if (n <= FLAT_LIMIT && work.length < n * 2 + 1) work = new Uint8Array(FLAT_LIMIT * 2 + 1);
  const buf = n <= FLAT_LIMIT ? work : new Uint8Array(n * 2 + 1);
  const r = encoder.encodeInto(text, buf);
  return r.read === n && r.written === n ? buf : null;
}

/** A text built from ASCII bytes, with those bytes (and a 0 after them). */
export interface AsciiText {
  readonly text: string;
  /**
   * The text's code units, then a 0: a view into the buffer of
   * {@link loadAscii}, valid as long as that. Scanners read it faster than the string.
   */
  readonly bytes: Uint8Array;
}

/** The first `n` bytes of `buf` (from {@link loadAscii}) and a 0 after them (see {@link AsciiText.bytes}). */
export function terminated(buf: Uint8Array, n: number): Uint8Array {
  buf[n] = 0;
  return buf.subarray(0, n + 1);
}

/**
 * The first `n` bytes of `buf` (from {@link loadAscii}) with `edits` (sorted,
 * non-overlapping, ASCII replacements) applied, as a flat string. Built in
 * bytes after the source in the same buffer and decoded once: no string
 * pieces to cut and join (measured faster than building from pieces).
 */
export function applyEditsAscii(buf: Uint8Array, n: number, edits: EditList): AsciiText {
  const { starts, ends, codes, texts } = edits;
  let out = n;
  for (let i = 0; i < edits.length; i++)
    out += (texts[codes[i] as number] as string).length - ((ends[i] as number) - (starts[i] as number));
  let b = buf;
  if (b.length < n + out + 1) {
    // replacements longer than what they replace ("hxxp__" to "http://")
    b = new Uint8Array(n + out + 1);
    b.set(buf.subarray(0, n));
    if (buf === work) work = b;
  }
  let o = n;
  let pos = 0;
  for (let i = 0; i < edits.length; i++) {
    o = copyRun(b, pos, starts[i] as number, o);
    const text = texts[codes[i] as number] as string;
    for (let k = 0; k < text.length; k++) b[o++] = text.charCodeAt(k);
    pos = ends[i] as number;
  }
  o = copyRun(b, pos, n, o);
  b[o] = 0;
  return { text: decoder.decode(b.subarray(n, o)), bytes: b.subarray(n, o + 1) };
}

/**
 * The code units of `s` as bytes, non-ASCII ones as 0x80, then a 0: what the
 * scanners read for a text that is not pure ASCII (a non-ASCII unit is looked
 * at in the string itself).
 */
export function codeBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length + 1);
  // pure ASCII (the usual case) is copied natively: UTF-8 is then one byte per unit
  const r = encoder.encodeInto(s, b);
  if (r.read === s.length && r.written === s.length) {
    b[s.length] = 0;
    return b;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    b[i] = c < 128 ? c : 0x80;
  }
  // the failed native copy may have written past the text
  b[s.length] = 0;
  return b;
}

/** Copy `b[from, to)` to `b[at...]` (a later, disjoint range); returns the end of the copy. */
function copyRun(b: Uint8Array, from: number, to: number, at: number): number {
  const len = to - from;
  // copyWithin is a runtime call: short runs (most, between close edits) go by hand
  if (len > 24) b.copyWithin(at, from, to);
  else for (let i = 0; i < len; i++) b[at + i] = b[from + i] as number;
  return at + len;
}

/**
 * Edits that fold a text for matching: Unicode NFKC (compatibility forms such
 * as `ﬁ` → `fi`, fullwidth `．` → `.`, `…` → `...`; UAX #15) and removal of
 * zero-width characters (U+200B–U+200D, U+2060, U+FEFF, U+00AD). Each edit
 * replaces a range of `text` (UTF-16 offsets) with its folded form.
 *
 * Linear in the length of `text`: canonical reordering is quadratic in the
 * length of a run of non-starters, so no normalisation sees more than 30 of
 * them in a row. Text in the Stream-Safe Text Format of UAX #15 (UAX15-D4: at
 * most 30 consecutive non-starters; here a non-starter is any \p{M} code
 * point or U+FF9E/U+FF9F) folds exactly as `text.normalize('NFKC')` with the
 * zero-width characters removed. A longer run folds as UAX #15's Stream-Safe
 * Text Process prescribes: as if U+034F COMBINING GRAPHEME JOINER stood after
 * each 30 consecutive non-starters (and were then removed), so marks are
 * reordered and composed only within each 30.
 */
export function foldEdits(text: string): EditList {
  const edits = new EditList();
  if (isAscii(text)) return edits;
  NON_ASCII_RUN.lastIndex = 0;
  for (let m = NON_ASCII_RUN.exec(text); m !== null; m = NON_ASCII_RUN.exec(text)) {
    let start = m.index;
    const end = start + m[0].length;
    // a mark after an ASCII base composes with it (e + U+0301 → é)
    if (start > 0 && STARTS_JOINED.test(m[0])) start--;
    const run = text.slice(start, end);
    // most non-ASCII text (Cyrillic, CJK, accented Latin in NFC) is already
    // folded; a run of more than 30 non-starters is not normalised whole
    const long = run.length > STREAM_SAFE && OVER_STREAM_SAFE.test(run);
    if (!long && !INVISIBLE_TEST.test(run) && run.normalize('NFKC') === run) continue;
    CLUSTER.lastIndex = 0;
    for (let c = CLUSTER.exec(run); c !== null && c[0].length > 0; c = CLUSTER.exec(run)) {
      const seg = c[0];
      if (long && seg.length > STREAM_SAFE && OVER_STREAM_SAFE.test(seg))
        foldPieces(seg, start + c.index, edits);
      else foldPiece(seg, start + c.index, edits);
    }
  }
  return edits;
}

/** Fold a cluster with more than 30 consecutive non-starters in pieces cut after each 30 (see {@link foldEdits}). */
function foldPieces(seg: string, at: number, edits: EditList): void {
  let from = 0;
  STREAM_SAFE_CUT.lastIndex = 0;
  // the leftmost 30 followed by one more start a run, or follow the last cut
  for (let m = STREAM_SAFE_CUT.exec(seg); m !== null; m = STREAM_SAFE_CUT.exec(seg)) {
    const to = m.index + m[0].length;
    foldPiece(seg.slice(from, to), at + from, edits);
    from = to;
  }
  foldPiece(seg.slice(from), at + from, edits);
}

/** Push the edit that folds `piece`, found at `at` in the text, if folding changes it. */
function foldPiece(piece: string, at: number, edits: EditList): void {
  let folded = cache.get(piece);
  if (folded === undefined) {
    folded = piece.normalize('NFKC').replace(INVISIBLE, '');
    if (cache.size < 4096 && piece.length <= CACHE_KEY_LIMIT) cache.set(piece, folded);
  }
  if (folded !== piece) edits.push(at, at + piece.length, folded);
}
