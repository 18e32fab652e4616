import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ExtractFormat } from './commands/extract.js';
import type { GeoipCommandOptions } from './commands/geoip.js';
import type { MapCommandOptions } from './commands/map.js';
import type { UpdateDbOptions } from './commands/update-db.js';
import type { CommandContext, CommonOptions } from './internal/context.js';
import { PROVIDER_NAMES } from './internal/provider-names.js';
import { toCliError } from './internal/to-cli-error.js';
import type { CliIo } from './io.js';
import { DEFAULT_FETCH_LIMITS } from './sources/fetch-url.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Run the `iocmap` command line in-process.
 *
 * `argv` is the arguments after the program name (`process.argv.slice(2)`).
 * Output goes to `io.stdout`, diagnostics to `io.stderr` as
 * `iocmap: <message>` (with a stack trace only under `--debug` or
 * `IOCMAP_DEBUG=1`). Never calls `process.exit`.
 *
 * @returns the exit code: 0 success, 1 runtime failure, 2 usage or configuration error.
 * @example
 * ```ts
 * const code = await main(['extract', 'report.txt'], processIo());
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug') || io.env.IOCMAP_DEBUG === '1';
  const program = buildProgram(io, debug);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const cliError = toCliError(error);
    io.stderr.write(`iocmap: ${cliError.message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return cliError.exitCode;
  }
}

function buildProgram(io: CliIo, debug: boolean): Command {
  const program = new Command('iocmap');
  program
    .description('Extract indicators of compromise, geolocate IP addresses, and draw them on an offline map.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'iocmap: ')),
    })
    .addHelpText(
      'after',
      `
Examples:
  echo '1.1.1[.]1 example[.]com' | iocmap extract
  iocmap geoip 10.1.2.3 8.8.8.8
  iocmap map feed.csv -o map.html --layer-by malware
  iocmap demo

Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.`,
    );

  const context = (options: CommonOptions): CommandContext => ({
    io,
    quiet: options.quiet === true,
    debug,
    fetch: {
      timeoutMs: options.urlTimeout ?? DEFAULT_FETCH_LIMITS.timeoutMs,
      maxBytes: options.urlMaxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes,
    },
  });

  const extract = program
    .command('extract')
    .description(
      'Print the indicators (IoCs) found in the sources: files, globs, directories, URLs or - for stdin.',
    )
    .argument('[source...]', 'files, globs, directories, http(s) URLs, or - for standard input (default)')
    .option('--types <list>', 'comma-separated IoC types to report (e.g. ipv4,dns,url)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'jsonl', 'csv']).default('json'),
    )
    .option('--ip-column <name>', 'take IP addresses only from this CSV column')
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout');
  addCommonOptions(extract).addHelpText(
    'after',
    `
Examples:
  echo '1.1.1[.]1 example[.]com' | iocmap extract
  iocmap extract report.pdf.txt --types ipv4,url
  iocmap extract logs/ --format jsonl -o iocs.jsonl
  iocmap extract feed.csv --format csv       # one row per indicator, with the CSV row's fields
  iocmap extract https://example.org/report.txt`,
  );
  extract.action(
    async (
      sources: string[],
      options: { types?: string; format: ExtractFormat; output?: string; ipColumn?: string } & CommonOptions,
    ) => {
      const { runExtract } = await import('./commands/extract.js');
      await runExtract(sources, options, context(options));
    },
  );

  const geoip = program
    .command('geoip')
    .description('Geolocate IP addresses given as arguments or extracted from the sources.')
    .argument(
      '[ip-or-source...]',
      'IP addresses, or sources whose IP addresses are extracted (default: stdin)',
    );
  addProviderOptions(geoip)
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['json', 'jsonl', 'csv', 'geojson'])
        .default('json'),
    )
    .option('--ip-column <name>', 'take IP addresses only from this CSV column')
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout');
  addCommonOptions(geoip).addHelpText(
    'after',
    `
Examples:
  iocmap geoip 10.1.2.3 8.8.8.8
  iocmap geoip access.log --format csv -o ips.csv
  iocmap geoip feed.csv --format geojson -o points.geojson     # for QGIS or kepler.gl
  iocmap geoip 8.8.8.8 --db GeoLite2-City.mmdb --db GeoLite2-ASN.mmdb`,
  );
  geoip.action(async (args: string[], options: GeoipCommandOptions & CommonOptions) => {
    const { runGeoip } = await import('./commands/geoip.js');
    await runGeoip(args, options, context(options));
  });

  const map = program
    .command('map')
    .description('Draw the IP addresses of the sources on a standalone, offline HTML map.')
    .argument('[source...]', 'files, globs, directories, http(s) URLs, or - for standard input (default)')
    .requiredOption('-o, --output <file>', 'the HTML file to write (atomically)');
  addProviderOptions(map)
    .option('--color <name>', 'marker colour (folium palette name, e.g. red, blue, darkgreen); default red')
    .option('--title <text>', 'page and map title')
    .option('--layer-by <column>', 'one layer per value of this CSV column (e.g. malware)')
    .option(
      '--tiles <url>',
      'draw this tile server under the outlines (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png)',
    )
    .option('--tiles-attribution <text>', 'attribution text the tile server requires')
    .option('--cluster', 'group nearby markers into clusters (default)')
    .option('--no-cluster', 'draw every marker on its own')
    .option('--ip-column <name>', 'take IP addresses only from this CSV column')
    .option('--open', 'open the map in the default browser');
  addCommonOptions(map).addHelpText(
    'after',
    `
Examples:
  iocmap map report.txt -o map.html
  iocmap map feed.csv -o feodo.html --layer-by malware --open
  iocmap map logs/ -o map.html --color darkblue --no-cluster`,
  );
  map.action(
    async (
      sources: string[],
      options: Omit<MapCommandOptions, 'cluster'> & { cluster?: boolean } & CommonOptions,
    ) => {
      const { runMap } = await import('./commands/map.js');
      await runMap(sources, { ...options, cluster: options.cluster !== false }, context(options));
    },
  );

  const updateDb = program
    .command('update-db')
    .description(
      'Download or refresh a MaxMind GeoLite2 database with the credentials in msticpyconfig.yaml.',
    )
    .option(
      '--edition <name>',
      'GeoLite2 edition: GeoLite2-City, GeoLite2-ASN or GeoLite2-Country',
      'GeoLite2-City',
    )
    .option('--force', 'download even when the local copy is current')
    .option(
      '--timeout <ms>',
      `limit for the whole download in ms, 1 to ${MAX_URL_TIMEOUT_MS} (default ${DEFAULT_UPDATE_TIMEOUT_MS}, 10 minutes); a stall of 60 s also fails`,
      (value: string) => wholeNumber(value, 1, MAX_URL_TIMEOUT_MS, 'milliseconds'),
    )
    .option('--config <path>', 'msticpyconfig.yaml to use (default: msticpy search order)');
  addCommonOptions(updateDb, false).addHelpText(
    'after',
    `
Examples:
  MAXMIND_AUTH=... iocmap update-db
  iocmap update-db --edition GeoLite2-ASN --force --config ./msticpyconfig.yaml`,
  );
  updateDb.action(async (options: UpdateDbOptions & CommonOptions) => {
    const { runUpdateDb } = await import('./commands/update-db.js');
    await runUpdateDb(options, context(options));
  });

  const config = program.command('config').description('Inspect the msticpyconfig.yaml iocmap uses.');
  type ConfigRunner = 'runConfigPath' | 'runConfigShow' | 'runConfigValidate';
  const configSub = (name: string, description: string, runner: ConfigRunner) => {
    const sub = config
      .command(name)
      .description(description)
      .option('--config <path>', 'msticpyconfig.yaml to use (default: msticpy search order)');
    addCommonOptions(sub, false).action(async (options: { config?: string } & CommonOptions) => {
      const commands = await import('./commands/config.js');
      await commands[runner](options, context(options));
    });
    return sub;
  };
  configSub('path', 'print which configuration file is in use, and why', 'runConfigPath');
  configSub('show', 'print the effective settings as JSON, secrets masked', 'runConfigShow');
  configSub('validate', 'check the configuration; exit 2 listing every problem', 'runConfigValidate');
  config.addHelpText(
    'after',
    `
Search order (as msticpy): --config, $MSTICPYCONFIG, ./msticpyconfig.yaml, ~/.msticpy/msticpyconfig.yaml

Examples:
  iocmap config path
  iocmap config show --config ./msticpyconfig.yaml
  iocmap config validate`,
  );

  const demo = program
    .command('demo')
    .description('Map the shipped sample incident report with the embedded database; print the HTML path.')
    .option('-o, --output <file>', 'the HTML file to write', 'demo/iocmap-demo.html');
  addCommonOptions(demo).addHelpText('after', '\nExamples:\n  iocmap demo\n  iocmap demo -o /tmp/demo.html');
  demo.action(async (options: { output: string } & CommonOptions, command: Command) => {
    const given = command.getOptionValueSource('output') === 'cli';
    const { runDemo } = await import('./commands/demo.js');
    await runDemo(given ? { output: options.output } : {}, context(options));
  });

  return program;
}

function addProviderOptions(command: Command): Command {
  return command
    .option(
      '--db <path>',
      'MaxMind DB (.mmdb) file; repeat for a City and an ASN database',
      collect,
      undefined,
    )
    .option('--config <path>', 'msticpyconfig.yaml to use (default: msticpy search order)')
    .addOption(
      new Option(
        '--provider <name>',
        'GeoIP provider (default: maxmind when the config has GeoIPLite, else dbip)',
      ).choices([...PROVIDER_NAMES]),
    );
}

function addCommonOptions(command: Command, urlSources = true): Command {
  command
    .option('-q, --quiet', 'no progress bar, notes or summary on stderr')
    .option('--debug', 'print stack traces with errors (also IOCMAP_DEBUG=1)');
  // Only commands that read SOURCE arguments fetch URLs.
  if (!urlSources) return command;
  return command
    .option(
      '--url-timeout <ms>',
      `timeout for URL sources in ms, 1 to ${MAX_URL_TIMEOUT_MS} (default ${DEFAULT_FETCH_LIMITS.timeoutMs})`,
      (value: string) => wholeNumber(value, 1, MAX_URL_TIMEOUT_MS, 'milliseconds'),
    )
    .option(
      '--url-max-bytes <bytes>',
      `size cap for URL sources in bytes (default ${DEFAULT_FETCH_LIMITS.maxBytes})`,
      (value: string) => wholeNumber(value, 1, Number.MAX_SAFE_INTEGER, 'bytes'),
    );
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Default `update-db --timeout`: 10 minutes for the whole download. */
const DEFAULT_UPDATE_TIMEOUT_MS = 600_000;

/** Longest `--url-timeout`: 10 minutes (Node timers overflow past 2^31-1 ms). */
const MAX_URL_TIMEOUT_MS = 600_000;

function wholeNumber(value: string, min: number, max: number, unit: string): number {
  const parsed = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new InvalidArgumentError(
      `expected a whole number of ${unit} from ${min} to ${max}, not ${JSON.stringify(value)}`,
    );
  }
  return parsed;
}
