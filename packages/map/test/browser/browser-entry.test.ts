import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIocMap } from '../../src/index.js';
import { mapAssets } from '../../src/internal/assets.js';
import { HAVE_BROWSER, launch, OUTPUT_DIR } from './chromium.js';

const require = createRequire(import.meta.url);
const text = (specifier: string) => readFileSync(require.resolve(specifier), 'utf8');
// The renderer as the standalone page inlines it: map-error.js, then render.js without its import.
const renderer = mapAssets().clientJs;

describe.skipIf(!HAVE_BROWSER)(
  'renderIocMap (the @iocmap/map/browser entry) embedded in a page',
  { timeout: 60_000 },
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    /** A page with the network blocked that has drawn `payload` into one element, as `window.__view`. */
    async function drawnPage(payload: unknown): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
      await page.route('**/*', (r) => r.abort());
      await page.setContent('<div id="m" style="width:880px;height:680px"></div>');
      await page.addScriptTag({ content: text('leaflet/dist/leaflet.js') });
      await page.addScriptTag({ content: text('leaflet.markercluster/dist/leaflet.markercluster.js') });
      await page.addScriptTag({
        type: 'module',
        content: `${renderer}\nwindow.__view = renderIocMap(document.getElementById('m'), ${JSON.stringify(payload)}, { L: window.L });`,
      });
      await page.waitForFunction(
        () => (window as unknown as { __view?: { ready: boolean } }).__view?.ready === true,
      );
      return page;
    }

    it('draws two payloads into two elements of one page, offline, without errors', async () => {
      const a = createIocMap({ outlines: false })
        .addIpCluster([
          { ip: '192.0.2.1', latitude: 10, longitude: 10 },
          { ip: '192.0.2.2', latitude: 10, longitude: 10 },
        ])
        .toPayload();
      const b = createIocMap({ outlines: '110m' })
        .addGeoHashes(['u4pruydqqvj', 'ezs42', 'ezs42'], { color: 'darkgreen' })
        .toPayload();
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.route('**/*', (r) => {
        requests.push(r.request().url());
        return r.abort();
      });
      await page.setContent(
        '<div id="a" style="width:480px;height:320px"></div><div id="b" style="width:480px;height:320px"></div>',
      );
      await page.addStyleTag({ content: text('leaflet/dist/leaflet.css').replace(/url\([^)]*\)/g, 'none') });
      await page.addScriptTag({ content: text('leaflet/dist/leaflet.js') });
      await page.addScriptTag({ content: text('leaflet.markercluster/dist/leaflet.markercluster.js') });
      await page.addScriptTag({
        type: 'module',
        content: `${renderer}\nwindow.__views = [renderIocMap(document.getElementById('a'), ${JSON.stringify(a)}, { L: window.L }), renderIocMap(document.getElementById('b'), ${JSON.stringify(b)}, { L: window.L })];`,
      });
      await page.waitForFunction(() => {
        const views = (window as unknown as { __views?: { ready: boolean }[] }).__views;
        return views?.every((v) => v.ready) === true;
      });
      const state = await page.evaluate(() => {
        const views = (window as unknown as { __views: { points: number; layers: { name: string }[] }[] })
          .__views;
        return {
          points: views.map((v) => v.points),
          names: views.map((v) => v.layers.map((l) => l.name)),
          styles: document.querySelectorAll('#iocmap-style').length,
          containers: document.querySelectorAll('.iocmap.leaflet-container').length,
          // map b: ezs42 twice → one pin counting 2, u4pruydqqvj → one pin counting 1
          countsB: [...document.querySelectorAll('#b [data-count]')]
            .map((e) => Number(e.getAttribute('data-count')))
            .sort(),
        };
      });
      expect(state).toEqual({
        points: [2, 3],
        names: [['IP addresses'], ['Geohashes']],
        styles: 1,
        containers: 2,
        countsB: [1, 2],
      });
      await page.screenshot({ path: `${OUTPUT_DIR}browser-entry.png` });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    });

    it('throws MapError INVALID_PAYLOAD naming the bad argument, and draws nothing', async () => {
      const payload = createIocMap({ outlines: false })
        .addIpCluster([{ ip: '192.0.2.1', latitude: 10, longitude: 10 }])
        .toPayload();
      const page = await browser.newPage();
      await page.route('**/*', (r) => r.abort());
      await page.setContent('<div id="m" style="width:400px;height:300px"></div>');
      await page.addScriptTag({ content: text('leaflet/dist/leaflet.js') });
      // markercluster not loaded yet: a clustered layer must say so.
      await page.addScriptTag({
        type: 'module',
        content: `${renderer}
const p = ${JSON.stringify(payload)};
const m = document.getElementById('m');
const tries = {
  element: () => renderIocMap(null, p, { L: window.L }),
  noOptions: () => renderIocMap(m, p),
  noL: () => renderIocMap(m, p, {}),
  emptyPayload: () => renderIocMap(m, {}, { L: window.L }),
  v99: () => renderIocMap(m, { ...p, v: 99 }, { L: window.L }),
  badZoom: () => renderIocMap(m, { ...p, view: { zoom: 99 } }, { L: window.L }),
  badTitle: () => renderIocMap(m, { ...p, title: 5 }, { L: window.L }),
  noCluster: () => renderIocMap(m, p, { L: window.L }),
};
window.__errors = Object.fromEntries(Object.entries(tries).map(([k, f]) => {
  try { f(); return [k, 'no error']; } catch (e) { return [k, [e instanceof MapError, e.code, e.path]]; }
}));`,
      });
      // An inline module script runs after addScriptTag resolves: wait for its result.
      await page.waitForFunction(() => (window as unknown as { __errors?: unknown }).__errors !== undefined);
      const result = await page.evaluate(() => ({
        errors: (window as unknown as { __errors: unknown }).__errors,
        drawn: document.querySelectorAll('.leaflet-container').length,
      }));
      expect(result).toEqual({
        errors: {
          element: [true, 'INVALID_PAYLOAD', 'element'],
          noOptions: [true, 'INVALID_PAYLOAD', 'options.L'],
          noL: [true, 'INVALID_PAYLOAD', 'options.L'],
          emptyPayload: [true, 'INVALID_PAYLOAD', 'v'],
          v99: [true, 'INVALID_PAYLOAD', 'v'],
          badZoom: [true, 'INVALID_PAYLOAD', 'view.zoom'],
          badTitle: [true, 'INVALID_PAYLOAD', 'title'],
          noCluster: [true, 'INVALID_PAYLOAD', 'options.L.markerClusterGroup'],
        },
        drawn: 0,
      });
    });

    it("counts distinct IPs in the summary total and by country, and each layer's points by layer", async () => {
      // 192.0.2.2 is in both layers: drawn twice, counted once (as a US IP).
      // Hand count: IPs .1 (NL), .2 (US), .3 (US) = 3; United States 2, Netherlands 1;
      // layers Dridex 2 and Emotet 2; the location without an IP is one other point.
      const nl = { countryCode: 'NL', countryName: 'Netherlands' };
      const us = { countryCode: 'US', countryName: 'United States' };
      const payload = createIocMap({ outlines: false })
        .addIpCluster(
          [
            { ip: '192.0.2.1', latitude: 52.37, longitude: 4.89, ...nl },
            { ip: '192.0.2.2', latitude: 40.71, longitude: -74.01, ...us },
          ],
          { layer: 'Dridex', color: 'blue' },
        )
        .addIpCluster(
          [
            { ip: '192.0.2.2', latitude: 40.71, longitude: -74.01, ...us },
            { ip: '192.0.2.3', latitude: 37.77, longitude: -122.42, ...us },
          ],
          { layer: 'Emotet', color: 'red' },
        )
        .addLocations([{ latitude: 48.85, longitude: 2.35, label: 'sensor' }], {
          layer: 'Sites',
          color: 'green',
        })
        .toPayload();
      const page = await drawnPage(payload);
      const summary = await page.evaluate(() => ({
        heading: document.querySelector('.iocmap-summary summary')?.textContent,
        rows: [...document.querySelectorAll('.iocmap-summary .iocmap-row')].map((r) =>
          [...r.querySelectorAll('span')].map((s) => s.textContent).join('='),
        ),
        notes: [...document.querySelectorAll('.iocmap-summary .iocmap-more')].map((n) => n.textContent),
        drawn: (window as unknown as { __view: { points: number } }).__view.points,
      }));
      expect(summary).toEqual({
        heading: '3 IPs, 1 other point',
        rows: ['Dridex=2', 'Emotet=2', 'Sites=1', 'United States=2', 'Netherlands=1'],
        notes: ['1 IP in more than one layer, counted in each'],
        drawn: 5,
      });
    });

    it('charts the ten largest countries and notes the rest', async () => {
      // Country k (k = 1..12) gets k IPs: the top ten are 12 down to 3; countries 1 and 2 (3 IPs) are the rest.
      const ips = Array.from({ length: 12 }, (_, k) =>
        Array.from({ length: k + 1 }, (_, j) => ({
          ip: `10.${k}.0.${j}`,
          latitude: k * 5,
          longitude: j,
          countryName: `Land ${k + 1}`,
        })),
      ).flat();
      const payload = createIocMap({ outlines: false }).addIpCluster(ips).toPayload();
      const page = await drawnPage(payload);
      const summary = await page.evaluate(() => ({
        rows: [...document.querySelectorAll('.iocmap-summary .iocmap-row')].map((r) =>
          [...r.querySelectorAll('span')].map((s) => s.textContent).join('='),
        ),
        more: document.querySelector('.iocmap-summary .iocmap-more')?.textContent,
      }));
      expect(summary).toEqual({
        rows: ['IP addresses=78', ...Array.from({ length: 10 }, (_, i) => `Land ${12 - i}=${12 - i}`)],
        more: '2 more countries: 3',
      });
    });
  },
);
