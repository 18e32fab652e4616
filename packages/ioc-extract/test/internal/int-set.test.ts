import { describe, expect, it } from 'vitest';
import { homeSlot, IntSet } from '../../src/internal/int-set.js';

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

describe('homeSlot', () => {
  it('spreads keys over every slot of a table larger than 2^16', () => {
    // 2^18 slots (shift 14): consecutive IPv4 keys such as 10.0.0.0/14 must
    // reach the upper three quarters of the table, not only its first 2^16 slots
    const slots = new Set<number>();
    let high = 0;
    let outside = 0;
    for (let k = 0x0a000000; k < 0x0a000000 + (1 << 18); k++) {
      const s = homeSlot(k, 14);
      if (!Number.isInteger(s) || s < 0 || s >= 1 << 18) outside++;
      if (s >= 1 << 16) high++;
      slots.add(s);
    }
    expect(outside).toBe(0);
    // multiplying by an odd constant is a bijection of 2^32; its top 18 bits
    // leave many keys on distinct slots: at least half of them
    expect(slots.size).toBeGreaterThan(1 << 17);
    expect(high).toBeGreaterThan(1 << 17);
  });
});

describe('IntSet past 2^16 keys', () => {
  it('keeps 300 000 consecutive keys, each once', () => {
    const s = new IntSet();
    let wrong = 0;
    for (let k = 0; k < 300_000; k++) if (!s.add(0x0a000000 + k)) wrong++;
    for (let k = 0; k < 300_000; k += 7) if (s.add(0x0a000000 + k)) wrong++;
    expect(wrong).toBe(0);
  });
});
