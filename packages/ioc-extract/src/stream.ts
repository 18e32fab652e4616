import { IocExtractError } from './errors.js';
import type { IocMatch, IocStreamSource } from './types.js';

/** Longest text carried between chunks when a line has no newline (UTF-16 code units). */
export const STREAM_CARRY_LIMIT = 65_536;

// A cut point inside a long line must not fall inside something a bridge can
// join across a space ("example [.] com", "fireeye DOT com", "hxxp:// host").
const BRIDGE_NEAR = /[[\](){}]|dot|DOT|Dot|\bat\b|\bAT\b|:\/\/|__/;

async function* chunks(source: IocStreamSource): AsyncGenerator<string | Uint8Array> {
  if (typeof (source as ReadableStream).getReader === 'function') {
    const reader = (source as ReadableStream<string | Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<string | Uint8Array>;
}

/** Where to cut the buffer: after the last newline, or at a safe space in an over-long line. */
function cutPoint(buf: string, searchFrom: number): number {
  // the carried part never holds a line end, so only the new text is searched
  for (let i = buf.length - 1; i >= searchFrom; i--) {
    const c = buf.charCodeAt(i);
    if (c === 10 || c === 13) return i + 1;
  }
  if (buf.length <= STREAM_CARRY_LIMIT) return 0;
  // an over-long line: cut at a space with no bridge nearby, else at any non-token character, else hard
  const floor = buf.length - 4096;
  for (let i = buf.length - 1; i > floor; i--) {
    const c = buf.charCodeAt(i);
    if ((c === 32 || c === 9) && !BRIDGE_NEAR.test(buf.slice(Math.max(0, i - 12), i + 12))) return i + 1;
  }
  for (let i = buf.length - 1; i > floor; i--) {
    const c = buf.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128)) return i + 1;
  }
  let cut = buf.length - 1024;
  const c = buf.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return cut;
}

/**
 * Run `run` over a stream of text pieces, cutting at line ends so that nothing
 * spanning a chunk boundary is lost, with memory bounded by
 * {@link STREAM_CARRY_LIMIT} plus one chunk.
 */
export async function* streamMatches<T extends string>(
  source: IocStreamSource,
  run: (text: string, base: number) => IocMatch<T>[],
): AsyncGenerator<IocMatch<T>> {
  if (source === null || typeof source !== 'object') {
    throw new IocExtractError(
      'INVALID_INPUT',
      `extractStream needs an AsyncIterable or ReadableStream, got ${typeof source}; pass a stream of strings or bytes.`,
      { option: 'source', value: source },
    );
  }
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  let base = 0;
  for await (const piece of chunks(source)) {
    let text: string;
    if (typeof piece === 'string') text = piece;
    else if (piece instanceof Uint8Array) text = decoder.decode(piece, { stream: true });
    else {
      throw new IocExtractError(
        'INVALID_INPUT',
        `extractStream chunks must be strings or Uint8Array, got ${typeof piece}; decode or convert the source first.`,
        { option: 'source', value: piece },
      );
    }
    if (text === '') continue;
    const searchFrom = buf.length;
    buf += text;
    const cut = cutPoint(buf, searchFrom);
    if (cut <= 0) continue;
    const seg = buf.slice(0, cut);
    buf = buf.slice(cut);
    yield* run(seg, base);
    base += seg.length;
  }
  buf += decoder.decode();
  if (buf.length > 0) yield* run(buf, base);
}
