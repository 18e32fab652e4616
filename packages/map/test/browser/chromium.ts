import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkBrowser, openOffline, type PageLog } from '@iocmap/chromium';
import type { Browser, Page } from 'playwright-core';

export { launchChromium as launch, type PageLog } from '@iocmap/chromium';

export const HAVE_BROWSER = checkBrowser('map browser tests');
/** Screenshots and pages for people to look at (git-ignored). */
export const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));

/**
 * Write `html` to test-output/<name>.html and open it from file:// with every
 * other request blocked; resolves when the map reports ready.
 */
export async function openMap(
  browser: Browser,
  name: string,
  html: string,
): Promise<{ page: Page; log: PageLog }> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const path = `${OUTPUT_DIR}${name}.html`;
  await writeFile(path, html);
  return openOffline(browser, path);
}
