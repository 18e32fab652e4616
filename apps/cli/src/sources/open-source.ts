import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CliError } from '../errors.js';
import { sniffCsvHeader } from './csv-sniff.js';
import { detectEncoding, guessBomlessUtf16, looksBinary, type TextEncoding } from './detect-encoding.js';
import { type FetchLimits, fetchUrl, redactUrl } from './fetch-url.js';
import type { SourceRef } from './source-ref.js';

/** Bytes read up front to detect the encoding, binaries and a CSV header. */
const HEAD_BYTES = 64 * 1024;
/** Read size for files: large reads keep the extractor fed. */
const READ_BYTES = 1024 * 1024;

/** A source ready to read: its encoding is known and, for CSV, its header. */
export interface OpenedSource {
  /** Name shown in output. */
  name: string;
  /** Name shown in messages: `stdin` for standard input, a URL with user info and query values redacted. */
  shown: string;
  encoding: TextEncoding;
  /** Header fields when the source is CSV with a header row, else `null`. */
  csvHeader: string[] | null;
  /** The decoded text, in chunks. Iterate once. */
  text(): AsyncIterable<string>;
  /** Files only: read the whole file again as one decoded string (no progress counted), or null when it has more than `maxBytes` bytes. */
  whole?: (maxBytes: number) => Promise<string | null>;
}

/** A source skipped because its first bytes look binary. */
export interface SkippedBinary {
  skipped: 'binary';
  /** Name shown in output. */
  name: string;
  /** The byte order when the bytes look like UTF-16 text without a byte order mark, else `null`. */
  bomlessUtf16: 'utf-16le' | 'utf-16be' | null;
}

/** Options of {@link openSource}. */
export interface OpenSourceOptions {
  stdin: Readable;
  fetch: FetchLimits;
  /** Called with the byte count of each chunk as it is read (progress). */
  onBytes?: (bytes: number) => void;
  /** Force (`true`) or forbid (`false`) CSV handling; `undefined` detects. */
  csv?: boolean;
}

/**
 * Open a source: read its first bytes to detect the encoding (BOM), binary
 * content and a CSV header, then hand back a reader of the decoded text.
 *
 * @returns the opened source, or a {@link SkippedBinary} for binary input (a file named or found by expanding a directory or glob, or standard input), to be skipped with a note.
 * @throws CliError `SOURCE_READ` when a file cannot be read, `URL_FETCH` for URL failures.
 */
export async function openSource(
  ref: SourceRef,
  options: OpenSourceOptions,
): Promise<OpenedSource | SkippedBinary> {
  let head: Uint8Array;
  let complete: boolean;
  let rest: () => AsyncIterable<Uint8Array>;
  if (ref.kind === 'file') {
    ({ head, complete } = await readFileHead(ref.path, ref.name));
    rest = () => readFileFrom(ref.path, ref.name, head.byteLength);
  } else {
    const iterator = (ref.kind === 'stdin' ? streamBytes(options.stdin) : fetchUrl(ref.url, options.fetch))[
      Symbol.asyncIterator
    ]();
    const chunks: Uint8Array[] = [];
    let size = 0;
    complete = false;
    while (size < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        complete = true;
        break;
      }
      chunks.push(next.value);
      size += next.value.byteLength;
    }
    head = concat(chunks, size);
    rest = () => ({ [Symbol.asyncIterator]: () => iterator });
  }
  const encoding = detectEncoding(head);
  // Binary input is skipped (the caller notes it) whether a file, named or found by a walk, or
  // standard input. A URL is not: a server's answer is taken as the text it sent.
  if (ref.kind !== 'url' && looksBinary(head, encoding)) {
    return { skipped: 'binary', name: ref.name, bomlessUtf16: guessBomlessUtf16(head) };
  }
  const headText = new TextDecoder(encoding).decode(head);
  const byExtension = ref.kind === 'file' && /\.csv$/i.test(ref.path);
  const csvHeader =
    options.csv === false
      ? null
      : sniffCsvHeader(headText, { byExtension: byExtension || options.csv === true, complete });
  const onBytes = options.onBytes;
  return {
    name: ref.name,
    shown: ref.kind === 'url' ? redactUrl(ref.url) : ref.kind === 'stdin' ? 'stdin' : ref.name,
    encoding,
    csvHeader,
    ...(ref.kind === 'file'
      ? {
          whole: async (maxBytes: number) => {
            try {
              if ((await stat(ref.path)).size > maxBytes) return null;
              return new TextDecoder(encoding).decode(await readFile(ref.path));
            } catch (cause) {
              throw readError(ref.name, cause);
            }
          },
        }
      : {}),
    async *text() {
      const decoder = new TextDecoder(encoding);
      onBytes?.(head.byteLength);
      const first = decoder.decode(head, { stream: true });
      if (first) yield first;
      for await (const chunk of rest()) {
        onBytes?.(chunk.byteLength);
        const decoded = decoder.decode(chunk, { stream: true });
        if (decoded) yield decoded;
      }
      const last = decoder.decode();
      if (last) yield last;
    },
  };
}

async function readFileHead(path: string, name: string): Promise<{ head: Uint8Array; complete: boolean }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw readError(name, cause);
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, size, HEAD_BYTES - size, size);
      if (bytesRead === 0) return { head: buffer.subarray(0, size), complete: true };
      size += bytesRead;
      if (size === HEAD_BYTES) return { head: buffer, complete: false };
    }
  } catch (cause) {
    throw readError(name, cause);
  } finally {
    await handle.close();
  }
}

async function* readFileFrom(path: string, name: string, start: number): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { start, highWaterMark: READ_BYTES });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (cause) {
    throw readError(name, cause);
  }
}

async function* streamBytes(stream: Readable): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Uint8Array);
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  return Buffer.concat(chunks, size);
}

function readError(name: string, cause: unknown): CliError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied; check the file permissions'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'ENOENT'
          ? 'no such file'
          : ((cause as Error | undefined)?.message ?? String(cause));
  return new CliError('SOURCE_READ', `cannot read ${name}: ${why}`, { value: name, cause });
}
