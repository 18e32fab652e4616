import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { checkBrowser, countDrawnIps, launchChromium, openOffline } from '@iocmap/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readQuickStart } from './quick-start.js';
import { REPO } from './repo.js';

const appDir = inject('appDir');
const packages = inject('packages');

/** Files a quick start reads that a README cannot hold, from the repo's own test fixtures. */
const FIXTURES: Record<string, Record<string, string>> = {
  '@iocmap/geoip-maxmind': {
    // A GeoLite2-City database built from test/fixtures/source/geolite2-city-v2.json:
    // 81.2.69.128/26 is London, GB, accuracy radius 10 km.
    'GeoLite2-City.mmdb': join(REPO, 'packages/geoip-maxmind/test/fixtures/geolite2-city-v2.mmdb'),
  },
};

/** Run the quick start of the installed package's README in a fresh folder of the consumer project. */
function runQuickStart(name: string): { dir: string; stdout: string; expected: string } {
  const readme = readFileSync(join(appDir, 'node_modules', name, 'README.md'), 'utf8');
  const quickStart = readQuickStart(readme);
  const dir = join(appDir, 'quick-start', name.replace('@iocmap/', ''));
  mkdirSync(dir, { recursive: true });
  for (const file of quickStart.files) writeFileSync(join(dir, file.name), file.body);
  for (const [file, source] of Object.entries(FIXTURES[name] ?? {})) copyFileSync(source, join(dir, file));
  const env: NodeJS.ProcessEnv = {
    PATH: `${join(appDir, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`,
    // No msticpyconfig.yaml from the machine running the tests.
    HOME: dir,
    NO_COLOR: '1',
  };
  const lines = quickStart.code.body.trimEnd().split('\n');
  expect(lines.length, `${name}'s quick start is ${lines.length} lines`).toBeLessThanOrEqual(10);
  const script = join(dir, quickStart.code.lang === 'js' ? 'quick-start.mjs' : 'quick-start.sh');
  writeFileSync(script, quickStart.code.body);
  const [command, args] =
    quickStart.code.lang === 'js' ? [process.execPath, [script]] : ['bash', ['-eo', 'pipefail', script]];
  const stdout = execFileSync(command, args, { cwd: dir, env, encoding: 'utf8' });
  return { dir, stdout, expected: quickStart.output };
}

describe("every README's quick start, run against the installed tarballs", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (checkBrowser('the maps saved by the quick starts')) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const name of Object.keys(packages)) {
    it(`${name} prints what its README says`, async () => {
      const { dir, stdout, expected } = runQuickStart(name);
      expect(stdout).toBe(expected);
      if (name === '@iocmap/map' || name === '@iocmap/cli') {
        // Both quick starts save c2.html with two C2 servers; it must draw them offline.
        if (browser === undefined) return;
        const { page, log } = await openOffline(browser, join(dir, 'c2.html'));
        try {
          expect((await countDrawnIps(page)).sum).toBe(2);
          expect(log).toEqual({ requests: [], errors: [] });
        } finally {
          await page.close();
        }
      }
    });
  }
});

describe("every package's README", () => {
  for (const name of Object.keys(packages)) {
    it(`${name}: pitch, install line, quick start, API, error codes, licence`, () => {
      const readme = readFileSync(join(appDir, 'node_modules', name, 'README.md'), 'utf8');
      const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '');
      expect(readme.split('\n').slice(0, 3).join('\n')).toMatch(new RegExp(`^# ${name}\\n\\n\\S.{20,}`));
      expect(readme).toMatch(new RegExp(`^(pnpm add|npm install -g) (@iocmap/\\S+ )*${name}\\b`, 'm'));
      expect(headings).toContain('Quick start');
      expect(headings.some((h) => h === 'API' || h === 'Commands')).toBe(true);
      expect(headings.some((h) => /^Error codes|exit codes$/.test(h))).toBe(true);
      expect(headings.some((h) => h.startsWith('Licence'))).toBe(true);
    });
  }

  it('@iocmap/geoip-dbip credits DB-IP under CC BY 4.0 and ships the NOTICE', () => {
    const dir = join(appDir, 'node_modules/@iocmap/geoip-dbip');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(
      /DB-IP[\s\S]*CC BY 4\.0|CC BY 4\.0[\s\S]*DB-IP/,
    );
    expect(readFileSync(join(dir, 'NOTICE'), 'utf8')).toContain('https://db-ip.com');
  });
});
