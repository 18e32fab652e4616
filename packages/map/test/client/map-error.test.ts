import { describe, expect, it } from 'vitest';
import { MapError as BrowserMapError } from '../../src/browser.js';
import { formatValue, MapError } from '../../src/client/map-error.js';
import { MapError as NodeMapError } from '../../src/index.js';

describe('MapError', () => {
  it('is one class for both entries, with code, context fields and cause', () => {
    expect(NodeMapError).toBe(MapError);
    expect(BrowserMapError).toBe(MapError);
    const cause = new Error('disk full');
    const e = new MapError('WRITE_FAILED', 'Cannot write', { path: '/tmp/x.html', index: 0, cause });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.message, e.path, e.index, e.cause]).toEqual([
      'MapError',
      'WRITE_FAILED',
      'Cannot write',
      '/tmp/x.html',
      0,
      cause,
    ]);
  });

  it('carries only the context fields given (value: undefined counts as given)', () => {
    expect(Object.keys(new MapError('INVALID_POINT', 'm', { index: 2 }))).toEqual(['name', 'code', 'index']);
    expect(Object.keys(new MapError('INVALID_POINT', 'm', { value: undefined }))).toEqual([
      'name',
      'code',
      'value',
    ]);
  });
});

describe('formatValue', () => {
  it.each([
    ['8', '"8"'],
    [8, '8'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [null, 'null'],
    [undefined, 'undefined'],
    [true, 'true'],
    [10n, '10n'],
    [[1, '2'], '[1,"2"]'],
    [{ text: 'x' }, '{"text":"x"}'],
    [() => 1, 'a function'],
  ])('shows %s as %s', (value, shown) => {
    expect(formatValue(value)).toBe(shown);
  });

  it('cuts long values to 80 characters and survives circular objects', () => {
    const long = formatValue('a'.repeat(200));
    expect(long).toBe(`"${'a'.repeat(78)}…`);
    expect(long.length).toBe(80);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(formatValue(loop)).toBe('[object Object]');
  });
});
