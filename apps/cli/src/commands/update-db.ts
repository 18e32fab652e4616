import { updateGeoLite2 } from '@iocmap/geoip-maxmind';
import { CliError } from '../errors.js';
import { loadCliConfig } from '../internal/config.js';
import type { CommandContext } from '../internal/context.js';
import { createProgress } from '../internal/progress.js';

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
      issue
        ? `update-db: ${issue.message}`
        : `update-db needs ${AUTH_KEY} in ${config.path}; add your MaxMind licence key (e.g. {EnvironmentVar: MAXMIND_AUTH})`,
      { value: AUTH_KEY },
    );
  }
  const progress = createProgress(context.io.stderr, {
    quiet: context.quiet,
    label: 'downloading',
    total: 0,
    unit: 'bytes',
  });
  let seen = 0;
  let result: Awaited<ReturnType<typeof updateGeoLite2>>;
  try {
    result = await updateGeoLite2({
      edition: options.edition,
      dbFolder: geo.dbFolder,
      licenseKey: geo.authKey,
      ...(geo.accountId !== undefined ? { accountId: geo.accountId } : {}),
      ...(options.force ? { force: true } : {}),
      onProgress: ({ receivedBytes, totalBytes }) => {
        if (totalBytes !== undefined) progress.setTotal(totalBytes);
        progress.increment(receivedBytes - seen);
        seen = receivedBytes;
      },
      onWarning: (message) => {
        if (!context.quiet) context.io.stderr.write(`iocmap: warning: ${message}\n`);
      },
    });
  } finally {
    progress.stop();
  }
  context.io.stdout.write(`${result.path}\n`);
  if (!context.quiet) {
    const built = result.buildEpoch.toISOString().slice(0, 10);
    context.io.stderr.write(
      `iocmap: ${options.edition} ${result.updated ? `updated (${result.reason})` : 'is up to date'}, built ${built}: ${result.path}\n`,
    );
  }
}
