import { EditList } from './offset-map.js';

// Zero-width and invisible characters used to break up indicators: ZWSP, ZWNJ,
// ZWJ, word joiner, BOM/ZWNBSP, soft hyphen.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const INVISIBLE_TEST = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const cache = new Map<string, string>();
const NON_ASCII_RUN = /[\u0080-\uFFFF]+/g;
// A base character with its combining marks: normalising cluster by cluster
// keeps each change local, so offsets stay precise.
const CLUSTER = /[^\p{M}]?\p{M}*/gu;
const STARTS_WITH_MARK = /^\p{M}/u;

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
 * zero-width characters.
 */
export function foldEdits(text: string): EditList {
  const edits = new EditList();
  if (isAscii(text)) return edits;
  NON_ASCII_RUN.lastIndex = 0;
  for (let m = NON_ASCII_RUN.exec(text); m !== null; m = NON_ASCII_RUN.exec(text)) {
    let start = m.index;
    const end = start + m[0].length;
    // a mark after an ASCII base composes with it (e + U+0301 → é)
    if (start > 0 && STARTS_WITH_MARK.test(m[0])) start--;
    const run = text.slice(start, end);
    // most non-ASCII text (Cyrillic, CJK, accented Latin in NFC) is already folded
    if (!INVISIBLE_TEST.test(run) && run.normalize('NFKC') === run) continue;
    CLUSTER.lastIndex = 0;
    for (let c = CLUSTER.exec(run); c !== null && c[0].length > 0; c = CLUSTER.exec(run)) {
      const seg = c[0];
      let folded = cache.get(seg);
      if (folded === undefined) {
        folded = seg.normalize('NFKC').replace(INVISIBLE, '');
        if (cache.size < 4096) cache.set(seg, folded);
      }
      if (folded !== seg) edits.push(start + c.index, start + c.index + seg.length, folded);
    }
  }
  return edits;
}
