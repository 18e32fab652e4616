import { describe, expect, it } from 'vitest';
import { isDowngrade, isLoopbackHost, shownLocation } from '../../src/internal/http.js';

describe('isDowngrade', () => {
  it('flags HTTPS redirected to plain HTTP or another scheme', () => {
    expect(isDowngrade('https://download.maxmind.com/a', 'http://r2.example/b')).toBe(true);
    expect(isDowngrade('https://download.maxmind.com/a', 'HTTP://download.maxmind.com/a')).toBe(true);
    expect(isDowngrade('https://download.maxmind.com/a', 'ftp://r2.example/b')).toBe(true);
  });

  it('allows HTTPS to HTTPS, and HTTP to anything (nothing left to lose)', () => {
    expect(isDowngrade('https://download.maxmind.com/a', 'https://r2.example/b?sig=1')).toBe(false);
    expect(isDowngrade('http://127.0.0.1:8080/a', 'http://127.0.0.1:8081/b')).toBe(false);
    expect(isDowngrade('http://127.0.0.1:8080/a', 'https://r2.example/b')).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('accepts localhost, 127.0.0.0/8 and ::1 as URL#hostname gives them', () => {
    for (const url of [
      'http://localhost:8080/',
      'http://LOCALHOST./',
      'http://mirror.localhost/',
      'http://127.0.0.1:1/',
      'http://127.255.255.254/',
      'http://[::1]:9000/',
    ]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(true);
    }
  });

  it('rejects other hosts, including look-alikes', () => {
    for (const url of [
      'http://example.invalid/',
      'http://128.0.0.1/',
      'http://10.0.0.1/',
      'http://127.0.0.1.nip.io/',
      'http://localhost.example.com/',
      'http://[::2]/',
      'http://0.0.0.0/',
    ]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(false);
    }
  });
});

describe('shownLocation', () => {
  it('keeps origin and path, hides the query (a presigned signature)', () => {
    expect(shownLocation('http://r2.example:81/bucket/x.tar.gz?X-Amz-Signature=abc')).toBe(
      'http://r2.example:81/bucket/x.tar.gz?…',
    );
    expect(shownLocation('http://r2.example/x')).toBe('http://r2.example/x');
  });
});
