/**
 * A set of 32-bit integers (open addressing, linear probing, grows at half
 * load): de-duplicates IPv4 addresses by value before any string is made.
 */
// Fibonacci hashing: the high half of the product mixes every input bit.
const slot = (k: number, mask: number): number => (Math.imul(k, 0x9e3779b1) >>> 16) & mask;

export class IntSet {
  private keys = new Int32Array(1024);
  private used = new Uint8Array(1024);
  private size = 0;
  private mask = 1023;

  /** Add `key` (any 32-bit value); true when it was not in the set. */
  add(key: number): boolean {
    const k = key | 0;
    let i = slot(k, this.mask);
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
    for (let j = 0; j < keys.length; j++) {
      if (used[j] === 0) continue;
      const k = keys[j] as number;
      let i = slot(k, this.mask);
      while (this.used[i] !== 0) i = (i + 1) & this.mask;
      this.used[i] = 1;
      this.keys[i] = k;
    }
  }
}
