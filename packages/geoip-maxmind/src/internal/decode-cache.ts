/**
 * The decoded-value cache handed to the `maxmind` (mmdb-lib) decoder, keyed
 * by data-section offset: a record or string that many networks share is
 * decoded once and its value reused (the decoder never mutates it, and
 * `mapRecord` copies only primitives out of it).
 *
 * Two generations of plain `Map`s: new entries go to the young one; when it
 * holds `max / 2` entries it becomes the old one and the previous old one is
 * dropped whole. A hit in the old generation is copied to the young one, so
 * values in use survive rotation. No per-entry recency bookkeeping and no
 * iteration: V8 `Map` iteration walks over every deleted entry, which made an
 * evict-the-first-key FIFO cost more per miss than the decoding it saved.
 * At most `max` entries are held (a key can sit in both generations for one
 * rotation; the bound still holds because each generation is at most `max / 2`).
 */
export interface DecodeCache {
  get(key: number): unknown;
  set(key: number, value: unknown): void;
  /** Entries held in both generations. */
  readonly size: number;
  readonly hits: number;
  readonly misses: number;
}

/** Creates a {@link DecodeCache} holding at most `max` entries (`max` >= 1). */
export function createDecodeCache(max: number): DecodeCache {
  const generation = Math.max(1, Math.floor(max / 2));
  let young = new Map<number, unknown>();
  let old = new Map<number, unknown>();
  let hits = 0;
  let misses = 0;
  const put = (key: number, value: unknown): void => {
    young.set(key, value);
    if (young.size >= generation) {
      old = young;
      young = new Map();
    }
  };
  return {
    get(key) {
      let value = young.get(key);
      if (value !== undefined) {
        hits++;
        return value;
      }
      value = old.get(key);
      if (value === undefined) {
        misses++;
        return undefined;
      }
      hits++;
      put(key, value);
      return value;
    },
    set: put,
    get size() {
      return young.size + old.size;
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  };
}
