import { describe, expect, it } from 'vitest';
import { detach } from '../../src/internal/detach.js';

describe('detach', () => {
  it('gives back a string equal to the one it was given, short, long or not ASCII', () => {
    const text = 'see https://evil.example.com/path and bücher.de';
    // "https://evil.example.com/path" is text[4, 33), "bücher.de" text[38, 47)
    expect(detach(text.slice(4, 33))).toBe('https://evil.example.com/path');
    expect(detach(text.slice(38, 47))).toBe('bücher.de');
    expect(detach('')).toBe('');
  });
});
