import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerCountsOf, layersOf, runCli, tempDir } from '../helpers.js';

const FEED = new URL('../fixtures/c2-feed.csv', import.meta.url).pathname;

describe('iocmap map', () => {
  it('writes the HTML map and prints the summary on stderr', async () => {
    const cwd = tempDir();
    const run = await runCli(['map', FEED, '-o', 'feed.html'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    // The fixture has 3 unique public IPs in 4 rows.
    expect(run.stderr.split('\n')[0]).toBe(
      `iocmap: 3 indicators found, 3 IPs, 3 located, 0 not public -> ${join(cwd, 'feed.html')}`,
    );
    expect(run.stderr).toMatch(/\n {2}US United States\s+1\n/);
    expect(readdirSync(cwd)).toEqual(['feed.html']);
    const html = readFileSync(join(cwd, 'feed.html'), 'utf8');
    expect(html).toContain('IP Geolocation by DB-IP');
    expect(html).toContain('https://db-ip.com');
    // CSV row context goes into the popups.
    expect(html).toContain('QakBot');
    expect(html).toContain('8443');
  });

  it('makes one layer per --layer-by value', async () => {
    const cwd = tempDir();
    const run = await runCli(
      ['map', FEED, '-o', 'm.html', '--layer-by', 'malware', '--no-cluster', '--title', 'C2 by family'],
      { cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(join(cwd, 'm.html'), 'utf8');
    expect(html).toContain('C2 by family');
    // From the fixture rows: Emotet on 185.220.101.45 and 8.8.8.8, QakBot on
    // 45.142.212.61, IcedID on 185.220.101.45 (an IP may sit in two layers).
    expect(layersOf(html)).toEqual({
      Emotet: '185.220.101.45|8.8.8.8',
      QakBot: '45.142.212.61',
      IcedID: '185.220.101.45',
    });
    expect(layerCountsOf(html)).toEqual({ Emotet: 2, QakBot: 1, IcedID: 1 });
  });

  it('rejects an unknown --layer-by column with exit 2 listing the header', async () => {
    const cwd = tempDir();
    const run = await runCli(['map', FEED, '-o', 'm.html', '--layer-by', 'family'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('first_seen_utc, dst_ip, dst_port, c2_status, last_online, malware');
    expect(existsSync(join(cwd, 'm.html'))).toBe(false);
  });

  it('rejects an unknown --color with exit 2 naming it', async () => {
    const cwd = tempDir();
    const run = await runCli(['map', '-o', 'm.html', '--color', 'chartreuse'], { cwd, stdin: '8.8.8.8' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^iocmap: unknown --color "chartreuse"; use one of: red, blue/);
  });

  it('needs -o', async () => {
    const run = await runCli(['map'], { stdin: '8.8.8.8' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-o, --output <file>' not specified");
  });

  it('opens the map with --open', async () => {
    const cwd = tempDir();
    const run = await runCli(['map', '-o', 'm.html', '--open', '--quiet'], {
      cwd,
      stdin: '8.8.8.8 10.0.0.1',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.opened).toEqual([join(cwd, 'm.html')]);
  });

  it('counts private addresses as not public', async () => {
    const cwd = tempDir();
    const run = await runCli(['map', '-o', 'm.html'], { cwd, stdin: '8.8.8.8 10.0.0.1 192.168.0.1' });
    expect(run.stderr.split('\n')[0]).toBe(
      `iocmap: 3 indicators found, 3 IPs, 1 located, 2 not public -> ${join(cwd, 'm.html')}`,
    );
  });

  it('draws a tile server under the outlines with --tiles', async () => {
    const cwd = tempDir();
    const tiles = 'https://tile.example.org/{z}/{x}/{y}.png';
    const run = await runCli(
      ['map', '-o', 'm.html', '--tiles', tiles, '--tiles-attribution', 'Example Tiles'],
      { cwd, stdin: '8.8.8.8' },
    );
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(join(cwd, 'm.html'), 'utf8');
    expect(html).toContain('tile.example.org');
    expect(html).toContain('Example Tiles');
  });
});

describe('iocmap map: canonical addresses', () => {
  it('counts 1.1.1.1 and ::ffff:1.1.1.1 as one IP', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'dup.txt'), '1.1.1.1\n::ffff:1.1.1.1\n');
    const run = await runCli(['map', 'dup.txt', '-o', 'dup.html'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^iocmap: \d+ indicators found, 1 IPs, 1 located, 0 not public -> /);
    expect(run.stderr).toMatch(/\n {2}AU Australia +1\n$/);
  });
});
