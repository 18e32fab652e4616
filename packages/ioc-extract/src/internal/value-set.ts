/**
 * Unique strings with the smallest offset each was seen at, in first-seen
 * order (or sorted by that offset once values arrived out of order).
 *
 * Open addressing over a hash computed here from the characters (FNV-1a):
 * a built-in `Set` hashes each fresh string in the runtime, and a value cut
 * from the text is always fresh, which made that hashing the largest single
 * cost of de-duplication.
 */
export class ValueSet {
  /** Distinct values, in insertion order. */
  readonly values: string[] = [];
  /** Smallest start offset of each value in `values`. */
  readonly starts: number[] = [];
  /**
   * Slot k holds, at 2k, the index in `values` plus one (0: empty) and, at
   * 2k + 1, that value's hash: one cache line per probe, as the table of a
   * large result no longer fits in the nearer caches.
   */
  private table = new Int32Array(512);
  private mask = 255;
  /** 32 minus log2 of the table size: Fibonacci hashing takes the product's top bits. */
  private shift = 24;
  /** Values before this index share no storage with any scanned text. */
  private detached = 0;
  private last = -1;
  private ordered = true;

  /** Record `value` seen at `start`; true when the value is new. */
  add(value: string, start: number): boolean {
    let h = 0x811c9dc5;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
    return this.insert(value, start, h);
  }

  /**
   * {@link add} for a `value` whose code units are `units[from, from + value.length)`
   * (all below 128): its hash is read from those bytes, faster than from the
   * string (a value cut from a text is a view into it).
   */
  addUnits(value: string, start: number, units: Uint8Array, from: number): boolean {
    let h = 0x811c9dc5;
    const to = from + value.length;
    for (let i = from; i < to; i++) h = Math.imul(h ^ (units[i] as number), 0x01000193);
    return this.insert(value, start, h);
  }

  private insert(value: string, start: number, h: number): boolean {
    const mask = this.mask;
    let k = Math.imul(h, 0x9e3779b1) >>> this.shift;
    const table = this.table;
    for (;;) {
      const j = table[2 * k] as number;
      if (j === 0) break;
      if (table[2 * k + 1] === h && this.values[j - 1] === value) {
        if (start < (this.starts[j - 1] as number)) {
          this.starts[j - 1] = start;
          this.ordered = false;
        }
        return false;
      }
      k = (k + 1) & mask;
    }
    this.values.push(value);
    this.starts.push(start);
    table[2 * k] = this.values.length;
    table[2 * k + 1] = h;
    if (start < this.last) this.ordered = false;
    this.last = start;
    if (this.values.length * 2 > mask) this.grow();
    return true;
  }

  /**
   * Make the values added since the last call share no storage with the text
   * they were cut from. Engines may keep a substring as a view of its source:
   * a kept value would then keep the whole refanged segment alive (in V8,
   * about as much memory as the input for a result of a few hundred KB).
   * Short strings are always copies; the longer ones are joined into one
   * string (native, one copy) and cut from it, so they keep alive only the
   * result's own characters.
   */
  detachNew(): void {
    const values = this.values;
    const from = this.detached;
    this.detached = values.length;
    let long = 0;
    for (let i = from; i < values.length; i++) if ((values[i] as string).length >= 13) long++;
    if (long === 0) return;
    const parts: string[] = [];
    for (let i = from; i < values.length; i++) {
      const v = values[i] as string;
      if (v.length >= 13) parts.push(v);
    }
    const joined = parts.join('');
    let at = 0;
    for (let i = from; i < values.length; i++) {
      const n = (values[i] as string).length;
      if (n < 13) continue;
      values[i] = joined.slice(at, at + n);
      at += n;
    }
  }

  /** The values in order of their smallest start (ties: first seen first). */
  orderedValues(): string[] {
    if (this.ordered) return this.values.slice();
    const idx = this.values.map((_, i) => i);
    idx.sort((a, b) => (this.starts[a] as number) - (this.starts[b] as number));
    return idx.map((i) => this.values[i] as string);
  }

  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    this.table = table;
    this.mask = this.mask * 2 + 1;
    this.shift--;
    for (let s = 0; s < old.length; s += 2) {
      const j = old[s] as number;
      if (j === 0) continue;
      const h = old[s + 1] as number;
      let k = Math.imul(h, 0x9e3779b1) >>> this.shift;
      while (table[2 * k] !== 0) k = (k + 1) & this.mask;
      table[2 * k] = j;
      table[2 * k + 1] = h;
    }
  }
}
