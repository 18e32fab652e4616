import { createStaticProvider } from '../../src/providers/static.js';
import { describeGeoProviderConformance } from '../../src/testing/index.js';

describeGeoProviderConformance('createStaticProvider', async () => ({
  provider: createStaticProvider({
    '8.8.8.0/24': { countryCode: 'US', city: 'Mountain View' },
    '2606:4700::/32': { countryCode: 'US', asn: 13335 },
    '81.2.69.128/26': { countryCode: 'GB', city: 'London' },
  }),
  known: {
    ipv4: { ip: '81.2.69.142', countryCode: 'GB' },
    ipv6: { ip: '2606:4700::1111', countryCode: 'US' },
    notFound: '1.1.1.1',
  },
  failing: {
    create: () => createStaticProvider({ 'not-a-cidr': { countryCode: 'US' } }),
    code: 'INVALID_OPTION',
  },
}));
