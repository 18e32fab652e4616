// Host overhead per address with caching off: createGeoHost(...).lookupSync / lookup over an
// in-memory provider, against calling the provider's lookupSync directly. The host's cost is
// parsing, classification and one result object per address (kept alive, as callers keep them). Run after `pnpm run build`
// (`pnpm bench` does). The 1.3x budget against a bare maxmind Reader.get is measured by the
// mmdb benchmark, which needs @iocmap/geoip-maxmind.
import { createGeoHost, createStaticProvider } from '../dist/index.js';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const ips = Array.from(
  { length: N },
  (_, i) => `${(i % 223) + 1}.${(i >>> 8) & 255}.${i & 255}.${(i * 7) & 255}`,
);
const record = { countryCode: 'ZZ' };
const constant = {
  name: 'constant',
  capabilities: { city: false, country: true, asn: false, offline: true },
  lookup: async () => record,
  lookupSync: () => record,
};

function time(label, run) {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { label, ms: best, nsPerAddress: (best * 1e6) / N };
}

async function compare(provider) {
  const host = createGeoHost({ provider, cache: false });
  const bare = time(`${provider.name}: provider.lookupSync`, () => {
    const out = new Array(N);
    for (let i = 0; i < N; i++) out[i] = provider.lookupSync(ips[i]);
    return out;
  });
  const sync = time(`${provider.name}: host.lookupSync`, () => host.lookupSync(ips));
  let asyncMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    await host.lookup(ips);
    asyncMs = Math.min(asyncMs, Number(process.hrtime.bigint() - start) / 1e6);
  }
  const rows = [
    bare,
    sync,
    { label: `${provider.name}: host.lookup`, ms: asyncMs, nsPerAddress: (asyncMs * 1e6) / N },
  ];
  for (const row of rows) {
    const ratio = (row.ms / bare.ms).toFixed(2);
    console.log(
      `${row.label.padEnd(32)} ${row.ms.toFixed(1).padStart(9)} ms ${row.nsPerAddress.toFixed(0).padStart(6)} ns/address ${ratio}x`,
    );
  }
}

console.log(`${N} IPv4 addresses, cache off, best of 5`);
await compare(constant);
await compare(createStaticProvider({ '0.0.0.0/0': { countryCode: 'ZZ' } }, { name: 'static' }));
