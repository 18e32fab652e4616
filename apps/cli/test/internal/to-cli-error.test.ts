import { describe, expect, it } from 'vitest';
import { toCliError } from '../../src/internal/to-cli-error.js';

describe('toCliError', () => {
  it('names a JavaScript engine limit as a RUNTIME error with exit 1 and advice, keeping the cause', () => {
    let raw: unknown;
    try {
      // V8 strings hold fewer than 2^30 characters: this throws before allocating.
      'x'.repeat(2 ** 30);
    } catch (error) {
      raw = error;
    }
    expect(raw).toBeInstanceOf(RangeError);
    const error = toCliError(raw);
    expect(error.code).toBe('RUNTIME');
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      'the input is too large to process in one run (JavaScript limit: Invalid string length); split it into smaller files, or rerun with --debug and report the stack trace',
    );
    expect(error.cause).toBe(raw);
  });

  it('keeps the message of any other plain error', () => {
    const error = toCliError(new TypeError('boom'));
    expect(error.code).toBe('RUNTIME');
    expect(error.message).toBe('boom');
  });
});
