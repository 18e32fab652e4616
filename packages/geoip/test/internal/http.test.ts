import { describe, expect, it } from 'vitest';
import { parseRetryAfter, redact, scrubCause } from '../../src/internal/http.js';

describe('http helpers', () => {
  it('parses Retry-After as delta-seconds or HTTP date (RFC 9110 section 10.2.3)', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
  });

  it('redacts a secret in raw and URL-encoded form', () => {
    expect(redact('GET /x?access_key=k+y/z and k+y/z', 'k+y/z')).toBe(
      'GET /x?access_key=[redacted] and [redacted]',
    );
    expect(redact('GET /x?access_key=k%2By%2Fz', 'k+y/z')).toBe('GET /x?access_key=[redacted]');
    const scrubbed = scrubCause(new TypeError('bad url https://h/?access_key=abc123'), 'abc123') as Error;
    expect(scrubbed.message).toBe('bad url https://h/?access_key=[redacted]');
    expect(scrubbed.name).toBe('TypeError');
    const clean = new Error('connect ECONNREFUSED');
    expect(scrubCause(clean, 'abc123')).toBe(clean);
  });
});
