export { main } from './cli.js';
export { CliError, type CliErrorCode, isCliError } from './errors.js';
export { type CliIo, type CliWritable, processIo } from './io.js';
