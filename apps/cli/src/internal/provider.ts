import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LoadedConfig } from '@iocmap/config';
import {
  createIpInfoProvider,
  createIpStackProvider,
  type GeoAttribution,
  type GeoProvider,
  merge,
} from '@iocmap/geoip';
import { createDbipProvider, DBIP_ATTRIBUTION } from '@iocmap/geoip-dbip';
import { createMmdbProvider } from '@iocmap/geoip-maxmind';
import { CliError } from '../errors.js';
import { assertConfigUsable, loadCliConfig } from './config.js';
import type { CommandContext } from './context.js';
import type { ProviderName } from './provider-names.js';

/** Options that choose the GeoIP provider. */
export interface ProviderOptions {
  /** `--db PATH`, repeatable. */
  db?: string[];
  /** `--provider`. */
  provider?: ProviderName;
  /** `--config`. */
  config?: string;
}

/** The provider chosen, with the attributions its data requires. */
export interface ProviderChoice {
  provider: GeoProvider;
  attribution: GeoAttribution[];
}

const CITY_DB = 'GeoLite2-City.mmdb';
const ASN_DB = 'GeoLite2-ASN.mmdb';
const GEOIPLITE = 'OtherProviders.GeoIPLite';

/**
 * Pick the GeoIP provider: `--db` files (a City and an ASN database merged);
 * else `--provider`; else MaxMind GeoLite2 when the configuration has
 * `OtherProviders.GeoIPLite`; else the embedded DB-IP database.
 *
 * @throws CliError `USAGE` for `--db` with a `--provider` other than `maxmind`;
 *   `CONFIG` when the configuration consulted has issues (listed) or lacks what the provider needs
 *   (GeoLite2-City.mmdb in DBFolder, an IPStack/IPInfo key), `DATABASE` when a `--db` file cannot be opened.
 */
export async function chooseProvider(
  options: ProviderOptions,
  context: CommandContext,
): Promise<ProviderChoice> {
  if (options.db && options.db.length > 0) {
    if (options.provider !== undefined && options.provider !== 'maxmind') {
      throw new CliError(
        'USAGE',
        `--db and --provider ${options.provider} conflict: --db reads MaxMind databases; drop --db, or use --provider maxmind (or no --provider)`,
        { value: options.provider },
      );
    }
    const providers = [];
    for (const path of options.db) providers.push(await openMmdb(resolve(context.io.cwd, path), '--db'));
    return withAttribution(combine(providers));
  }
  const explicit = options.provider;
  if (explicit === 'dbip') return withAttribution(createDbipProvider(), DBIP_ATTRIBUTION);
  const config = await loadCliConfig(options.config, context);
  assertConfigUsable(config);
  const name: ProviderName = explicit ?? (config.settings.geoIpLite ? 'maxmind' : 'dbip');
  switch (name) {
    case 'dbip':
      return withAttribution(createDbipProvider(), DBIP_ATTRIBUTION);
    case 'maxmind':
      return maxmindFromConfig(config);
    case 'ipstack': {
      const key = config.settings.ipStack?.authKey;
      if (!key) throw missingKey(config, 'OtherProviders.IPStack.Args.AuthKey', 'ipstack');
      return withAttribution(createIpStackProvider({ accessKey: key }));
    }
    case 'ipinfo': {
      const key = config.settings.ipInfo?.authKey;
      if (!key) throw missingKey(config, 'OtherProviders.IPInfo.Args.AuthKey', 'ipinfo');
      return withAttribution(createIpInfoProvider({ token: key }));
    }
  }
}

async function maxmindFromConfig(config: LoadedConfig): Promise<ProviderChoice> {
  // msticpy's GeoLiteLookup resolves its settings (the licence key included,
  // which it needs to refresh the database) before any lookup; so does iocmap:
  // an unset {EnvironmentVar: NAME} is a configuration error, not a silent skip.
  const problems = config.issues.filter((issue) => issue.path.startsWith(GEOIPLITE));
  if (problems.length > 0) {
    throw new CliError(
      'CONFIG',
      `${config.path ?? 'msticpyconfig.yaml'}: ${problems.map((issue) => issue.message).join('; ')}`,
      { value: problems[0]?.path },
    );
  }
  const folder = config.settings.geoIpLite?.dbFolder;
  if (folder === undefined) {
    throw new CliError(
      'CONFIG',
      `--provider maxmind needs OtherProviders.GeoIPLite (with Args.DBFolder) in msticpyconfig.yaml (${config.reason}); add it, pass --db PATH, or use --provider dbip`,
    );
  }
  const cityPath = join(folder, CITY_DB);
  if (!existsSync(cityPath)) {
    throw new CliError(
      'CONFIG',
      `MaxMind database not found: looked for ${cityPath} (OtherProviders.GeoIPLite.Args.DBFolder in ${config.path ?? 'the configuration'}); run \`iocmap update-db\` to download it, or use --provider dbip for the embedded database`,
      { value: cityPath },
    );
  }
  const providers = [await openMmdb(cityPath, 'DBFolder')];
  const asnPath = join(folder, ASN_DB);
  if (existsSync(asnPath)) providers.push(await openMmdb(asnPath, 'DBFolder'));
  return withAttribution(combine(providers));
}

async function openMmdb(path: string, origin: string): Promise<GeoProvider> {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliError(
      'DATABASE',
      `${origin} ${path} is a directory; pass the .mmdb file itself (e.g. ${join(path, CITY_DB)})`,
      { value: path },
    );
  }
  try {
    return await createMmdbProvider({ path });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'DATABASE_NOT_FOUND') {
      throw new CliError('DATABASE', `${origin} ${path}: no such database file; check the path`, {
        value: path,
        cause: error,
      });
    }
    const shown = message.includes(path) ? `${origin}: ${message}` : `${origin} ${path}: ${message}`;
    throw new CliError('DATABASE', shown, { value: path, cause: error });
  }
}

/** One provider, or a City database merged with the ASN database(s). */
function combine(providers: GeoProvider[]): GeoProvider {
  const city = providers.find((provider) => provider.capabilities.city) ?? providers[0];
  if (!city) throw new CliError('USAGE', '--db needs a path');
  const rest = providers.filter((provider) => provider !== city);
  return rest.length === 0 ? city : merge(city, ...rest);
}

function withAttribution(provider: GeoProvider, fallback?: GeoAttribution): ProviderChoice {
  const attribution = provider.attribution ?? fallback;
  return { provider, attribution: attribution ? [attribution] : [] };
}

function missingKey(config: LoadedConfig, settingPath: string, provider: string): CliError {
  const issue = config.issues.find((entry) => entry.path === settingPath);
  const where = config.path ?? 'msticpyconfig.yaml (none found)';
  return new CliError(
    'CONFIG',
    issue
      ? `--provider ${provider}: ${issue.message}`
      : `--provider ${provider} needs ${settingPath} in ${where}; add the key (e.g. {EnvironmentVar: NAME}) or choose another --provider`,
    { value: settingPath },
  );
}
