import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layersOf, runCli, tempDir } from '../helpers.js';

/** Map `csv` with `--layer-by malware` and read back layer name → IPs. */
async function layersFor(csv: string): Promise<Record<string, string>> {
  const cwd = tempDir();
  writeFileSync(join(cwd, 'in.csv'), csv);
  const run = await runCli(
    ['map', 'in.csv', '-o', 'out.html', '--layer-by', 'malware', '--no-cluster', '--provider', 'dbip'],
    { cwd },
  );
  expect(run.code, run.stderr).toBe(0);
  return layersOf(readFileSync(join(cwd, 'out.html'), 'utf8'));
}

describe('iocmap map --layer-by values', () => {
  it('trims values: empty and blank share the (empty) layer, a literal (none) keeps its own', async () => {
    expect(await layersFor('ip,malware\n8.8.8.8,\n9.9.9.9,(none)\n1.1.1.1,  \n1.0.0.1, Emotet \n')).toEqual({
      '(empty)': '8.8.8.8|1.1.1.1',
      '(none)': '9.9.9.9',
      Emotet: '1.0.0.1',
    });
  });

  it('renames the empty layer when a real value is "(empty)"', async () => {
    expect(await layersFor('ip,malware\n8.8.8.8,(empty)\n1.1.1.1,\n')).toEqual({
      '(empty)': '8.8.8.8',
      '((empty))': '1.1.1.1',
    });
  });
});
