import {
  chmodSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAtomicFile, removeTempFilesSync, writeFileAtomic } from '../../src/output/atomic-file.js';
import { runCli, tempDir } from '../helpers.js';

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

describe('-o over an existing file', () => {
  it('keeps the file mode 0640 (not the umask default)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'in.txt'), '8.8.8.8\n');
    writeFileSync(join(cwd, 't.json'), 'old\n');
    chmodSync(join(cwd, 't.json'), 0o640);
    const run = await runCli(['extract', 'in.txt', '-o', 't.json'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(cwd, 't.json'), 'utf8')).toBe('{"ipv4":["8.8.8.8"]}\n');
    expect(statSync(join(cwd, 't.json')).mode & 0o777).toBe(0o640);
  });

  it('writes through a symbolic link to its target and keeps the link', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'in.txt'), '8.8.8.8\n');
    writeFileSync(join(cwd, 'real.json'), 'old\n');
    chmodSync(join(cwd, 'real.json'), 0o600);
    symlinkSync('real.json', join(cwd, 'ln.json'));
    const run = await runCli(['extract', 'in.txt', '-o', 'ln.json'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(join(cwd, 'ln.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(cwd, 'ln.json'))).toBe('real.json');
    expect(readFileSync(join(cwd, 'real.json'), 'utf8')).toBe('{"ipv4":["8.8.8.8"]}\n');
    expect(statSync(join(cwd, 'real.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(cwd).sort()).toEqual(['in.txt', 'ln.json', 'real.json']);
  });
});
