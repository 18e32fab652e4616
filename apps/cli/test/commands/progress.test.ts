import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

describe('progress on stderr', () => {
  const setup = () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'big.log'),
      'Failed password for root from 203.0.113.8 port 22 ssh2\n'.repeat(20000),
    );
    return cwd;
  };

  it('draws a bar on a terminal and keeps stdout clean', async () => {
    const cwd = setup();
    const run = await runCli(['extract', 'big.log', '--types', 'ipv4'], { cwd, tty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"ipv4":["203.0.113.8"]}\n');
    expect(run.stderr).toContain('reading [');
  });

  it('is silent with --quiet and when stderr is not a terminal', async () => {
    const cwd = setup();
    expect((await runCli(['extract', 'big.log', '--quiet'], { cwd, tty: true })).stderr).toBe('');
    expect((await runCli(['extract', 'big.log'], { cwd, tty: false })).stderr).toBe('');
  });
});
