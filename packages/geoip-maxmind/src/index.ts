export type { MmdbMetadata, MmdbVerifyMode } from './mmdb-metadata.js';
export {
  createMmdbProvider,
  createMmdbProviderSync,
  type MmdbProvider,
  type MmdbProviderOptions,
  readMmdbMetadata,
} from './mmdb-provider.js';
export { type UpdateGeoLite2Options, type UpdateGeoLite2Result, updateGeoLite2 } from './update-geolite2.js';
