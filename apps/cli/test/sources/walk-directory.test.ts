import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/sources/resolve-sources.js';
import { runCli, tempDir } from '../helpers.js';

/** The trial's tree: d/a/b/x.log, d/a/b/up -> .. (inside d), d/a/loop -> ../.. (the parent of d). */
function linkedTree(): string {
  const cwd = tempDir();
  mkdirSync(join(cwd, 'd/a/b'), { recursive: true });
  writeFileSync(join(cwd, 'd/a/b/x.log'), '8.8.8.8\n');
  writeFileSync(join(cwd, 'outside.txt'), '9.9.9.9\n');
  symlinkSync('..', join(cwd, 'd/a/b/up'));
  symlinkSync('../..', join(cwd, 'd/a/loop'));
  symlinkSync('../../outside.txt', join(cwd, 'd/a/out-link.txt'));
  symlinkSync('b/x.log', join(cwd, 'd/a/same-link.log'));
  return cwd;
}

describe('directory walk', () => {
  it('reads each real file once and never follows a link out of the root', async () => {
    const cwd = linkedTree();
    const notes: string[] = [];
    const refs = await resolveSources(['d'], cwd, { note: (message) => notes.push(message) });
    expect(refs.map((ref) => ref.name)).toEqual([join('d', 'a/b/x.log')]);
    expect(notes).toEqual([
      `skipping ${join('d', 'a/b/up')}: symbolic link to a directory (not followed)`,
      `skipping ${join('d', 'a/loop')}: symbolic link to ${cwd}, outside d`,
      `skipping ${join('d', 'a/out-link.txt')}: symbolic link to ${join(cwd, 'outside.txt')}, outside d`,
      `skipping ${join('d', 'a/same-link.log')}: same file as ${join('d', 'a/b/x.log')}`,
    ]);
  });

  it('extract over the tree reports the indicator once, with the skipped links on stderr', async () => {
    const cwd = linkedTree();
    const run = await runCli(['extract', 'd', '--format', 'jsonl'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const sources = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { source: string; value: string }).source);
    expect(sources).toEqual([join('d', 'a/b/x.log')]);
    expect(run.stderr).toContain(
      `iocmap: skipping ${join('d', 'a/loop')}: symbolic link to ${cwd}, outside d`,
    );
  });
});
