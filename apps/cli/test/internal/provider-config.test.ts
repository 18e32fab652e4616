import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const ADVICE =
  'fix the file (run `iocmap config validate` to check it), or pass --provider dbip to use the embedded database without it\n';

describe('a configuration with issues, consulted to choose the provider', () => {
  it('geoip and map exit 2 listing the file, the setting path and the message', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bt2.yaml'), 'OtherProviders:\n  GeoIPLite:\n    Args:\n      DBFolder: 5\n');
    const expected = `iocmap: ${join(cwd, 'bt2.yaml')} has 1 problem:\n  - OtherProviders.GeoIPLite.Args.DBFolder (line 4): OtherProviders.GeoIPLite.Args.DBFolder must be text, not a number 5.\n${ADVICE}`;
    const geoip = await runCli(['geoip', '81.2.69.142', '--config', 'bt2.yaml'], { cwd });
    expect(geoip).toMatchObject({ code: 2, stdout: '', stderr: expected });
    const map = await runCli(['map', '81.2.69.142', '--config', 'bt2.yaml', '-o', 'm.html'], { cwd });
    expect(map).toMatchObject({ code: 2, stdout: '', stderr: expected });
  });

  it('a top-level list found through MSTICPYCONFIG exits 2 too', async () => {
    const cwd = tempDir();
    const path = join(cwd, 'list.yaml');
    writeFileSync(path, '- a\n- b\n');
    const run = await runCli(['geoip', '8.8.8.8'], { cwd, env: { MSTICPYCONFIG: path } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `iocmap: ${path} has 1 problem:\n  - (document): The top level of ${path} must be a mapping of sections (e.g. "OtherProviders:"), not a list.\n${ADVICE}`,
    );
  });

  it('--provider dbip does not consult the configuration (exit 0)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bt2.yaml'), 'OtherProviders:\n  GeoIPLite:\n    Args:\n      DBFolder: 5\n');
    const run = await runCli(
      ['geoip', '10.1.2.3', '--config', 'bt2.yaml', '--provider', 'dbip', '--format', 'csv'],
      {
        cwd,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[1]).toBe('10.1.2.3,Private,,,,,,,,,,');
  });
});
