// Opening the embedded database and answering the first lookup: time and RSS.
import { createDbipProvider } from '../dist/index.js';

const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const geo = createDbipProvider();
const t1 = performance.now();
const first = geo.lookupSync('8.8.8.8');
const t2 = performance.now();
const rss1 = process.memoryUsage().rss;
const first6 = geo.lookupSync('2001:4860:4860::8888');
const t3 = performance.now();
const rss2 = process.memoryUsage().rss;
console.log(`\ncreateDbipProvider()                 ${(t1 - t0).toFixed(1)} ms (lazy: nothing read)`);
console.log(
  `first IPv4 lookup (opens IPv4 file)  ${(t2 - t1).toFixed(1)} ms  -> ${first?.city}, ${first?.countryCode}`,
);
console.log(
  `first IPv6 lookup (opens IPv6 file)  ${(t3 - t2).toFixed(1)} ms  -> ${first6?.city}, ${first6?.countryCode}`,
);
console.log(
  `RSS before ${mb(rss0)}, after IPv4 ${mb(rss1)} (+${mb(rss1 - rss0)}), after IPv6 ${mb(rss2)} (+${mb(rss2 - rss0)})`,
);
