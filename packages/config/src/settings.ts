/** GeoLite2 settings from `OtherProviders.GeoIPLite` (msticpy `GeoLiteLookup`). */
export interface GeoIpLiteSettings {
  /** MaxMind licence key, resolved; absent when not configured or not resolvable. */
  authKey?: string;
  /** MaxMind account ID as text (YAML numbers are converted), resolved. */
  accountId?: string;
  /** Absolute folder of the GeoLite2 databases, `~` expanded (default `~/.msticpy/GeoLite2`). */
  dbFolder: string;
  provider: 'GeoLiteLookup';
}

/** IPStack settings from `OtherProviders.IPStack` (msticpy `IPStackLookup`). */
export interface IpStackSettings {
  /** IPStack access key, resolved. */
  authKey?: string;
  provider: 'IPStackLookup';
}

/** ipinfo settings from `OtherProviders.IPInfo`. */
export interface IpInfoSettings {
  /** ipinfo.io token, resolved. */
  authKey?: string;
  provider: 'IPInfoLookup';
}

/**
 * The settings iocmap uses, with defaults applied and secrets resolved.
 *
 * A key is present only when its section is present in the file.
 */
export interface IocmapSettings {
  geoIpLite?: GeoIpLiteSettings;
  ipStack?: IpStackSettings;
  ipInfo?: IpInfoSettings;
}

/** The settings that may hold secrets, as `section.field` of {@link IocmapSettings}. */
export type SecretField = 'geoIpLite.authKey' | 'geoIpLite.accountId' | 'ipStack.authKey' | 'ipInfo.authKey';

/** How a secret setting was written: a plain value, `{EnvironmentVar}` or `{KeyVault}`. */
export type SecretKind = 'plain' | 'env' | 'keyVault';

/**
 * Where one secret setting came from, so it can be masked and explained
 * without showing its value.
 */
export interface SecretOrigin {
  /** The field in {@link IocmapSettings}. */
  field: SecretField;
  /** The dotted setting path in the file, e.g. `OtherProviders.GeoIPLite.Args.AuthKey`. */
  settingPath: string;
  kind: SecretKind;
  /** The variable name, for `kind: 'env'`. */
  envVar?: string;
  /** Whether a value was obtained (false: unset variable, unsupported Key Vault, resolver failure). */
  resolved: boolean;
}

/**
 * A `{KeyVault: ...}` reference handed to a secret resolver.
 *
 * `secretName` follows msticpy's Key Vault naming: the setting path with every
 * character outside `[0-9a-zA-Z-]` replaced by `-`
 * (`OtherProviders-GeoIPLite-Args-AuthKey`).
 */
export interface KeyVaultRef {
  kind: 'keyVault';
  /** The value under `KeyVault:` as written (`null` when empty). */
  value: string | Record<string, unknown> | null;
  secretName: string;
}

/**
 * Resolves a `{KeyVault: ...}` secret; called only for Key Vault references.
 *
 * @param ref - the reference as written.
 * @param settingPath - the dotted setting path.
 * @returns the secret value.
 */
export type SecretResolver = (ref: KeyVaultRef, settingPath: string) => Promise<string>;
