import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIocMap, type MapIp } from '../../src/index.js';
import { HAVE_BROWSER, launch, OUTPUT_DIR, openMap, type PageLog } from './chromium.js';

// A deterministic spread of IPs: a linear congruential generator, so the test
// data is the same on every run.
function spread(count: number, seed: number, prefix: string): MapIp[] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Array.from({ length: count }, (_, i) => ({
    ip: `${prefix}.${i >> 8}.${i & 255}`,
    latitude: Math.round((next() * 130 - 55) * 1e4) / 1e4,
    longitude: Math.round((next() * 360 - 180) * 1e4) / 1e4,
    countryCode: i % 3 === 0 ? 'US' : 'NL',
    countryName: i % 3 === 0 ? 'United States' : 'Netherlands',
  }));
}

const EMOTET = spread(600, 7, '10.1');
// 250 IPs on one country centroid (a common geolocation fallback) and 5 on 0°, 0°.
const CENTROID: MapIp[] = Array.from({ length: 250 }, (_, i) => ({
  ip: `10.2.0.${i}`,
  latitude: 51.5,
  longitude: 10.5,
  countryCode: 'DE',
  countryName: 'Germany',
  fields: { malware: 'Dridex' },
}));
const NULL_ISLAND: MapIp[] = Array.from({ length: 5 }, (_, i) => ({
  ip: `10.3.0.${i}`,
  latitude: 0,
  longitude: 0,
}));
const XSS_IMG = '<img src=x onerror="window.__pwned=1">';
const XSS_SCRIPT = '</script><script>window.__pwned=2</script>';
const SOLO: MapIp = {
  ip: '198.51.100.23',
  latitude: -41.28664,
  longitude: 174.77557,
  countryCode: 'NZ',
  countryName: 'New Zealand',
  state: 'Wellington',
  city: 'Wellington',
  network: '198.51.100.0/24',
  asn: 64511,
  asOrganization: 'Example Hosting Ltd',
  fields: { dst_port: '8080', c2_status: 'online', malware: XSS_IMG, first_seen_utc: XSS_SCRIPT },
};
const TOTAL = EMOTET.length + CENTROID.length + NULL_ISLAND.length + 1;

function buildHtml(): string {
  return createIocMap({
    title: `Test map ${XSS_IMG}`,
    attribution: [{ text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' }],
  })
    .addIpCluster(EMOTET, { layer: 'Emotet', color: 'red' })
    .addIpCluster([...CENTROID, ...NULL_ISLAND], { layer: 'Dridex', color: 'blue' })
    .addIps([SOLO], { layer: `Solo ${XSS_IMG}`, color: 'purple' })
    .toHtml();
}

/** Sum of the counts drawn in the DOM: cluster icons plus markers (a marker may stand for several IPs). */
function domCountSum(page: Page): Promise<{ clusters: number; markers: number; sum: number }> {
  return page.evaluate(() => {
    const clusters = [...document.querySelectorAll('.iocmap-cluster [data-count]')];
    const markers = [...document.querySelectorAll('.iocmap-marker [data-count]')];
    const total = (els: Element[]) =>
      els.reduce(
        (s, e) =>
          s + Number(e.textContent && e.tagName === 'SPAN' ? e.textContent : e.getAttribute('data-count')),
        0,
      );
    return { clusters: clusters.length, markers: markers.length, sum: total(clusters) + total(markers) };
  });
}

describe.skipIf(!HAVE_BROWSER)('standalone map in Chromium (network blocked)', { timeout: 60_000 }, () => {
  let browser: Browser;
  let page: Page;
  let log: PageLog;

  beforeAll(async () => {
    browser = await launch();
    ({ page, log } = await openMap(browser, 'map', buildHtml()));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('reports every located IP', async () => {
    const state = await page.evaluate(() => {
      const s = (
        window as unknown as { __iocmap: { points: number; layers: { name: string; points: number }[] } }
      ).__iocmap;
      return { points: s.points, layers: s.layers.map((l) => [l.name, l.points]) };
    });
    expect(state.points).toBe(TOTAL);
    expect(state.layers).toEqual([
      ['Emotet', 600],
      ['Dridex', 255],
      [`Solo ${XSS_IMG}`, 1],
    ]);
  });

  it('cluster icons and markers drawn in the DOM add up to the located IPs at world zoom', async () => {
    await page.evaluate(() =>
      (
        window as unknown as { __iocmap: { map: { setView(c: number[], z: number, o: object): void } } }
      ).__iocmap.map.setView([0, 0], 1, { animate: false }),
    );
    await page.waitForTimeout(300);
    const drawn = await domCountSum(page);
    expect(drawn.clusters).toBeGreaterThan(0);
    expect(drawn.sum).toBe(TOTAL);
    // The 250 IPs on one coordinate are one marker/cluster child, not 250 DOM nodes.
    expect(drawn.clusters + drawn.markers).toBeLessThan(200);
    await page.screenshot({ path: `${OUTPUT_DIR}map-world.png` });
  });

  it('shows the labelled fields of an IP in its popup, input text as text', async () => {
    await page.evaluate(() =>
      (
        window as unknown as { __iocmap: { map: { setView(c: number[], z: number, o: object): void } } }
      ).__iocmap.map.setView([-41.28664, 174.77557], 6, { animate: false }),
    );
    await page.waitForTimeout(200);
    const solo = page.locator('.iocmap-marker:has(path[fill="#d252b9"])');
    await solo.hover();
    await expect
      .poll(() => page.textContent('.leaflet-tooltip'))
      .toBe('198.51.100.23 · Wellington, New Zealand');
    await solo.click();
    const rows = await page.$$eval('.leaflet-popup-content .iocmap-popup tr', (trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent]),
    );
    expect(rows).toEqual([
      ['IP', '198.51.100.23'],
      ['Country', 'New Zealand (NZ)'],
      ['Region', 'Wellington'],
      ['City', 'Wellington'],
      ['Lat/Lon', '-41.28664, 174.77557'],
      ['Network', '198.51.100.0/24'],
      ['ASN', 'AS64511 Example Hosting Ltd'],
      ['dst_port', '8080'],
      ['c2_status', 'online'],
      ['malware', XSS_IMG],
      ['first_seen_utc', XSS_SCRIPT],
    ]);
    await page.waitForTimeout(300); // let the popup fade in for the screenshot
    await page.screenshot({ path: `${OUTPUT_DIR}map-popup.png` });
  });

  it('lists IPs sharing one coordinate in one paged popup', async () => {
    await page.evaluate(() =>
      (
        window as unknown as { __iocmap: { map: { setView(c: number[], z: number, o: object): void } } }
      ).__iocmap.map.setView([51.5, 10.5], 9, { animate: false }),
    );
    await page.waitForTimeout(200);
    const marker = page.locator('.iocmap-marker:has(svg[data-count="250"])');
    await marker.click();
    expect(await page.textContent('.iocmap-popup h4')).toBe('250 IPs at 51.50000, 10.50000');
    expect(await page.locator('.iocmap-popup details').count()).toBe(100);
    await page.click('.iocmap-popup button');
    expect(await page.locator('.iocmap-popup details').count()).toBe(200);
    expect(await page.textContent('.iocmap-popup button')).toBe('Show 50 more of 50');
    expect(await page.textContent('.iocmap-popup details summary')).toBe('10.2.0.0 · Germany');
  });

  it('summarises counts by layer and by country', async () => {
    const rows = await page.$$eval('.iocmap-summary .iocmap-row', (els) =>
      els.map((e) => [...e.querySelectorAll('span')].map((s) => s.textContent)),
    );
    // Emotet: i % 3 === 0 → US (200 of 600), else NL (400); Dridex: 250 DE, 5 without country; Solo: NZ.
    expect(rows).toEqual([
      ['Emotet', '600'],
      ['Dridex', '255'],
      [`Solo ${XSS_IMG}`, '1'],
      ['Netherlands', '400'],
      ['Germany', '250'],
      ['United States', '200'],
      ['New Zealand', '1'],
    ]);
  });

  it('shows the data attribution as a link and input HTML nowhere as markup', async () => {
    const link = await page.$eval(
      '.leaflet-control-attribution a[href="https://db-ip.com"]',
      (a) => a.textContent,
    );
    expect(link).toBe('IP Geolocation by DB-IP');
    const layerLabels = await page.$$eval('.leaflet-control-layers-overlays label', (ls) =>
      ls.map((l) => l.textContent?.trim()),
    );
    expect(layerLabels).toEqual(['Emotet', 'Dridex', `Solo ${XSS_IMG}`]);
    expect(await page.textContent('.iocmap-title')).toBe(`Test map ${XSS_IMG}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('made no network request and logged no error', () => {
    expect(log.requests).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
