import type { EditList } from './offset-map.js';

/**
 * Ascending positions of one character in a text (a growable int32 list):
 * found by one pass, then read by every later pass that looks for the same
 * character, instead of a native search per occurrence in each of them.
 */
export class Positions {
  at: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.at = new Int32Array(capacity);
  }

  push(pos: number): void {
    if (this.length === this.at.length) {
      const grown = new Int32Array(this.at.length * 4);
      grown.set(this.at);
      this.at = grown;
    }
    this.at[this.length++] = pos;
  }

  /**
   * The positions of character `ch` in the text made by applying `edits`
   * (sorted, non-overlapping) to this list's text: each one outside an edit,
   * shifted by the edits before it, and each `ch` in a replacement text. This
   * list must hold every `ch` outside the edits (those inside may be missing).
   */
  through(edits: EditList, ch: number): Positions {
    if (edits.length === 0) return this;
    const out = new Positions(this.length + 16);
    const { starts, ends, codes, texts } = edits;
    let ei = 0;
    let delta = 0;
    const pass = (limit: number): void => {
      // replacement texts of the edits that end at or before limit
      while (ei < edits.length && (ends[ei] as number) <= limit) {
        const text = texts[codes[ei] as number] as string;
        const base = (starts[ei] as number) + delta;
        for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === ch) out.push(base + k);
        delta += text.length - ((ends[ei] as number) - (starts[ei] as number));
        ei++;
      }
    };
    for (let i = 0; i < this.length; i++) {
      const p = this.at[i] as number;
      pass(p);
      // inside an edit: gone, or written again by its replacement
      if (ei < edits.length && (starts[ei] as number) <= p) continue;
      out.push(p + delta);
    }
    pass(Number.POSITIVE_INFINITY);
    return out;
  }
}
