import type { CliIo } from '../io.js';
import type { FetchLimits } from '../sources/fetch-url.js';

/** What every command receives besides its own options. */
export interface CommandContext {
  io: CliIo;
  /** `--quiet`: no progress, no notes, no summary. */
  quiet: boolean;
  /** `--debug` or `IOCMAP_DEBUG=1`: stack traces on errors. */
  debug: boolean;
  /** Limits for URL sources. */
  fetch: FetchLimits;
}

/** Options shared by every command (see `addCommonOptions`). */
export interface CommonOptions {
  quiet?: boolean;
  debug?: boolean;
  urlTimeout?: number;
  urlMaxBytes?: number;
}

/** A writer of `iocmap: <note>` lines on stderr, silent under `--quiet`. */
export function noteWriter(context: CommandContext): (message: string) => void {
  return (message) => {
    if (!context.quiet) context.io.stderr.write(`iocmap: ${message}\n`);
  };
}
