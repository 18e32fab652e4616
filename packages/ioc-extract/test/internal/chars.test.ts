import { describe, expect, it } from 'vitest';
import { isWordCodePoint } from '../../src/internal/chars.js';

describe('isWordCodePoint', () => {
  it('is true for letters, marks and numbers, ASCII or not, and astral ones', () => {
    // a, Z, 0, é, combining acute (U+0301), Arabic-Indic three (U+0663), 中, U+1D400 (mathematical bold A)
    for (const cp of [0x61, 0x5a, 0x30, 0xe9, 0x301, 0x663, 0x4e2d, 0x1d400])
      expect(isWordCodePoint(cp)).toBe(true);
  });

  it('is false for punctuation, symbols, spaces and lone surrogates', () => {
    // "-", ".", "_", " ", €, zero-width space (U+200B), a high and a low surrogate
    for (const cp of [0x2d, 0x2e, 0x5f, 0x20, 0x20ac, 0x200b, 0xd835, 0xdc00])
      expect(isWordCodePoint(cp)).toBe(false);
  });
});
