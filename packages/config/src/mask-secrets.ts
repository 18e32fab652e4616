import type { ConfigIssue } from './config-error.js';
import type { ConfigSource } from './find-config.js';
import type { LoadedConfig } from './load-config.js';
import type { IocmapSettings, SecretField, SecretOrigin } from './settings.js';

/** What a plain secret is shown as. */
export const MASK = '********';

/** {@link IocmapSettings} with every secret replaced by a label; safe to print. */
export interface MaskedSettings {
  geoIpLite?: { authKey?: string; accountId?: string; dbFolder: string; provider: 'GeoLiteLookup' };
  ipStack?: { authKey?: string; provider: 'IPStackLookup' };
  ipInfo?: { authKey?: string; provider: 'IPInfoLookup' };
}

/** What `iocmap config show` prints: the file, why it was chosen, masked settings, problems. */
export interface ConfigDescription {
  file: string | null;
  source: ConfigSource | 'none';
  reason: string;
  notes: string[];
  settings: MaskedSettings;
  /** Where each secret comes from, e.g. `{ 'OtherProviders.GeoIPLite.Args.AuthKey': 'env MAXMIND_AUTH' }`. */
  secretSources: Record<string, string>;
  /** Top-level sections in the file that iocmap does not read (kept, not validated). */
  otherSections: string[];
  issues: ConfigIssue[];
}

function label(origin: SecretOrigin | undefined): string {
  if (origin === undefined || origin.kind === 'plain') return MASK;
  if (origin.kind === 'env') {
    return origin.resolved ? `<from env ${origin.envVar}>` : `<from env ${origin.envVar}: not set>`;
  }
  return origin.resolved ? '<from KeyVault>' : '<from KeyVault: not resolved>';
}

/**
 * Copy settings with every secret replaced by a label, never its value.
 *
 * `authKey` is always masked; `accountId` is masked when it came from
 * `{EnvironmentVar}`/`{KeyVault}` or when `secrets` is not given (safe by
 * default), and shown when it was written as a plain value. Labels:
 * `"********"` (plain), `"<from env NAME>"`, `"<from KeyVault>"`, with
 * `": not set"`/`": not resolved"` when no value was obtained.
 *
 * @param secrets - `LoadedConfig.secrets`, to label by origin.
 * @example
 * console.log(JSON.stringify(maskSecrets(loaded.settings, loaded.secrets), null, 2));
 */
export function maskSecrets(settings: IocmapSettings, secrets?: readonly SecretOrigin[]): MaskedSettings {
  const byField = new Map<SecretField, SecretOrigin>();
  for (const origin of secrets ?? []) byField.set(origin.field, origin);
  const secret = (field: SecretField, value: string | undefined, alwaysMask: boolean): { v?: string } => {
    const origin = byField.get(field);
    if (value === undefined) return origin === undefined ? {} : { v: label(origin) };
    if (!alwaysMask && origin?.kind === 'plain') return { v: value };
    return { v: label(origin) };
  };
  const put = <K extends string>(key: K, found: { v?: string }): Partial<Record<K, string>> =>
    found.v === undefined ? {} : ({ [key]: found.v } as Record<K, string>);

  const masked: MaskedSettings = {};
  if (settings.geoIpLite) {
    const accountIsPlainKnown = secrets !== undefined;
    masked.geoIpLite = {
      ...put('authKey', secret('geoIpLite.authKey', settings.geoIpLite.authKey, true)),
      ...put('accountId', secret('geoIpLite.accountId', settings.geoIpLite.accountId, !accountIsPlainKnown)),
      dbFolder: settings.geoIpLite.dbFolder,
      provider: settings.geoIpLite.provider,
    };
  }
  if (settings.ipStack) {
    masked.ipStack = {
      ...put('authKey', secret('ipStack.authKey', settings.ipStack.authKey, true)),
      provider: settings.ipStack.provider,
    };
  }
  if (settings.ipInfo) {
    masked.ipInfo = {
      ...put('authKey', secret('ipInfo.authKey', settings.ipInfo.authKey, true)),
      provider: settings.ipInfo.provider,
    };
  }
  return masked;
}

const READ_SECTIONS = new Set(['OtherProviders']);

/**
 * Describe a loaded configuration for `iocmap config show`, secrets masked.
 *
 * The result is plain JSON-serialisable data and never contains a secret
 * value (see {@link maskSecrets}); `raw` is deliberately left out because
 * other sections may hold plain-text keys.
 *
 * @example
 * console.log(JSON.stringify(describeSettings(await loadConfig()), null, 2));
 */
export function describeSettings(loaded: LoadedConfig): ConfigDescription {
  const raw = loaded.raw;
  const otherSections =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? Object.keys(raw).filter((key) => !READ_SECTIONS.has(key))
      : [];
  const secretSources: Record<string, string> = {};
  for (const origin of loaded.secrets) {
    secretSources[origin.settingPath] =
      origin.kind === 'env' ? `env ${origin.envVar}` : origin.kind === 'keyVault' ? 'KeyVault' : 'file';
  }
  return {
    file: loaded.path,
    source: loaded.source,
    reason: loaded.reason,
    notes: [...loaded.notes],
    settings: maskSecrets(loaded.settings, loaded.secrets),
    secretSources,
    otherSections,
    issues: loaded.issues.map((issue) => ({ ...issue })),
  };
}
