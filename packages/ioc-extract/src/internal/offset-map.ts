import { keepShape } from './shapes.js';

/** Code of the replacement `.` in every {@link EditList}. */
export const DOT = 0;
/** Code of the replacement `@` in every {@link EditList}. */
export const AT = 1;

/**
 * Sorted, non-overlapping replacements of `source.slice(start, end)` by a
 * text, kept in parallel typed arrays: a line of `1[.1[.1[.` holds hundreds
 * of thousands of edits, and one object per edit made their garbage the
 * largest cost. Replacement texts are interned in a small per-list table and
 * stored as its index.
 */
export class EditList {
  starts: Int32Array;
  ends: Int32Array;
  codes: Int32Array;
  /** Replacement texts by code; {@link DOT} and {@link AT} are preset. */
  readonly texts: string[] = ['.', '@'];
  private readonly index = new Map<string, number>([
    ['.', DOT],
    ['@', AT],
  ]);
  length = 0;

  /** An empty list with room for `capacity` edits before it grows. */
  constructor(capacity = 16) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.codes = new Int32Array(capacity);
  }

  /** Append an edit; edits must arrive in source order. */
  push(start: number, end: number, text: string): void {
    let code = this.index.get(text);
    if (code === undefined) {
      code = this.texts.length;
      this.texts.push(text);
      this.index.set(text, code);
    }
    this.pushCode(start, end, code);
  }

  /** Append an edit whose replacement is `texts[code]`. */
  pushCode(start: number, end: number, code: number): void {
    const n = this.length;
    if (n === this.starts.length) this.grow();
    this.starts[n] = start;
    this.ends[n] = end;
    this.codes[n] = code;
    this.length = n + 1;
  }

  private grow(): void {
    const size = this.starts.length * 4;
    const s = new Int32Array(size);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(size);
    e.set(this.ends);
    this.ends = e;
    const c = new Int32Array(size);
    c.set(this.codes);
    this.codes = c;
  }

  start(i: number): number {
    return this.starts[i] as number;
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  text(i: number): string {
    return this.texts[this.codes[i] as number] as string;
  }

  /** Append edit `i` of `other`; it must start at or after this list's last end. */
  append(other: EditList, i: number): void {
    const code = other.codes[i] as number;
    if (code <= AT) this.pushCode(other.start(i), other.end(i), code);
    else this.push(other.start(i), other.end(i), other.text(i));
  }
}

keepShape(new EditList(1));

/** `a` and `b` (each sorted, together non-overlapping) merged in order; returns one of them when the other is empty. */
export function mergeEdits(a: EditList, b: EditList): EditList {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = new EditList(a.length + b.length);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a.start(i) <= b.start(j))) out.append(a, i++);
    else out.append(b, j++);
  }
  return out;
}

// Many edits close together (a line of `1[.1[.1[.`) make thousands of tiny
// pieces; copying those through a code-unit buffer is several times faster
// than joining them, while long unchanged runs are still taken as slices.
const SHORT_RUN = 32;
let units = new Uint16Array(4096);

/** Apply sorted, non-overlapping edits to a string. */
export function applyEdits(source: string, edits: EditList): string {
  if (edits.length === 0) return source;
  const b = new PieceBuilder();
  let pos = 0;
  const starts = edits.starts;
  const ends = edits.ends;
  const codes = edits.codes;
  const texts = edits.texts;
  for (let i = 0; i < edits.length; i++) {
    b.copy(source, pos, starts[i] as number);
    const text = texts[codes[i] as number] as string;
    b.copy(text, 0, text.length);
    pos = ends[i] as number;
  }
  b.copy(source, pos, source.length);
  return b.finish();
}

/** Joins long runs as slices and copies short ones through a shared code-unit buffer. */
class PieceBuilder {
  private readonly parts: string[] = [];
  private n = 0;

  copy(s: string, from: number, to: number): void {
    if (to - from > SHORT_RUN) {
      this.flush();
      this.parts.push(s.slice(from, to));
      return;
    }
    if (this.n + (to - from) > units.length) {
      this.flush();
      if (to - from > units.length) units = new Uint16Array(to - from);
    }
    let n = this.n;
    for (let i = from; i < to; i++) units[n++] = s.charCodeAt(i);
    this.n = n;
  }

  flush(): void {
    if (this.n === 0) return;
    this.parts.push(String.fromCharCode.apply(null, units.subarray(0, this.n) as unknown as number[]));
    this.n = 0;
  }

  finish(): string {
    this.flush();
    return this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
  }
}

keepShape(new PieceBuilder());

/**
 * Maps offsets in an edited string back to the source it was made from.
 * Memory is proportional to the number of edits, not to the text length.
 */
export class OffsetMap {
  private readonly edits: EditList;
  /** Start of each edit's replacement in target coordinates. */
  private readonly tStarts: Int32Array;
  /** Length of each edit's replacement. */
  private readonly tLens: Int32Array;

  constructor(edits: EditList) {
    this.edits = edits;
    const n = edits.length;
    this.tStarts = new Int32Array(n);
    this.tLens = new Int32Array(n);
    let delta = 0;
    for (let i = 0; i < n; i++) {
      const len = edits.text(i).length;
      this.tStarts[i] = edits.start(i) + delta;
      this.tLens[i] = len;
      delta += len - (edits.end(i) - edits.start(i));
    }
  }

  get size(): number {
    return this.edits.length;
  }

  /** Index of the last edit whose replacement starts at or before `t`, or -1. */
  private find(t: number): number {
    let lo = 0;
    let hi = this.tStarts.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.tStarts[mid] as number) <= t) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  /** Source offset of the target character at `t`. */
  toSourceStart(t: number): number {
    const i = this.find(t);
    if (i < 0) return t;
    const ts = this.tStarts[i] as number;
    const len = this.tLens[i] as number;
    if (t < ts + len) return this.edits.start(i);
    return t - (ts + len) + this.edits.end(i);
  }

  /** Source end offset (exclusive) for a target range ending (exclusive) at `t`. */
  toSourceEnd(t: number): number {
    if (t <= 0) return this.toSourceStart(0);
    const c = t - 1;
    const i = this.find(c);
    if (i < 0) return t;
    const ts = this.tStarts[i] as number;
    const len = this.tLens[i] as number;
    if (c < ts + len) return this.edits.end(i);
    return c - (ts + len) + this.edits.end(i) + 1;
  }

  /** True when some edit with a non-empty replacement lies inside the target range. */
  touches(tStart: number, tEnd: number): boolean {
    let i = this.find(tEnd - 1);
    while (i >= 0) {
      const ts = this.tStarts[i] as number;
      const len = this.tLens[i] as number;
      if (ts + len <= tStart) return false;
      if (len > 0 && ts < tEnd) return true;
      i--;
    }
    return false;
  }
}

keepShape(new OffsetMap(new EditList(1)));
