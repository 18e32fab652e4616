import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAtomicFile, removeTempFilesSync, writeFileAtomic } from '../../src/output/atomic-file.js';
import { tempDir } from '../helpers.js';

describe('atomic output', () => {
  it('writes the file and leaves no temporary file', async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, 'out.json'), '{"a":1}\n');
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('keeps the old file intact when the write is aborted', async () => {
    const dir = tempDir();
    const path = join(dir, 'out.json');
    writeFileSync(path, 'old\n');
    const file = await createAtomicFile(path);
    await file.write('half of the new');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    await file.abort();
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('names the missing directory', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(join(dir, 'no/such/out.html'), 'x')).rejects.toMatchObject({
      code: 'OUTPUT',
      exitCode: 1,
      message: expect.stringContaining(`directory ${join(dir, 'no/such')} does not exist`),
    });
  });
});

describe('removeTempFilesSync (the signal handler of the binary)', () => {
  it('removes the temporary file of a write in progress and keeps the old target', async () => {
    const dir = tempDir();
    const path = join(dir, 'out.jsonl');
    writeFileSync(path, 'old\n');
    const file = await createAtomicFile(path);
    await file.write('half');
    const [temp, ...others] = readdirSync(dir).filter((name) => name !== 'out.jsonl');
    expect(others).toEqual([]);
    expect(temp).toMatch(/^\.out\.jsonl\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(removeTempFilesSync()).toEqual([join(dir, temp as string)]);
    expect(readdirSync(dir)).toEqual(['out.jsonl']);
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    await file.abort();
  });

  it('forgets writes that were committed', async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, 'done.txt'), 'x');
    expect(removeTempFilesSync()).toEqual([]);
    expect(readdirSync(dir)).toEqual(['done.txt']);
  });
});
