export {
  createMmdbProvider,
  createMmdbProviderSync,
  readMmdbMetadata,
  type MmdbProvider,
  type MmdbProviderOptions,
} from './mmdb-provider.js';
export type { MmdbMetadata, MmdbVerifyMode } from './internal/layout.js';
export { updateGeoLite2, type UpdateGeoLite2Options, type UpdateGeoLite2Result } from './update-geolite2.js';
