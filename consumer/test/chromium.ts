import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (or `IOCMAP_CHROMIUM`); these tests never download a browser. */
const CHROMIUM = process.env.IOCMAP_CHROMIUM || '/usr/bin/chromium';
export const HAVE_BROWSER = existsSync(CHROMIUM);
if (!HAVE_BROWSER && process.env.IOCMAP_REQUIRE_BROWSER === '1') {
  throw new Error(`${CHROMIUM} not found and IOCMAP_REQUIRE_BROWSER=1: install chromium.`);
}

export function launchChromium(): Promise<Browser> {
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

/** Requests other than the page itself (all blocked), console errors and uncaught page errors. */
export interface PageLog {
  requests: string[];
  errors: string[];
}

/**
 * Open a local page from file:// with every other request blocked, wait until
 * the map says it is ready, and count the IPs on screen from the DOM: a
 * cluster icon shows its count, a lone marker is one.
 */
export async function openOffline(browser: Browser, path: string): Promise<{ points: number; log: PageLog }> {
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
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as { __iocmap?: { ready: boolean } }).__iocmap?.ready === true);
    const points = await page.$$eval('.leaflet-marker-pane .leaflet-marker-icon', (icons) =>
      icons.reduce(
        (sum, icon) => sum + (icon.classList.contains('marker-cluster') ? Number(icon.textContent) : 1),
        0,
      ),
    );
    return { points, log };
  } finally {
    await page.close();
  }
}
