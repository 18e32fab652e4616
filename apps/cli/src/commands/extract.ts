import type { CommandContext } from '../internal/context.js';
import { orderTypes, parseTypes } from '../internal/ioc-types.js';
import { openInputs, scanSources } from '../internal/scan.js';
import { OccurrenceCsvWriter, occurrenceJson } from '../output/occurrence-formats.js';
import { checkOutputOption, openOutput } from '../output/sink.js';

/** Characters buffered before a write. */
const BATCH_CHARS = 1 << 20;

/** Output formats of `iocmap extract`. */
export type ExtractFormat = 'json' | 'jsonl' | 'csv';

/** Options of `iocmap extract`. */
export interface ExtractCommandOptions {
  types?: string;
  format: ExtractFormat;
  output?: string;
  ipColumn?: string;
}

/**
 * `iocmap extract`: print the indicators of the sources.
 * `json` is one object of unique values per type; `jsonl` and `csv` one record per occurrence, streamed.
 */
export async function runExtract(
  args: string[],
  options: ExtractCommandOptions,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  checkOutputOption(options.output);
  const types = parseTypes(options.types);
  const { sources, scanOptions, progress } = await openInputs(
    args,
    {
      ...(options.output !== undefined ? { output: options.output } : {}),
      ...(types ? { types } : {}),
      ...(options.ipColumn !== undefined ? { ipColumn: options.ipColumn } : {}),
    },
    context,
  );
  try {
    const sink = await openOutput(options.output, io.stdout, io.cwd);
    try {
      if (options.format === 'json') {
        const byType = new Map<string, Set<string>>();
        for await (const occurrence of scanSources(sources, scanOptions)) {
          let values = byType.get(occurrence.type);
          if (!values) {
            values = new Set();
            byType.set(occurrence.type, values);
          }
          values.add(occurrence.value);
        }
        const result: Record<string, string[]> = {};
        for (const type of orderTypes(byType.keys())) result[type] = [...(byType.get(type) ?? [])];
        await sink.write(`${JSON.stringify(result)}\n`);
      } else if (options.format === 'jsonl') {
        // Batches are bounded in characters, not lines: a wide CSV row repeats
        // in every one of its occurrences, so a line can be very long.
        let lines: string[] = [];
        let size = 0;
        for await (const occurrence of scanSources(sources, scanOptions)) {
          const line = occurrenceJson(occurrence);
          lines.push(line);
          size += line.length;
          if (lines.length >= 1000 || size >= BATCH_CHARS) {
            await sink.write(`${lines.join('\n')}\n`);
            lines = [];
            size = 0;
          }
        }
        if (lines.length > 0) await sink.write(`${lines.join('\n')}\n`);
      } else {
        const writer = new OccurrenceCsvWriter(
          sink,
          sources.flatMap((source) => (source.csvHeader ? [source.csvHeader] : [])),
        );
        await writer.start();
        for await (const occurrence of scanSources(sources, scanOptions)) await writer.add(occurrence);
        await writer.flush();
      }
      await sink.close();
    } catch (error) {
      await sink.abort();
      throw error;
    }
  } finally {
    progress.stop();
  }
}
