import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runNode } from './repo.js';

const appDir = inject('appDir');
const packages = inject('packages');

/**
 * Every public entry of every published package, with a hand-picked part of
 * what it exports and the `typeof` each must have. A new subpath must be added
 * here, so none ships untried.
 */
const ENTRIES: Record<string, Record<string, string>> = {
  '@iocmap/ioc-extract': {
    extract: 'function',
    extractMatches: 'function',
    extractRecords: 'function',
    extractStream: 'function',
    createExtractor: 'function',
    refang: 'function',
    defang: 'function',
    IOC_TYPES: 'object',
    IocExtractError: 'function',
  },
  '@iocmap/geoip': {
    createGeoHost: 'function',
    classifyIp: 'function',
    createStaticProvider: 'function',
    createIpInfoProvider: 'function',
    fallback: 'function',
    GeoIpError: 'function',
  },
  '@iocmap/geoip/testing': { describeGeoProviderConformance: 'function' },
  '@iocmap/geoip-maxmind': {
    createMmdbProvider: 'function',
    readMmdbMetadata: 'function',
    updateGeoLite2: 'function',
  },
  '@iocmap/geoip-dbip': { createDbipProvider: 'function', DBIP_ATTRIBUTION: 'object' },
  '@iocmap/config': {
    loadConfig: 'function',
    findConfig: 'function',
    maskSecrets: 'function',
    ConfigError: 'function',
  },
  '@iocmap/config/schema.json': { default: 'object' },
  '@iocmap/map': { createIocMap: 'function', FOLIUM_COLORS: 'object', MapError: 'function' },
  '@iocmap/map/browser': { renderIocMap: 'function', decodePayload: 'function', MapError: 'function' },
  '@iocmap/cli': { main: 'function', CliError: 'function' },
};

function manifest(name: string): {
  version: string;
  exports: Record<string, unknown>;
} {
  return JSON.parse(readFileSync(join(appDir, 'node_modules', name, 'package.json'), 'utf8'));
}

/** `typeof` of each export of `specifier`, imported by Node from the consumer project. */
function importKinds(specifier: string): Record<string, string> {
  const options = specifier.endsWith('.json') ? ", { with: { type: 'json' } }" : '';
  const script = `const m = await import(${JSON.stringify(specifier)}${options});
console.log(JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v]))));`;
  return JSON.parse(runNode(appDir, ['--input-type=module', '-e', script]));
}

describe('every public entry, imported from the installed tarballs', () => {
  it('lists exactly the subpaths the packages export', () => {
    const subpaths = Object.keys(packages).flatMap((name) =>
      Object.keys(manifest(name).exports)
        .filter((key) => key !== './package.json')
        .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`)),
    );
    expect(subpaths.sort()).toEqual(Object.keys(ENTRIES).sort());
  });

  for (const [specifier, expected] of Object.entries(ENTRIES)) {
    it(`imports ${specifier}`, () => {
      const kinds = importKinds(specifier);
      for (const [name, kind] of Object.entries(expected)) expect(kinds[name], name).toBe(kind);
    });
  }

  // ESM only, yet CommonJS callers are served: Node >= 20.19 (the packages' engines) loads an
  // ES module graph without top-level await through require(). This is why the attw check
  // runs with --profile esm-only.
  for (const specifier of Object.keys(ENTRIES).filter(
    (s) => !s.endsWith('.json') && !s.endsWith('/testing'),
  )) {
    it(`require()s ${specifier} from CommonJS`, () => {
      const script = `const m = require(${JSON.stringify(specifier)}); console.log(Object.keys(m).join(','));`;
      const names = runNode(appDir, ['-e', script]).split(',');
      expect(names).toEqual(expect.arrayContaining(Object.keys(ENTRIES[specifier] ?? {})));
    });
  }

  it('ships the JSON Schema for msticpyconfig.yaml', () => {
    const schema = JSON.parse(
      readFileSync(join(appDir, 'node_modules/@iocmap/config/schema/msticpyconfig.schema.json'), 'utf8'),
    );
    expect(schema.$schema).toMatch(/json-schema\.org/);
  });

  it('gives both map entries one MapError class', () => {
    const script =
      "const [a, b] = await Promise.all([import('@iocmap/map'), import('@iocmap/map/browser')]); console.log(a.MapError === b.MapError);";
    expect(runNode(appDir, ['--input-type=module', '-e', script])).toBe('true');
  });

  it('installs the iocmap binary, which reports the packed version', () => {
    const bin = join(appDir, 'node_modules/.bin/iocmap');
    const version = execFileSync(bin, ['--version'], { cwd: appDir, encoding: 'utf8' }).trim();
    expect(version).toBe(manifest('@iocmap/cli').version);
  });

  it('publishes ESM manifests: types first, no workspace-only condition, engines, no side effects', () => {
    for (const [name, dir] of Object.entries(packages)) {
      const installed = JSON.parse(readFileSync(join(appDir, 'node_modules', name, 'package.json'), 'utf8'));
      const workspace = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(installed.type, name).toBe('module');
      expect(installed.sideEffects, name).toBe(false);
      expect(installed.engines, name).toEqual({ node: '>=20.19' });
      expect(installed.exports['./package.json'], name).toBe('./package.json');
      // The published map is the workspace's without the @iocmap/source condition (pnpm's
      // publishConfig.exports), so the two cannot drift apart.
      const expected = Object.fromEntries(
        Object.entries(workspace.exports as Record<string, string | Record<string, string>>).map(
          ([key, value]) => [
            key,
            typeof value === 'string'
              ? value
              : Object.fromEntries(
                  Object.entries(value).filter(([condition]) => condition !== '@iocmap/source'),
                ),
          ],
        ),
      );
      expect(installed.exports, name).toEqual(expected);
      for (const value of Object.values(installed.exports as Record<string, unknown>)) {
        if (typeof value === 'object' && value !== null) expect(Object.keys(value)[0], name).toBe('types');
      }
      expect(JSON.stringify(installed.dependencies ?? {}), name).not.toContain('workspace:');
    }
  });

  it('ships only what a user needs: no tests, benchmarks or fixtures, and a licence in every package', () => {
    const shipped = new Set([
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist',
      'src',
      'node_modules',
    ]);
    const extra: Record<string, string[]> = {
      '@iocmap/config': ['schema'],
      '@iocmap/geoip-dbip': ['NOTICE'],
      '@iocmap/cli': ['assets'],
    };
    for (const name of Object.keys(packages)) {
      const dir = join(appDir, 'node_modules', name);
      const allowed = new Set([...shipped, ...(extra[name] ?? [])]);
      expect(
        readdirSync(dir).filter((file) => !allowed.has(file)),
        name,
      ).toEqual([]);
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(`# ${name}`);
      expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toContain('## 0.1.0');
    }
  });
});
