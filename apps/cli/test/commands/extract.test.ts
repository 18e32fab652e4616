import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { startServer } from '../http-server.js';

const FEED = new URL('../fixtures/c2-feed.csv', import.meta.url).pathname;

describe('iocmap extract', () => {
  it('prints one compact JSON object of refanged unique values', async () => {
    const run = await runCli(['extract'], { stdin: '1.1.1[.]1 example[.]com\n' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('{"ipv4":["1.1.1.1"],"dns":["example.com"]}\n');
  });

  it('keeps first-seen order and drops duplicates', async () => {
    const run = await runCli(['extract', '--types', 'ipv4'], {
      stdin: '9.9.9.9 then 1.1.1.1 then 9.9.9[.]9 again',
    });
    expect(run.stdout).toBe('{"ipv4":["9.9.9.9","1.1.1.1"]}\n');
  });

  it('rejects an unknown --types entry with exit 2, naming it and listing valid types', async () => {
    const run = await runCli(['extract', '--types', 'ipv4,ipv9'], { stdin: '1.1.1.1' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^iocmap: unknown IoC type "ipv9" in --types; valid types are: .*\bipv4\b.*\bsha256_hash\b/,
    );
  });

  it('rejects an unknown option with a suggestion and exit 2', async () => {
    const run = await runCli(['extract', '--fromat', 'csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("iocmap: unknown option '--fromat'");
    expect(run.stderr).toContain('(Did you mean --format?)');
  });

  it('rejects an unknown command with a suggestion', async () => {
    const run = await runCli(['extrct']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'extrct'");
    expect(run.stderr).toContain('(Did you mean extract?)');
  });

  it('fails with exit 1 naming a missing source file', async () => {
    const run = await runCli(['extract', 'missing-report.txt']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^iocmap: cannot read missing-report\.txt: no such file or directory/);
  });

  it('reads UTF-16 LE text with a BOM from stdin', async () => {
    const bytes = Buffer.concat([
      Buffer.of(0xff, 0xfe),
      Buffer.from('beacon to 45.142.212[.]61\n', 'utf16le'),
    ]);
    const run = await runCli(['extract'], { stdin: bytes });
    expect(run.stdout).toBe('{"ipv4":["45.142.212.61"]}\n');
  });

  it('walks a directory recursively and skips a binary with a note', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'case/sub'), { recursive: true });
    writeFileSync(join(cwd, 'case/a.txt'), 'first 203.0.113.7\n');
    writeFileSync(join(cwd, 'case/sub/b.log'), 'second 198.51.100.9\n');
    writeFileSync(
      join(cwd, 'case/sub/tool.bin'),
      Buffer.concat([Buffer.of(0x7f, 0x45, 0x4c, 0x46, 0x00), Buffer.from(' 192.0.2.77 ')]),
    );
    const run = await runCli(['extract', 'case', '--types', 'ipv4'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"ipv4":["203.0.113.7","198.51.100.9"]}\n');
    expect(run.stderr).toBe(`iocmap: skipping binary file ${join('case', 'sub', 'tool.bin')}\n`);
  });

  it('skips a binary named as SOURCE with the same note, exit 0', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'rnd.bin'),
      Buffer.concat([Buffer.of(0x7f, 0x45, 0x4c, 0x46, 0x00), Buffer.from(' 192.0.2.77 ')]),
    );
    writeFileSync(join(cwd, 'a.txt'), 'first 203.0.113.7\n');
    const run = await runCli(['extract', 'rnd.bin', 'a.txt', '--types', 'ipv4'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"ipv4":["203.0.113.7"]}\n');
    expect(run.stderr).toBe('iocmap: skipping binary file rnd.bin\n');
  });

  it('skips random bytes on standard input with the note a binary file gets, exit 0', async () => {
    // Deterministic "random" bytes: a SHA-256 chain, 8 KiB, which holds NUL bytes.
    const blocks: Buffer[] = [];
    let block = createHash('sha256').update('seed').digest();
    for (let i = 0; i < 256; i++) {
      blocks.push(block);
      block = createHash('sha256').update(block).digest();
    }
    const bytes = Buffer.concat(blocks);
    expect(bytes.includes(0)).toBe(true);
    const run = await runCli(['extract'], { stdin: bytes });
    expect(run).toEqual({
      code: 0,
      stdout: '{}\n',
      stderr: 'iocmap: skipping binary standard input (-)\n',
      opened: [],
    });
  });

  it('still reads ordinary text on standard input after the binary check', async () => {
    const run = await runCli(['extract', '--types', 'ipv4,dns'], {
      stdin: 'beacon 203.0.113[.]9 via evil[.]com\n',
    });
    expect(run).toMatchObject({
      code: 0,
      stderr: '',
      stdout: '{"ipv4":["203.0.113.9"],"dns":["evil.com"]}\n',
    });
  });

  it('suggests iconv for UTF-16 LE text without a byte order mark, file or stdin', async () => {
    const cwd = tempDir();
    const bytes = Buffer.from('C2 1.1.1[.]1 and evil[.]com\n', 'utf16le');
    writeFileSync(join(cwd, 'notes.txt'), bytes);
    const file = await runCli(['extract', 'notes.txt'], { cwd });
    expect(file.code).toBe(0);
    expect(file.stdout).toBe('{}\n');
    expect(file.stderr).toBe(
      'iocmap: skipping binary file notes.txt (it may be UTF-16LE text without a byte-order mark; ' +
        'convert it to UTF-8, e.g. iconv -f UTF-16LE -t UTF-8 notes.txt > notes.txt.utf8.txt)\n',
    );
    const stdin = await runCli(['extract'], { stdin: bytes });
    expect(stdin.code).toBe(0);
    expect(stdin.stderr).toBe(
      'iocmap: skipping binary standard input (-) (it may be UTF-16LE text without a byte-order mark; ' +
        'convert it to UTF-8, e.g. pipe it through iconv -f UTF-16LE -t UTF-8)\n',
    );
  });

  it('expands a glob', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'r1.txt'), '203.0.113.1\n');
    writeFileSync(join(cwd, 'r2.txt'), '203.0.113.2\n');
    writeFileSync(join(cwd, 'other.md'), '203.0.113.3\n');
    const run = await runCli(['extract', 'r*.txt', '--types', 'ipv4'], { cwd });
    expect(run.stdout).toBe('{"ipv4":["203.0.113.1","203.0.113.2"]}\n');
  });

  it('writes jsonl occurrences with source and offsets', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'r.txt'), 'ab 1.1.1[.]1 cd\n');
    const run = await runCli(['extract', 'r.txt', '--types', 'ipv4', '--format', 'jsonl'], { cwd });
    expect(run.stdout).toBe(
      '{"type":"ipv4","value":"1.1.1.1","raw":"1.1.1[.]1","source":"r.txt","start":3,"end":12}\n',
    );
  });

  it('keeps indicators that straddle read-chunk boundaries, with whole-stream offsets', async () => {
    const cwd = tempDir();
    // The first 64 KiB are read ahead to sniff the encoding, then the file streams in 1 MiB reads:
    // put one address across each boundary.
    const heads = [64 * 1024 - 5, 64 * 1024 + 1024 * 1024 - 6];
    const ips = ['203.0.113.201', '198.51.100.202'];
    const size = 64 * 1024 + 2 * 1024 * 1024;
    const text = Buffer.alloc(size, 'x');
    for (let i = 99; i < size; i += 100) text[i] = 0x0a;
    heads.forEach((start, i) => {
      text[start - 1] = 0x20;
      text.write(ips[i] as string, start, 'latin1');
      text[start + (ips[i] as string).length] = 0x20;
    });
    writeFileSync(join(cwd, 'big.log'), text);
    const run = await runCli(['extract', 'big.log', '--types', 'ipv4', '--format', 'jsonl'], { cwd });
    const found = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { value: string; start: number; end: number });
    expect(found).toEqual(
      ips.map((ip, i) =>
        expect.objectContaining({ value: ip, start: heads[i], end: (heads[i] as number) + ip.length }),
      ),
    );
  });

  it('keeps CSV row fields as context in --format csv', async () => {
    const run = await runCli(['extract', FEED, '--format', 'csv']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'type,value,raw,source,start,end,first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware',
    );
    expect(lines.slice(1)).toEqual([
      `ipv4,185.220.101.45,185.220.101.45,${FEED},0,14,2024-03-01 10:00:00,185.220.101.45,443,online,2024-03-15,Emotet`,
      `ipv4,45.142.212.61,45.142.212.61,${FEED},0,13,2024-03-02 11:30:00,45.142.212.61,8443,offline,2024-03-10,QakBot`,
      `ipv4,8.8.8.8,8.8.8.8,${FEED},0,7,2024-03-03 12:45:00,8.8.8.8,443,online,2024-03-15,Emotet`,
      `ipv4,185.220.101.45,185.220.101.45,${FEED},0,14,2024-03-04 09:15:00,185.220.101.45,8080,online,2024-03-15,IcedID`,
    ]);
  });

  it('adds row, column and fields to jsonl for CSV sources', async () => {
    const run = await runCli(['extract', FEED, '--format', 'jsonl']);
    const second = JSON.parse(run.stdout.split('\n')[1] ?? '') as Record<string, unknown>;
    expect(second).toEqual({
      type: 'ipv4',
      value: '45.142.212.61',
      raw: '45.142.212.61',
      source: FEED,
      start: 0,
      end: 13,
      row: 2,
      column: 'dst_ip',
      fields: {
        first_seen_utc: '2024-03-02 11:30:00',
        dst_ip: '45.142.212.61',
        dst_port: '8443',
        c2_status: 'offline',
        last_online: '2024-03-10',
        malware: 'QakBot',
      },
    });
  });

  it('takes IPs from the --ip-column only', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'hits.csv'),
      'src_ip,dst_ip,note\n10.0.0.5,203.0.113.50,relay via 198.51.100.4\n',
    );
    const both = await runCli(['extract', 'hits.csv', '--types', 'ipv4'], { cwd });
    expect(both.stdout).toBe('{"ipv4":["10.0.0.5","203.0.113.50","198.51.100.4"]}\n');
    const one = await runCli(['extract', 'hits.csv', '--types', 'ipv4', '--ip-column', 'dst_ip'], { cwd });
    expect(one.stdout).toBe('{"ipv4":["203.0.113.50"]}\n');
  });

  it('rejects an unknown --ip-column with exit 2 listing the header', async () => {
    const run = await runCli(['extract', FEED, '--ip-column', 'ip']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--ip-column "ip" is not a column of');
    expect(run.stderr).toContain('first_seen_utc, dst_ip, dst_port, c2_status, last_online, malware');
  });

  describe('URL sources', () => {
    it('reads a 200 body', async () => {
      const base = await startServer((_req, res) => res.end('c2 hxxp://bad[.]example/x 203.0.113.9'));
      const run = await runCli(['extract', `${base}/report.txt`, '--types', 'ipv4']);
      expect(run.stdout).toBe('{"ipv4":["203.0.113.9"]}\n');
    });

    it('exits 1 on 404 naming the URL and status', async () => {
      const base = await startServer((_req, res) => {
        res.statusCode = 404;
        res.end();
      });
      const run = await runCli(['extract', `${base}/gone.txt`]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^iocmap: fetching ${base}/gone\\.txt failed: HTTP 404`));
    });

    it('exits 1 when the body is over --url-max-bytes', async () => {
      const base = await startServer((_req, res) => res.end('1.2.3.4 '.repeat(100)));
      const run = await runCli(['extract', `${base}/big.txt`, '--url-max-bytes', '100']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('larger than the 100-byte limit');
    });

    it('exits 1 after --url-timeout', async () => {
      const base = await startServer(() => undefined);
      const run = await runCli(['extract', `${base}/slow.txt`, '--url-timeout', '200']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('timed out after 200 ms');
    });
  });

  describe('output file', () => {
    it('writes -o atomically, leaving no temporary file', async () => {
      const cwd = tempDir();
      const run = await runCli(['extract', '-o', 'out.json'], { cwd, stdin: '203.0.113.5' });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(readFileSync(join(cwd, 'out.json'), 'utf8')).toBe('{"ipv4":["203.0.113.5"]}\n');
      expect(readdirSync(cwd)).toEqual(['out.json']);
    });

    it('leaves the old file intact when the run fails midway', async () => {
      const cwd = tempDir();
      writeFileSync(join(cwd, 'out.jsonl'), 'old\n');
      // 64 KiB are read up front; the size cap then trips while the output is being written.
      const base = await startServer((_req, res) => {
        res.write('203.0.113.1 '.repeat(8000));
        setTimeout(() => res.end('203.0.113.2 '.repeat(8000)), 20);
      });
      const run = await runCli(
        ['extract', `${base}/feed.txt`, '--format', 'jsonl', '-o', 'out.jsonl', '--url-max-bytes', '150000'],
        { cwd },
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('150000-byte limit');
      expect(readFileSync(join(cwd, 'out.jsonl'), 'utf8')).toBe('old\n');
      expect(readdirSync(cwd)).toEqual(['out.jsonl']);
    });

    it('exits 1 naming a missing output directory', async () => {
      const cwd = tempDir();
      const run = await runCli(['extract', '-o', 'nowhere/out.json'], { cwd, stdin: '1.1.1.1' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`directory ${join(cwd, 'nowhere')} does not exist`);
    });
  });
});
