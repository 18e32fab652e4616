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

  it('detachNew leaves every value equal to what was added', () => {
    const s = new ValueSet();
    const text = 'see 0123456789abcdef0123456789abcdef and evil.example.com, short a.io';
    s.add(text.slice(4, 36), 4);
    s.add(text.slice(41, 57), 41);
    s.add(text.slice(65, 69), 65);
    s.detachNew();
    s.add('later.example.org', 80);
    s.detachNew();
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
    // "evil.example.com" is text[5, 21), "10.0.0.1" text[26, 34)
    expect(s.addUnits(text.slice(5, 21), 5, units, 5)).toBe(true);
    expect(s.add('evil.example.com', 40)).toBe(false);
    expect(s.add('10.0.0.1', 50)).toBe(true);
    expect(s.addUnits(text.slice(26, 34), 26, units, 26)).toBe(false);
    expect(s.orderedValues()).toEqual(['evil.example.com', '10.0.0.1']);
  });
});
