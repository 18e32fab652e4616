import { type LoadedConfig, loadConfig } from '@iocmap/config';
import { CliError } from '../errors.js';
import type { CommandContext } from './context.js';

/**
 * Load msticpyconfig.yaml in msticpy's search order (`--config`,
 * `MSTICPYCONFIG`, the working directory, `~/.msticpy/`), with the CLI's
 * injected environment, working directory and home.
 *
 * @throws ConfigError `CONFIG_NOT_FOUND`, `CONFIG_UNREADABLE`, `YAML_SYNTAX` (mapped to exit 2 by the CLI).
 */
export function loadCliConfig(
  explicitPath: string | undefined,
  context: CommandContext,
): Promise<LoadedConfig> {
  const { io } = context;
  return loadConfig({
    explicitPath,
    env: io.env,
    cwd: io.cwd,
    ...(io.homeDir !== undefined ? { homeDir: io.homeDir } : {}),
  });
}

/**
 * The configuration's issues as one list: `<file> has N problem(s):` then
 * `  - <dotted path> (line L): <message>` per issue.
 */
export function formatConfigIssues(config: LoadedConfig): string {
  const list = config.issues.map(
    (issue) =>
      `  - ${issue.path || '(document)'}${issue.line !== undefined ? ` (line ${issue.line})` : ''}: ${issue.message}`,
  );
  const count = config.issues.length;
  return `${config.path ?? 'msticpyconfig.yaml'} has ${count} problem${count === 1 ? '' : 's'}:\n${list.join('\n')}`;
}

/**
 * Refuse a configuration with issues when it is consulted to choose a
 * provider, so that a broken `GeoIPLite` section is not silently replaced by
 * the embedded database.
 *
 * @throws CliError `CONFIG` (exit 2) listing every issue.
 */
export function assertConfigUsable(config: LoadedConfig): void {
  if (config.issues.length === 0) return;
  throw new CliError(
    'CONFIG',
    `${formatConfigIssues(config)}\nfix the file (run \`iocmap config validate\` to check it), or pass --provider dbip to use the embedded database without it`,
    { value: config.path ?? '' },
  );
}
