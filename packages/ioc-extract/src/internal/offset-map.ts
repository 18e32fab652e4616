/** A replacement of `source.slice(start, end)` by `text`. Edits are sorted and never overlap. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

// Many edits close together (a line of `1[.1[.1[.`) make thousands of tiny
// pieces; copying those through a code-unit buffer is several times faster
// than joining them, while long unchanged runs are still taken as slices.
const SHORT_RUN = 32;
let units = new Uint16Array(4096);

/** Apply sorted, non-overlapping edits to a string. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return source;
  const b = new PieceBuilder();
  let pos = 0;
  // an indexed loop: an iterator here allocates a result object per edit when
  // the loop runs long before it is optimised (a line of 350 000 markers)
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i] as Edit;
    b.copy(source, pos, e.start);
    b.copy(e.text, 0, e.text.length);
    pos = e.end;
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

/**
 * Maps offsets in an edited string back to the source it was made from.
 * Memory is proportional to the number of edits, not to the text length.
 */
export class OffsetMap {
  private readonly edits: readonly Edit[];
  /** Start of each edit's replacement in target coordinates. */
  private readonly tStarts: Int32Array;

  constructor(edits: readonly Edit[]) {
    this.edits = edits;
    this.tStarts = new Int32Array(edits.length);
    let delta = 0;
    for (let i = 0; i < edits.length; i++) {
      const e = edits[i] as Edit;
      this.tStarts[i] = e.start + delta;
      delta += e.text.length - (e.end - e.start);
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
    const e = this.edits[i] as Edit;
    const ts = this.tStarts[i] as number;
    if (t < ts + e.text.length) return e.start;
    return t - (ts + e.text.length) + e.end;
  }

  /** Source end offset (exclusive) for a target range ending (exclusive) at `t`. */
  toSourceEnd(t: number): number {
    if (t <= 0) return this.toSourceStart(0);
    const c = t - 1;
    const i = this.find(c);
    if (i < 0) return t;
    const e = this.edits[i] as Edit;
    const ts = this.tStarts[i] as number;
    if (c < ts + e.text.length) return e.end;
    return c - (ts + e.text.length) + e.end + 1;
  }

  /** True when some edit with a non-empty replacement lies inside the target range. */
  touches(tStart: number, tEnd: number): boolean {
    let i = this.find(tEnd - 1);
    while (i >= 0) {
      const e = this.edits[i] as Edit;
      const ts = this.tStarts[i] as number;
      if (ts + e.text.length <= tStart) return false;
      if (e.text.length > 0 && ts < tEnd) return true;
      i--;
    }
    return false;
  }
}
