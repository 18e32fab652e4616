import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryNote } from '../../src/internal/scan.js';
import { tempDir } from '../helpers.js';

/** The two path arguments of the iconv hint, as a POSIX shell reads them. */
function shellWords(note: string, cwd: string): string[] {
  const command = /e\.g\. iconv -f UTF-16LE -t UTF-8 ([\s\S]*)\)\n$/.exec(note)?.[1];
  if (command === undefined) throw new Error(`no iconv hint in ${JSON.stringify(note)}`);
  // `>` redirects in the hint; printf shows each word the shell passes on.
  const words = command.replace(/ > (?=[^>]*$)/, ' ');
  return execFileSync('sh', ['-c', `printf '%s\\0' ${words}`], { cwd, encoding: 'utf8' })
    .split('\0')
    .slice(0, -1);
}

describe('binaryNote', () => {
  it('quotes a path with blanks, quotes, $, backquotes and a newline so a shell reads it back unchanged and runs nothing', () => {
    const cwd = tempDir();
    const name = `my dir/it's "x" $(touch pwned) \`touch pwned2\` $HOME\nnext;rm -rf.txt`;
    const note = binaryNote({ skipped: 'binary', name, bomlessUtf16: 'utf-16le' });
    expect(shellWords(note, cwd)).toEqual([name, `${name}.utf8.txt`]);
    expect(existsSync(join(cwd, 'pwned'))).toBe(false);
    expect(existsSync(join(cwd, 'pwned2'))).toBe(false);
  });

  it('keeps a path that begins with a dash from being read as an iconv option', () => {
    const note = binaryNote({ skipped: 'binary', name: '-c.txt', bomlessUtf16: 'utf-16le' });
    expect(shellWords(note, tempDir())).toEqual(['./-c.txt', './-c.txt.utf8.txt']);
  });
});
