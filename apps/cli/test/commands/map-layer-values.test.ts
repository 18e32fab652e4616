import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MapPayload, PayloadColumn } from '@iocmap/map';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

/** The JSON payload embedded in a written map page. */
function payloadOf(html: string): MapPayload {
  const match = /<script type="application\/json" id="iocmap-data">([^<]*)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no iocmap-data script in the page');
  return JSON.parse(match[1]) as MapPayload;
}

/** The text of a one-point layer's column `key`, whatever its encoding. */
function onlyValue(columns: PayloadColumn[], key: string): string | null | undefined {
  const column = columns.find((c) => c.key === key);
  if (!column) return undefined;
  if ('text' in column) return column.text;
  if ('values' in column) return column.values[0];
  return column.dict[0];
}

/** Map one IP with `n` values `fam1`..`famN` of `malware`, layered by it; returns the page path. */
async function mapOneIp(cwd: string, n: number): Promise<{ path: string; stderr: string }> {
  const rows = Array.from({ length: n }, (_, i) => `8.8.8.8,fam${i + 1}`);
  writeFileSync(join(cwd, `one-ip-${n}.csv`), `ip,malware\n${rows.join('\n')}\n`);
  const run = await runCli(
    ['map', `one-ip-${n}.csv`, '-o', `one-ip-${n}.html`, '--layer-by', 'malware', '--provider', 'dbip'],
    { cwd },
  );
  expect(run.code, run.stderr).toBe(0);
  return { path: join(cwd, `one-ip-${n}.html`), stderr: run.stderr };
}

// In-process runs over thousands of layers: seconds on a loaded machine, which is
// not what they measure (sizes and counts are).
describe('iocmap map --layer-by with many values for one IP', { timeout: 60_000 }, () => {
  it('puts the IP in all 3000 layers and grows the page linearly (1500 → 3000 values)', async () => {
    const cwd = tempDir();
    const half = await mapOneIp(cwd, 1500);
    const full = await mapOneIp(cwd, 3000);
    const payload = payloadOf(readFileSync(full.path, 'utf8'));
    expect(payload.layers).toHaveLength(3000);
    const names = new Set(payload.layers.map((layer) => layer.name));
    for (let i = 1; i <= 3000; i++) expect(names.has(`fam${i}`)).toBe(true);
    for (const layer of payload.layers) {
      expect(layer.count).toBe(1);
      expect(onlyValue(layer.columns, 'ip')).toBe('8.8.8.8');
    }
    // A popup text of k values in each of k layers grew 4x per doubling
    // (35 MB at 2000 values, 142 MB at 4000); bounded popups grow 2x at most.
    const ratio = statSync(full.path).size / statSync(half.path).size;
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(2.3);
  });

  it('shows the first 10 values and "(+2990 more)" in the popup of each of the 3000 layers', async () => {
    const cwd = tempDir();
    const { path, stderr } = await mapOneIp(cwd, 3000);
    expect(
      stderr.startsWith('iocmap: map popups show at most 32 columns and 10 distinct values per column'),
    ).toBe(true);
    const payload = payloadOf(readFileSync(path, 'utf8'));
    // 3000 values, 10 shown: 2990 more.
    const popup = 'fam1; fam2; fam3; fam4; fam5; fam6; fam7; fam8; fam9; fam10; (+2990 more)';
    for (const layer of payload.layers) expect(onlyValue(layer.columns, 'f:malware')).toBe(popup);
  });

  it('counts repeated values once: 12 rows of 11 distinct values make 11 layers and "(+1 more)"', async () => {
    const cwd = tempDir();
    const values = ['a', 'b', 'a', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
    writeFileSync(join(cwd, 'rep.csv'), `ip,malware\n${values.map((v) => `8.8.8.8,${v}`).join('\n')}\n`);
    const run = await runCli(
      ['map', 'rep.csv', '-o', 'rep.html', '--layer-by', 'malware', '--provider', 'dbip'],
      {
        cwd,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const payload = payloadOf(readFileSync(join(cwd, 'rep.html'), 'utf8'));
    expect(payload.layers.map((layer) => layer.name)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'h',
      'i',
      'j',
      'k',
    ]);
    const layerK = payload.layers.find((layer) => layer.name === 'k');
    expect(onlyValue(layerK?.columns ?? [], 'f:malware')).toBe('a; b; c; d; e; f; g; h; i; j; (+1 more)');
  });
});
