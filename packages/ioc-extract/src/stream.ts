import { IocExtractError } from './errors.js';
import { keepShape } from './internal/shapes.js';
import { INVISIBLE_TEST } from './internal/unicode.js';
import type { IocMatch, IocStreamSource } from './types.js';

/**
 * Length of a line without a line end (UTF-16 code units) past which
 * `extractStream` cuts it at a safe point, so memory stays bounded.
 *
 * A safe point is one no indicator can span (see {@link streamMatches}); the
 * cut text keeps {@link STREAM_CUT_CONTEXT} code units of neighbours on each
 * side, so results equal `extractMatches` on the whole text. A line with no
 * safe point is carried further, up to {@link STREAM_LINE_LIMIT}. Custom types
 * are matched within each cut piece, as within each line.
 */
export const STREAM_CARRY_LIMIT = 65_536;

/**
 * Longest run of a line without a safe cut point that `extractStream` carries
 * (UTF-16 code units, 16 × {@link STREAM_CARRY_LIMIT}, about 2 MB); past it
 * the stream fails with `INVALID_INPUT` instead of cutting where an indicator
 * might be lost.
 */
export const STREAM_LINE_LIMIT = STREAM_CARRY_LIMIT * 16;

/**
 * Neighbours (UTF-16 code units) kept on each side of a mid-line cut: more
 * than the scanners read around an indicator. The farthest is a name spelled
 * with word forms (` dot `), checked as a whole: at most 253 characters
 * joined by up to 126 dot words of up to 9 units, with a word of up to 96 on
 * its left (about 1 500); AV-name and version checks read 64 and 12.
 */
export const STREAM_CUT_CONTEXT = 2048;

/** Unread text gathered before the cut search reads it, so small chunks are joined once. */
const BATCH = 4096;
/** Text kept before the next unread position, for the look-back of a space's check. */
const BACK = 80;
/** Blanks and brackets a defang marker can put between a space and its core ("[.]", " dot "): 3 + 8, with room. */
const MARKER_REACH = 16;

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isBracket = (c: number): boolean =>
  c === 91 || c === 93 || c === 40 || c === 41 || c === 123 || c === 125;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** A marker core or scheme separator character: `.`, `@`, `:`, `/`, `\\`, `_`. */
const isCore = (c: number): boolean => c === 46 || c === 64 || c === 58 || c === 47 || c === 92 || c === 95;
/** A mark (combining character): it joins the character before it when text is folded. */
const MARK = /^\p{M}/u;
/** True when a mark starts at `i` (one cheap comparison for most text). */
const markAt = (t: string, i: number): boolean => t.charCodeAt(i) >= 0x300 && MARK.test(t.slice(i, i + 2));
/** A folded character that may belong to a marker: a core, a bracket or a blank. */
const MARKER_PART = /[.@:/\\_[\](){} \t]/;
/** Folded clusters of non-ASCII neighbours (NFKC), by cluster; bounded, cleared when full. */
const folds = new Map<string, string | null>();
const FOLDS_LIMIT = 4096;
/** Longest cluster (UTF-16 code units) read around a blank: a base and its marks. */
const CLUSTER_LIMIT = 32;

/**
 * The NFKC fold of a non-ASCII cluster, or null when it may form part of a
 * defang marker: it folds to nothing (zero-width characters), holds an
 * invisible character, or folds to text holding a marker core, a bracket or a
 * blank (fullwidth `．＠：／＼＿［］（）`, small `﹒﹫﹕`, `․`, `…`, U+3000).
 */
function foldCluster(cluster: string): string | null {
  let f = folds.get(cluster);
  if (f !== undefined) return f;
  const n = cluster.normalize('NFKC');
  f = n === '' || INVISIBLE_TEST.test(n) || MARKER_PART.test(n) ? null : n;
  if (folds.size >= FOLDS_LIMIT) folds.clear();
  folds.set(cluster, f);
  return f;
}

/** No neighbour: past a marker's reach or the text's edge. */
const EDGE = { s: '', at: -1, end: -1 } as const;

/** The folded cluster ending at `k` (inclusive) and its first index, or null (see {@link foldCluster}). */
function foldBefore(t: string, k: number): { s: string; at: number } | null {
  if (k < 0) return EDGE;
  const c = t.charCodeAt(k);
  if (c < 128) return { s: t[k] as string, at: k };
  let a = k;
  // walk back to the cluster's base: past marks and over surrogate pairs
  for (;;) {
    const u = t.charCodeAt(a);
    if (u >= 0xdc00 && u <= 0xdfff && a > 0) {
      const h = t.charCodeAt(a - 1);
      if (h >= 0xd800 && h <= 0xdbff) a--;
    }
    if (a === 0 || !markAt(t, a)) break;
    if (k - a >= CLUSTER_LIMIT) return null;
    a--;
  }
  const s = foldCluster(t.slice(a, k + 1));
  return s === null ? null : { s, at: a };
}

/** The folded cluster starting at `j` and the index after it, or null (see {@link foldCluster}). */
function foldAfter(t: string, j: number): { s: string; end: number } | null {
  if (j >= t.length) return EDGE;
  const c = t.charCodeAt(j);
  if (c < 128 && !markAt(t, j + 1)) return { s: t[j] as string, end: j + 1 };
  let e = j;
  for (;;) {
    const u = t.charCodeAt(e);
    e += u >= 0xd800 && u <= 0xdbff && e + 1 < t.length ? 2 : 1;
    if (e >= t.length || !markAt(t, e)) break;
    if (e - j >= CLUSTER_LIMIT) return null;
  }
  const s = foldCluster(t.slice(j, e));
  return s === null ? null : { s, end: e };
}

/** A character after which no indicator continues in any scanner: `"`, `<`, `>`, `` ` ``, controls. */
const isHardBreak = (c: number): boolean =>
  c === 34 || c === 60 || c === 62 || c === 96 || c < 32 || c === 127;
/** URL punctuation that no other indicator holds: a cut after it is safe outside a URL. */
const isSoftBreak = (c: number): boolean =>
  c === 59 ||
  c === 44 ||
  c === 124 ||
  c === 94 ||
  c === 39 ||
  c === 33 ||
  c === 36 ||
  c === 38 ||
  c === 61 ||
  c === 42 ||
  c === 63;

/**
 * Finds safe cut points in a line as it arrives, reading each code unit a
 * bounded number of times: new text is gathered and read in batches, with
 * {@link BACK} units of look-back and {@link STREAM_CUT_CONTEXT} of look-ahead.
 *
 * A cut after position `i` is safe when no indicator can span it:
 * - after `"`, `<`, `>`, `` ` `` or a control character (no scanner reads past
 *   one) not followed by a mark (which folds into it);
 * - after a blank whose nearest neighbours (past blanks and brackets), read as
 *   they fold (NFKC, a base with its marks), are not a marker core (`.`, `@`,
 *   `:`, `/`, `\`, `_`, the words `dot`/`at`) and not a digit after a
 *   non-digit ("AS 13335" is an ASN); a non-ASCII neighbour that folds to a
 *   core, bracket or blank (`．`, `＠`, `［`, `﹒`, `․`, `…`, U+3000) or that the
 *   folding removes (U+200B–U+200D, U+2060, U+FEFF, U+00AD) is no safe
 *   neighbour, while any other (a CJK, Cyrillic or accented letter) is a word
 *   boundary like an ASCII letter: an IDN label never spans a blank;
 * - after URL punctuation (`;`, `,`, `|`, `=`, ...) when nothing since the
 *   last such blank or break can start a URL or path: no scheme separator
 *   (`:` before `/`, `\`, `_` or a bracket, or after an opener), no `_`,
 *   `%`, `\` or non-ASCII character.
 */
class CutFinder {
  /** Text from absolute offset {@link from}: look-back, read and unread text. */
  private text = '';
  private from = 0;
  /** Next position to classify (absolute). */
  private pos = 0;
  /** Something since the last break may start a URL or path running on. */
  private tainted = false;
  /** Latest safe cut (absolute offset of the first unit after it), or -1. */
  safe = -1;

  constructor(private readonly probe: { inspected: number } | undefined) {}

  /** Start afresh at a line start `at`, with `text` the line's first part. */
  reset(at: number, text: string): void {
    this.text = text;
    this.from = at;
    this.pos = at;
    this.tainted = false;
    this.safe = -1;
  }

  push(piece: string): void {
    this.text += piece;
  }

  /** Code units not yet classified. */
  get unread(): number {
    return this.from + this.text.length - this.pos;
  }

  /** Classify every position with {@link STREAM_CUT_CONTEXT} units after it. */
  scan(): void {
    const t = this.text;
    const stop = t.length - STREAM_CUT_CONTEXT;
    let i = this.pos - this.from;
    if (i >= stop) return;
    let reads = 0;
    for (; i < stop; i++) {
      const c = t.charCodeAt(i);
      reads++;
      if (isBlank(c)) {
        const r = this.blankIsSafe(t, i);
        reads += r.reads;
        if (r.safe) {
          this.safe = this.from + i + 1;
          this.tainted = false;
        }
      } else if (isHardBreak(c)) {
        // a mark after it folds into it ("<" and U+0338 are "≮"): not a break then
        if (!markAt(t, i + 1)) {
          this.safe = this.from + i + 1;
          this.tainted = false;
        }
      } else if (isSoftBreak(c)) {
        if (!this.tainted && !markAt(t, i + 1)) this.safe = this.from + i + 1;
      } else if (c === 58) {
        const n = t.charCodeAt(i + 1);
        if (n === 47 || n === 92 || n === 95 || isBracket(n) || isBracket(t.charCodeAt(i - 1)))
          this.tainted = true;
        reads += 2;
      } else if (c === 95 || c === 37 || c === 92 || c >= 128) this.tainted = true;
    }
    if (this.probe !== undefined) this.probe.inspected += reads;
    this.pos = this.from + stop;
    const drop = stop - BACK;
    if (drop > 0) {
      this.text = t.slice(drop);
      this.from += drop;
    }
  }

  private blankIsSafe(t: string, i: number): { safe: boolean; reads: number } {
    let k = i - 1;
    while (k >= 0 && i - k <= MARKER_REACH && (isBlank(t.charCodeAt(k)) || isBracket(t.charCodeAt(k)))) k--;
    let j = i + 1;
    while (j - i <= MARKER_REACH && (isBlank(t.charCodeAt(j)) || isBracket(t.charCodeAt(j)))) j++;
    const reads = i - k + j - i + 6;
    // Past the reach of a marker on a side, that side cannot join a marker to
    // this blank. A non-ASCII neighbour is read as it folds (NFKC, a cluster
    // at a time): only one that folds to a core, bracket or blank, or is
    // removed by the folding, can be part of a marker.
    const lf = i - k > MARKER_REACH || k < 0 ? EDGE : foldBefore(t, k);
    const rf = j - i > MARKER_REACH ? EDGE : foldAfter(t, j);
    if (lf === null || rf === null) return { safe: false, reads };
    const l = lf.s === '' ? -1 : lf.s.charCodeAt(lf.s.length - 1);
    const r = rf.s === '' ? -1 : rf.s.charCodeAt(0);
    if (isCore(l) || isCore(r)) return { safe: false, reads };
    if (isDigit(r) && !isDigit(l)) return { safe: false, reads };
    // a word ending in "at"/"dot" before, or starting with "at"/"dot" after: maybe a word form
    if ((l | 32) === 116) {
      const p = lf.s.length > 1 || lf.at <= 0 ? EDGE : foldBefore(t, lf.at - 1);
      if (p === null) return { safe: false, reads };
      const w = p.s + lf.s;
      const l1 = w.length < 2 ? -1 : w.charCodeAt(w.length - 2) | 32;
      if (l1 === 97 || l1 === 111) return { safe: false, reads };
    }
    const rw = r | 32;
    if (rw === 97 || rw === 100) {
      const q = rf.s.length > 1 || rf.end < 0 ? EDGE : foldAfter(t, rf.end);
      if (q === null) return { safe: false, reads };
      const w = rf.s + q.s;
      const r1 = w.length < 2 ? -1 : w.charCodeAt(1) | 32;
      if ((rw === 97 && r1 === 116) || (rw === 100 && r1 === 111)) return { safe: false, reads };
    }
    return { safe: true, reads };
  }
}

keepShape(new CutFinder(undefined));

async function* chunks(source: IocStreamSource): AsyncGenerator<string | Uint8Array> {
  if (typeof (source as ReadableStream).getReader === 'function') {
    const reader = (source as ReadableStream<string | Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<string | Uint8Array>;
}

/** Index of the last line end (LF or CR) in `text`, or -1. */
function lastLineEnd(text: string): number {
  return Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
}

/**
 * Run `run` over a stream of text pieces, cutting at line ends, and inside a
 * line longer than {@link STREAM_CARRY_LIMIT} at a safe point with
 * {@link STREAM_CUT_CONTEXT} units of neighbours on each side, so the
 * matches (offsets into the whole stream) equal `run` over the whole text.
 * Each chunk costs time proportional to its own length; memory is bounded by
 * {@link STREAM_LINE_LIMIT} plus {@link STREAM_CUT_CONTEXT} plus one chunk.
 * Matches are yielded as they are found, so a consumer holds every match
 * before a failure when the stream throws.
 *
 * @param probe - when given, counts the code units the cut search reads (for tests).
 * @throws {IocExtractError} `INVALID_INPUT` for a source that is not iterable,
 *   a chunk that is neither a string nor a `Uint8Array`, or a line holding no
 *   safe cut point in the {@link STREAM_LINE_LIMIT} code units from its start
 *   or its last safe point (the message names that offset, the same for any
 *   chunking); the matches before that offset have been yielded.
 */
export async function* streamMatches<T extends string>(
  source: IocStreamSource,
  run: (text: string, base: number) => IocMatch<T>[],
  probe?: { inspected: number },
): AsyncGenerator<IocMatch<T>> {
  if (source === null || typeof source !== 'object') {
    throw new IocExtractError(
      'INVALID_INPUT',
      `extractStream needs an AsyncIterable or ReadableStream, got ${typeof source}; pass a stream of strings or bytes.`,
      { option: 'source', value: source },
    );
  }
  const decoder = new TextDecoder('utf-8');
  const finder = new CutFinder(probe);
  // the carried text: the current line from `start` on, never holding a line end
  let parts: string[] = [];
  let carried = 0;
  let start = 0;
  // the units before `start` when the last cut fell inside a line, else ''
  let left = '';

  function* emit(seg: string, right: string): Generator<IocMatch<T>> {
    if (left === '' && right === '') {
      yield* run(seg, start);
      return;
    }
    const end = start + seg.length;
    for (const m of run(left + seg + right, start - left.length))
      if (m.start >= start && m.start < end) yield m;
  }

  for await (const piece of chunks(source)) {
    let text: string;
    if (typeof piece === 'string') text = piece;
    else if (piece instanceof Uint8Array) text = decoder.decode(piece, { stream: true });
    else {
      throw new IocExtractError(
        'INVALID_INPUT',
        `extractStream chunks must be strings or Uint8Array, got ${typeof piece}; decode or convert the source first.`,
        { option: 'source', value: piece },
      );
    }
    if (text === '') continue;
    if (probe !== undefined) probe.inspected += text.length;
    const nl = lastLineEnd(text);
    if (nl >= 0) {
      parts.push(text.slice(0, nl + 1));
      const seg = parts.join('');
      yield* emit(seg, '');
      start += seg.length;
      left = '';
      const rest = text.slice(nl + 1);
      parts = rest === '' ? [] : [rest];
      carried = rest.length;
      finder.reset(start, rest);
    } else {
      parts.push(text);
      carried += text.length;
      finder.push(text);
    }
    if (carried <= STREAM_CARRY_LIMIT) continue;
    if (finder.unread >= STREAM_CUT_CONTEXT + BATCH || carried > STREAM_LINE_LIMIT) finder.scan();
    if (finder.safe > start) {
      const all = parts.join('');
      const cut = finder.safe - start;
      const seg = all.slice(0, cut);
      yield* emit(seg, all.slice(cut, cut + STREAM_CUT_CONTEXT));
      left = (left + seg).slice(-STREAM_CUT_CONTEXT);
      start += cut;
      parts = [all.slice(cut)];
      carried = all.length - cut;
      finder.safe = -1;
    } else if (carried > STREAM_LINE_LIMIT + STREAM_CUT_CONTEXT) {
      // the search has read past STREAM_LINE_LIMIT units from `start` (the line
      // start or the last safe point, whatever the chunk sizes) and found none
      const head = parts[0]?.slice(0, 40) ?? '';
      throw new IocExtractError(
        'INVALID_INPUT',
        `extractStream found no safe cut point in the ${STREAM_LINE_LIMIT} code units (STREAM_LINE_LIMIT) of one line from offset ${start} ("${head}…"); split the text into shorter lines, or pass it whole to extractMatches.`,
        { option: 'source', value: head },
      );
    }
  }
  const tail = decoder.decode();
  if (tail !== '') parts.push(tail);
  const rest = parts.join('');
  if (rest !== '') yield* emit(rest, '');
}
