import { describe, expect, it } from 'vitest';
import { geoDistance } from '../src/distance.js';

const munich = { latitude: 48.1372, longitude: 11.5756 };
const berlin = { latitude: 52.5186, longitude: 13.4083 };

describe('geoDistance', () => {
  it('gives 504.2 km from Munich to Berlin (haversine, R = 6371 km)', () => {
    expect(Math.abs(geoDistance(munich, berlin) - 504.2)).toBeLessThanOrEqual(0.1);
    expect(geoDistance(berlin, munich)).toBe(geoDistance(munich, berlin));
  });

  it('gives 0 for the same point and half the circumference for antipodes', () => {
    expect(geoDistance(munich, munich)).toBe(0);
    // pi * 6371 = 20015.09 km
    expect(geoDistance({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      20015.09,
      1,
    );
    // one degree of latitude along a meridian: 6371 * pi / 180 = 111.195 km
    expect(geoDistance({ latitude: 10, longitude: 5 }, { latitude: 11, longitude: 5 })).toBeCloseTo(
      111.195,
      3,
    );
  });

  it('rejects out-of-range or missing coordinates with INVALID_OPTION', () => {
    expect(() => geoDistance({ latitude: 91, longitude: 0 }, munich)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining('latitude 91') }),
    );
    expect(() => geoDistance(munich, { latitude: Number.NaN, longitude: 0 })).toThrow(/point b/);
  });
});
