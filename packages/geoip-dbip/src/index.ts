export {
  createDbipProvider,
  DBIP_ATTRIBUTION,
  type DbipDatabaseInfo,
  type DbipProvider,
  type DbipProviderOptions,
} from './dbip-provider.js';
