import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const ENV_KEY_CONFIG = `OtherProviders:
  GeoIPLite:
    Args:
      AuthKey:
        EnvironmentVar: MAXMIND_AUTH
      AccountID: "123456"
      DBFolder: ~/.msticpy/GeoLite2
    Provider: GeoLiteLookup
`;

describe('iocmap config', () => {
  it('path: names the file and why, or that none is found', async () => {
    const cwd = tempDir();
    const none = await runCli(['config', 'path'], { cwd });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^none\nno msticpyconfig\.yaml found/);
    writeFileSync(join(cwd, 'msticpyconfig.yaml'), ENV_KEY_CONFIG);
    const found = await runCli(['config', 'path'], { cwd });
    expect(found.stdout.split('\n')[0]).toBe(join(cwd, 'msticpyconfig.yaml'));
  });

  it('path: exits 2 when --config names no file', async () => {
    const cwd = tempDir();
    const run = await runCli(['config', 'path', '--config', 'nope.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope.yaml');
  });

  it('show: masks every secret', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'msticpyconfig.yaml'),
      'OtherProviders:\n  IPStack:\n    Args:\n      AuthKey: s3cr3t-ipstack-key\n    Provider: IPStackLookup\n',
    );
    const run = await runCli(['config', 'show'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('s3cr3t-ipstack-key');
    const shown = JSON.parse(run.stdout) as { settings: { ipStack: { authKey: string } } };
    expect(shown.settings.ipStack.authKey).toBe('********');
  });

  it('validate: exits 2 naming an unset environment variable, 0 once it is set', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'msticpyconfig.yaml'), ENV_KEY_CONFIG);
    const unset = await runCli(['config', 'validate'], { cwd });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('MAXMIND_AUTH');
    expect(unset.stderr).toContain('OtherProviders.GeoIPLite.Args.AuthKey');
    const set = await runCli(['config', 'validate'], { cwd, env: { MAXMIND_AUTH: 'k' } });
    expect(set.code).toBe(0);
    expect(set.stdout).toBe(`${join(cwd, 'msticpyconfig.yaml')}: valid\n`);
  });

  it('validate: exits 2 with the line of a YAML syntax error', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'msticpyconfig.yaml'), 'OtherProviders:\n  GeoIPLite: [unclosed\n');
    const run = await runCli(['config', 'validate'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(join(cwd, 'msticpyconfig.yaml'));
  });
});

describe('iocmap update-db', () => {
  it('exits 2 naming MAXMIND_AUTH when the AuthKey variable is unset', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'msticpyconfig.yaml'), ENV_KEY_CONFIG);
    const run = await runCli(['update-db'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('MAXMIND_AUTH');
  });

  it('exits 2 when no configuration has GeoIPLite', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'x'));
    const run = await runCli(['update-db'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('OtherProviders.GeoIPLite');
  });
});
