import { describe, expect, it } from 'vitest';
import { fetchUrl, redactUrl } from '../../src/sources/fetch-url.js';
import { startServer } from '../http-server.js';

async function download(url: string, limits = { timeoutMs: 2000, maxBytes: 1024 }): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of fetchUrl(new URL(url), limits)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('fetchUrl', () => {
  it('streams a 200 body', async () => {
    const base = await startServer((_req, res) => res.end('ioc 1.2.3.4\n'));
    expect(await download(`${base}/feed.txt`)).toBe('ioc 1.2.3.4\n');
  });

  it('fails on 404 naming the URL and the status', async () => {
    const base = await startServer((_req, res) => {
      res.statusCode = 404;
      res.end('nope');
    });
    await expect(download(`${base}/missing.txt`)).rejects.toMatchObject({
      code: 'URL_FETCH',
      exitCode: 1,
      message: expect.stringMatching(new RegExp(`${base}/missing\\.txt.*HTTP 404`)),
    });
  });

  it('refuses a body whose Content-Length is over the cap', async () => {
    const base = await startServer((_req, res) => res.end('x'.repeat(2048)));
    await expect(download(`${base}/big`)).rejects.toMatchObject({
      code: 'URL_FETCH',
      message: expect.stringContaining('1024-byte limit'),
    });
  });

  it('stops a chunked body once it passes the cap', async () => {
    const base = await startServer((_req, res) => {
      res.write('x'.repeat(800));
      setTimeout(() => res.end('y'.repeat(800)), 20);
    });
    await expect(download(`${base}/chunked`)).rejects.toMatchObject({
      message: expect.stringContaining('1024-byte limit'),
    });
  });

  it('times out a server that never answers', async () => {
    const base = await startServer(() => undefined);
    await expect(download(`${base}/slow`, { timeoutMs: 150, maxBytes: 1024 })).rejects.toMatchObject({
      code: 'URL_FETCH',
      message: expect.stringContaining('timed out after 150 ms'),
    });
  });
});

describe('redactUrl', () => {
  it('hides user info and query values, which often carry keys', () => {
    expect(redactUrl(new URL('https://user:secret@example.org/feed?key=abc123&x=1'))).toBe(
      'https://***@example.org/feed?key=***&x=***',
    );
  });
});
