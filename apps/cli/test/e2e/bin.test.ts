import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Runs the built binary; the root `pnpm test` builds before running vitest.
const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'iocmap-e2e-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function iocmap(
  args: string[],
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('the built iocmap binary', () => {
  it('extracts from stdin and prints only the result on stdout', async () => {
    const run = await iocmap(['extract'], '1.1.1[.]1 example[.]com\n');
    expect(run).toEqual({ code: 0, stdout: '{"ipv4":["1.1.1.1"],"dns":["example.com"]}\n', stderr: '' });
  });

  it('exits 2 with a suggestion for an unknown option', async () => {
    const run = await iocmap(['geoip', '--fromat', 'csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(Did you mean --format?)');
    expect(run.stdout).toBe('');
  });

  it('exits 1 naming a missing file, without a stack trace', async () => {
    const run = await iocmap(['extract', 'no-such-report.txt']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^iocmap: cannot read no-such-report\.txt: /);
    expect(run.stderr).not.toContain('    at ');
  });

  it('runs the demo and prints the absolute path of the map', async () => {
    const run = await iocmap(['demo']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${join(home, 'demo', 'iocmap-demo.html')}\n`);
    expect(readFileSync(run.stdout.trim(), 'utf8')).toContain('<html');
  });
});
