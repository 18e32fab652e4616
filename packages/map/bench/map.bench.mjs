// Benchmark of @iocmap/map against the built package (run `pnpm run build` first;
// the root `pnpm bench` does). Measures, in Debian's headless Chromium with the
// network blocked:
//  - 100,000 located IPs: payload bytes per point beyond the fixed assets (target
//    < 80) and time until every marker is clustered and cluster icons are drawn
//    (target < 3 s);
//  - 10,000 points side by side with folium + MarkerCluster (msticpy's
//    add_ip_cluster approach): file size, time to draw, and the ratios.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, HAVE_BROWSER, launchChromium } from '@iocmap/chromium';
import { createIocMap } from '../dist/index.js';

const require = createRequire(import.meta.url);
const PYTHON = '/usr/bin/python3';
const RUNS = 3;
const out = join(tmpdir(), `iocmap-map-bench-${process.pid}`);
mkdirSync(out, { recursive: true });

// ---- deterministic test data (Feodo-Tracker-like rows) --------------------------------
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(rnd() * list.length)];
const COUNTRIES = Array.from({ length: 80 }, (_, i) => ({
  cc: String.fromCharCode(65 + (i % 26), 65 + Math.floor(i / 26)),
  name: `Country ${i}`,
  lat: rnd() * 120 - 50,
  lon: rnd() * 340 - 170,
}));
const CITIES = Array.from({ length: 4000 }, (_, i) => {
  const c = pick(COUNTRIES);
  return {
    c,
    name: `City ${i}`,
    region: `Region ${i % 700}`,
    lat: c.lat + rnd() * 10 - 5,
    lon: c.lon + rnd() * 10 - 5,
  };
});
const ASNS = Array.from({ length: 1500 }, (_, i) => ({ asn: 1000 + i * 7, org: `Hosting Org ${i} Ltd` }));
const MALWARE = ['Dridex', 'Emotet', 'QakBot', 'TrickBot', 'BazarLoader', 'IcedID', 'Pikabot'];
const PORTS = ['443', '8080', '447', '449', '2222', '8443', '995', '4143'];

function ipRow(i, uniqueCoordinates) {
  const a = 1 + Math.floor(rnd() * 222);
  const ip = `${a}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`;
  const city = rnd() < 0.1 ? undefined : CITIES[Math.floor(rnd() ** 2 * CITIES.length)];
  const country = city ? city.c : pick(COUNTRIES);
  const as = ASNS[Math.floor(rnd() ** 2 * ASNS.length)];
  const t = new Date(Date.UTC(2021, 0, 1) + Math.floor(rnd() * 4 * 365 * 86400) * 1000);
  return {
    ip,
    latitude: uniqueCoordinates ? rnd() * 140 - 60 : city ? city.lat : country.lat,
    longitude: uniqueCoordinates ? rnd() * 360 - 180 : city ? city.lon : country.lon,
    countryCode: country.cc,
    countryName: country.name,
    ...(city ? { state: city.region, city: city.name } : {}),
    network: `${ip.split('.').slice(0, 2).join('.')}.0.0/16`,
    asn: as.asn,
    asOrganization: as.org,
    fields: {
      dst_port: pick(PORTS),
      c2_status: rnd() < 0.2 ? 'online' : 'offline',
      malware: MALWARE[i % MALWARE.length],
      first_seen_utc: t.toISOString().slice(0, 19).replace('T', ' '),
    },
  };
}
const rows = (n, unique) => Array.from({ length: n }, (_, i) => ipRow(i, unique));

function buildOurs(ips) {
  const map = createIocMap({
    title: 'bench',
    attribution: [{ text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' }],
  });
  const colors = ['red', 'blue', 'green', 'purple', 'orange', 'darkred', 'cadetblue'];
  MALWARE.forEach((family, i) => {
    map.addIpCluster(
      ips.filter((r) => r.fields.malware === family),
      { layer: family, color: colors[i] },
    );
  });
  return map;
}

// ---- browser timing -------------------------------------------------------------------
// Records performance.now() (ms since navigation start) when the first cluster icon
// enters the DOM; our page also reports when chunked loading has finished.
const OBSERVER = `(() => {
  window.__bench = {};
  new MutationObserver((_, obs) => {
    if (document.querySelector('.marker-cluster, .iocmap-cluster')) { window.__bench.cluster = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
})();`;

const localAssets = new Map([
  ['leaflet.js', readFileSync(require.resolve('leaflet/dist/leaflet.js'))],
  ['leaflet.css', readFileSync(require.resolve('leaflet/dist/leaflet.css'))],
  [
    'leaflet.markercluster.js',
    readFileSync(require.resolve('leaflet.markercluster/dist/leaflet.markercluster.js')),
  ],
  ['MarkerCluster.css', readFileSync(require.resolve('leaflet.markercluster/dist/MarkerCluster.css'))],
  [
    'MarkerCluster.Default.css',
    readFileSync(require.resolve('leaflet.markercluster/dist/MarkerCluster.Default.css')),
  ],
  [
    'jquery-1.12.4.min.js',
    existsSync('/usr/share/javascript/jquery/jquery.min.js')
      ? readFileSync('/usr/share/javascript/jquery/jquery.min.js')
      : Buffer.from(''),
  ],
  // Leaflet.awesome-markers is not installed locally; a stand-in with the same API
  // (one div icon per marker) keeps folium's page working offline.
  [
    'leaflet.awesome-markers.js',
    Buffer.from(
      "L.AwesomeMarkers={icon:function(o){return L.divIcon({className:'awesome-marker awesome-marker-icon-'+o.markerColor,iconSize:[35,45],iconAnchor:[17,42],html:'<i class=\"fa fa-info-sign\"></i>'})}};",
    ),
  ],
]);

async function timePage(browser, file, { ours }) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const url = pathToFileURL(file).href;
    await page.addInitScript(OBSERVER);
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      // folium's page loads its libraries from CDNs: serve the same libraries locally.
      const name = u.split('/').pop();
      const body = !ours && localAssets.get(name);
      if (body)
        return route.fulfill({ body, contentType: name.endsWith('.css') ? 'text/css' : 'text/javascript' });
      return route.abort();
    });
    await page.goto(url, { timeout: 120_000 });
    if (ours)
      await page.waitForFunction(() => window.__iocmap?.ready && window.__bench.cluster, null, {
        timeout: 120_000,
        polling: 50,
      });
    else await page.waitForFunction(() => window.__bench.cluster, null, { timeout: 120_000, polling: 50 });
    const t = await page.evaluate(() =>
      window.__iocmap ? Math.max(window.__iocmap.readyAt, window.__bench.cluster) : window.__bench.cluster,
    );
    times.push(t);
    await page.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function folium(ips, file) {
  const input = join(out, 'folium-input.json');
  writeFileSync(input, JSON.stringify(ips));
  const script = `
import json, sys, time, folium
from folium.plugins import MarkerCluster
ips = json.load(open(sys.argv[1]))
t0 = time.perf_counter()
m = folium.Map()
cluster = MarkerCluster().add_to(m)
for r in ips:
    popup = "<br>".join(f"{k}: {v}" for k, v in [("IP", r["ip"]), ("Country", r.get("countryName")), ("Region", r.get("state")), ("City", r.get("city")), ("Network", r.get("network")), ("ASN", r.get("asn")), *r["fields"].items()] if v is not None)
    folium.Marker([r["latitude"], r["longitude"]], popup=popup, tooltip=f'{r["ip"]} {r.get("city", "")} {r.get("countryName", "")}', icon=folium.Icon(color="red")).add_to(cluster)
m.save(sys.argv[2])
print(time.perf_counter() - t0)
`;
  return Number(execFileSync(PYTHON, ['-c', script, input, file], { encoding: 'utf8' }).trim()) * 1000;
}

const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const results = {};

// ---- 1. size and load time at 100,000 points -------------------------------------------
const baseline = Buffer.byteLength(
  createIocMap({
    title: 'bench',
    attribution: [{ text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' }],
  }).toHtml(),
);
console.log(`fixed assets (empty map): ${kb(baseline)}`);
const browser = HAVE_BROWSER ? await launchChromium() : undefined;
if (!browser) console.log(`${CHROMIUM} missing: load times skipped`);

for (const [label, unique] of [
  ['city-level coordinates (Feodo-like rows)', false],
  ['every IP at its own coordinate', true],
]) {
  const ips = rows(100_000, unique);
  const t0 = performance.now();
  const html = buildOurs(ips).toHtml();
  const renderMs = performance.now() - t0;
  const file = join(out, `ours-100k-${unique ? 'unique' : 'city'}.html`);
  writeFileSync(file, html);
  const bytes = Buffer.byteLength(html);
  const perPoint = (bytes - baseline) / ips.length;
  console.log(`\n100,000 IPs, ${label}`);
  console.log(
    `  toHtml: ${renderMs.toFixed(0)} ms, file ${kb(bytes)}, ${perPoint.toFixed(1)} bytes/point beyond fixed assets (target < 80) ${perPoint < 80 ? 'OK' : 'OVER'}`,
  );
  if (browser) {
    const ms = await timePage(browser, file, { ours: true });
    console.log(
      `  drawn (all markers clustered, icons in DOM): ${ms.toFixed(0)} ms median of ${RUNS} (target < 3000) ${ms < 3000 ? 'OK' : 'OVER'}`,
    );
    results[label] = { bytes, perPoint, ms };
  }
}

// ---- 2. side by side with folium at 10,000 points --------------------------------------
let hasFolium = false;
try {
  execFileSync(PYTHON, ['-c', 'import folium'], { stdio: 'ignore' });
  hasFolium = true;
} catch {
  console.log(`\n${PYTHON} has no folium: comparison skipped`);
}
if (hasFolium) {
  const ips = rows(10_000, false);
  const oursFile = join(out, 'ours-10k.html');
  const t0 = performance.now();
  writeFileSync(oursFile, buildOurs(ips).toHtml());
  const oursGen = performance.now() - t0;
  const folFile = join(out, 'folium-10k.html');
  const folGen = folium(ips, folFile);
  const oursSize = statSync(oursFile).size;
  const folSize = statSync(folFile).size;
  console.log(
    '\n10,000 IPs, same rows: @iocmap/map vs folium + MarkerCluster (folium libraries served locally)',
  );
  console.log(
    `  file size: ours ${kb(oursSize)}, folium ${kb(folSize)} → folium/ours ${(folSize / oursSize).toFixed(2)}x`,
  );
  console.log(`  generate:  ours ${oursGen.toFixed(0)} ms (Node), folium ${folGen.toFixed(0)} ms (Python)`);
  if (browser) {
    const oursMs = await timePage(browser, oursFile, { ours: true });
    const folMs = await timePage(browser, folFile, { ours: false });
    console.log(
      `  drawn:     ours ${oursMs.toFixed(0)} ms, folium ${folMs.toFixed(0)} ms → folium/ours ${(folMs / oursMs).toFixed(2)}x`,
    );
  }
}
await browser?.close();
// Keep the generated pages for inspection with IOCMAP_BENCH_KEEP=1.
if (process.env.IOCMAP_BENCH_KEEP === '1') console.log(`\npages kept in ${out}`);
else rmSync(out, { recursive: true, force: true });
