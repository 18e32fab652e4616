#!/usr/bin/env node
import { main } from './cli.js';
import { processIo } from './io.js';
import { removeTempFilesSync } from './output/atomic-file.js';

// A closed pipe (`iocmap extract big.log | head`) is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Ctrl-C or a kill during `-o`: remove the half-written temporary file, then
// exit with the shell's code for the signal (128 + signal number).
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    removeTempFilesSync();
    process.exit(code);
  });
}

process.exitCode = await main(process.argv.slice(2), processIo());
