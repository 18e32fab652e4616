import { detach } from './detach.js';
import { homeSlot } from './int-set.js';
import { keepShape } from './shapes.js';

const decoder = new TextDecoder('utf-8');

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Mixes the odd-position lane into the hash (an odd constant from MurmurHash3's finaliser). */
const LANE_MIX = 0x85ebca6b;
/** Candidates held before they are looked up together (see {@link ValueSet}). */
const BATCH = 256;
/** What the slot reads of a batch add up to: stored, so those reads are not dropped; never read. */
let _readSink = 0;

/**
 * Unique strings with the smallest offset each was seen at, in first-seen
 * order (or sorted by that offset once values arrived out of order).
 *
 * Open addressing over a hash computed here from the characters (FNV-1a, in
 * two lanes over even and odd positions):
 * a built-in `Set` hashes each fresh string in the runtime, and a value cut
 * from the text is always fresh, which made that hashing the largest single
 * cost of de-duplication.
 *
 * The characters of an ASCII value are kept in one byte array, not as the
 * string that was added: the strings a text yields are made only once, by
 * {@link orderedValues}, as pieces of one string decoded from that array.
 * Tens of thousands of kept strings were what the garbage collector copied
 * and promoted during an extraction (an arena of bytes is not scanned), and
 * a kept piece of a scanned text would have kept that whole text alive. A
 * value holding any other character (rare: an IDN in Unicode) is kept as a
 * string copy of its own.
 *
 * An ASCII value is looked up in batches of {@link BATCH}, in the order the
 * values came: a table of tens of thousands of values is out of the nearer
 * caches by the time the scan comes back to it, and lookups made one at a
 * time, each waiting on its own memory read, took about a tenth of an
 * extraction of the bench corpus. A batch first reads each candidate's slot
 * with nothing waiting on the result, so those reads overlap (measured ~3%
 * faster overall; looking the batch up without that first pass was no faster).
 */
export class ValueSet {
  /** The characters of the ASCII values, one after another. */
  private arena: Uint8Array = new Uint8Array(1024);
  private used = 0;
  /** Per value, in insertion order: its offset in `arena`, or `-1 - i` for `wide[i]`. */
  private offs: Int32Array = new Int32Array(64);
  private lens: Int32Array = new Int32Array(64);
  /** Smallest start offset of each value. */
  private starts: Int32Array = new Int32Array(64);
  /** Values that are not pure ASCII. */
  private readonly wide: string[] = [];
  private count = 0;
  /**
   * Slot k holds, at 2k, the index of a value plus one (0: empty) and, at
   * 2k + 1, that value's hash: one cache line per probe, as the table of a
   * large result no longer fits in the nearer caches.
   */
  private table: Int32Array;
  private mask: number;
  /** 32 minus log2 of the table size (see {@link homeSlot}). */
  private shift: number;
  private last = -1;
  private ordered = true;
  /** Candidates written to the arena's end and not yet looked up (see {@link flush}). */
  private readonly pendHash = new Int32Array(BATCH);
  private readonly pendOff = new Int32Array(BATCH);
  private readonly pendLen = new Int32Array(BATCH);
  private readonly pendStart = new Int32Array(BATCH);
  private pending = 0;

  /**
   * @param expected - about how many distinct values to make room for at
   *   once (the table still grows past it): 256 to 16 384 slots.
   */
  constructor(expected = 0) {
    let bits = 8;
    while (bits < 14 && 1 << bits < expected * 2) bits++;
    this.table = new Int32Array(2 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** Record `value` seen at `start`. */
  add(value: string, start: number): void {
    const n = value.length;
    // the characters are hashed in two FNV-1a lanes, even and odd positions
    // (as in addUnits), and written to where a new ASCII value goes
    const off = this.room(n);
    const arena = this.arena;
    let h0 = FNV_OFFSET;
    let h1 = FNV_OFFSET ^ n;
    let or = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const c0 = value.charCodeAt(i);
      const c1 = value.charCodeAt(i + 1);
      or |= c0 | c1;
      arena[off + i] = c0;
      arena[off + i + 1] = c1;
      h0 = Math.imul(h0 ^ c0, FNV_PRIME);
      h1 = Math.imul(h1 ^ c1, FNV_PRIME);
    }
    if (i < n) {
      const c0 = value.charCodeAt(i);
      or |= c0;
      arena[off + i] = c0;
      h0 = Math.imul(h0 ^ c0, FNV_PRIME);
    }
    const h = h0 ^ Math.imul(h1, LANE_MIX);
    if (or < 128) this.defer(h, off, n, start);
    else {
      // not ASCII: kept as a string at once (after the values before it), and the bytes written are left unused
      this.flush();
      this.keep(h, off, n, value, start);
    }
  }

  /**
   * {@link add} for a value whose code units are `units[from, from + n)`
   * (all below 128): read from those bytes, faster than from a string (a
   * value cut from a text is a view into it), and no string is needed.
   */
  addUnits(units: Uint8Array, from: number, n: number, start: number): void {
    const off = this.room(n);
    const arena = this.arena;
    // two multiplies in flight instead of one chain
    let h0 = FNV_OFFSET;
    let h1 = FNV_OFFSET ^ n;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const c0 = units[from + i] as number;
      const c1 = units[from + i + 1] as number;
      arena[off + i] = c0;
      arena[off + i + 1] = c1;
      h0 = Math.imul(h0 ^ c0, FNV_PRIME);
      h1 = Math.imul(h1 ^ c1, FNV_PRIME);
    }
    if (i < n) {
      const c0 = units[from + i] as number;
      arena[off + i] = c0;
      h0 = Math.imul(h0 ^ c0, FNV_PRIME);
    }
    this.defer(h0 ^ Math.imul(h1, LANE_MIX), off, n, start);
  }

  /** Hold the ASCII candidate just written at `arena[off, off + n)` until the next {@link flush}. */
  private defer(h: number, off: number, n: number, start: number): void {
    const i = this.pending;
    this.pendHash[i] = h;
    this.pendOff[i] = off;
    this.pendLen[i] = n;
    this.pendStart[i] = start;
    this.used = off + n;
    this.pending = i + 1;
    if (i + 1 === BATCH) this.flush();
  }

  /**
   * Look up the held candidates, in the order they came: keep the new ones
   * (moved down over the bytes of dropped repeats) and drop the rest.
   */
  private flush(): void {
    const m = this.pending;
    if (m === 0) return;
    this.pending = 0;
    const table = this.table;
    // read every candidate's first slot before any is looked at: reads that
    // nothing waits on are in flight together
    let touched = 0;
    for (let i = 0; i < m; i++)
      touched ^= table[2 * homeSlot(this.pendHash[i] as number, this.shift)] as number;
    _readSink ^= touched;
    const arena = this.arena;
    let w = this.pendOff[0] as number;
    for (let i = 0; i < m; i++) {
      const off = this.pendOff[i] as number;
      const n = this.pendLen[i] as number;
      if (off !== w) for (let k = 0; k < n; k++) arena[w + k] = arena[off + k] as number;
      if (this.keep(this.pendHash[i] as number, w, n, null, this.pendStart[i] as number)) w += n;
    }
    this.used = w;
  }

  /**
   * Find the candidate of hash `h` and length `n` (ASCII: just written at
   * `arena[off, off + n)`; otherwise the string `wide`), or keep it as a new
   * value; true when it is new.
   */
  private keep(h: number, off: number, n: number, wide: string | null, start: number): boolean {
    const table = this.table;
    const mask = this.mask;
    let k = homeSlot(h, this.shift);
    for (;;) {
      const j = table[2 * k] as number;
      if (j === 0) break;
      if (table[2 * k + 1] === h && this.lens[j - 1] === n) {
        const o = this.offs[j - 1] as number;
        if (wide === null ? o >= 0 && this.sameBytes(o, off, n) : o < 0 && this.wide[-1 - o] === wide) {
          this.seenAgain(j - 1, start);
          return false;
        }
      }
      k = (k + 1) & mask;
    }
    let at = off;
    if (wide === null) this.used = off + n;
    else {
      // a copy: a piece cut from a text must not keep that text alive
      this.wide.push(detach(wide));
      at = -this.wide.length;
    }
    this.place(k, h, at, n, start);
    return true;
  }

  /** The values in order of their smallest start (ties: first seen first). */
  orderedValues(): string[] {
    this.flush();
    const n = this.count;
    // every ASCII value is a piece of this one string
    const all = decoder.decode(this.arena.subarray(0, this.used));
    const out: string[] = new Array(n);
    if (this.ordered) {
      for (let i = 0; i < n; i++) out[i] = this.valueAt(all, i);
      return out;
    }
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => (this.starts[a] as number) - (this.starts[b] as number) || a - b);
    for (let i = 0; i < n; i++) out[i] = this.valueAt(all, idx[i] as number);
    return out;
  }

  /** Value `i`: a piece of `all` (the arena decoded) or its own string. */
  private valueAt(all: string, i: number): string {
    const off = this.offs[i] as number;
    return off >= 0 ? all.slice(off, off + (this.lens[i] as number)) : (this.wide[-1 - off] as string);
  }

  private sameBytes(a: number, b: number, n: number): boolean {
    const arena = this.arena;
    for (let i = 0; i < n; i++) if (arena[a + i] !== arena[b + i]) return false;
    return true;
  }

  private seenAgain(i: number, start: number): void {
    if (start < (this.starts[i] as number)) {
      this.starts[i] = start;
      this.ordered = false;
    }
  }

  /** Where the next `n` bytes go in the arena, grown to hold them (counted as used only once kept). */
  private room(n: number): number {
    const off = this.used;
    if (off + n > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, off + n));
      grown.set(this.arena.subarray(0, off));
      this.arena = grown;
    }
    return off;
  }

  /** Record a new value (at `off`, `n` long) in empty slot `k` of the table. */
  private place(k: number, h: number, off: number, n: number, start: number): void {
    const i = this.count;
    if (i === this.offs.length) {
      this.offs = grow(this.offs);
      this.lens = grow(this.lens);
      this.starts = grow(this.starts);
    }
    this.offs[i] = off;
    this.lens[i] = n;
    this.starts[i] = start;
    this.count = i + 1;
    this.table[2 * k] = i + 1;
    this.table[2 * k + 1] = h;
    if (start < this.last) this.ordered = false;
    this.last = start;
    if (this.count * 2 > this.mask) this.growTable();
  }

  private growTable(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    this.table = table;
    this.mask = this.mask * 2 + 1;
    this.shift--;
    for (let s = 0; s < old.length; s += 2) {
      const j = old[s] as number;
      if (j === 0) continue;
      const h = old[s + 1] as number;
      let k = homeSlot(h, this.shift);
      while (table[2 * k] !== 0) k = (k + 1) & this.mask;
      table[2 * k] = j;
      table[2 * k + 1] = h;
    }
  }
}

keepShape(new ValueSet());

/** A copy of `a` with twice the room. */
function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
