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
