/**
 * A least-recently-used map with a fixed number of slots: a `Map` from key to
 * slot index, and a doubly linked recency list kept in arrays of slot
 * indexes that grow with use (a large `max` costs nothing up front).
 *
 * Why not `Map` insertion order alone (delete and re-insert on a hit, evict
 * `map.keys().next()`)? V8 leaves a hole for every deleted entry until the
 * table is rebuilt, and the iterator walks over all holes before the first
 * live key: with a full cache and a feed of new keys each eviction scanned
 * thousands of holes, so a miss cost several times a database lookup. Here a
 * hit only relinks two slots, and a miss reuses the evicted slot: no
 * iteration and no allocation per operation.
 */
export class Lru<V> {
  readonly #index = new Map<string, number>();
  readonly #keys: string[] = [];
  readonly #values: V[] = [];
  /** Slot after (older than) each slot, or -1. */
  readonly #older: number[] = [];
  /** Slot before (newer than) each slot, or -1. */
  readonly #newer: number[] = [];
  readonly #max: number;
  #newest = -1;
  #oldest = -1;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#index.size;
  }

  /** The stored value, or `undefined` on a miss (store `null`, never `undefined`). A hit makes the key the newest. */
  get(key: string): V | undefined {
    const slot = this.#index.get(key);
    if (slot === undefined) return undefined;
    this.#touch(slot);
    return this.#values[slot];
  }

  /** Store a value as the newest entry; past `max` entries the least recently used one is evicted. */
  set(key: string, value: V): void {
    let slot = this.#index.get(key);
    if (slot !== undefined) {
      this.#values[slot] = value;
      this.#touch(slot);
      return;
    }
    if (this.#keys.length < this.#max) {
      slot = this.#keys.length;
      this.#keys.push(key);
      this.#values.push(value);
      this.#older.push(this.#newest);
      this.#newer.push(-1);
      if (this.#newest >= 0) this.#newer[this.#newest] = slot;
      else this.#oldest = slot;
      this.#newest = slot;
    } else {
      slot = this.#oldest;
      this.#index.delete(this.#keys[slot] as string);
      this.#touch(slot);
      this.#keys[slot] = key;
      this.#values[slot] = value;
    }
    this.#index.set(key, slot);
  }

  clear(): void {
    this.#index.clear();
    this.#keys.length = 0;
    this.#values.length = 0;
    this.#older.length = 0;
    this.#newer.length = 0;
    this.#newest = -1;
    this.#oldest = -1;
  }

  /** Keys from newest to oldest (for tests and debugging; O(size)). */
  keys(): string[] {
    const out: string[] = [];
    for (let slot = this.#newest; slot >= 0; slot = this.#older[slot] as number)
      out.push(this.#keys[slot] as string);
    return out;
  }

  /** Move an occupied slot to the newest end of the list. */
  #touch(slot: number): void {
    if (slot === this.#newest) return;
    const older = this.#older[slot] as number;
    const newer = this.#newer[slot] as number;
    // slot is not the newest, so it has a newer neighbour.
    this.#older[newer] = older;
    if (older >= 0) this.#newer[older] = newer;
    else this.#oldest = newer;
    this.#older[slot] = this.#newest;
    this.#newer[slot] = -1;
    this.#newer[this.#newest] = slot;
    this.#newest = slot;
  }
}
