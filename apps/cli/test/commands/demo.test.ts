import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

describe('iocmap demo', () => {
  it('maps the shipped sample report into demo/iocmap-demo.html and prints its absolute path', async () => {
    const cwd = tempDir();
    const run = await runCli(['demo'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const path = join(cwd, 'demo', 'iocmap-demo.html');
    expect(run.stdout).toBe(`${path}\n`);
    const html = readFileSync(path, 'utf8');
    // An IP of the sample report, refanged.
    expect(html).toContain('185.220.101.45');
    expect(html).toContain('IP Geolocation by DB-IP');
    // The two private addresses are reported as not public.
    expect(run.stderr).toMatch(/ 2 not public -> /);
  });

  it('writes to -o', async () => {
    const cwd = tempDir();
    const run = await runCli(['demo', '-o', 'x.html', '--quiet'], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: `${join(cwd, 'x.html')}\n`, stderr: '' });
  });
});
