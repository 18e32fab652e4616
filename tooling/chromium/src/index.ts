/**
 * One place for how the project's browser tests and benchmarks drive
 * Chromium: Debian's `/usr/bin/chromium` (never a downloaded browser), the
 * same launch flags everywhere, pages opened from file:// with every other
 * request blocked, and the IPs a map draws counted from the DOM.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The Chromium binary: `IOCMAP_CHROMIUM`, else Debian's package. */
export const CHROMIUM: string = process.env.IOCMAP_CHROMIUM || '/usr/bin/chromium';
/** Whether the binary is there. */
export const HAVE_BROWSER: boolean = existsSync(CHROMIUM);
/** `IOCMAP_REQUIRE_BROWSER=1` (set by CI): a missing browser is an error, not a skip. */
export const REQUIRE_BROWSER: boolean = process.env.IOCMAP_REQUIRE_BROWSER === '1';

/** Headless, no sandbox (containers), no GPU, and nothing that phones home. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Say what happens to `suite` without a browser: throw when
 * {@link REQUIRE_BROWSER}, else warn once. Returns {@link HAVE_BROWSER}.
 *
 * @throws Error when the browser is missing and required.
 */
export function checkBrowser(suite: string): boolean {
  if (HAVE_BROWSER) return true;
  const message = `${CHROMIUM} not found: ${suite} ${REQUIRE_BROWSER ? 'FAIL (IOCMAP_REQUIRE_BROWSER=1)' : 'skipped; install chromium or set IOCMAP_REQUIRE_BROWSER=1 to make this an error'}.`;
  if (REQUIRE_BROWSER) throw new Error(message);
  console.warn(message);
  return false;
}

/** Launch Chromium with {@link CHROMIUM_FLAGS}. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS] });
}

/** What happened while a page was open. */
export interface PageLog {
  /** Every request other than the page itself (all blocked). */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

/**
 * Open the HTML file at `path` from file:// in a 1280×800 page with every
 * other request blocked (and logged), and wait until the map reports ready
 * (`window.__iocmap.ready`). The caller closes the page.
 */
export async function openOffline(browser: Browser, path: string): Promise<{ page: Page; log: PageLog }> {
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

/**
 * Count the IPs a map draws on screen, from the DOM only: a cluster icon and a
 * pin standing for several IPs at one coordinate show their count
 * (`[data-count]`); any other marker is one IP.
 *
 * @returns `clusters`: cluster icons on screen; `sum`: IPs they and the pins stand for.
 */
export function countDrawnIps(page: Page): Promise<{ clusters: number; sum: number }> {
  return page.evaluate(() => {
    let clusters = 0;
    let sum = 0;
    for (const icon of document.querySelectorAll('.leaflet-marker-icon')) {
      const counted = icon.querySelector('[data-count]');
      sum += Number(counted?.textContent?.trim() || counted?.getAttribute('data-count') || 1);
      // iocmap's cluster icons are `iocmap-cluster`; markercluster's own default is `marker-cluster`.
      if (/\b(iocmap|marker)-cluster\b/.test(icon.className)) clusters += 1;
    }
    return { clusters, sum };
  });
}
