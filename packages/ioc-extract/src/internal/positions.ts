import type { EditList } from './offset-map.js';
import { keepShape } from './shapes.js';

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
    const { starts, ends, codes, texts } = edits;
    // which replacement texts hold ch (a list interns each text once)
    let anyText = false;
    const holds: boolean[] = [];
    for (const t of texts) {
      const has = t.includes(String.fromCharCode(ch));
      anyText ||= has;
      holds.push(has);
    }
    if (!anyText && this.length === 0) return new Positions(1);
    const out = new Positions(this.length + 16);
    let ei = 0;
    let delta = 0;
    const n = edits.length;
    for (let i = 0; i <= this.length; i++) {
      // past the last position only the replacements' ch are left to add
      if (i === this.length && !anyText) break;
      const p = i < this.length ? (this.at[i] as number) : Number.POSITIVE_INFINITY;
      // the edits that end at or before p: their replacements' ch, and their length change
      while (ei < n && (ends[ei] as number) <= p) {
        const code = codes[ei] as number;
        if (holds[code] === true) {
          const text = texts[code] as string;
          const base = (starts[ei] as number) + delta;
          for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === ch) out.push(base + k);
        }
        delta += (texts[code] as string).length - ((ends[ei] as number) - (starts[ei] as number));
        ei++;
      }
      if (i === this.length) break;
      // inside an edit: gone, or written again by its replacement
      if (ei < n && (starts[ei] as number) <= p) continue;
      out.push(p + delta);
    }
    return out;
  }
}

keepShape(new Positions(1));
