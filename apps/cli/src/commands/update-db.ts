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
  /** `--timeout`: limit for the whole download in ms (default 600000, 10 minutes). */
  timeout?: number;
}

/** Default limit for the whole download: 10 minutes. */
const DEFAULT_TIMEOUT_MS = 600_000;

const AUTH_KEY = 'OtherProviders.GeoIPLite.Args.AuthKey';

/** GeoLite2 editions MaxMind serves as mmdb (https://dev.maxmind.com/geoip/geolite2-free-geolocation-data). */
export const GEOLITE2_EDITIONS = ['GeoLite2-City', 'GeoLite2-ASN', 'GeoLite2-Country'] as const;

/**
 * Check `--edition` before any network traffic: an edition ID is letters,
 * digits and `-` only, and must be one of {@link GEOLITE2_EDITIONS}.
 *
 * @throws CliError `USAGE` naming the value and the editions (with the right spelling when only the case differs).
 */
function checkEdition(edition: string): void {
  if ((GEOLITE2_EDITIONS as readonly string[]).includes(edition)) return;
  const spelled = GEOLITE2_EDITIONS.find((known) => known.toLowerCase() === edition.toLowerCase());
  const shown = /^[A-Za-z0-9-]+$/.test(edition) ? edition : JSON.stringify(edition);
  throw new CliError(
    'USAGE',
    spelled
      ? `unknown --edition ${shown}; edition IDs are case-sensitive: use ${spelled}`
      : `unknown --edition ${shown}; use one of: ${GEOLITE2_EDITIONS.join(', ')}`,
    { value: edition },
  );
}

/**
 * `iocmap update-db`: download or refresh a MaxMind GeoLite2 database into
 * the configured DBFolder, with the configured licence key and account ID.
 *
 * @throws CliError `USAGE` for an unknown `--edition`; `CONFIG` when the configuration has no GeoIPLite section or no usable AuthKey.
 */
export async function runUpdateDb(options: UpdateDbOptions, context: CommandContext): Promise<void> {
  checkEdition(options.edition);
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
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  let result: Awaited<ReturnType<typeof updateGeoLite2>>;
  try {
    result = await updateGeoLite2({
      edition: options.edition,
      dbFolder: geo.dbFolder,
      licenseKey: geo.authKey,
      ...(geo.accountId !== undefined ? { accountId: geo.accountId } : {}),
      ...(options.force ? { force: true } : {}),
      timeoutMs,
      ...(context.io.fetch ? { fetch: context.io.fetch } : {}),
      onProgress: ({ receivedBytes, totalBytes }) => {
        if (totalBytes !== undefined) progress.setTotal(totalBytes);
        progress.increment(receivedBytes - seen);
        seen = receivedBytes;
      },
      onWarning: (message) => {
        if (!context.quiet) context.io.stderr.write(`iocmap: warning: ${message}\n`);
      },
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'TIMEOUT') {
      throw new CliError(
        'NETWORK',
        `${(error as Error).message} (update-db --timeout is ${timeoutMs} ms; pass a larger --timeout on a slow link)`,
        { cause: error },
      );
    }
    throw error;
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
