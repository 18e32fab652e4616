import { describe, expect, it } from 'vitest';
import { unpackIntegers } from '../../src/client/render.js';
import { encodeColumn, encodeLayer, packIntegers, widthFor } from '../../src/internal/encode.js';

describe('packIntegers / unpackIntegers', () => {
  it('writes fixed-width URL-safe base-64 digits, most significant first', () => {
    expect(widthFor(0)).toBe(1);
    expect(widthFor(63)).toBe(1);
    expect(widthFor(64)).toBe(2);
    expect(widthFor(4095)).toBe(2);
    expect(widthFor(4096)).toBe(3);
    // 0 → AA, 63 → A_, 64 → BA, 4095 → __
    expect(packIntegers([0, 63, 64, 4095], 2)).toBe('AAA_BA__');
    expect([...unpackIntegers('AAA_BA__', 2)]).toEqual([0, 63, 64, 4095]);
  });

  it('round-trips the full coordinate range in 5 digits', () => {
    const values = [0, 1, 9_000_000, 18_000_000, 36_000_000, 64 ** 5 - 1];
    expect([...unpackIntegers(packIntegers(values, 5), 5)]).toEqual(values);
  });
});

describe('encodeColumn', () => {
  it('uses a string table with 1-based base-64 indices when values repeat (0 = absent)', () => {
    expect(encodeColumn('x', ['a', 'b', 'a', 'a', undefined, 'a'])).toEqual({
      key: 'x',
      dict: ['a', 'b'],
      width: 1,
      index: 'BCBBAB',
    });
  });

  it('joins mostly distinct values with a separator absent from the data', () => {
    expect(encodeColumn('ip', ['192.0.2.1', undefined, '192.0.2.3'])).toEqual({
      key: 'ip',
      sep: '|',
      text: '192.0.2.1||192.0.2.3',
    });
    expect(encodeColumn('f:x', ['a|b', 'c', 'd'])).toEqual({ key: 'f:x', sep: '~', text: 'a|b~c~d' });
  });

  it('falls back to a plain array when every separator occurs in the data', () => {
    const v = '|~^`\t\u001f';
    expect(encodeColumn('f:x', [v, 'c', undefined])).toEqual({ key: 'f:x', values: [v, 'c', null] });
  });

  it('omits a column with no values', () => {
    expect(encodeColumn('x', [undefined, ''])).toBeUndefined();
  });
});

describe('encodeLayer', () => {
  it('groups identical coordinates, keeping first-seen order, points stored group after group', () => {
    const layer = encodeLayer({ name: 'L', color: 'red', fill: '#d63e2a', cluster: true }, [
      { lat: 100, lon: 200, ip: 'a' },
      { lat: 0, lon: 0, ip: 'b' },
      { lat: 100, lon: 200, ip: 'c' },
    ]);
    // 9,000,100 = 0·64⁴ + 34·64³ + 21·64² + 18·64 + 36 → A i V S k; 9,000,000 → A i V R A.
    expect(layer.lat).toBe('AiVSkAiVRA');
    // 18,000,200 = 1·64⁴ + 4·64³ + 42·64² + 37·64 + 8 → B E q l I; 18,000,000 → B E q i A.
    expect(layer.lon).toBe('BEqlIBEqiA');
    expect(layer.count).toEqual([2, 1]);
    expect(layer.columns).toEqual([{ key: 'ip', sep: '|', text: 'a|c|b' }]);
  });

  it('stores only the group count when every group holds one point', () => {
    const layer = encodeLayer({ name: 'L', color: 'red', fill: '#d63e2a', cluster: true }, [
      { lat: 1, lon: 1 },
      { lat: 2, lon: 2 },
    ]);
    expect(layer.count).toBe(2);
  });

  it('encodes input fields as f:<name> columns in first-seen order', () => {
    const layer = encodeLayer({ name: 'L', color: 'red', fill: '#d63e2a', cluster: false }, [
      { lat: 1, lon: 1, fields: { malware: 'Dridex', port: '443' } },
      { lat: 2, lon: 2, fields: { malware: 'Dridex', status: 'online' } },
      { lat: 3, lon: 3, fields: { malware: 'Dridex' } },
      { lat: 4, lon: 4, fields: { malware: 'Emotet' } },
    ]);
    expect(layer.columns).toEqual([
      { key: 'f:malware', dict: ['Dridex', 'Emotet'], width: 1, index: 'BBBC' },
      { key: 'f:port', dict: ['443'], width: 1, index: 'BAAA' },
      { key: 'f:status', dict: ['online'], width: 1, index: 'ABAA' },
    ]);
  });
});
