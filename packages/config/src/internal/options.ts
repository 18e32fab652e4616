import { ConfigError } from '../config-error.js';
import { isPlainObject } from './values.js';

/** A value as an option message shows it: strings JSON-quoted (so "42" and 42 differ), objects by kind. */
export function showOption(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}

function invalid(fn: string, message: string): ConfigError {
  return new ConfigError('INVALID_OPTION', `${fn}: ${message}`);
}

/**
 * Check the option bag of `findConfig`, `searchConfig` and `loadConfig`
 * before any of it is used, so a wrong call is a `ConfigError` with code
 * `INVALID_OPTION` rather than Node's `ERR_INVALID_ARG_TYPE` or a TypeError.
 */
export function checkOptions(
  fn: string,
  options: unknown,
  extra: Readonly<Record<string, string>> = {},
): void {
  if (options === undefined) return;
  if (!isPlainObject(options)) {
    throw invalid(
      fn,
      `options must be an object such as { explicitPath: 'msticpyconfig.yaml' }, got ${showOption(options)}.`,
    );
  }
  for (const key of ['explicitPath', 'cwd', 'homeDir'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw invalid(fn, `${key} must be a non-empty path string, got ${showOption(value)}.`);
    }
  }
  const env = options.env;
  if (env !== undefined && !isPlainObject(env)) {
    throw invalid(
      fn,
      `env must be an object of environment variables (like process.env), got ${showOption(env)}.`,
    );
  }
  // A misspelt option (explicitPth) would otherwise be ignored and the search go on without it.
  const known = ['explicitPath', 'cwd', 'homeDir', 'env', ...Object.keys(extra)];
  for (const key of Object.keys(options)) {
    if (!known.includes(key) && options[key] !== undefined) {
      throw invalid(fn, `there is no option ${JSON.stringify(key)}; the options are ${known.join(', ')}.`);
    }
  }
  for (const [key, kind] of Object.entries(extra)) {
    const value = options[key];
    if (value !== undefined && typeof value !== kind) {
      throw invalid(fn, `${key} must be a ${kind}, got ${showOption(value)}.`);
    }
  }
}
