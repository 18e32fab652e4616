import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STREAM_LINE_LIMIT } from '@iocmap/ioc-extract';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { startServer } from '../http-server.js';

// a 3 Mi-character line with no point where it can be cut after its first blank, after two short lines
const LONG = `a\nb\n1.2.3.4 ${'x'.repeat(STREAM_LINE_LIMIT * 3)}\n5.6.7.8\n`;

describe('extract on a line too long to cut', () => {
  it('reads a file of at most 64 MB whole and finds every indicator, with a note', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'long.txt'), LONG);
    const run = await runCli(['extract', 'long.txt'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ipv4: ['1.2.3.4', '5.6.7.8'] });
    // line 3 starts after "a\nb\n", at character 4
    expect(run.stderr).toBe(
      `iocmap: long.txt: line 3 (from character 4) runs over ${STREAM_LINE_LIMIT} characters with no safe cut point; reading the file whole\n`,
    );
  });

  it('falls back without losing or repeating an occurrence: UTF-16 with a BOM, --types, matches before, inside and after the long line', async () => {
    // 4000 short lines (more than the stream yields before it reaches the long line), the long line, 3 more lines
    const ips = Array.from({ length: 4000 }, (_, i) => `10.${i >> 8}.${i & 255}.1`);
    const before = ips.map((ip) => `h ${ip}\n`).join('');
    const long = `9.9.9.9 ${'x'.repeat(STREAM_LINE_LIMIT * 3)} 8.8.8.8 evil.example.com\n`;
    const after = '7.7.7.7\nwww.example.org\n6.6.6.6\n';
    const dir = tempDir();
    const text = before + long + after;
    writeFileSync(
      join(dir, 'u16.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const run = await runCli(['extract', 'u16.txt', '--types', 'ipv4', '--format', 'jsonl'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('reading the file whole');
    // offsets in characters of the decoded text (the BOM is not text); each short line is "h " + ip + "\n"
    const expected: [string, number][] = [];
    let offset = 0;
    for (const ip of ips) {
      expected.push([ip, offset + 2]);
      offset += ip.length + 3;
    }
    expected.push(['9.9.9.9', offset], ['8.8.8.8', offset + 9 + STREAM_LINE_LIMIT * 3]);
    offset += long.length;
    expected.push(['7.7.7.7', offset], ['6.6.6.6', offset + 24]);
    const got = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { value: string; start: number });
    expect(got.map((o) => [o.value, o.start])).toEqual(expected);
  });

  it('fails on stdin with exit 1 naming stdin, the line and the limit', async () => {
    const bytes = Buffer.from(LONG);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) =>
      bytes.subarray(i * 65536, (i + 1) * 65536),
    );
    const run = await runCli(['extract'], { stdin: chunks });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `iocmap: stdin: line 3 (from character 4) runs over ${STREAM_LINE_LIMIT} characters with no blank, quote or separator where it can be cut without losing an indicator; split that line into shorter lines, or save it to a file (files up to 64 MB are then read whole)\n`,
    );
  });

  it('fails on a URL naming it with its query values redacted', async () => {
    const base = await startServer((_req, res) => res.end(LONG));
    const run = await runCli(['extract', `${base}/feed.txt?apikey=s3cr3t`]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('s3cr3t');
    expect(run.stderr).toBe(
      `iocmap: ${base}/feed.txt?apikey=***: line 3 (from character 4) runs over ${STREAM_LINE_LIMIT} characters with no blank, quote or separator where it can be cut without losing an indicator; split that line into shorter lines, or save it to a file (files up to 64 MB are then read whole)\n`,
    );
  });

  it('streams a 3.6 MB line of CJK words with defanged addresses', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cjk.txt'), '私は 日本 1.1.1[.]1 '.repeat(75_000));
    const run = await runCli(['extract', 'cjk.txt', '--format', 'jsonl'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBe(75_000);
    // each 16-character unit holds the address 6 characters in
    expect(JSON.parse(lines[74_999] as string)).toMatchObject({ value: '1.1.1.1', start: 74_999 * 16 + 6 });
  });
});
