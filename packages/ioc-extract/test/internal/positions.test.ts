import { describe, expect, it } from 'vitest';
import { EditList } from '../../src/internal/offset-map.js';
import { Positions } from '../../src/internal/positions.js';

const list = (xs: number[]): Positions => {
  const p = new Positions(1);
  for (const x of xs) p.push(x);
  return p;
};
const values = (p: Positions): number[] => Array.from(p.at.subarray(0, p.length));

describe('Positions.through', () => {
  it('keeps positions when there are no edits', () => {
    const p = list([2, 5]);
    expect(p.through(new EditList(), 58)).toBe(p);
  });

  it('drops a colon inside an edit and shifts the later ones', () => {
    // "ab:cd:ef" with [1, 3) "b:" -> "X" is "aXcd:ef": its one colon at 4
    const edits = new EditList();
    edits.push(1, 3, 'X');
    expect(values(list([2, 5]).through(edits, 58))).toEqual([4]);
  });

  it('adds the colons of replacement texts in order', () => {
    // "hxxp[://]x:1" with [0, 9) -> "http://" is "http://x:1": colons at 4 and 8
    const edits = new EditList();
    edits.push(0, 9, 'http://');
    expect(values(list([5, 10]).through(edits, 58))).toEqual([4, 8]);
    // "a:b" with [2, 3) "b" -> "::" (an edit after the last colon) is "a:::": 1, 2, 3
    const tail = new EditList();
    tail.push(2, 3, '::');
    expect(values(list([1]).through(tail, 58))).toEqual([1, 2, 3]);
  });

  it('grows past its first capacity', () => {
    const xs = Array.from({ length: 300 }, (_, i) => i * 3);
    expect(values(list(xs))).toEqual(xs);
  });
});
