import { describe, expect, it } from 'vitest';
import { ValueSet } from '../../src/internal/value-set.js';

describe('ValueSet', () => {
  it('reports a value as new only the first time and keeps first-seen order', () => {
    const s = new ValueSet();
    expect(s.add('b.example', 0)).toBe(true);
    expect(s.add('a.example', 5)).toBe(true);
    expect(s.add('b.example', 9)).toBe(false);
    expect(s.orderedValues()).toEqual(['b.example', 'a.example']);
  });

  it('orders by the smallest start once values arrive out of order', () => {
    const s = new ValueSet();
    s.add('x', 10);
    s.add('y', 20);
    // 'z' at 5 comes before both; 'y' seen again at 1 moves to the front
    s.add('z', 5);
    s.add('y', 1);
    expect(s.orderedValues()).toEqual(['y', 'z', 'x']);
  });

  it('keeps every value while it grows, and equal strings built differently match', () => {
    const s = new ValueSet();
    for (let i = 0; i < 5000; i++) expect(s.add(`host${i}.example.com`, i)).toBe(true);
    for (let i = 0; i < 5000; i++) expect(s.add(['host', i, '.example.com'].join(''), 6000 + i)).toBe(false);
    expect(s.orderedValues().length).toBe(5000);
    expect(s.orderedValues()[4999]).toBe('host4999.example.com');
  });

  it('gives back values cut from a text equal to what was added', () => {
    const s = new ValueSet();
    const text = 'see 0123456789abcdef0123456789abcdef and evil.example.com, short a.io';
    s.add(text.slice(4, 36), 4);
    s.add(text.slice(41, 57), 41);
    s.add(text.slice(65, 69), 65);
    s.add('later.example.org', 80);
    expect(s.orderedValues()).toEqual([
      '0123456789abcdef0123456789abcdef',
      'evil.example.com',
      'a.io',
      'later.example.org',
    ]);
    expect(s.add('evil.example.com', 90)).toBe(false);
  });

  it('addUnits and add agree: a value read from bytes is the same value', () => {
    const s = new ValueSet();
    const text = 'host evil.example.com and 10.0.0.1';
    const units = Uint8Array.from(text, (c) => c.charCodeAt(0));
    // "evil.example.com" is text[5, 21) (16 units), "10.0.0.1" text[26, 34) (8 units)
    expect(s.addUnits(units, 5, 16, 5)).toBe(true);
    expect(s.add('evil.example.com', 40)).toBe(false);
    expect(s.add('10.0.0.1', 50)).toBe(true);
    expect(s.addUnits(units, 26, 8, 26)).toBe(false);
    // same hash input length, other characters: "evil.example.org" is new
    expect(s.add('evil.example.org', 60)).toBe(true);
    expect(s.orderedValues()).toEqual(['evil.example.com', '10.0.0.1', 'evil.example.org']);
  });

  it('keeps non-ASCII values apart from ASCII ones of the same length', () => {
    const s = new ValueSet();
    // "bücher.de" and "bxcher.de" are both 9 units long; only the first is not ASCII
    expect(s.add('bücher.de', 0)).toBe(true);
    expect(s.add('bxcher.de', 1)).toBe(true);
    expect(s.add('bücher.de', 2)).toBe(false);
    const units = Uint8Array.from('bxcher.de', (c) => c.charCodeAt(0));
    expect(s.addUnits(units, 0, 9, 3)).toBe(false);
    expect(s.orderedValues()).toEqual(['bücher.de', 'bxcher.de']);
  });

  it('works the same when made with room for many values, and past that room', () => {
    // room asked for 100 000 (capped at 16 384 slots); 20 000 values go in
    const s = new ValueSet(100_000);
    for (let i = 0; i < 20_000; i++) expect(s.add(`10.${i >> 8}.${i & 255}.1`, i)).toBe(true);
    for (let i = 0; i < 20_000; i += 997) expect(s.add(`10.${i >> 8}.${i & 255}.1`, 50_000 + i)).toBe(false);
    const out = s.orderedValues();
    expect(out.length).toBe(20_000);
    // 19 999 = 78 * 256 + 31
    expect(out[19_999]).toBe('10.78.31.1');
  });

  it('keeps every byte of its values while its byte store grows well past its first size', () => {
    const s = new ValueSet();
    // 3000 values of 64 characters: 192 000 bytes, far past the first 1024
    const hash = (i: number): string => i.toString(16).padStart(8, '0').repeat(8);
    for (let i = 0; i < 3000; i++) expect(s.add(hash(i), i)).toBe(true);
    const out = s.orderedValues();
    expect(out.length).toBe(3000);
    expect(out[0]).toBe('00000000'.repeat(8));
    expect(out[2999]).toBe('00000bb7'.repeat(8));
    expect(s.add(hash(1234), 5000)).toBe(false);
  });
});
