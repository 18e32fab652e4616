import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBrowser, launchChromium } from '@iocmap/chromium';
import type { Browser } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const appDir = inject('appDir');

/**
 * Bundle `entry` for the browser with vite from the consumer project, so the
 * installed tarball is what gets bundled, and return the single ES module.
 */
async function bundle(name: string, entry: string): Promise<string> {
  const dir = join(appDir, 'bundle', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.js'), entry);
  const output = (await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(dir, 'entry.js'), formats: ['es'], fileName: 'bundle' },
    },
  })) as Rollup.RollupOutput[];
  const chunks = output.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  expect(chunks).toHaveLength(1);
  return chunks[0]?.code ?? '';
}

describe('@iocmap/ioc-extract in a browser bundle', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (checkBrowser('the browser-bundle check')) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('bundles with no Node built-in and extracts in Chromium', async () => {
    const code = await bundle(
      'ioc-extract',
      `import { extract, extractMatches } from '@iocmap/ioc-extract';
window.iocResult = { all: extract('C2 hxxp://evil[.]co[.]uk/x and 1.1.1[.]1, not report.pdf'), first: extractMatches('a evil[.]com')[0] };\n`,
    );
    // vite swaps a Node built-in for an empty "__vite-browser-external" stub
    // (bundling @iocmap/geoip-maxmind, which reads files, shows it).
    expect(code).not.toContain('__vite-browser-external');
    expect(code).not.toMatch(/\bfrom\s*["']node:|\brequire\s*\(|\bimport\s*\(\s*["']node:/);
    if (browser === undefined) return;
    const page = await browser.newPage();
    try {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.route('**/*', (route) => route.abort());
      await page.setContent('<!doctype html><title>bundle</title>');
      await page.addScriptTag({ content: code, type: 'module' });
      const result = await page.waitForFunction(() => (window as { iocResult?: unknown }).iocResult);
      expect(await result.jsonValue()).toEqual({
        // Needs the public suffix list, bundled (nothing is fetched): co.uk is a
        // suffix, pdf is not a top-level domain.
        all: { ipv4: ['1.1.1.1'], dns: ['evil.co.uk'], url: ['http://evil.co.uk/x'] },
        first: { type: 'dns', value: 'evil.com', raw: 'evil[.]com', start: 2, end: 12, defanged: true },
      });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the package's main entry itself has no node: import", () => {
    const dist = join(appDir, 'node_modules/@iocmap/ioc-extract/dist');
    const index = readFileSync(join(dist, 'index.js'), 'utf8');
    expect(index).not.toContain('node:');
  });
});
