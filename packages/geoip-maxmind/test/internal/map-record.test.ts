import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromFloat32 } from '../../src/internal/map-record.js';

/** The definition the fast path must match: round to seven significant digits through the decimal string. */
const reference = (v: number): number => Number(v.toPrecision(7));

describe('fromFloat32', () => {
  it('gives back the decimal written into a 32-bit float', () => {
    // Math.fround(51.5143) is 51.51430130004883; toPrecision(7) of it is "51.51430".
    expect(fromFloat32(Math.fround(51.5143))).toBe(51.5143);
    expect(fromFloat32(Math.fround(-122.0838))).toBe(-122.0838);
    expect(fromFloat32(Math.fround(0.000123))).toBe(0.000123);
    expect(fromFloat32(Math.fround(179.9999))).toBe(179.9999);
    expect(fromFloat32(0)).toBe(0);
    expect(Object.is(fromFloat32(-0), 0)).toBe(true); // "-0".toPrecision gives "0.000000"
  });

  it('rounds an exact tie at the seventh digit away from zero, as toPrecision does', () => {
    // 1234.5625 = 19753 / 16 and 2^-11 = 0.00048828125 are exact in float32 and have eight significant digits ending in 5.
    expect(fromFloat32(1234.5625)).toBe(1234.563);
    expect(fromFloat32(-1234.5625)).toBe(-1234.563);
    expect(fromFloat32(2 ** -11)).toBe(0.0004882813);
  });

  it('equals Number(v.toPrecision(7)) for every 32-bit float (property)', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (v) => {
        expect(Object.is(fromFloat32(v), reference(v))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals Number(v.toPrecision(7)) for coordinates (latitude/longitude as float32, property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (d) => {
        const v = Math.fround(d);
        expect(Object.is(fromFloat32(v), reference(v))).toBe(true);
      }),
      { numRuns: 50_000 },
    );
  });

  it('keeps the string path for doubles that are not float32 and for huge values', () => {
    for (const v of [0.1, Math.PI, 1e-300, 123456789.123, -5e20, Number.POSITIVE_INFINITY]) {
      expect(Object.is(fromFloat32(v), reference(v))).toBe(true);
    }
  });
});
