import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSettings, loadConfig, maskSecrets } from '../src/index.js';
import { createSandbox, fixture, type Sandbox } from './helpers.js';

let box: Sandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => box.cleanup());

const MAXMIND = 'mm-licence-7f3a9c';
const IPSTACK = 'ipstack-key-41b2';

describe('describeSettings', () => {
  it('labels environment secrets by variable and never contains their values', async () => {
    const loaded = await loadConfig({
      explicitPath: fixture('msticpy-user.yaml'),
      env: { MAXMIND_AUTH: MAXMIND, IPSTACK_AUTH: IPSTACK },
      cwd: box.cwd,
      homeDir: box.home,
    });
    const shown = describeSettings(loaded);
    const json = JSON.stringify(shown);
    expect(json).not.toContain(MAXMIND);
    expect(json).not.toContain(IPSTACK);
    expect(shown.settings).toEqual({
      geoIpLite: {
        authKey: '<from env MAXMIND_AUTH>',
        accountId: '123456',
        dbFolder: join(box.home, '.msticpy', 'GeoLite2'),
        provider: 'GeoLiteLookup',
      },
      ipStack: { authKey: '<from env IPSTACK_AUTH>', provider: 'IPStackLookup' },
    });
    expect(shown.secretSources).toEqual({
      'OtherProviders.GeoIPLite.Args.AuthKey': 'env MAXMIND_AUTH',
      'OtherProviders.GeoIPLite.Args.AccountID': 'file',
      'OtherProviders.IPStack.Args.AuthKey': 'env IPSTACK_AUTH',
    });
    expect(shown.otherSections).toEqual([
      'AzureSentinel',
      'QueryDefinitions',
      'TIProviders',
      'KeyVault',
      'DataProviders',
    ]);
    expect(shown.file).toBe(fixture('msticpy-user.yaml'));
    expect(shown.source).toBe('option');
  });

  it('masks plain-text keys written in the file', async () => {
    const loaded = await loadConfig({
      explicitPath: fixture('plain-secrets.yaml'),
      env: {},
      cwd: box.cwd,
      homeDir: box.home,
    });
    const shown = describeSettings(loaded);
    const json = JSON.stringify(shown);
    expect(json).not.toContain('plain-maxmind-key-1234');
    expect(json).not.toContain('plain-ipinfo-token-5678');
    expect(shown.settings.geoIpLite?.authKey).toBe('********');
    expect(shown.settings.ipInfo?.authKey).toBe('********');
  });

  it('shows unset variables as such', async () => {
    const loaded = await loadConfig({
      explicitPath: fixture('msticpy-user.yaml'),
      env: {},
      cwd: box.cwd,
      homeDir: box.home,
    });
    const shown = describeSettings(loaded);
    expect(shown.settings.geoIpLite?.authKey).toBe('<from env MAXMIND_AUTH: not set>');
    expect(shown.issues.map((i) => i.code)).toEqual(['SECRET_ENV_UNSET', 'SECRET_ENV_UNSET']);
  });

  it('labels KeyVault secrets and never leaks the resolved value', async () => {
    const loaded = await loadConfig({
      explicitPath: fixture('keyvault.yaml'),
      env: {},
      cwd: box.cwd,
      homeDir: box.home,
      resolveSecret: async () => 'kv-secret-value-xyz',
    });
    const shown = describeSettings(loaded);
    expect(JSON.stringify(shown)).not.toContain('kv-secret-value-xyz');
    expect(shown.settings.geoIpLite?.authKey).toBe('<from KeyVault>');
  });
});

describe('maskSecrets', () => {
  it('masks every key and, without origins, the account ID too', () => {
    const settings = {
      geoIpLite: {
        authKey: 'k1-secret',
        accountId: '42',
        dbFolder: '/db',
        provider: 'GeoLiteLookup' as const,
      },
      ipStack: { authKey: 'k2-secret', provider: 'IPStackLookup' as const },
      ipInfo: { authKey: 'k3-secret', provider: 'IPInfoLookup' as const },
    };
    const masked = maskSecrets(settings);
    expect(masked).toEqual({
      geoIpLite: { authKey: '********', accountId: '********', dbFolder: '/db', provider: 'GeoLiteLookup' },
      ipStack: { authKey: '********', provider: 'IPStackLookup' },
      ipInfo: { authKey: '********', provider: 'IPInfoLookup' },
    });
    // The input is not modified.
    expect(settings.geoIpLite.authKey).toBe('k1-secret');
  });

  it('leaves sections without secrets alone', () => {
    expect(maskSecrets({ geoIpLite: { dbFolder: '/db', provider: 'GeoLiteLookup' } })).toEqual({
      geoIpLite: { dbFolder: '/db', provider: 'GeoLiteLookup' },
    });
    expect(maskSecrets({})).toEqual({});
  });
});
