import { resolve } from 'node:path';
import { CliError } from '../errors.js';
import type { CliWritable } from '../io.js';
import { createAtomicFile } from './atomic-file.js';

/** Where a command's output goes: standard output, or a file written atomically (`-o`). */
export interface OutputSink {
  /** Append text, honouring back-pressure. */
  write(text: string): Promise<void>;
  /** Finish: for a file, rename it into place. */
  close(): Promise<void>;
  /** Give up: for a file, remove the temporary file and leave any old file intact. */
  abort(): Promise<void>;
}

/**
 * Open the output of a command: `outPath` (resolved against `cwd`) written
 * atomically, or `stdout` when no path is given.
 *
 * @throws CliError `OUTPUT` when the file's directory is missing.
 */
export async function openOutput(
  outPath: string | undefined,
  stdout: CliWritable,
  cwd: string,
): Promise<OutputSink> {
  if (outPath === undefined || outPath === '-') {
    return {
      async write(text) {
        if (!stdout.write(text)) {
          await new Promise<void>((done) => stdout.once('drain', () => done()));
        }
      },
      async close() {},
      async abort() {},
    };
  }
  const file = await createAtomicFile(resolve(cwd, outPath));
  return { write: (text) => file.write(text), close: () => file.commit(), abort: () => file.abort() };
}

/**
 * Check an `-o` value before any work: it must name a file.
 *
 * @throws CliError `USAGE` for an empty or blank value.
 */
export function checkOutputOption(output: string | undefined): void {
  if (output !== undefined && output.trim() === '') {
    throw new CliError(
      'USAGE',
      `-o needs a file name, got ${JSON.stringify(output)}; pass e.g. -o out.json`,
      {
        value: output,
      },
    );
  }
}
