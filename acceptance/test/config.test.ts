import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iocmap, sharedPath } from './shared.js';

/** A msticpy user's config, with the GeoLite2 licence key taken from the environment. */
function userConfig(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'iocmap-acc-config-'));
  const dbFolder = join(dir, 'GeoLite2');
  mkdirSync(dbFolder);
  copyFileSync(sharedPath('fixtures/mmdb/GeoLite2-City-Test.mmdb'), join(dbFolder, 'GeoLite2-City.mmdb'));
  const config = join(dir, 'msticpyconfig.yaml');
  writeFileSync(
    config,
    [
      'AzureSentinel:',
      '  Workspaces:',
      '    Default:',
      '      WorkspaceId: "52b1ab41-869e-4138-9e40-2a4457f09bf0"',
      '      TenantId: "72f988bf-86f1-41af-91ab-2d7cd011db49"',
      'TIProviders:',
      '  OTX:',
      '    Args:',
      '      AuthKey:',
      '        EnvironmentVar: "OTX_AUTH"',
      '    Primary: True',
      '    Provider: "OTX"',
      'OtherProviders:',
      '  GeoIPLite:',
      '    Args:',
      '      AuthKey:',
      '        EnvironmentVar: "MAXMIND_AUTH"',
      '      AccountID: "123456"',
      `      DBFolder: "${dbFolder}"`,
      '    Provider: "GeoLiteLookup"',
      '',
    ].join('\n'),
  );
  return { dir, config };
}

describe('issue 6: a msticpy user config with AuthKey from MAXMIND_AUTH', () => {
  it('works when the variable is set: lookups come from <DBFolder>/GeoLite2-City.mmdb', async () => {
    const { config } = userConfig();
    const result = await iocmap(['geoip', '--config', config, '81.2.69.142'], {
      env: { MAXMIND_AUTH: 'not-a-real-key', OTX_AUTH: 'x' },
    });
    expect(result.code, result.stderr).toBe(0);
    const [row] = JSON.parse(result.stdout) as Record<string, unknown>[];
    // Known answer of the GeoLite2 test database (../shared/fixtures/mmdb/README.md).
    expect(row).toMatchObject({ ip: '81.2.69.142', city: 'London', countryCode: 'GB' });
    // The test database's own coordinates (not the embedded DB-IP answer).
    expect(row?.latitude).toBeCloseTo(51.5142, 4);
    expect(row?.longitude).toBeCloseTo(-0.0931, 4);
    expect(row?.provider).toBe('maxmind');
    expect(result.stderr).not.toContain('not-a-real-key');
  });

  it('fails with exit 2 naming MAXMIND_AUTH when it is not set', async () => {
    const { config } = userConfig();
    const env: NodeJS.ProcessEnv = { ...process.env, OTX_AUTH: 'x' };
    delete env.MAXMIND_AUTH;
    const result = await iocmap(['geoip', '--config', config, '81.2.69.142'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MAXMIND_AUTH');
    expect(result.stdout).toBe('');
  });

  it('`config show` masks the key', async () => {
    const { config } = userConfig();
    const result = await iocmap(['config', 'show', '--config', config], {
      env: { MAXMIND_AUTH: 'sekrit-value-123', OTX_AUTH: 'x' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('sekrit-value-123');
    expect(result.stdout).toContain('GeoLite2');
  });
});
