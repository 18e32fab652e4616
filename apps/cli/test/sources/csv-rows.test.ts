import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows } from '../../src/sources/csv-rows.js';
import { runCli, tempDir } from '../helpers.js';

async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

describe('CSV rows with hostile header names', () => {
  it('keeps a __proto__ column as an ordinary field', async () => {
    const rows = [];
    for await (const row of csvRows(chunks('ip,__proto__,constructor\n8.8.8.8,x,y\n'), [
      'ip',
      '__proto__',
      'constructor',
    ])) {
      rows.push({ row: row.row, fields: { ...row.fields } });
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).toBe(1);
    expect(Object.entries(rows[0]?.fields ?? {})).toEqual([
      ['ip', '8.8.8.8'],
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it('extract --format jsonl and csv report the __proto__ column and exit 0', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'p1.csv'), 'ip,__proto__\n8.8.8.8,x\n');
    const jsonl = await runCli(['extract', 'p1.csv', '--format', 'jsonl'], { cwd });
    expect(jsonl.code, jsonl.stderr).toBe(0);
    expect(jsonl.stderr).toBe('');
    expect(jsonl.stdout).toBe(
      '{"type":"ipv4","value":"8.8.8.8","raw":"8.8.8.8","source":"p1.csv","start":0,"end":7,"row":1,"column":"ip","fields":{"ip":"8.8.8.8","__proto__":"x"}}\n',
    );
    const csv = await runCli(['extract', 'p1.csv', '--format', 'csv'], { cwd });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe(
      'type,value,raw,source,start,end,ip,__proto__\nipv4,8.8.8.8,8.8.8.8,p1.csv,0,7,8.8.8.8,x\n',
    );
  });

  it('map puts the __proto__ value in the popup data and exits 0', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'p1.csv'), 'ip,__proto__\n8.8.8.8,proto-value-7\n');
    const run = await runCli(['map', 'p1.csv', '-o', 'p1.html'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1 indicators found, 1 IPs, 1 located');
    const html = readFileSync(join(cwd, 'p1.html'), 'utf8');
    // The popup lists input fields as `f:<column>` entries.
    expect(html).toContain('{"key":"f:__proto__","sep":"|","text":"proto-value-7"}');
  });
});

describe('CSV with duplicate header names', () => {
  it('extract keeps both ip cells and both malware cells (ip, ip_2)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'dup.csv'), 'ip,ip,malware,malware\n8.8.8.8,9.9.9.9,Emotet,Dridex\n');
    const run = await runCli(['extract', 'dup.csv', '--format', 'jsonl'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const fields = '{"ip":"8.8.8.8","ip_2":"9.9.9.9","malware":"Emotet","malware_2":"Dridex"}';
    expect(run.stdout).toBe(
      `{"type":"ipv4","value":"8.8.8.8","raw":"8.8.8.8","source":"dup.csv","start":0,"end":7,"row":1,"column":"ip","fields":${fields}}\n` +
        `{"type":"ipv4","value":"9.9.9.9","raw":"9.9.9.9","source":"dup.csv","start":0,"end":7,"row":1,"column":"ip_2","fields":${fields}}\n`,
    );
  });

  it('geoip --ip-column ip_2 takes the second ip column', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'dup.csv'), 'ip,ip\n10.0.0.1,10.0.0.2\n');
    const run = await runCli(
      ['geoip', 'dup.csv', '--ip-column', 'ip_2', '--format', 'csv', '--provider', 'dbip'],
      { cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[1]).toBe('10.0.0.2,Private,,,,,,,,,,');
  });
});

describe('CSV rows starting with #', () => {
  it('keeps a data row whose first cell starts with # and numbers rows from the header', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'hash.csv'),
      '# banner, with "quotes\n#\nnote,ip\n#1 first,8.8.8.8\nsecond,9.9.9.9\n',
    );
    const run = await runCli(['extract', 'hash.csv', '--format', 'jsonl'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      '{"type":"ipv4","value":"8.8.8.8","raw":"8.8.8.8","source":"hash.csv","start":0,"end":7,"row":1,"column":"ip","fields":{"note":"#1 first","ip":"8.8.8.8"}}\n' +
        '{"type":"ipv4","value":"9.9.9.9","raw":"9.9.9.9","source":"hash.csv","start":0,"end":7,"row":2,"column":"ip","fields":{"note":"second","ip":"9.9.9.9"}}\n',
    );
  });

  it('skips # and blank lines before the header even across read chunks', async () => {
    async function* split(): AsyncGenerator<string> {
      yield '# one\n\n# tw';
      yield 'o\nip,n';
      yield 'ote\n#N/A,x\n';
    }
    const rows = [];
    for await (const row of csvRows(split(), ['ip', 'note']))
      rows.push({ row: row.row, fields: { ...row.fields } });
    expect(rows).toEqual([{ row: 1, fields: { ip: '#N/A', note: 'x' } }]);
  });
});

describe('ragged CSV rows', () => {
  it('keeps fields beyond the header as _extra1, _extra2 and scans them', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'rag.csv'), 'ip,note\n8.8.8.8,a,9.9.9.9,extra\n1.1.1.1,b,,\n');
    const run = await runCli(['extract', 'rag.csv', '--format', 'jsonl'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const first = '{"ip":"8.8.8.8","note":"a","_extra1":"9.9.9.9","_extra2":"extra"}';
    expect(run.stdout).toBe(
      `{"type":"ipv4","value":"8.8.8.8","raw":"8.8.8.8","source":"rag.csv","start":0,"end":7,"row":1,"column":"ip","fields":${first}}\n` +
        `{"type":"ipv4","value":"9.9.9.9","raw":"9.9.9.9","source":"rag.csv","start":0,"end":7,"row":1,"column":"_extra1","fields":${first}}\n` +
        // Trailing empty fields add no extra columns.
        '{"type":"ipv4","value":"1.1.1.1","raw":"1.1.1.1","source":"rag.csv","start":0,"end":7,"row":2,"column":"ip","fields":{"ip":"1.1.1.1","note":"b"}}\n',
    );
  });

  it('skips an _extraN name the header already has', async () => {
    const rows = [];
    for await (const row of csvRows(chunks('ip,_extra1\n1.1.1.1,x,y\n'), ['ip', '_extra1']))
      rows.push({ fields: { ...row.fields }, columns: row.columns });
    expect(rows).toEqual([
      { fields: { ip: '1.1.1.1', _extra1: 'x', _extra2: 'y' }, columns: ['ip', '_extra1', '_extra2'] },
    ]);
  });
});
