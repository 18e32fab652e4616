import { updateGeoLite2 } from '@iocmap/geoip-maxmind';
import { CliError } from '../errors.js';
import { loadCliConfig } from '../internal/config.js';
import type { CommandContext } from '../internal/context.js';

/** Options of `iocmap update-db`. */
export interface UpdateDbOptions {
  edition: string;
  force?: boolean;
  config?: string;
}

const AUTH_KEY = 'OtherProviders.GeoIPLite.Args.AuthKey';

/**
 * `iocmap update-db`: download or refresh a MaxMind GeoLite2 database into
 * the configured DBFolder, with the configured licence key and account ID.
 *
 * @throws CliError `CONFIG` when the configuration has no GeoIPLite section or no usable AuthKey.
 */
export async function runUpdateDb(options: UpdateDbOptions, context: CommandContext): Promise<void> {
  const config = await loadCliConfig(options.config, context);
  const geo = config.settings.geoIpLite;
  if (!geo) {
    throw new CliError(
      'CONFIG',
      `update-db needs OtherProviders.GeoIPLite in msticpyconfig.yaml (${config.reason}); add it with Args.AuthKey (your MaxMind licence key), Args.AccountID and Args.DBFolder`,
    );
  }
  if (!geo.authKey) {
    const issue = config.issues.find((entry) => entry.path === AUTH_KEY);
    throw new CliError(
      'CONFIG',
      issue ? `update-db: ${issue.message}` : `update-db needs ${AUTH_KEY} in ${config.path}; add your MaxMind licence key (e.g. {EnvironmentVar: MAXMIND_AUTH})`,
      { value: AUTH_KEY },
    );
  }
  const result = await updateGeoLite2({
    edition: options.edition,
    dbFolder: geo.dbFolder,
    licenseKey: geo.authKey,
    ...(geo.accountId !== undefined ? { accountId: geo.accountId } : {}),
    ...(options.force ? { force: true } : {}),
  });
  context.io.stdout.write(`${result.path}\n`);
  if (!context.quiet) {
    context.io.stderr.write(`iocmap: ${options.edition} ${result.updated ? 'updated' : 'is up to date'}: ${result.reason}\n`);
  }
}
