export { main } from './cli.js';
export { type CliErrorCode, CliError, isCliError } from './errors.js';
export { type CliIo, type CliWritable, processIo } from './io.js';
