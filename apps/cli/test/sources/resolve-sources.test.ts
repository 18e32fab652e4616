import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/sources/resolve-sources.js';
import { tempDir } from '../helpers.js';

describe('resolveSources', () => {
  it('defaults to stdin and keeps - and URLs in order', async () => {
    expect(await resolveSources([], '/')).toEqual([{ kind: 'stdin', name: '-' }]);
    const refs = await resolveSources(['-', 'https://example.org/a.txt'], '/');
    expect(refs.map((ref) => [ref.kind, ref.name])).toEqual([
      ['stdin', '-'],
      ['url', 'https://example.org/a.txt'],
    ]);
  });

  it('expands a directory recursively in sorted order, marking files as expanded', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'logs/sub'), { recursive: true });
    writeFileSync(join(dir, 'logs/b.log'), 'b');
    writeFileSync(join(dir, 'logs/a.log'), 'a');
    writeFileSync(join(dir, 'logs/sub/c.txt'), 'cc');
    const refs = await resolveSources(['logs'], dir);
    expect(refs.map((ref) => ref.kind === 'file' && [ref.name, ref.size, ref.expanded])).toEqual([
      [join('logs', 'a.log'), 1, true],
      [join('logs', 'b.log'), 1, true],
      [join('logs', 'sub/c.txt'), 2, true],
    ]);
  });

  it('expands a glob relative to the working directory', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.txt'), '1');
    writeFileSync(join(dir, 'two.txt'), '2');
    writeFileSync(join(dir, 'skip.csv'), '3');
    const refs = await resolveSources(['*.txt'], dir);
    expect(refs.map((ref) => ref.name)).toEqual(['one.txt', 'two.txt']);
  });

  it('names a missing path and a glob matching nothing', async () => {
    const dir = tempDir();
    await expect(resolveSources(['nope.txt'], dir)).rejects.toMatchObject({
      code: 'SOURCE_NOT_FOUND',
      exitCode: 1,
      message: expect.stringContaining('nope.txt'),
    });
    await expect(resolveSources(['*.nothing'], dir)).rejects.toMatchObject({
      code: 'SOURCE_NOT_FOUND',
      message: expect.stringContaining('*.nothing'),
    });
  });
});
