import { type LoadedConfig, loadConfig } from '@iocmap/config';
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
