import { describe, expect, it } from 'vitest';
import { createDecodeCache } from '../../src/internal/decode-cache.js';

describe('createDecodeCache', () => {
  it('counts hits and misses', () => {
    const cache = createDecodeCache(10);
    expect(cache.get(1)).toBeUndefined();
    cache.set(1, 'one');
    expect(cache.get(1)).toBe('one');
    expect(cache.get(2)).toBeUndefined();
    expect([cache.hits, cache.misses, cache.size]).toEqual([1, 2, 1]);
  });

  it('drops the older generation whole when the young one fills (max 4: generations of 2)', () => {
    const cache = createDecodeCache(4);
    cache.set(1, 'a');
    cache.set(2, 'b'); // young full -> becomes old {1, 2}
    cache.set(3, 'c');
    expect(cache.size).toBe(3);
    cache.set(4, 'd'); // young {3, 4} full -> old {3, 4}, young {}; {1, 2} dropped
    expect(cache.size).toBe(2);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)).toBeUndefined();
    expect(cache.size).toBe(2); // misses add nothing
    expect(cache.get(3)).toBe('c'); // old hit copied to young {3}: 3 sits in both generations
    expect(cache.size).toBe(3);
    expect(cache.get(4)).toBe('d'); // young {3, 4} full -> old {3, 4}, young {}
    expect(cache.size).toBe(2);
    expect([cache.hits, cache.misses]).toEqual([2, 2]);
  });

  it('keeps a value that is used: an old-generation hit moves to the young one', () => {
    const cache = createDecodeCache(4);
    cache.set(1, 'a');
    cache.set(2, 'b'); // old {1, 2}
    expect(cache.get(1)).toBe('a'); // young {1}
    cache.set(3, 'c'); // young {1, 3} full -> old {1, 3}; {1, 2} dropped, but 1 lives on
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe('a'); // young {1}
    expect(cache.get(3)).toBe('c'); // young {1, 3} full -> old {1, 3}
    expect([cache.hits, cache.misses]).toEqual([3, 1]);
  });

  it('never holds more than max entries on a long feed of new keys', () => {
    const cache = createDecodeCache(100);
    for (let key = 0; key < 10_000; key++) {
      cache.set(key, key);
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    // The last 50 keys are always held (the previous generation is complete).
    for (let key = 9_950; key < 10_000; key++) expect(cache.get(key)).toBe(key);
    expect(cache.get(9_000)).toBeUndefined();
  });

  it('works with a single entry', () => {
    const cache = createDecodeCache(1);
    cache.set(1, 'a');
    expect(cache.get(1)).toBe('a');
    cache.set(2, 'b');
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)).toBe('b');
  });
});
