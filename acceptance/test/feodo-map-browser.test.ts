import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countDrawnIps, launchChromium, openOffline } from '@iocmap/chromium';
import { describe, expect, it } from 'vitest';
import { FEODO_CSV, iocmap } from './shared.js';

describe('issue 2: the Feodo map in headless Chromium, network blocked', () => {
  it('shows marker clusters whose counts add up to 728, with no console errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iocmap-acc-'));
    const out = join(dir, 'feodo.html');
    const result = await iocmap(['map', FEODO_CSV, '-o', out]);
    expect(result.code, result.stderr).toBe(0);

    const browser = await launchChromium();
    try {
      const { page, log } = await openOffline(browser, out);
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
      const drawn = await countDrawnIps(page);
      expect(drawn.clusters).toBeGreaterThan(0);
      expect(drawn.sum).toBe(728);
      expect(log).toEqual({ requests: [], errors: [] });
      await page.screenshot({ path: join(dir, 'feodo.png') });
    } finally {
      await browser.close();
    }
  });
});
