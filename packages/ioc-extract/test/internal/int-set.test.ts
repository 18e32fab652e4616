import { describe, expect, it } from 'vitest';
import { IntSet } from '../../src/internal/int-set.js';

describe('IntSet', () => {
  it('reports a key as new only the first time, including 0 and keys above 2^31', () => {
    const s = new IntSet();
    // 255.255.255.255 and 128.0.0.1 as unsigned 32-bit keys
    for (const k of [0, 1, 0xffffffff, 0x80000001]) expect(s.add(k)).toBe(true);
    for (const k of [0, 1, 0xffffffff, 0x80000001]) expect(s.add(k)).toBe(false);
    expect(s.add(2)).toBe(true);
  });

  it('keeps every key while it grows', () => {
    const s = new IntSet();
    // 5000 distinct keys spread over the 32-bit range (multiples of 858993 < 2^32 / 5000)
    for (let i = 0; i < 5000; i++) expect(s.add(i * 858_993)).toBe(true);
    for (let i = 0; i < 5000; i++) expect(s.add(i * 858_993)).toBe(false);
  });
});
