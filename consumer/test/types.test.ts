import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const appDir = inject('appDir');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * A tool author's TypeScript, using every public entry. Each `@ts-expect-error`
 * is a misuse the published types must reject: if a declaration went missing
 * and a value fell back to `any`, the directive would be unused and tsc would
 * fail (TS2578), so the check cannot pass on untyped packages.
 */
const CONSUMER = `
import { type LoadedConfig, loadConfig } from '@iocmap/config';
import { createGeoHost, type GeoProvider, type GeoResult, GeoIpError } from '@iocmap/geoip';
import { describeGeoProviderConformance } from '@iocmap/geoip/testing';
import { createDbipProvider, DBIP_ATTRIBUTION } from '@iocmap/geoip-dbip';
import { createMmdbProvider } from '@iocmap/geoip-maxmind';
import { extract, extractMatches, type IocMatch, IocExtractError } from '@iocmap/ioc-extract';
import { createIocMap, type MapIp } from '@iocmap/map';
import { renderIocMap, type IocMapView } from '@iocmap/map/browser';

const ips: string[] = extract('1.1.1[.]1').ipv4 ?? [];
const first: IocMatch | undefined = extractMatches('evil[.]com')[0];
const start: number | undefined = first?.start;
// @ts-expect-error extract takes text, not a number
extract(42);
const code: string = new IocExtractError('INVALID_INPUT', 'x').code;

const provider: GeoProvider = createDbipProvider();
const host = createGeoHost({ provider });
const results: GeoResult[] = await host.lookup(ips);
// @ts-expect-error a lookup takes addresses, not one string
await host.lookup('8.8.8.8');
const status: 'located' | 'not_found' | 'not_public' | 'invalid' | 'error' | undefined = results[0]?.status;
const attribution: string = DBIP_ATTRIBUTION.text;
// @ts-expect-error createMmdbProvider needs a path
await createMmdbProvider({});
const geoCode: string = new GeoIpError('TIMEOUT', 'x').code;
// @ts-expect-error not a GeoIpError code
new GeoIpError('NOT_A_CODE', 'x');
describeGeoProviderConformance('mine', async () => ({ provider, known: { ipv4: { ip: '8.8.8.8', countryCode: 'US' }, notFound: '9.9.9.9' } }));

const loaded: LoadedConfig = await loadConfig({ explicitPath: 'msticpyconfig.yaml' });
// @ts-expect-error settings are read-only data, not a function
loaded.settings();

const point: MapIp = { ip: '8.8.8.8', latitude: 37.4, longitude: -122.1 };
// @ts-expect-error latitude is a number
const badPoint: MapIp = { ip: '8.8.8.8', latitude: '37.4', longitude: -122.1 };
const html: string = createIocMap().addIpCluster([point]).toHtml();
declare const view: IocMapView;
const zoom: number = view.map.getZoom();
// @ts-expect-error a Leaflet map has no getZoomLevel
view.map.getZoomLevel();
const render: typeof renderIocMap = renderIocMap;

export { attribution, badPoint, code, geoCode, html, render, start, status, zoom };
`;

/** The CLI's programmatic API: its streams are Node's, so it needs @types/node. */
const CLI_CONSUMER = `
import { main, processIo } from '@iocmap/cli';
const exit: Promise<number> = main(['extract', '--help'], processIo());
// @ts-expect-error main needs the process's streams (or your own)
main(['extract']);
export { exit };
`;

function typecheck(moduleResolution: 'nodenext' | 'bundler', nodeTypes = true): string {
  const dir = join(appDir, `types-${moduleResolution}-${nodeTypes ? 'node' : 'no-node'}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
  if (nodeTypes) writeFileSync(join(dir, 'cli.ts'), CLI_CONSUMER);
  const compilerOptions = {
    target: 'ES2022',
    module: moduleResolution === 'nodenext' ? 'NodeNext' : 'ESNext',
    moduleResolution,
    strict: true,
    noEmit: true,
    // Check the packages' own declaration files too, as a strict consumer would.
    skipLibCheck: false,
    lib: ['ES2022', 'DOM'],
    types: nodeTypes ? ['node'] : [],
  };
  const files = nodeTypes ? ['consumer.ts', 'cli.ts'] : ['consumer.ts'];
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
  try {
    return execFileSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    return (error as { stdout: string }).stdout || String(error);
  }
}

describe('the published type declarations, used by a strict TypeScript consumer', () => {
  it('type-check under moduleResolution nodenext', () => {
    expect(typecheck('nodenext')).toBe('');
  });
  it('type-check under moduleResolution bundler', () => {
    expect(typecheck('bundler')).toBe('');
  });
  it('need no @types/node, except the CLI (a browser or Deno project has none)', () => {
    expect(typecheck('bundler', false)).toBe('');
  });
});
