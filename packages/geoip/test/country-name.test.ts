import { describe, expect, it } from 'vitest';
import { countryNameOf } from '../src/country-name.js';

describe('countryNameOf', () => {
  it('names countries from ISO 3166-1 alpha-2 codes in either case, and nothing else', () => {
    expect(countryNameOf('DE')).toBe('Germany');
    expect(countryNameOf('us')).toBe('United States');
    // Asked twice: the memoised answer is the same.
    expect(countryNameOf('us')).toBe('United States');
    expect(countryNameOf('ZZ')).toBeUndefined();
    expect(countryNameOf('zz')).toBeUndefined();
    expect(countryNameOf('DEU')).toBeUndefined();
    expect(countryNameOf('')).toBeUndefined();
  });
});
