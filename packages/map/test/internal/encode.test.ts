import { describe, expect, it } from 'vitest';
import { encodeColumn, encodeLayer } from '../../src/internal/encode.js';

describe('encodeColumn', () => {
  it('uses a 1-based string table when values repeat (0 = absent)', () => {
    expect(encodeColumn('x', ['a', 'b', 'a', 'a', undefined, 'a'])).toEqual({
      key: 'x',
      dict: ['a', 'b'],
      index: [1, 2, 1, 1, 0, 1],
    });
  });

  it('keeps plain values when most are distinct', () => {
    expect(encodeColumn('ip', ['192.0.2.1', undefined, '192.0.2.3'])).toEqual({
      key: 'ip',
      values: ['192.0.2.1', null, '192.0.2.3'],
    });
  });

  it('omits a column with no values', () => {
    expect(encodeColumn('x', [undefined, undefined])).toBeUndefined();
  });
});

describe('encodeLayer', () => {
  it('groups identical coordinates, keeping first-seen order, points stored group after group', () => {
    const layer = encodeLayer({ name: 'L', color: 'red', fill: '#d63e2a', cluster: true }, [
      { lat: 100, lon: 200, ip: 'a' },
      { lat: 0, lon: 0, ip: 'b' },
      { lat: 100, lon: 200, ip: 'c' },
    ]);
    expect(layer.lat).toEqual([100, 0]);
    expect(layer.lon).toEqual([200, 0]);
    expect(layer.count).toEqual([2, 1]);
    expect(layer.columns).toEqual([{ key: 'ip', values: ['a', 'c', 'b'] }]);
  });

  it('encodes input fields as f:<name> columns in first-seen order', () => {
    const layer = encodeLayer({ name: 'L', color: 'red', fill: '#d63e2a', cluster: false }, [
      { lat: 1, lon: 1, fields: { malware: 'Dridex', port: '443' } },
      { lat: 2, lon: 2, fields: { malware: 'Dridex', status: 'online' } },
      { lat: 3, lon: 3, fields: { malware: 'Dridex' } },
      { lat: 4, lon: 4, fields: { malware: 'Emotet' } },
    ]);
    expect(layer.columns).toEqual([
      { key: 'f:malware', dict: ['Dridex', 'Emotet'], index: [1, 1, 1, 2] },
      { key: 'f:port', dict: ['443'], index: [1, 0, 0, 0] },
      { key: 'f:status', dict: ['online'], index: [0, 1, 0, 0] },
    ]);
  });
});
