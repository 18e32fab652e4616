import { extractMatches, extractStream, type IocMatch, STREAM_LINE_LIMIT } from '@iocmap/ioc-extract';
import { CliError } from '../errors.js';
import type { CliWritable } from '../io.js';
import { csvRows } from '../sources/csv-rows.js';
import type { FetchLimits } from '../sources/fetch-url.js';
import { type OpenedSource, openSource, type SkippedBinary } from '../sources/open-source.js';
import { resolveSources } from '../sources/resolve-sources.js';
import type { SourceRef } from '../sources/source-ref.js';
import { type CommandContext, noteWriter } from './context.js';
import { createProgress, type Progress } from './progress.js';

/** One indicator occurrence found in a source. */
export interface Occurrence {
  /** IoC type name (`ipv4`, `dns`, ...). */
  type: string;
  /** Refanged, normalised value. */
  value: string;
  /** The text as it appeared (possibly defanged). */
  raw: string;
  /** Name of the source it came from. */
  source: string;
  /** Offsets in UTF-16 code units: into the whole text, or into the CSV field for CSV sources. */
  start: number;
  end: number;
  /** CSV sources: 1-based data row number. */
  row?: number;
  /** CSV sources: the column the indicator was found in. */
  column?: string;
  /** CSV sources: the row's fields, the context of the indicator. */
  fields?: Readonly<Record<string, string>>;
}

/** Options of {@link scanSources}. */
export interface ScanOptions {
  stdin: import('node:stream').Readable;
  stderr: CliWritable;
  fetch: FetchLimits;
  quiet: boolean;
  /** IoC types to report; all when undefined. */
  types?: string[];
  /** Take IPs only from this CSV column. */
  ipColumn?: string;
  progress?: Progress;
}

/** Sources opened for scanning, with the options to scan them and the progress bar to stop. */
export interface OpenedInputs {
  sources: OpenedSource[];
  scanOptions: ScanOptions;
  progress: Progress;
}

/**
 * Resolve a command's SOURCE arguments (never reading its own `-o` file), start
 * the reading progress bar and open every source. The caller stops `progress`.
 *
 * @throws CliError for a missing, unreadable or refused source.
 */
export async function openInputs(
  args: readonly string[],
  options: { output?: string; types?: string[]; ipColumn?: string },
  context: CommandContext,
): Promise<OpenedInputs> {
  const { io } = context;
  const refs = await resolveSources(args, io.cwd, {
    ...(options.output !== undefined && options.output !== '-' ? { output: options.output } : {}),
    note: noteWriter(context),
  });
  const total = refs.reduce((sum, ref) => sum + (ref.kind === 'file' ? ref.size : 0), 0);
  const progress = createProgress(io.stderr, {
    quiet: context.quiet,
    label: 'reading',
    total,
    unit: 'bytes',
  });
  const scanOptions: ScanOptions = {
    stdin: io.stdin,
    stderr: io.stderr,
    fetch: context.fetch,
    quiet: context.quiet,
    progress,
    ...(options.types ? { types: options.types } : {}),
    ...(options.ipColumn !== undefined ? { ipColumn: options.ipColumn } : {}),
  };
  try {
    return { sources: await openSources(refs, scanOptions), scanOptions, progress };
  } catch (error) {
    progress.stop();
    throw error;
  }
}

const IP_TYPES = new Set(['ipv4', 'ipv6']);

/** The note for skipped binary input, with a conversion hint when it looks like UTF-16 without a BOM. */
export function binaryNote(skip: SkippedBinary): string {
  const stdin = skip.name === '-';
  const note = `iocmap: skipping binary ${stdin ? 'standard input (-)' : `file ${skip.name}`}`;
  if (skip.bomlessUtf16 === null) return `${note}\n`;
  const from = skip.bomlessUtf16.toUpperCase();
  const convert = stdin
    ? `pipe it through iconv -f ${from} -t UTF-8`
    : `iconv -f ${from} -t UTF-8 ${shellQuote(skip.name)} > ${shellQuote(`${skip.name}.utf8.txt`)}`;
  return `${note} (it may be ${from} text without a byte-order mark; convert it to UTF-8, e.g. ${convert})\n`;
}

/** Quote a path for a POSIX shell when it holds anything beyond safe characters; `./` keeps a leading `-` from reading as an option. */
function shellQuote(path: string): string {
  const value = path.startsWith('-') ? `./${path}` : path;
  return /^[\w./+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Open every source once and check it against the options before any output
 * is written: `--ip-column` must name a column of every CSV source.
 *
 * @throws CliError `USAGE` when `--ip-column` names no column of a CSV source, or a source is not CSV.
 */
export async function openSources(refs: readonly SourceRef[], options: ScanOptions): Promise<OpenedSource[]> {
  const opened: OpenedSource[] = [];
  for (const ref of refs) {
    const source = await openSource(ref, {
      stdin: options.stdin,
      fetch: options.fetch,
      ...(options.progress ? { onBytes: (n: number) => options.progress?.increment(n) } : {}),
    });
    if ('skipped' in source) {
      if (!options.quiet) options.stderr.write(binaryNote(source));
      continue;
    }
    if (options.ipColumn !== undefined) {
      if (source.csvHeader === null) {
        throw new CliError(
          'USAGE',
          `--ip-column ${options.ipColumn}: ${source.shown} is not a CSV file with a header row; drop --ip-column or pass a CSV`,
          { value: options.ipColumn },
        );
      }
      if (!source.csvHeader.includes(options.ipColumn)) {
        throw new CliError(
          'USAGE',
          `--ip-column ${JSON.stringify(options.ipColumn)} is not a column of ${source.shown}; its columns are: ${source.csvHeader.join(', ')}`,
          { value: options.ipColumn },
        );
      }
    }
    opened.push(source);
  }
  return opened;
}

/**
 * Stream every indicator occurrence of the opened sources, in source order
 * then text order. Text streams through `extractStream` (bounded memory,
 * indicators split across read chunks kept); CSV sources are read row by row
 * and each field scanned, with the row kept as context.
 */
export async function* scanSources(
  sources: readonly OpenedSource[],
  options: ScanOptions,
): AsyncGenerator<Occurrence> {
  const extractOptions = options.types ? { types: options.types } : {};
  for (const source of sources) {
    if (source.csvHeader === null) {
      yield* scanText(source, extractOptions, options);
      continue;
    }
    const header = source.csvHeader;
    for await (const { row, fields, columns } of csvRows(source.text(), header)) {
      for (const column of columns) {
        const cell = fields[column];
        if (!cell) continue;
        for (const match of extractMatches(cell, extractOptions)) {
          if (options.ipColumn !== undefined && IP_TYPES.has(match.type) && column !== options.ipColumn)
            continue;
          yield { ...occurrence(match, source.name), row, column, fields };
        }
      }
    }
  }
}

/**
 * Largest file (bytes) read whole with `extractMatches` when streaming stops
 * at a line with no safe cut point in `STREAM_LINE_LIMIT` characters.
 */
export const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;

/**
 * Stream one text source. A line over `STREAM_LINE_LIMIT` characters with no
 * safe cut point (see `extractStream`) stops the stream: a file of at most
 * {@link WHOLE_FILE_LIMIT} bytes is then read whole and its remaining matches
 * taken from `extractMatches` (the same results, in memory); standard input,
 * a URL or a larger file fails with a `RUNTIME` error naming the line.
 */
async function* scanText(
  source: OpenedSource,
  extractOptions: { types?: string[] },
  options: ScanOptions,
): AsyncGenerator<Occurrence> {
  // line ends before the chunk being read, to name the line that failed
  const seen = { lines: 0, lineStart: 0, offset: 0 };
  async function* counted(): AsyncGenerator<string> {
    for await (const chunk of source.text()) {
      for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) {
        seen.lines++;
        seen.lineStart = seen.offset + i + 1;
      }
      seen.offset += chunk.length;
      yield chunk;
    }
  }
  let yielded = 0;
  try {
    for await (const match of extractStream(counted(), extractOptions)) {
      yielded++;
      yield occurrence(match, source.name);
    }
    return;
  } catch (error) {
    if (!isLineLimit(error)) throw error;
    const where = `line ${seen.lines + 1} (from character ${seen.lineStart})`;
    const whole = source.whole === undefined ? undefined : await source.whole(WHOLE_FILE_LIMIT);
    if (whole === undefined || whole === null) {
      const retry =
        whole === undefined
          ? 'or save it to a file (files up to 64 MB are then read whole)'
          : 'or split the file (files up to 64 MB are read whole)';
      throw new CliError(
        'RUNTIME',
        `${source.shown}: ${where} runs over ${STREAM_LINE_LIMIT} characters with no blank, quote or separator where it can be cut without losing an indicator; split that line into shorter lines, ${retry}`,
        { value: source.shown, cause: error },
      );
    }
    if (!options.quiet)
      options.stderr.write(
        `iocmap: ${source.name}: ${where} runs over ${STREAM_LINE_LIMIT} characters with no safe cut point; reading the file whole\n`,
      );
    // streamed matches equal the first matches of the whole text, in order
    for (const match of extractMatches(whole, extractOptions).slice(yielded))
      yield occurrence(match, source.name);
  }
}

/** The error `extractStream` throws for a line with no safe cut point (the CLI only passes strings). */
function isLineLimit(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'IocExtractError' &&
    (error as Error & { code?: unknown }).code === 'INVALID_INPUT'
  );
}

/** The fields every occurrence has, from one extracted match. */
function occurrence(match: IocMatch, source: string): Occurrence {
  return { type: match.type, value: match.value, raw: match.raw, source, start: match.start, end: match.end };
}
