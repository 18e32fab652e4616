import { describe, expect, it } from 'vitest';
import { decodeGeohash, MapError } from '../src/index.js';

describe('decodeGeohash', () => {
  it('decodes the geohash.org example u4pruydqqvj (57.64911, 10.40744)', () => {
    const cell = decodeGeohash('u4pruydqqvj');
    expect(cell.latitude).toBeCloseTo(57.64911, 4);
    expect(cell.longitude).toBeCloseTo(10.40744, 4);
    // 11 chars = 55 bits: 28 longitude bits, 27 latitude bits.
    expect(cell.longitudeError).toBe(180 / 2 ** 28);
    expect(cell.latitudeError).toBe(90 / 2 ** 27);
  });

  it('decodes ezs42 (Wikipedia example: 42.6, -5.6) and is case-insensitive', () => {
    const cell = decodeGeohash('EZS42');
    expect(cell.latitude).toBeCloseTo(42.605, 2);
    expect(cell.longitude).toBeCloseTo(-5.603, 2);
  });

  it('decodes one character to its cell centre: "s" is lat 0..45, lon 0..45', () => {
    expect(decodeGeohash('s')).toEqual({
      latitude: 22.5,
      longitude: 22.5,
      latitudeError: 22.5,
      longitudeError: 22.5,
    });
  });

  it.each(['', 'u4pa', 'abc', 'u4pruydqqvjlu4pruydqqvjl'])('rejects %j with INVALID_GEOHASH', (hash) => {
    expect(() => decodeGeohash(hash)).toThrow(
      expect.objectContaining({ code: 'INVALID_GEOHASH', value: hash }),
    );
    expect(() => decodeGeohash(hash)).toThrow(MapError);
  });
});
