import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assertValid,
  ConfigError,
  isConfigError,
  type KeyVaultRef,
  loadConfig,
  MAX_ALIASES,
  MAX_NESTING_DEPTH,
} from '../src/index.js';
import { createSandbox, fixture, type Sandbox } from './helpers.js';

let box: Sandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => box.cleanup());

const MAXMIND = 'mm-licence-7f3a9c';
const IPSTACK = 'ipstack-key-41b2';

async function load(
  name: string,
  env: Record<string, string> = {},
  extra: Parameters<typeof loadConfig>[0] = {},
) {
  return loadConfig({ explicitPath: fixture(name), env, cwd: box.cwd, homeDir: box.home, ...extra });
}

async function thrown(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig with a realistic msticpy configuration', () => {
  it('loads with no issues when MAXMIND_AUTH and IPSTACK_AUTH are set', async () => {
    const loaded = await load('msticpy-user.yaml', { MAXMIND_AUTH: MAXMIND, IPSTACK_AUTH: IPSTACK });
    expect(loaded.issues).toEqual([]);
    expect(loaded.settings).toEqual({
      geoIpLite: {
        authKey: MAXMIND,
        accountId: '123456',
        dbFolder: join(box.home, '.msticpy', 'GeoLite2'),
        provider: 'GeoLiteLookup',
      },
      ipStack: { authKey: IPSTACK, provider: 'IPStackLookup' },
    });
  });

  it('keeps every other section untouched in raw (no Sentinel, TI or KeyVault complaints)', async () => {
    const loaded = await load('msticpy-user.yaml', { MAXMIND_AUTH: MAXMIND, IPSTACK_AUTH: IPSTACK });
    // biome-ignore lint/suspicious/noExplicitAny: walking an untyped YAML document
    const raw = loaded.raw as Record<string, any>;
    expect(Object.keys(raw)).toEqual([
      'AzureSentinel',
      'QueryDefinitions',
      'TIProviders',
      'OtherProviders',
      'KeyVault',
      'DataProviders',
    ]);
    expect(raw.AzureSentinel.Workspaces.MyTestWS.TenantId).toBe('69d28fd7-42a5-48bc-a619-af56397b9f28');
    expect(raw.TIProviders.OTX.Args.AuthKey).toEqual({ EnvironmentVar: 'OTX_AUTH' });
    expect(raw.TIProviders.XForce.Args.AuthKey).toEqual({ KeyVault: null });
    expect(raw.DataProviders.AzureCLI.Args.auth_methods).toEqual(['cli', 'msi', 'interactive']);
    // OTX_AUTH / VIRUSTOTAL_AUTH are unset and XForce uses KeyVault: iocmap does not read them.
    expect(loaded.issues).toEqual([]);
  });

  it('reports SECRET_ENV_UNSET naming MAXMIND_AUTH and the setting path when it is not set', async () => {
    const loaded = await load('msticpy-user.yaml', { IPSTACK_AUTH: IPSTACK });
    expect(loaded.issues).toHaveLength(1);
    const [issue] = loaded.issues;
    expect(issue).toMatchObject({
      code: 'SECRET_ENV_UNSET',
      path: 'OtherProviders.GeoIPLite.Args.AuthKey',
      line: 37,
      column: 7,
    });
    expect(issue?.message).toContain('MAXMIND_AUTH');
    expect(issue?.message).toContain('OtherProviders.GeoIPLite.Args.AuthKey');
    // The rest of the section is still usable.
    expect(loaded.settings.geoIpLite).toEqual({
      accountId: '123456',
      dbFolder: join(box.home, '.msticpy', 'GeoLite2'),
      provider: 'GeoLiteLookup',
    });
    expect(loaded.secrets.find((s) => s.field === 'geoIpLite.authKey')).toEqual({
      field: 'geoIpLite.authKey',
      settingPath: 'OtherProviders.GeoIPLite.Args.AuthKey',
      kind: 'env',
      envVar: 'MAXMIND_AUTH',
      resolved: false,
    });
  });

  it('treats an empty variable as unset', async () => {
    const loaded = await load('msticpy-user.yaml', { MAXMIND_AUTH: '', IPSTACK_AUTH: IPSTACK });
    expect(loaded.issues.map((i) => i.code)).toEqual(['SECRET_ENV_UNSET']);
  });

  it('strict mode and assertValid throw SECRET_ENV_UNSET with the setting path and position', async () => {
    const error = await thrown(load('msticpy-user.yaml', {}, { strict: true }));
    expect(error.code).toBe('SECRET_ENV_UNSET');
    expect(error.settingPath).toBe('OtherProviders.GeoIPLite.Args.AuthKey');
    expect(error.path).toBe(fixture('msticpy-user.yaml'));
    expect(error.line).toBe(37);
    expect(error.issues.map((i) => i.path)).toEqual([
      'OtherProviders.GeoIPLite.Args.AuthKey',
      'OtherProviders.IPStack.Args.AuthKey',
    ]);
    expect(error.message).toContain('2 problems');
    expect(error.message).toContain('IPSTACK_AUTH');

    const ok = await load('msticpy-user.yaml', { MAXMIND_AUTH: MAXMIND, IPSTACK_AUTH: IPSTACK });
    expect(assertValid(ok)).toBe(ok);
  });

  it('gives a user without Sentinel or OtherProviders nothing to complain about', async () => {
    const loaded = await load('sentinel-only.yaml');
    expect(loaded.issues).toEqual([]);
    expect(loaded.settings).toEqual({});
  });
});

describe('loadConfig secrets', () => {
  it('reports SECRET_KEYVAULT_UNSUPPORTED without a resolver, advising an environment variable', async () => {
    const loaded = await load('keyvault.yaml');
    expect(loaded.issues).toHaveLength(1);
    expect(loaded.issues[0]).toMatchObject({
      code: 'SECRET_KEYVAULT_UNSUPPORTED',
      path: 'OtherProviders.GeoIPLite.Args.AuthKey',
      line: 4,
      column: 7,
    });
    expect(loaded.issues[0]?.message).toContain('EnvironmentVar');
    expect(loaded.settings.geoIpLite?.authKey).toBeUndefined();
    expect(loaded.settings.geoIpLite?.accountId).toBe('654321');
  });

  it('calls the resolver for KeyVault references with msticpy-style secret names', async () => {
    const calls: [KeyVaultRef, string][] = [];
    const loaded = await load(
      'keyvault.yaml',
      {},
      {
        resolveSecret: async (ref, path) => {
          calls.push([ref, path]);
          return 'kv-secret-value';
        },
      },
    );
    expect(loaded.issues).toEqual([]);
    expect(loaded.settings.geoIpLite?.authKey).toBe('kv-secret-value');
    expect(calls).toEqual([
      [
        { kind: 'keyVault', value: null, secretName: 'OtherProviders-GeoIPLite-Args-AuthKey' },
        'OtherProviders.GeoIPLite.Args.AuthKey',
      ],
    ]);
  });

  it('turns a failing resolver into a SECRET_RESOLVER_FAILED issue', async () => {
    const loaded = await load(
      'keyvault.yaml',
      {},
      {
        resolveSecret: async () => {
          throw new Error('vault unreachable');
        },
      },
    );
    expect(loaded.issues.map((i) => [i.code, i.path])).toEqual([
      ['SECRET_RESOLVER_FAILED', 'OtherProviders.GeoIPLite.Args.AuthKey'],
    ]);
    expect(loaded.issues[0]?.message).toContain('vault unreachable');
  });

  it('accepts plain values and numbers, converting AccountID to text', async () => {
    const loaded = await load('plain-secrets.yaml');
    expect(loaded.issues).toEqual([]);
    expect(loaded.settings).toEqual({
      geoIpLite: {
        authKey: 'plain-maxmind-key-1234',
        accountId: '777',
        dbFolder: join(box.cwd, 'geo'),
        provider: 'GeoLiteLookup',
      },
      ipInfo: { authKey: 'plain-ipinfo-token-5678', provider: 'IPInfoLookup' },
    });
  });

  it('reads AccountID from the environment too', async () => {
    const path = box.write(
      join(box.other, 'acct.yaml'),
      'OtherProviders:\n  GeoIPLite:\n    Args:\n      AccountID: {EnvironmentVar: MAXMIND_ACCOUNT}\n',
    );
    const loaded = await loadConfig({
      explicitPath: path,
      env: { MAXMIND_ACCOUNT: '998877' },
      cwd: box.cwd,
      homeDir: box.home,
    });
    expect(loaded.settings.geoIpLite?.accountId).toBe('998877');
  });
});

describe('loadConfig validation', () => {
  it('reports Args given as a string with its path, not a crash', async () => {
    const loaded = await load('args-string.yaml');
    expect(loaded.issues).toHaveLength(1);
    expect(loaded.issues[0]).toMatchObject({
      code: 'CONFIG_INVALID',
      path: 'OtherProviders.GeoIPLite.Args',
      line: 3,
      column: 5,
    });
    expect(loaded.issues[0]?.message).toContain('mapping');
    expect(loaded.issues[0]?.message).not.toContain('oops');
    expect(loaded.settings).toEqual({});
  });

  it('reports every bad setting with dotted paths and keeps valid sections', async () => {
    const loaded = await load('bad-values.yaml');
    expect(loaded.issues.map((i) => [i.code, i.path, i.line])).toEqual([
      ['CONFIG_INVALID', 'OtherProviders.GeoIPLite.Args.AuthKey', 4],
      ['CONFIG_INVALID', 'OtherProviders.GeoIPLite.Args.DBFolder', 6],
      ['CONFIG_INVALID', 'OtherProviders.GeoIPLite.Provider', 7],
    ]);
    expect(loaded.issues[2]?.message).toContain('"GeoLite"');
    expect(loaded.issues[2]?.message).toContain('"GeoLiteLookup"');
    expect(loaded.settings).toEqual({ ipStack: { authKey: 'plain-ipstack-key', provider: 'IPStackLookup' } });
  });

  it('names the keys of a misspelt secret form, not its values', async () => {
    const loaded = await load('bad-values.yaml');
    expect(loaded.issues[0]?.message).toContain('not a mapping with key EnvVar');
    expect(loaded.issues[0]?.message).not.toContain('MAXMIND_AUTH');
  });

  it('notes keys that differ from a known key only by case, and does not read them', async () => {
    const loaded = await load('near-miss.yaml');
    expect(loaded.issues).toEqual([]);
    expect(loaded.settings).toEqual({
      geoIpLite: { dbFolder: join(box.home, '.msticpy', 'GeoLite2'), provider: 'GeoLiteLookup' },
    });
    expect(loaded.notes).toHaveLength(2);
    expect(loaded.notes[0]).toContain(':4: OtherProviders.GeoIPLite.Args.DbFolder');
    expect(loaded.notes[0]).toContain('did you mean DBFolder?');
    expect(loaded.notes[1]).toContain(':5: OtherProviders.IpStack');
    expect(loaded.notes[1]).toContain('did you mean IPStack?');
  });

  it('applies msticpy defaults to empty sections', async () => {
    const loaded = await load('empty-sections.yaml');
    expect(loaded.issues).toEqual([]);
    expect(loaded.settings).toEqual({
      geoIpLite: { dbFolder: join(box.home, '.msticpy', 'GeoLite2'), provider: 'GeoLiteLookup' },
      ipInfo: { provider: 'IPInfoLookup' },
    });
  });

  it('expands ~ in DBFolder against the injected home folder', async () => {
    const path = box.write(
      join(box.other, 'tilde.yaml'),
      'OtherProviders:\n  GeoIPLite:\n    Args:\n      DBFolder: ~/geo/db\n',
    );
    const loaded = await loadConfig({ explicitPath: path, env: {}, cwd: box.cwd, homeDir: box.home });
    expect(loaded.settings.geoIpLite?.dbFolder).toBe(join(box.home, 'geo', 'db'));
  });

  it('reads an empty file as a valid empty configuration', async () => {
    const loaded = await load('empty.yaml');
    expect(loaded).toMatchObject({ raw: null, settings: {}, issues: [], secrets: [], source: 'option' });
  });

  it('reports a top level that is not a mapping', async () => {
    const loaded = await load('top-list.yaml');
    expect(loaded.issues.map((i) => [i.code, i.path])).toEqual([['CONFIG_INVALID', '']]);
  });

  it('returns an empty configuration with a reason when no file exists', async () => {
    const loaded = await loadConfig({ env: {}, cwd: box.cwd, homeDir: box.home });
    expect(loaded).toMatchObject({ path: null, source: 'none', settings: {}, issues: [] });
    expect(loaded.reason).toContain(join(box.home, '.msticpy', 'msticpyconfig.yaml'));
  });

  it('finds the file through MSTICPYCONFIG', async () => {
    const path = box.put('plain-secrets.yaml', join(box.other, 'msticpyconfig.yaml'));
    const loaded = await loadConfig({ env: { MSTICPYCONFIG: path }, cwd: box.cwd, homeDir: box.home });
    expect(loaded).toMatchObject({ path, source: 'env', reason: `MSTICPYCONFIG points to ${path}` });
  });
});

describe('loadConfig file errors', () => {
  it('throws YAML_SYNTAX with file, line and column, without echoing the line', async () => {
    const error = await thrown(load('syntax-error.yaml'));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.path).toBe(fixture('syntax-error.yaml'));
    // "      AuthKey: " is 15 characters, so the nested mapping starts at column 16 of line 4.
    expect([error.line, error.column]).toEqual([4, 16]);
    expect(error.message).toContain(`${fixture('syntax-error.yaml')}:4:16`);
    expect(error.message).not.toContain('plain-key-must-not-leak');
    expect(error.name).toBe('ConfigError');
    expect(error.cause).toBeInstanceOf(Error);
    // Printing the error (console.error, util.inspect) shows the cause chain too.
    expect(inspect(error)).not.toContain('plain-key-must-not-leak');
    expect(isConfigError(error)).toBe(true);
    expect(isConfigError(new Error('x'))).toBe(false);
  });

  it('never echoes the source line of an unclosed quote', async () => {
    const error = await thrown(load('syntax-unclosed-quote.yaml'));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.message).not.toContain('plain-key-must-not-leak');
  });

  it('throws YAML_SYNTAX for duplicate keys', async () => {
    const path = box.write(join(box.other, 'dup.yaml'), 'OtherProviders: {}\nOtherProviders: {}\n');
    const error = await thrown(loadConfig({ explicitPath: path, env: {}, cwd: box.cwd, homeDir: box.home }));
    expect([error.code, error.line, error.column]).toEqual(['YAML_SYNTAX', 2, 1]);
  });

  it('throws YAML_SYNTAX naming the file for an alias bomb', async () => {
    // Each level refers to the one before it ten times: 10^5 nodes from a few lines.
    const levels = ['a: &a ["x"]'];
    for (let i = 1; i <= 5; i += 1) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const path = box.write(join(box.other, 'bomb.yaml'), `${levels.join('\n')}\n`);
    const error = await thrown(loadConfig({ explicitPath: path, env: {}, cwd: box.cwd, homeDir: box.home }));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain('aliases');
  });

  it('throws CONFIG_NOT_FOUND for a missing explicit path', async () => {
    const missing = join(box.other, 'absent.yaml');
    const error = await thrown(
      loadConfig({ explicitPath: missing, env: {}, cwd: box.cwd, homeDir: box.home }),
    );
    expect([error.code, error.path]).toEqual(['CONFIG_NOT_FOUND', missing]);
  });

  it('throws CONFIG_UNREADABLE for a file it cannot read', async () => {
    // Root reads any file whatever its mode; /proc/self/mem is a regular file
    // that even root cannot read with read(2) (EIO), so use it there.
    let path = '/proc/self/mem';
    if (process.getuid?.() !== 0) {
      path = box.put('empty.yaml', join(box.other, 'locked.yaml'));
      chmodSync(path, 0o000);
    }
    const error = await thrown(loadConfig({ explicitPath: path, env: {}, cwd: box.cwd, homeDir: box.home }));
    expect([error.code, error.path]).toEqual(['CONFIG_UNREADABLE', path]);
    expect(error.message).toContain(path);
  });
});

describe('loadConfig option checks', () => {
  it.each([
    [{ explicitPath: 42 }, 'loadConfig: explicitPath must be a non-empty path string, got 42.'],
    [null, 'loadConfig: options must be an object'],
    [{ env: null }, 'env must be an object of environment variables (like process.env), got null.'],
    [{ resolveSecret: 'vault' }, 'loadConfig: resolveSecret must be a function, got "vault".'],
    [{ strict: 'yes' }, 'loadConfig: strict must be a boolean, got "yes".'],
    [
      { explicitPth: 'msticpyconfig.yaml' },
      'loadConfig: there is no option "explicitPth"; the options are explicitPath, cwd, homeDir, env, resolveSecret, strict.',
    ],
  ])('rejects %j with a ConfigError INVALID_OPTION quoting the value', async (options, message) => {
    const error = await thrown(loadConfig(options as unknown as Parameters<typeof loadConfig>[0]));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(message);
  });
});

describe('loadConfig on large and hostile files', () => {
  async function loadText(text: string) {
    const path = box.write(join(box.other, 'big.yaml'), text);
    return { path, load: () => loadConfig({ explicitPath: path, env: {}, cwd: box.cwd, homeDir: box.home }) };
  }

  it('loads 50 000 keys of one mapping with every value right', async () => {
    const n = 50_000;
    let text = 'TIProviders:\n';
    for (let i = 0; i < n; i += 1) text += `  k${i}: {a: ${i}, b: "x"}\n`;
    const loaded = await (await loadText(text)).load();
    // biome-ignore lint/suspicious/noExplicitAny: walking an untyped YAML document
    const providers = (loaded.raw as Record<string, any>).TIProviders;
    const keys = Object.keys(providers);
    expect(keys).toHaveLength(n);
    expect([keys[0], keys[n - 1]]).toEqual(['k0', 'k49999']);
    expect([providers.k0, providers.k31337, providers.k49999]).toEqual([
      { a: 0, b: 'x' },
      { a: 31337, b: 'x' },
      { a: 49999, b: 'x' },
    ]);
    expect(loaded.issues).toEqual([]);
  });

  it('finds a duplicate key among 50 000, at the repeat, naming the first', async () => {
    let text = 'TIProviders:\n';
    for (let i = 0; i < 50_000; i += 1) text += `  k${i}: ${i}\n`;
    text += '  k17: again\n';
    const { path, load } = await loadText(text);
    const error = await thrown(load());
    // k17 is on line 19 (line 1 is TIProviders:); the repeat follows the 50 000 keys.
    expect([error.code, error.line, error.column]).toEqual(['YAML_SYNTAX', 50_002, 3]);
    expect(error.message).toContain(`${path}:50002:3`);
    expect(error.message).toContain('"k17" is already used at line 19, column 3');
  });

  it('does not show a duplicate key that is not shaped like a setting name (it may be a stray secret)', async () => {
    const secret = 'sk live 9f8e7d6c5b4a39281706';
    const error = await thrown((await loadText(`AzureSentinel:\n  ${secret}: 1\n  ${secret}: 2\n`)).load());
    expect([error.code, error.line, error.column]).toEqual(['YAML_SYNTAX', 3, 3]);
    expect(error.message).not.toContain('9f8e7d6c5b4a39281706');
    expect(error.message).toContain('this key is already used at line 2, column 3');
  });

  it.each([
    ['a duplicate in a flow mapping', 'AzureSentinel: {a: 1, b: 2, a: 3}\n', [1, 29]],
    ['1 and 0x1 (the same number)', 'AzureSentinel:\n  1: x\n  0x1: y\n', [3, 3]],
    ['~ and null (both null)', 'AzureSentinel:\n  ~: x\n  null: y\n', [3, 3]],
    ['an anchored key repeated', 'AzureSentinel:\n  &k a: 1\n  a: 2\n', [3, 3]],
  ])('refuses %s as YAML_SYNTAX at the repeat', async (_name, text, position) => {
    const error = await thrown((await loadText(text)).load());
    expect([error.code, error.line, error.column]).toEqual(['YAML_SYNTAX', ...position]);
    expect(error.message).toContain('Map keys must be unique');
  });

  it('keeps keys that differ in type or sit in different mappings', async () => {
    const loaded = await (
      await loadText('AzureSentinel:\n  1: x\n  "1": y\n  A: {k: 1}\n  B: {k: 2}\n')
    ).load();
    // Distinct YAML keys, but a JavaScript object has text keys only: the later one wins in raw.
    expect(loaded.raw).toEqual({ AzureSentinel: { 1: 'y', A: { k: 1 }, B: { k: 2 } } });
  });

  it('refuses deep nesting with YAML_SYNTAX at the first level past 64, twice in one process', async () => {
    // Nesting that once exhausted the call stack (and then crashed V8 on the next load).
    for (const depth of [3000, 10_000]) {
      const text = `OtherProviders: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      const error = await thrown((await loadText(text)).load());
      // The top-level mapping is level 1, so the 64th "[" (offset 16 + 63) is level 65.
      expect([error.code, error.line, error.column]).toEqual(['YAML_SYNTAX', 1, 80]);
      expect(error.message).toContain('more than 64 levels');
      expect(MAX_NESTING_DEPTH).toBe(64);
    }
  });

  it('refuses deep block nesting at the line where it passes 64 levels', async () => {
    let text = 'Deep:\n';
    for (let i = 1; i <= 5000; i += 1) text += `${' '.repeat(i)}k:\n`;
    const error = await thrown((await loadText(text)).load());
    // Line 1 is level 1; line L holds "k:" at column L at level L.
    expect([error.code, error.line, error.column]).toEqual(['YAML_SYNTAX', 65, 65]);
  });

  it('loads nesting of exactly 64 levels', async () => {
    const loaded = await (await loadText(`AzureSentinel: ${'['.repeat(63)}7${']'.repeat(63)}\n`)).load();
    // biome-ignore lint/suspicious/noExplicitAny: walking an untyped YAML document
    let node: any = (loaded.raw as Record<string, unknown>).AzureSentinel;
    for (let level = 0; level < 63; level += 1) {
      expect(node).toHaveLength(1);
      node = node[0];
    }
    expect(node).toBe(7);
  });

  it('loads 1000 aliases and refuses the 1001st with its position', async () => {
    const lines = (n: number) => {
      let text = 'TIProviders:\n';
      for (let i = 0; i < n; i += 1) text += `  a${i}: &a${i} {v: ${i}}\n  b${i}: *a${i}\n`;
      return text;
    };
    const loaded = await (await loadText(lines(MAX_ALIASES))).load();
    // biome-ignore lint/suspicious/noExplicitAny: walking an untyped YAML document
    expect((loaded.raw as Record<string, any>).TIProviders.b999).toEqual({ v: 999 });
    const error = await thrown((await loadText(lines(MAX_ALIASES + 1))).load());
    // Alias number 1001 (b1000) is on line 1 + 2 * 1001; "  b1000: " is 9 characters.
    expect([error.code, error.line, error.column]).toEqual(['YAML_SYNTAX', 2003, 10]);
    expect(error.message).toContain('More than 1000 aliases');
  });

  it('refuses a second document', async () => {
    const error = await thrown((await loadText('AzureSentinel: {}\n---\nTIProviders: {}\n')).load());
    expect([error.code, error.line, error.column]).toEqual(['YAML_SYNTAX', 2, 1]);
    expect(error.message).toContain('multiple documents');
  });
});
