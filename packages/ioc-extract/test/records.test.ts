import { describe, expect, it } from 'vitest';
import { extractRecords } from '../src/index.js';

describe('extractRecords', () => {
  it('reads arrays with a header row', () => {
    const rows = [
      ['host', 'note'],
      ['evil[.]com', 'from 8.8.8.8'],
      ['-', 'nothing'],
    ];
    const got = extractRecords(rows);
    expect(got.map((m) => [m.type, m.value, m.row, m.column, m.raw, m.start])).toEqual([
      ['dns', 'evil.com', 0, 'host', 'evil[.]com', 0],
      ['ipv4', '8.8.8.8', 0, 'note', '8.8.8.8', 5],
    ]);
    expect(got[0]?.record).toEqual({ host: 'evil[.]com', note: 'from 8.8.8.8' });
  });

  it('reads objects and limits columns', () => {
    const rows = [
      { src: '1.2.3.4', dst: '5.6.7.8', n: 3 },
      { src: 'a.example.com', dst: null },
    ];
    expect(extractRecords(rows, ['src']).map((m) => [m.value, m.row, m.column])).toEqual([
      ['1.2.3.4', 0, 'src'],
      ['a.example.com', 1, 'src'],
    ]);
  });

  it('rejects unknown columns and non-arrays', () => {
    expect(() => extractRecords([['a'], ['1.1.1.1']], ['b'])).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => extractRecords('x' as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    // One column name given as a string, not in an array.
    expect(() => extractRecords([{ a: '1.2.3.4' }], 'a' as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'columns' }),
    );
    // A name JSON cannot show (a bigint) is still refused with the package's error, not a TypeError.
    expect(() => extractRecords([{ a: '1.2.3.4' }], [1n] as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'columns' }),
    );
  });
});

describe('extractRecords rows of the wrong kind', () => {
  it('names a row that is not an object in a table of objects', () => {
    expect(() => extractRecords([{ a: '1.2.3.4' }, null, 5] as never, ['a'])).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('rows[1] is null, but the table'),
      }),
    );
  });

  it('names a row that is not an array after a header row', () => {
    expect(() => extractRecords([['a'], ['1.2.3.4'], 'x'] as never)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('rows[2] is string'),
      }),
    );
  });
});
