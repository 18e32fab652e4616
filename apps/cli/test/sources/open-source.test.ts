import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRows } from '../../src/sources/csv-rows.js';
import { DEFAULT_FETCH_LIMITS } from '../../src/sources/fetch-url.js';
import { type OpenedSource, openSource } from '../../src/sources/open-source.js';
import { tempDir } from '../helpers.js';

const options = (stdin: Readable = Readable.from([])) => ({ stdin, fetch: DEFAULT_FETCH_LIMITS });

/** Open a source that must be text (not skipped as binary). */
async function openText(...args: Parameters<typeof openSource>): Promise<OpenedSource> {
  const source = await openSource(...args);
  if ('skipped' in source) throw new Error(`expected an opened source, ${source.name} was skipped`);
  return source;
}

async function readAll(source: OpenedSource): Promise<string> {
  let all = '';
  for await (const chunk of source.text()) all += chunk;
  return all;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) {
    const a = le[i] as number;
    le[i] = le[i + 1] as number;
    le[i + 1] = a;
  }
  return le;
}

describe('openSource', () => {
  const text = 'C2 at 185.220.101[.]45 and café.example\n';

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(text, 'utf16le')]), 'utf-16le'],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.of(0xfe, 0xff), utf16be(text)]), 'utf-16be'],
  ])('decodes %s files to the same text, BOM removed', async (_name, bytes, encoding) => {
    const dir = tempDir();
    const path = join(dir, 'report.txt');
    writeFileSync(path, bytes);
    const source = await openText(
      { kind: 'file', name: 'report.txt', path, size: bytes.length, expanded: false },
      options(),
    );
    expect(source?.encoding).toBe(encoding);
    expect(await readAll(source)).toBe(text);
  });

  it('decodes UTF-16 from stdin split in odd-sized chunks, including a split BOM', async () => {
    const bytes = Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(text, 'utf16le')]);
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 6), bytes.subarray(6, 17), bytes.subarray(17)];
    const source = await openText({ kind: 'stdin', name: '-' }, options(Readable.from(chunks)));
    expect(source?.encoding).toBe('utf-16le');
    expect(await readAll(source)).toBe(text);
  });

  it('reads a file larger than the sniffed head in full', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.log');
    const line =
      'Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for root from 173.234.31.186 port 38926 ssh2\n';
    const body = line.repeat(2000);
    writeFileSync(path, body);
    const source = await openText(
      { kind: 'file', name: 'big.log', path, size: body.length, expanded: false },
      options(),
    );
    const all = await readAll(source);
    expect(all.length).toBe(line.length * 2000);
    expect(all).toBe(body);
  });

  it('skips binaries, found by expansion or named', async () => {
    const dir = tempDir();
    const path = join(dir, 'tool.bin');
    writeFileSync(path, Buffer.of(0x7f, 0x45, 0x4c, 0x46, 0x00, 0x31, 0x2e, 0x31));
    const skipped = { skipped: 'binary', name: 'tool.bin', bomlessUtf16: null };
    expect(
      await openSource({ kind: 'file', name: 'tool.bin', path, size: 8, expanded: true }, options()),
    ).toEqual(skipped);
    expect(
      await openSource({ kind: 'file', name: 'tool.bin', path, size: 8, expanded: false }, options()),
    ).toEqual(skipped);
  });

  it('skips binary standard input like a binary file', async () => {
    const bytes = Buffer.of(0x7f, 0x45, 0x4c, 0x46, 0x00, 0x31, 0x2e, 0x31);
    expect(await openSource({ kind: 'stdin', name: '-' }, options(Readable.from([bytes])))).toEqual({
      skipped: 'binary',
      name: '-',
      bomlessUtf16: null,
    });
  });

  it('names the byte order of UTF-16 text without a BOM when skipping it', async () => {
    const dir = tempDir();
    const path = join(dir, 'notes.txt');
    writeFileSync(path, Buffer.from('C2 1.1.1.1\n', 'utf16le'));
    expect(
      await openSource({ kind: 'file', name: 'notes.txt', path, size: 22, expanded: false }, options()),
    ).toEqual({ skipped: 'binary', name: 'notes.txt', bomlessUtf16: 'utf-16le' });
  });

  it('detects the CSV header of a .csv file and streams its rows as context', async () => {
    const path = new URL('../fixtures/c2-feed.csv', import.meta.url).pathname;
    const source = await openText(
      { kind: 'file', name: 'c2-feed.csv', path, size: 0, expanded: false },
      options(),
    );
    expect(source?.csvHeader).toEqual([
      'first_seen_utc',
      'dst_ip',
      'dst_port',
      'c2_status',
      'last_online',
      'malware',
    ]);
    const header = source?.csvHeader;
    if (!source || !header) throw new Error('expected a CSV source');
    const rows = [];
    for await (const row of csvRows(source.text(), header)) rows.push(row);
    expect(rows.map((row) => [row.row, row.fields.dst_ip, row.fields.malware])).toEqual([
      [1, '185.220.101.45', 'Emotet'],
      [2, '45.142.212.61', 'QakBot'],
      [3, '8.8.8.8', 'Emotet'],
      [4, '185.220.101.45', 'IcedID'],
      // After the header every line is data: the `# END` trailer is a row without indicators.
      [5, '', ''],
    ]);
    expect(rows[4]?.fields.first_seen_utc).toBe('# END 4 entries');
  });

  it('reports an unreadable file with its name', async () => {
    const dir = tempDir();
    await expect(
      openSource(
        { kind: 'file', name: 'gone.txt', path: join(dir, 'gone.txt'), size: 0, expanded: false },
        options(),
      ),
    ).rejects.toMatchObject({
      code: 'SOURCE_READ',
      exitCode: 1,
      message: expect.stringContaining('gone.txt'),
    });
  });
});
