import { createMmdbProvider } from './dist/index.js';
import { readdirSync } from 'node:fs';
const S = '/work/shared/fixtures/mmdb/';
for (const f of readdirSync(S + 'bad-data')) {
  const t0 = performance.now();
  let out;
  try {
    const p = await createMmdbProvider({ path: S + 'bad-data/' + f });
    out = 'OPENED ' + p.metadata.databaseType;
    for (const ip of ['1.1.1.1', '81.2.69.142', '2001:218::', '::1']) { try { p.lookupSync(ip); } catch (e) { out += ` ${ip}:${e.code}`; } }
  } catch (e) { out = e.code + ' ' + e.message.slice(0, 150); }
  console.log(f, (performance.now() - t0).toFixed(1) + 'ms', out);
}
const known = [['GeoIP2-City-Test.mmdb', ['81.2.69.142','2.125.160.216','216.160.83.56','89.160.20.112','175.16.199.0','2001:218::','10.0.0.1','::ffff:81.2.69.142']],['GeoLite2-City-Test.mmdb',['81.2.69.142','2001:218::']],['GeoLite2-ASN-Test.mmdb',['89.160.20.112','1.128.0.0']],['GeoIP2-Country-Test.mmdb',['81.2.69.142']],['MaxMind-DB-test-ipv4-24.mmdb',['1.1.1.1','::1.1.1.1','2001::1']],['MaxMind-DB-no-ipv4-search-tree.mmdb',['1.1.1.1','::1']]];
for (const [f, ips] of known) { const p = await createMmdbProvider({ path: S + f }); console.log(f, p.metadata.ipVersion, JSON.stringify(p.capabilities), JSON.stringify(p.attribution)); for (const ip of ips) console.log('  ', ip, JSON.stringify(p.lookupSync(ip))); }
try { await createMmdbProvider({ path: '/nope/x.mmdb' }); } catch (e) { console.log(e.code, e.message); }
