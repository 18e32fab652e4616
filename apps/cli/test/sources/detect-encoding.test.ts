import { describe, expect, it } from 'vitest';
import { detectEncoding, guessBomlessUtf16, looksBinary } from '../../src/sources/detect-encoding.js';

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

describe('guessBomlessUtf16', () => {
  it('reads zero high bytes at odd offsets as UTF-16 LE and at even offsets as UTF-16 BE', () => {
    // "C2 1.1" in UTF-16 LE is 43 00 32 00 20 00 31 00 2e 00 31 00.
    const le = Uint8Array.of(0x43, 0, 0x32, 0, 0x20, 0, 0x31, 0, 0x2e, 0, 0x31, 0);
    expect(guessBomlessUtf16(le)).toBe('utf-16le');
    expect(guessBomlessUtf16(le.subarray(1))).toBe('utf-16be');
  });

  it('rejects bytes with zeros on both sides, a lone zero, and input too short to tell', () => {
    expect(
      guessBomlessUtf16(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0, 0, 0, 0, 0)),
    ).toBeNull();
    expect(guessBomlessUtf16(Buffer.from('plain text\0 1.2.3.4\n'))).toBeNull();
    expect(guessBomlessUtf16(Uint8Array.of(0x31, 0, 0x32, 0))).toBeNull();
  });
});
