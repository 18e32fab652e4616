import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layersOf, runCli, tempDir } from '../helpers.js';

describe('iocmap map --layer-by values', () => {
  it('trims values: empty and blank share the (empty) layer, a literal (none) keeps its own', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'n.csv'), 'ip,malware\n8.8.8.8,\n9.9.9.9,(none)\n1.1.1.1,  \n1.0.0.1, Emotet \n');
    const run = await runCli(
      ['map', 'n.csv', '-o', 'n.html', '--layer-by', 'malware', '--no-cluster', '--provider', 'dbip'],
      {
        cwd,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(layersOf(readFileSync(join(cwd, 'n.html'), 'utf8'))).toEqual({
      '(empty)': '8.8.8.8|1.1.1.1',
      '(none)': '9.9.9.9',
      Emotet: '1.0.0.1',
    });
  });

  it('renames the empty layer when a real value is "(empty)"', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'e.csv'), 'ip,malware\n8.8.8.8,(empty)\n1.1.1.1,\n');
    const run = await runCli(
      ['map', 'e.csv', '-o', 'e.html', '--layer-by', 'malware', '--no-cluster', '--provider', 'dbip'],
      {
        cwd,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(layersOf(readFileSync(join(cwd, 'e.html'), 'utf8'))).toEqual({
      '(empty)': '8.8.8.8',
      '((empty))': '1.1.1.1',
    });
  });
});
