import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FEODO_CSV, iocmap } from './shared.js';

const CHROMIUM = process.env.IOCMAP_CHROMIUM || '/usr/bin/chromium';

describe('issue 2: the Feodo map in headless Chromium, network blocked', () => {
  it('shows marker clusters whose counts add up to 728, with no console errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iocmap-acc-'));
    const out = join(dir, 'feodo.html');
    const result = await iocmap(['map', FEODO_CSV, '-o', out]);
    expect(result.code, result.stderr).toBe(0);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      const requests: string[] = [];
      const url = pathToFileURL(out).href;
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.route('**/*', (route) => {
        if (route.request().url() === url) return route.continue();
        requests.push(route.request().url());
        return route.abort();
      });
      await page.goto(url);
      await page.waitForSelector('.leaflet-marker-icon');
      // Zoom out to the whole world so every point is on screen.
      await page.evaluate(() => {
        const view = (
          window as unknown as { __iocmap: { map: { setView(c: number[], z: number, o: object): void } } }
        ).__iocmap;
        view.map.setView([20, 0], 1, { animate: false });
      });
      await page.waitForTimeout(500);
      // Read the numbers drawn on screen: cluster icons show their count; a single pin
      // stands for the IPs at its coordinate.
      const drawn = await page.evaluate(() => {
        let clusters = 0;
        let sum = 0;
        for (const icon of document.querySelectorAll('.leaflet-marker-icon')) {
          const counted = icon.querySelector('[data-count]');
          const n = Number(counted?.textContent?.trim() || counted?.getAttribute('data-count') || 1);
          if (icon.classList.contains('marker-cluster') || icon.className.includes('cluster')) clusters += 1;
          sum += n;
        }
        return { clusters, sum };
      });
      expect(drawn.clusters).toBeGreaterThan(0);
      expect(drawn.sum).toBe(728);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.screenshot({ path: join(dir, 'feodo.png') });
    } finally {
      await browser.close();
    }
  });
});
