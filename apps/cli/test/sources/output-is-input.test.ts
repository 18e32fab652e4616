import { linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const FEED = 'ip,malware\n8.8.8.8,Emotet\n';

describe('an output file that is also an input', () => {
  it('map exits 2 naming the path and leaves the input untouched', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'same.csv'), FEED);
    const run = await runCli(['map', 'same.csv', '-o', 'same.csv'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('iocmap: -o same.csv is also an input (same.csv); choose another output file\n');
    expect(readFileSync(join(cwd, 'same.csv'), 'utf8')).toBe(FEED);
  });

  it('extract exits 2 for a hard link to the input (same inode, other name)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'same.txt'), '1.1.1.1\n');
    linkSync(join(cwd, 'same.txt'), join(cwd, 'alias.txt'));
    const run = await runCli(['extract', 'same.txt', '-o', 'alias.txt'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('iocmap: -o alias.txt is also an input (same.txt); choose another output file\n');
    expect(readFileSync(join(cwd, 'same.txt'), 'utf8')).toBe('1.1.1.1\n');
  });

  it('geoip exits 2 too', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'ips.txt'), '8.8.8.8\n');
    const run = await runCli(['geoip', 'ips.txt', '-o', './ips.txt'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('-o ./ips.txt is also an input (ips.txt)');
  });

  it('a directory walk skips the output file, so a second run does not read the first run output', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'logs'));
    writeFileSync(join(cwd, 'logs/a.log'), 'from 1.1.1.1\n');
    const first = await runCli(['extract', 'logs', '--format', 'jsonl', '-o', 'logs/out.jsonl'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(['extract', 'logs', '--format', 'jsonl', '-o', 'logs/out.jsonl'], { cwd });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe(`iocmap: skipping ${join('logs', 'out.jsonl')}: it is the output file (-o)\n`);
    const lines = readFileSync(join(cwd, 'logs/out.jsonl'), 'utf8').trim().split('\n');
    // One occurrence of 1.1.1.1 in a.log, 'from ' is 5 characters long.
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { type: 'ipv4', value: '1.1.1.1', raw: '1.1.1.1', source: join('logs', 'a.log'), start: 5, end: 12 },
    ]);
  });
});
