/** Text encodings the CLI reads. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Pick the encoding of a byte stream from its first bytes: a byte order mark
 * (UTF-8 `EF BB BF`, UTF-16 LE `FF FE`, UTF-16 BE `FE FF`, per the Unicode
 * standard §23.8) decides; without one the text is read as UTF-8.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * True when bytes look binary: a NUL byte in the first 8 KiB of a stream that
 * is not UTF-16 (the heuristic git and grep use).
 */
export function looksBinary(head: Uint8Array, encoding: TextEncoding): boolean {
  if (encoding !== 'utf-8') return false;
  return head.subarray(0, 8192).includes(0);
}

/**
 * Guess the byte order of UTF-16 text saved without a byte order mark, for a
 * hint when such text is skipped as binary: in the first 8 KiB, at least 70%
 * of the code units have a zero byte on one side (ASCII and Latin-1 in UTF-16)
 * and at most 10% on the other (random bytes and most binaries fail this).
 *
 * @returns `'utf-16le'` (zeros at odd offsets), `'utf-16be'` (zeros at even offsets), or `null`.
 */
export function guessBomlessUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.floor(Math.min(head.byteLength, 8192) / 2);
  // Too short to tell text from a stray zero.
  if (units < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < units; i++) {
    if (head[2 * i] === 0) evenZeros++;
    if (head[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= units * 0.7 && evenZeros <= units * 0.1) return 'utf-16le';
  if (evenZeros >= units * 0.7 && oddZeros <= units * 0.1) return 'utf-16be';
  return null;
}
