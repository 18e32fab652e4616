import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const NOTE =
  'iocmap: map popups show at most 32 columns and 10 distinct values per column for each IP; 1 IPs had more, marked "(+N more)"\n';

// These run the whole command in-process on wide rows (thousands of cells): they take
// seconds on a loaded machine, which is not what they measure.
describe('iocmap map caps the CSV context kept per IP', { timeout: 30_000 }, () => {
  it('keeps the first 32 non-empty columns and marks the other 8 as "(+8 more)"', async () => {
    const cwd = tempDir();
    const names = Array.from({ length: 40 }, (_, i) => `c${i + 1}`);
    const cells = ['8.8.8.8', ...names.slice(1).map((name) => name.replace('c', 'v'))];
    writeFileSync(join(cwd, 'wide.csv'), `${names.join(',')}\n${cells.join(',')}\n`);
    const run = await runCli(['map', 'wide.csv', '-o', 'w.html', '--provider', 'dbip'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.startsWith(NOTE)).toBe(true);
    const html = readFileSync(join(cwd, 'w.html'), 'utf8');
    expect(html).toContain('{"key":"f:c32","sep":"|","text":"v32"}');
    expect(html).not.toContain('"f:c33"');
    expect(html).toContain('"text":"(+8 more)"');
  });

  it('keeps 10 distinct values of a column and marks the other 2, but layers by all 12', async () => {
    const cwd = tempDir();
    const rows = Array.from({ length: 12 }, (_, i) => `8.8.8.8,m${i + 1}`);
    writeFileSync(join(cwd, 'many.csv'), `ip,malware\n${rows.join('\n')}\n`);
    const run = await runCli(['map', 'many.csv', '-o', 'm.html', '--provider', 'dbip'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.startsWith(NOTE)).toBe(true);
    const html = readFileSync(join(cwd, 'm.html'), 'utf8');
    expect(html).toContain('"text":"m1; m2; m3; m4; m5; m6; m7; m8; m9; m10; (+2 more)"');
    const layered = await runCli(
      ['map', 'many.csv', '-o', 'l.html', '--provider', 'dbip', '--layer-by', 'malware'],
      {
        cwd,
      },
    );
    expect(layered.code, layered.stderr).toBe(0);
    // The popup is capped as without --layer-by, but the IP is in all 12 layers.
    expect(layered.stderr.startsWith(NOTE)).toBe(true);
    const layeredHtml = readFileSync(join(cwd, 'l.html'), 'utf8');
    expect(layeredHtml).toContain('{"name":"m12",');
    expect(layeredHtml.split('"text":"m1; m2; m3; m4; m5; m6; m7; m8; m9; m10; (+2 more)"')).toHaveLength(13);
  });

  it('extract --format jsonl repeats a 3000-column row for each of its IPs, streamed', async () => {
    const cwd = tempDir();
    const n = 3000;
    const header = Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: n }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`).join(',');
    writeFileSync(join(cwd, 'wide.csv'), `${header}\n${row}\n`);
    const run = await runCli(['extract', 'wide.csv', '--format', 'jsonl', '-o', 'w.jsonl'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(join(cwd, 'w.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3000);
    const last = JSON.parse(lines[2999] ?? '{}') as {
      value: string;
      column: string;
      fields: Record<string, string>;
    };
    expect(last.value).toBe('10.0.11.183');
    expect(last.column).toBe('c2999');
    expect(Object.keys(last.fields)).toHaveLength(3000);
  });
});
