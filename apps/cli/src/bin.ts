#!/usr/bin/env node
import { main } from './cli.js';
import { processIo } from './io.js';

// A closed pipe (`iocmap extract big.log | head`) is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), processIo());
