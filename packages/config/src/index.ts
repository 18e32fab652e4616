export {
  ConfigError,
  type ConfigErrorCode,
  type ConfigErrorOptions,
  type ConfigIssue,
  isConfigError,
} from './config-error.js';
export {
  CONFIG_ENV_VAR,
  CONFIG_FILE_NAME,
  type ConfigLocation,
  type ConfigSearch,
  type ConfigSource,
  type FindConfigOptions,
  findConfig,
  searchConfig,
} from './find-config.js';
export {
  assertValid,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  MAX_ALIASES,
  MAX_NESTING_DEPTH,
} from './load-config.js';
export {
  type ConfigDescription,
  describeSettings,
  MASK,
  type MaskedSettings,
  maskSecrets,
} from './mask-secrets.js';
export {
  createJsonSchema,
  DEFAULT_GEOLITE_DB_FOLDER,
  envSecretSchema,
  geoIpLiteSchema,
  ipInfoSchema,
  ipStackSchema,
  keyVaultSecretSchema,
  type MsticpyConfig,
  msticpyConfigSchema,
  otherProvidersSchema,
  type SecretValue,
  secretValueSchema,
} from './schema.js';
export type {
  GeoIpLiteSettings,
  IocmapSettings,
  IpInfoSettings,
  IpStackSettings,
  KeyVaultRef,
  SecretField,
  SecretKind,
  SecretOrigin,
  SecretResolver,
} from './settings.js';
