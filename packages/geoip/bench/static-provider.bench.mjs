// Cost of one createStaticProvider lookup against table size: tables of 1k, 8k and 64k entries
// (half IPv4 /24 blocks, a quarter exact IPv4 addresses, a quarter IPv6 /48 blocks), queried with
// addresses that miss, hit an IPv4 block, and hit an IPv6 block. The provider indexes its table
// when created, so a lookup should cost about the same at every size. Run after `pnpm run build`
// (`pnpm bench` does).
import { createStaticProvider } from '../dist/index.js';

const N = Number(process.env.BENCH_N ?? 20_000);
const SIZES = (process.env.BENCH_SIZES ?? '1000,8000,64000').split(',').map(Number);

function table(size) {
  const records = {};
  for (let i = 0; i < size; i++) {
    const key =
      i % 4 < 2
        ? `10.${(i >>> 8) & 255}.${i & 255}.0/24`
        : i % 4 === 2
          ? `172.16.${(i >>> 8) & 255}.${i & 255}`
          : `2001:db8:${i.toString(16)}::/48`;
    records[key] = { countryCode: 'ZZ' };
  }
  return records;
}

const queries = {
  'IPv4 miss': Array.from({ length: N }, (_, i) => `198.51.${(i >>> 8) & 255}.${i & 255}`),
  'IPv4 hit': Array.from({ length: N }, (_, i) => `10.0.${(i * 4) & 255}.${(i * 7) & 255}`),
  'IPv6 hit': Array.from(
    { length: N },
    (_, i) => `2001:db8:${((i * 4 + 3) & 255).toString(16)}::${(i & 0xffff).toString(16)}`,
  ),
};

function best(run, rounds) {
  let ms = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    run();
    ms = Math.min(ms, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms;
}

// A first pass over a small table lets the JIT settle before anything is reported.
for (const ips of Object.values(queries)) {
  const warm = createStaticProvider(table(64));
  for (let round = 0; round < 3; round++) for (const ip of ips) warm.lookupSync(ip);
}

console.log(`${N} lookups per row, best of 3`);
for (const size of SIZES) {
  const records = table(size);
  let provider;
  const buildMs = best(() => {
    provider = createStaticProvider(records);
  }, 3);
  console.log(`${String(size).padStart(6)} entries: created in ${buildMs.toFixed(1)} ms`);
  for (const [label, ips] of Object.entries(queries)) {
    let hits = 0;
    const ms = best(() => {
      hits = 0;
      for (let i = 0; i < N; i++) if (provider.lookupSync(ips[i]) !== null) hits++;
    }, 3);
    console.log(
      `${String(size).padStart(6)} entries: ${label.padEnd(10)} ${ms.toFixed(1).padStart(9)} ms ${((ms * 1e6) / N).toFixed(0).padStart(8)} ns/lookup  (${hits} hits)`,
    );
  }
}
