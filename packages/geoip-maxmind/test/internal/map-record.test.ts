import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromFloat32 } from '../../src/internal/map-record.js';

/**
 * Independent definition of "seven significant digits": the exact binary value of `v` as a
 * BigInt fraction, rounded half away from zero (the rule of Number.prototype.toPrecision,
 * ECMA-262 §21.1.3.5) to a seven-digit integer n and exponent, then parsed from "<n>e<exp>"
 * (decimal-to-double parsing is correctly rounded). No toPrecision, no floating-point scaling.
 */
function sevenDigits(v: number): number {
  if (v === 0) return 0; // -0 too: (-0).toPrecision(7) is "0.000000"
  if (!Number.isFinite(v)) return v;
  let a = Math.abs(v);
  let twos = 0;
  while (!Number.isInteger(a)) {
    a *= 2; // exact: only the exponent changes
    twos++;
  }
  const num = BigInt(a);
  const den = 2n ** BigInt(twos);
  // Find s with 10^6 <= v * 10^s < 10^7.
  let s = 6 - (num.toString().length - den.toString().length);
  const ratio = (k: number): [bigint, bigint] =>
    k >= 0 ? [num * 10n ** BigInt(k), den] : [num, den * 10n ** BigInt(-k)];
  for (;;) {
    const [n, d] = ratio(s);
    if (n < 10n ** 6n * d) s++;
    else if (n >= 10n ** 7n * d) s--;
    else break;
  }
  const [n, d] = ratio(s);
  let digits = (2n * n + d) / (2n * d); // round half up on the magnitude
  if (digits === 10n ** 7n) {
    digits = 10n ** 6n;
    s--;
  }
  const r = Number(`${digits}e${-s}`);
  return v < 0 ? -r : r;
}

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

  it('rounds every 32-bit float to seven significant digits (property, BigInt reference)', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (v) => {
        expect(Object.is(fromFloat32(v), sevenDigits(v))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('rounds coordinates to seven significant digits (latitude/longitude as float32, property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (d) => {
        const v = Math.fround(d);
        expect(Object.is(fromFloat32(v), sevenDigits(v))).toBe(true);
      }),
      { numRuns: 50_000 },
    );
  });

  it('rounds doubles that are not float32, and values outside 1e-6 .. 1e7, to seven digits', () => {
    // Not float32: 0.1 -> 0.1000000, π = 3.14159265... -> 3.141593, 123456789.123 -> 1.234568e8.
    expect(fromFloat32(0.1)).toBe(0.1);
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: π rounded to seven digits is the expected value
    expect(fromFloat32(Math.PI)).toBe(3.141593);
    expect(fromFloat32(1e-300)).toBe(1e-300);
    expect(fromFloat32(123456789.123)).toBe(123456800);
    expect(fromFloat32(-5e20)).toBe(-5e20);
    // 9999999.5 is a double (float32 spacing is 1 in [2^23, 2^24)); the tie at the eighth digit rounds up.
    expect(fromFloat32(9999999.5)).toBe(10000000);
    expect(fromFloat32(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(fromFloat32(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('rounds float32 values to seven digits (hand-derived)', () => {
    // fround(0.1) = 0.100000001490116...  -> 0.1000000
    expect(fromFloat32(Math.fround(0.1))).toBe(0.1);
    // fround(π) = 3.14159274101257...     -> 3.141593
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: π rounded to seven digits is the expected value
    expect(fromFloat32(Math.fround(Math.PI))).toBe(3.141593);
    // fround(123456789.123) = 123456792 (float32 spacing is 8 in [2^26, 2^27)) -> 1.234568e8
    expect(Math.fround(123456789.123)).toBe(123456792);
    expect(fromFloat32(Math.fround(123456789.123))).toBe(123456800);
    // fround(-5e20) is within 2^44 (~1.8e13) of -5e20, far below the seventh digit (1e14) -> -5.000000e20
    expect(fromFloat32(Math.fround(-5e20))).toBe(-5e20);
    // 2^-20 = 9.5367431640625e-7, below 1e-6 -> 9.536743e-7
    expect(fromFloat32(2 ** -20)).toBe(9.536743e-7);
    expect(fromFloat32(Math.fround(Number.POSITIVE_INFINITY))).toBe(Number.POSITIVE_INFINITY);
  });

  it('agrees with the BigInt reference on the hand-derived values (checks the reference)', () => {
    for (const [v, want] of [
      [Math.fround(51.5143), 51.5143],
      [1234.5625, 1234.563],
      [-1234.5625, -1234.563],
      [2 ** -11, 0.0004882813],
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: π rounded to seven digits is the expected value
      [Math.fround(Math.PI), 3.141593],
      [Math.fround(123456789.123), 123456800],
      [-5e20, -5e20],
      [9999999.5, 10000000],
    ] as const) {
      expect(sevenDigits(v)).toBe(want);
    }
  });
});
