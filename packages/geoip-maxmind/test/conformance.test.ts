import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeGeoProviderConformance } from '@iocmap/geoip/testing';
import { createMmdbProvider } from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describeGeoProviderConformance('mmdb (GeoIP2 City)', async () => ({
  provider: await createMmdbProvider({ path: fixture('geoip2-city.mmdb') }),
  known: {
    ipv4: { ip: '81.2.69.142', countryCode: 'GB' },
    ipv6: { ip: '2001:218::1', countryCode: 'JP' },
    notFound: '8.8.8.8',
  },
  failing: {
    create: async () => {
      const path = join(await mkdtemp(join(tmpdir(), 'iocmap-conf-')), 'bad.mmdb');
      await writeFile(path, Buffer.from('not an mmdb file'));
      return createMmdbProvider({ path });
    },
    code: 'DATABASE_CORRUPT',
  },
}));

describeGeoProviderConformance('mmdb (DB-IP flat, IPv4-only)', async () => ({
  provider: await createMmdbProvider({ path: fixture('dbip-city-ipv4.mmdb'), name: 'dbip-file' }),
  known: { ipv4: { ip: '1.1.1.1', countryCode: 'AU' }, notFound: '9.9.9.9' },
}));
