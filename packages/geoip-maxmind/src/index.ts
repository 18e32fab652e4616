export {
  createMmdbProvider,
  createMmdbProviderSync,
  readMmdbMetadata,
  type MmdbProvider,
  type MmdbProviderOptions,
} from './mmdb-provider.js';
export type { MmdbMetadata, MmdbVerifyMode } from './internal/layout.js';
