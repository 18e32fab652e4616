import { keepShape } from './shapes.js';

/**
 * Home slot of `key` in a table of `2 ** (32 - shift)` slots: Fibonacci
 * hashing (Knuth, TAOCP vol. 3, 6.4), the top bits of the key times 2^32/φ,
 * where every bit of the key has mixed in. Any table size is covered: a
 * fixed cut of the product's high half reached only the first 65 536 slots,
 * and with more addresses than that each insert probed past a growing
 * cluster (400 000 distinct addresses took minutes).
 */
export const homeSlot = (key: number, shift: number): number => Math.imul(key, 0x9e3779b1) >>> shift;

/**
 * A set of 32-bit integers (open addressing, linear probing, grows at half
 * load): de-duplicates IPv4 addresses by value before any string is made.
 */
export class IntSet {
  private keys = new Int32Array(1024);
  private used = new Uint8Array(1024);
  private size = 0;
  private mask = 1023;
  /** 32 minus log2 of the table size (see {@link homeSlot}). */
  private shift = 22;

  /** Add `key` (any 32-bit value); true when it was not in the set. */
  add(key: number): boolean {
    const k = key | 0;
    let i = homeSlot(k, this.shift);
    for (;;) {
      if (this.used[i] === 0) break;
      if (this.keys[i] === k) return false;
      i = (i + 1) & this.mask;
    }
    this.used[i] = 1;
    this.keys[i] = k;
    if (++this.size * 2 > this.mask) this.grow();
    return true;
  }

  private grow(): void {
    const keys = this.keys;
    const used = this.used;
    const cap = keys.length * 2;
    this.keys = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.shift--;
    for (let j = 0; j < keys.length; j++) {
      if (used[j] === 0) continue;
      const k = keys[j] as number;
      let i = homeSlot(k, this.shift);
      while (this.used[i] !== 0) i = (i + 1) & this.mask;
      this.used[i] = 1;
      this.keys[i] = k;
    }
  }
}

keepShape(new IntSet());
