import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (or `IOCMAP_CHROMIUM`); the browser tests never download a browser. */
export const CHROMIUM = process.env.IOCMAP_CHROMIUM || '/usr/bin/chromium';
export const REQUIRE_BROWSER = process.env.IOCMAP_REQUIRE_BROWSER === '1';
export const HAVE_BROWSER = existsSync(CHROMIUM);
/** Screenshots and pages for people to look at (git-ignored). */
export const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));

if (!HAVE_BROWSER) {
  const message = `${CHROMIUM} not found: map browser tests ${REQUIRE_BROWSER ? 'FAIL (IOCMAP_REQUIRE_BROWSER=1)' : 'skipped; install chromium or set IOCMAP_REQUIRE_BROWSER=1 to make this an error'}.`;
  if (REQUIRE_BROWSER) throw new Error(message);
  console.warn(message);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
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
}

/** What happened while a page was open. */
export interface PageLog {
  /** Every request other than the page itself (all blocked). */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

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
  const url = pathToFileURL(path).href;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const log: PageLog = { requests: [], errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (requested === url) return route.continue();
    log.requests.push(requested);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __iocmap?: { ready: boolean } }).__iocmap?.ready === true,
  );
  return { page, log };
}
