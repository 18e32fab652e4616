import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('the built binary on a signal', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`removes the temporary -o file on ${signal} and exits ${code}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'iocmap-signal-'));
      try {
        writeFileSync(join(dir, 'out.jsonl'), 'old\n');
        const child = spawn(process.execPath, [BIN, 'extract', '--format', 'jsonl', '-o', 'out.jsonl'], {
          cwd: dir,
          env: { PATH: process.env.PATH, HOME: dir },
          stdio: ['pipe', 'ignore', 'pipe'],
        });
        const exited = new Promise<number | null>((resolve) =>
          child.on('close', (status) => resolve(status)),
        );
        // More than the 64 KiB read up front, so the output file is opened while stdin stays open.
        child.stdin.write('8.8.8.8 '.repeat(20_000));
        const temps = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'));
        for (let tries = 0; temps().length === 0 && tries < 200; tries++)
          await new Promise((resolve) => setTimeout(resolve, 25));
        expect(temps()).toHaveLength(1);
        child.kill(signal);
        expect(await exited).toBe(code);
        expect(readdirSync(dir)).toEqual(['out.jsonl']);
        expect(readFileSync(join(dir, 'out.jsonl'), 'utf8')).toBe('old\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
