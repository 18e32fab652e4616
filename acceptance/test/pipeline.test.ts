import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEODO_CSV, iocmap, run } from './shared.js';

/** Unique dst_ip values of the Feodo feed, read independently of the extractor. */
function feodoIps(): string[] {
  const lines = readFileSync(FEODO_CSV, 'utf8').split(/\r?\n/);
  const header = lines.find((line) => line.startsWith('"first_seen_utc"'));
  if (!header) throw new Error('Feodo header not found');
  const ipIndex = header.split(',').indexOf('"dst_ip"');
  const ips = new Set<string>();
  for (const line of lines) {
    if (line.startsWith('#') || line === header || line.trim() === '') continue;
    const ip = line.split(',')[ipIndex]?.replaceAll('"', '');
    if (ip) ips.add(ip);
  }
  return [...ips];
}

describe('issue 2: the pipeline end to end', () => {
  it('the Feodo feed has 728 unique IPs (as the data README says)', () => {
    expect(feodoIps()).toHaveLength(728);
  });

  it('`pnpm -s iocmap extract` prints the seed example and nothing else', async () => {
    const result = await run('pnpm', ['-s', 'iocmap', 'extract'], { input: '1.1.1[.]1 example[.]com\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"ipv4":["1.1.1.1"],"dns":["example.com"]}\n');
  });

  it('`iocmap geoip 10.1.2.3 8.8.8.8` gives a Private row with no location and a located Public row', async () => {
    const result = await iocmap(['geoip', '10.1.2.3', '8.8.8.8']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ ip: '10.1.2.3', ipType: 'Private' });
    expect(rows[1]).toMatchObject({ ip: '8.8.8.8', ipType: 'Public', countryCode: 'US', provider: 'dbip' });
    expect(typeof rows[1]?.latitude).toBe('number');
    expect(typeof rows[1]?.longitude).toBe('number');
  });

  it('`iocmap extract --format csv` on the Feodo feed has one row per occurrence with its malware', async () => {
    const result = await iocmap(['extract', '--format', 'csv', FEODO_CSV]);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    const columns = header?.split(',') ?? [];
    const typeAt = columns.indexOf('type');
    const valueAt = columns.indexOf('value');
    const malwareAt = columns.indexOf('malware');
    expect(malwareAt).toBeGreaterThanOrEqual(0);
    // Expected: every data row's dst_ip with its malware family, read straight from the file.
    const lines = readFileSync(FEODO_CSV, 'utf8').split(/\r?\n/);
    const expected = lines
      .filter((line) => /^"\d{4}-/.test(line))
      .map((line) => {
        const cells = line.split(',').map((cell) => cell.replaceAll('"', ''));
        return `${cells[1]} ${cells[5]}`;
      });
    const ipRows = rows
      .map((row) => row.split(','))
      .filter((cells) => cells[typeAt] === 'ipv4')
      .map((cells) => `${cells[valueAt]} ${cells[malwareAt]}`);
    expect(ipRows).toEqual(expected);
  });

  it('`iocmap map` on the Feodo feed places all 728 IPs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iocmap-acc-'));
    const out = join(dir, 'feodo.html');
    const result = await iocmap(['map', FEODO_CSV, '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/728 located/);
    expect(result.stderr).toContain(out);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('IP Geolocation by DB-IP');
    expect(html).toContain('https://db-ip.com');
  });
});
