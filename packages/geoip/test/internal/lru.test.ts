import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/internal/lru.js';

/** Reference model: keys newest first, values alongside; O(n) and obviously right. */
class ModelLru {
  readonly entries: [string, number][] = [];
  constructor(readonly max: number) {}
  get(key: string): number | undefined {
    const at = this.entries.findIndex(([k]) => k === key);
    if (at < 0) return undefined;
    const [entry] = this.entries.splice(at, 1);
    this.entries.unshift(entry as [string, number]);
    return entry?.[1];
  }
  set(key: string, value: number): void {
    const at = this.entries.findIndex(([k]) => k === key);
    if (at >= 0) this.entries.splice(at, 1);
    this.entries.unshift([key, value]);
    if (this.entries.length > this.max) this.entries.pop();
  }
}

describe('Lru', () => {
  it('evicts the least recently used key, a hit counting as a use', () => {
    const lru = new Lru<number>(3);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3);
    expect(lru.get('a')).toBe(1); // order now a, c, b
    lru.set('d', 4); // evicts b
    expect(lru.keys()).toEqual(['d', 'a', 'c']);
    expect(lru.get('b')).toBeUndefined();
    lru.set('c', 30); // update refreshes c
    lru.set('e', 5); // evicts a
    expect(lru.keys()).toEqual(['e', 'c', 'd']);
    expect(lru.get('c')).toBe(30);
    expect(lru.size).toBe(3);
  });

  it('keeps null values and a single slot', () => {
    const lru = new Lru<number | null>(1);
    lru.set('x', null);
    expect(lru.get('x')).toBeNull();
    lru.set('y', 1);
    expect(lru.get('x')).toBeUndefined();
    expect(lru.keys()).toEqual(['y']);
  });

  it('clear empties it and it fills again from scratch', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.clear();
    expect(lru.size).toBe(0);
    expect(lru.get('a')).toBeUndefined();
    lru.set('c', 3);
    lru.set('d', 4);
    lru.set('e', 5);
    expect(lru.keys()).toEqual(['e', 'd']);
  });

  it('keeps up with a feed of new keys long after it is full (slots are reused)', () => {
    const lru = new Lru<number>(100);
    for (let i = 0; i < 10_000; i++) lru.set(`k${i}`, i);
    expect(lru.size).toBe(100);
    expect(lru.get('k9899')).toBeUndefined();
    expect(lru.get('k9900')).toBe(9900);
    expect(lru.keys()[0]).toBe('k9900');
    expect(lru.keys().at(-1)).toBe('k9901');
  });

  it('agrees with a reference model on random operation sequences', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 12 }) }),
      fc.record({
        kind: fc.constant('set' as const),
        key: fc.integer({ min: 0, max: 12 }),
        value: fc.integer(),
      }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 80 }), (max, ops) => {
        const lru = new Lru<number>(max);
        let model = new ModelLru(max);
        for (const o of ops) {
          if (o.kind === 'clear') {
            lru.clear();
            model = new ModelLru(max);
          } else if (o.kind === 'get') {
            expect(lru.get(`k${o.key}`)).toBe(model.get(`k${o.key}`));
          } else {
            lru.set(`k${o.key}`, o.value);
            model.set(`k${o.key}`, o.value);
          }
          expect(lru.keys()).toEqual(model.entries.map(([k]) => k));
          expect(lru.size).toBe(model.entries.length);
        }
      }),
    );
  });
});
