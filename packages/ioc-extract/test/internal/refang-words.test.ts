import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hostishPrefixEnd,
  hostishSuffixStart,
  localSuffixStart,
  trimTrailingPunct,
} from '../../src/internal/refang.js';

// The patterns these hand-written scanners stand for (end-anchored patterns
// retry from every position, so the scanners replace them in a hot path).
const TRAILING_PUNCT = /[.,;:!?)\]}'"]+$/;
const HOSTISH_PREFIX = /^[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)*/u;
const HOSTISH_SUFFIX = /[\p{L}\p{M}\p{N}.-]+$/u;
const LOCAL_SUFFIX = /[A-Za-z0-9._%+-]+$/;

// ASCII letters, digits and punctuation, accented and combining letters, an
// Arabic-Indic digit, CJK, an astral letter (U+1D400, a surrogate pair), lone
// surrogates, a zero-width space and a symbol
const piece = fc.constantFrom(
  ...[
    'a',
    'Z',
    '0',
    '.',
    '-',
    '_',
    '%',
    '+',
    '@',
    ' ',
    ',',
    ';',
    ':',
    '!',
    '?',
    ')',
    ']',
    '}',
    "'",
    '"',
    '(',
  ],
  ...['é', 'ß', '\u0301', '٣', '中', '\u{1D400}', '\uD835', '\uDC00', '\u200B', '€'],
);
const text = fc.array(piece, { maxLength: 16 }).map((p) => p.join(''));

describe('word-form scanners', () => {
  it('find what their patterns match', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(trimTrailingPunct(s)).toBe(s.replace(TRAILING_PUNCT, ''));
        expect(s.slice(0, hostishPrefixEnd(s))).toBe(HOSTISH_PREFIX.exec(s)?.[0] ?? '');
        expect(s.slice(hostishSuffixStart(s))).toBe(HOSTISH_SUFFIX.exec(s)?.[0] ?? '');
        expect(s.slice(localSuffixStart(s))).toBe(LOCAL_SUFFIX.exec(s)?.[0] ?? '');
      }),
      { numRuns: 20000 },
    );
  });

  it('handle the cases the patterns are there for', () => {
    // a label chain ends before a dot that no label follows
    expect(hostishPrefixEnd('evil.com.')).toBe(8);
    // an astral letter is one code point of two units
    expect(hostishSuffixStart('x @\u{1D400}b')).toBe(3);
    expect(trimTrailingPunct('host).')).toBe('host');
    expect(localSuffixStart('mail to j.doe')).toBe(8);
  });
});
