import type { Readable, Writable } from 'node:stream';

/**
 * A writable stream the CLI prints to. `isTTY` decides whether progress bars
 * are drawn (only on a terminal) and `columns` their width.
 */
export type CliWritable = Writable & { isTTY?: boolean; columns?: number };

/**
 * Everything the CLI touches outside its arguments, injected so tests can run
 * {@link main} in-process and so the binary passes the real process streams.
 */
export interface CliIo {
  /** Standard input, read when a SOURCE is `-` or when no SOURCE is given. */
  stdin: Readable;
  /** Standard output: only the command's own output is written here. */
  stdout: CliWritable;
  /** Standard error: diagnostics, progress, summaries. */
  stderr: CliWritable;
  /** Environment variables (`NO_COLOR`, `IOCMAP_DEBUG`, config secrets). */
  env: Record<string, string | undefined>;
  /** Working directory relative paths are resolved against. */
  cwd: string;
  /** Home directory for the config search (defaults to `os.homedir()`). */
  homeDir?: string;
  /**
   * Opens a file in the default browser (`map --open`). Defaults to the `open`
   * package; tests inject a recorder.
   */
  openInBrowser?: (path: string) => Promise<void>;
  /** `fetch` used by `update-db` (defaults to the global `fetch`); tests point it at a local server. */
  fetch?: typeof fetch;
}

/**
 * The {@link CliIo} of the running process.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), processIo());
 * ```
 */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}
