import { describeSettings } from '@iocmap/config';
import { CliError } from '../errors.js';
import { formatConfigIssues, loadCliConfig } from '../internal/config.js';
import type { CommandContext } from '../internal/context.js';

/** `iocmap config path`: which msticpyconfig.yaml is in use and why. */
export async function runConfigPath(options: { config?: string }, context: CommandContext): Promise<void> {
  const loaded = await loadCliConfig(options.config, context);
  const { stdout, stderr } = context.io;
  for (const note of loaded.notes) stderr.write(`iocmap: note: ${note}\n`);
  if (loaded.path === null) stdout.write(`none\n${loaded.reason}\n`);
  else stdout.write(`${loaded.path}\n${loaded.reason}\n`);
}

/** `iocmap config show`: the effective settings as JSON, every secret masked. */
export async function runConfigShow(options: { config?: string }, context: CommandContext): Promise<void> {
  const loaded = await loadCliConfig(options.config, context);
  context.io.stdout.write(`${JSON.stringify(describeSettings(loaded), null, 2)}\n`);
}

/**
 * `iocmap config validate`: exit 0 when the configuration is usable, or throw
 * a `CONFIG` error (exit 2) listing every problem with its setting path and line.
 */
export async function runConfigValidate(
  options: { config?: string },
  context: CommandContext,
): Promise<void> {
  const loaded = await loadCliConfig(options.config, context);
  if (loaded.issues.length > 0) {
    throw new CliError('CONFIG', formatConfigIssues(loaded), { value: loaded.path ?? '' });
  }
  if (loaded.path === null) context.io.stdout.write(`no configuration to validate: ${loaded.reason}\n`);
  else context.io.stdout.write(`${loaded.path}: valid\n`);
}
