import { describe, expect, it } from 'vitest';
import { ValueSet } from '../../src/internal/value-set.js';

describe('ValueSet', () => {
  it('keeps each value once, in first-seen order', () => {
    const s = new ValueSet();
    s.add('b.example', 0);
    s.add('a.example', 5);
    s.add('b.example', 9);
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
    for (let i = 0; i < 5000; i++) s.add(`host${i}.example.com`, i);
    for (let i = 0; i < 5000; i++) s.add(['host', i, '.example.com'].join(''), 6000 + i);
    const out = s.orderedValues();
    expect(out.length).toBe(5000);
    expect(out[0]).toBe('host0.example.com');
    expect(out[4999]).toBe('host4999.example.com');
  });

  it('gives back values cut from a text equal to what was added', () => {
    const s = new ValueSet();
    const text = 'see 0123456789abcdef0123456789abcdef and evil.example.com, short a.io';
    s.add(text.slice(4, 36), 4);
    s.add(text.slice(41, 57), 41);
    s.add(text.slice(65, 69), 65);
    s.add('later.example.org', 80);
    s.add('evil.example.com', 90);
    expect(s.orderedValues()).toEqual([
      '0123456789abcdef0123456789abcdef',
      'evil.example.com',
      'a.io',
      'later.example.org',
    ]);
  });

  it('addUnits and add agree: a value read from bytes is the same value', () => {
    const s = new ValueSet();
    const text = 'host evil.example.com and 10.0.0.1';
    const units = Uint8Array.from(text, (c) => c.charCodeAt(0));
    // "evil.example.com" is text[5, 21) (16 units), "10.0.0.1" text[26, 34) (8 units)
    s.addUnits(units, 5, 16, 5);
    s.add('evil.example.com', 40);
    s.add('10.0.0.1', 50);
    s.addUnits(units, 26, 8, 26);
    // same hash input length, other characters: "evil.example.org" is new
    s.add('evil.example.org', 60);
    expect(s.orderedValues()).toEqual(['evil.example.com', '10.0.0.1', 'evil.example.org']);
  });

  it('keeps non-ASCII values apart from ASCII ones of the same length', () => {
    const s = new ValueSet();
    // "bücher.de" and "bxcher.de" are both 9 units long; only the first is not ASCII
    s.add('bücher.de', 0);
    s.add('bxcher.de', 1);
    s.add('bücher.de', 2);
    const units = Uint8Array.from('bxcher.de', (c) => c.charCodeAt(0));
    s.addUnits(units, 0, 9, 3);
    expect(s.orderedValues()).toEqual(['bücher.de', 'bxcher.de']);
  });

  it('works the same when made with room for many values, and past that room', () => {
    // room asked for 100 000 (capped at 16 384 slots); 20 000 values go in
    const s = new ValueSet(100_000);
    for (let i = 0; i < 20_000; i++) s.add(`10.${i >> 8}.${i & 255}.1`, i);
    for (let i = 0; i < 20_000; i += 997) s.add(`10.${i >> 8}.${i & 255}.1`, 50_000 + i);
    const out = s.orderedValues();
    expect(out.length).toBe(20_000);
    // 19 999 = 78 * 256 + 31
    expect(out[19_999]).toBe('10.78.31.1');
  });

  it('keeps every byte of its values while its byte store grows well past its first size', () => {
    const s = new ValueSet();
    // 3000 values of 64 characters: 192 000 bytes, far past the first 1024
    const hash = (i: number): string => i.toString(16).padStart(8, '0').repeat(8);
    for (let i = 0; i < 3000; i++) s.add(hash(i), i);
    s.add(hash(1234), 5000);
    const out = s.orderedValues();
    expect(out.length).toBe(3000);
    expect(out[0]).toBe('00000000'.repeat(8));
    expect(out[1234]).toBe('000004d2'.repeat(8));
    expect(out[2999]).toBe('00000bb7'.repeat(8));
  });

  it('matches a plain Set through many batches of repeats, new values and non-ASCII values mixed', () => {
    // values of different lengths repeat within and across lookup batches, so
    // the bytes of dropped repeats sit between kept values of the same batch;
    // the expected list is computed with a Set, independently of the table
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pool = Array.from({ length: 700 }, (_, i) =>
      i % 50 === 0 ? `bücher${i}.de` : `${'x'.repeat(i % 23)}h${i}.example`,
    );
    const s = new ValueSet();
    const seen = new Set<string>();
    const text = pool.join(' ');
    const units = Uint8Array.from(text, (c) => (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : 0));
    const at: number[] = [];
    for (let i = 0, o = 0; i < pool.length; i++) {
      at.push(o);
      o += (pool[i] as string).length + 1;
    }
    for (let k = 0; k < 20_000; k++) {
      const i = rand(pool.length);
      const v = pool[i] as string;
      // ASCII values half the time read from the text's bytes, as the scan does
      if (i % 50 !== 0 && k % 2 === 0) s.addUnits(units, at[i] as number, v.length, k);
      else s.add(v, k);
      seen.add(v);
    }
    expect(s.orderedValues()).toEqual([...seen]);
  });
});
