import { describe, expect, it } from 'vitest';
import { detectEncoding, looksBinary } from '../../src/sources/detect-encoding.js';

describe('detectEncoding', () => {
  it('reads the byte order marks of the Unicode standard', () => {
    expect(detectEncoding(Uint8Array.of(0xff, 0xfe, 0x31, 0x00))).toBe('utf-16le');
    expect(detectEncoding(Uint8Array.of(0xfe, 0xff, 0x00, 0x31))).toBe('utf-16be');
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x31))).toBe('utf-8');
    expect(detectEncoding(Uint8Array.of(0x31, 0x2e))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array())).toBe('utf-8');
  });
});

describe('looksBinary', () => {
  it('flags a NUL byte in UTF-8 data but not in UTF-16', () => {
    expect(looksBinary(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00), 'utf-8')).toBe(true);
    expect(looksBinary(Buffer.from('plain text 1.2.3.4\n'), 'utf-8')).toBe(false);
    expect(looksBinary(Uint8Array.of(0xff, 0xfe, 0x31, 0x00), 'utf-16le')).toBe(false);
  });
});
