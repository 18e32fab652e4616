import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { checkOptions } from './internal/options.js';

/** The file name msticpy looks for. */
export const CONFIG_FILE_NAME = 'msticpyconfig.yaml';

/** The environment variable msticpy reads for an explicit configuration path. */
export const CONFIG_ENV_VAR = 'MSTICPYCONFIG';

/**
 * Where a configuration file was found: `option` (explicit path, the CLI's
 * `--config`), `env` (`MSTICPYCONFIG`), `cwd` (`./msticpyconfig.yaml`) or
 * `home` (`~/.msticpy/msticpyconfig.yaml`).
 */
export type ConfigSource = 'option' | 'env' | 'cwd' | 'home';

/** Inputs of {@link findConfig}; every one is injectable so tests never touch the real home. */
export interface FindConfigOptions {
  /** An explicit path (the CLI's `--config`); relative paths resolve against `cwd`. */
  explicitPath?: string | undefined;
  /** Environment variables (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Working directory (default `process.cwd()`). */
  cwd?: string | undefined;
  /** Home directory (default `os.homedir()`). */
  homeDir?: string | undefined;
}

/** A configuration file found by {@link findConfig}. */
export interface ConfigLocation {
  /** Absolute path of the file. */
  path: string;
  /** Which step of the search order found it. */
  source: ConfigSource;
  /** A human sentence, e.g. `MSTICPYCONFIG points to /x/msticpyconfig.yaml`. */
  reason: string;
  /** Things worth telling the user, e.g. that `MSTICPYCONFIG` names a missing file. */
  notes: string[];
}

/** The outcome of a search: the location (or `null`), the notes, and every place looked at. */
export interface ConfigSearch {
  location: ConfigLocation | null;
  notes: string[];
  /** Absolute paths looked at, in order. */
  searched: string[];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function resolveInputs(options: FindConfigOptions): {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homeDir: string;
} {
  return {
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    homeDir: options.homeDir ?? homedir(),
  };
}

/**
 * Search for msticpyconfig.yaml in msticpy's order and report every place looked at.
 *
 * Same as {@link findConfig} but returns the notes and the searched paths
 * even when nothing is found.
 *
 * @throws {ConfigError} `CONFIG_NOT_FOUND` when `explicitPath` is given and is not a file;
 *   `INVALID_OPTION` when `options` is not an object or `explicitPath`, `cwd`,
 *   `homeDir` is not a non-empty string or `env` not an object.
 */
export function searchConfig(options: FindConfigOptions = {}): ConfigSearch {
  checkOptions('searchConfig', options);
  const { env, cwd, homeDir } = resolveInputs(options);
  const notes: string[] = [];
  const searched: string[] = [];
  const found = (path: string, source: ConfigSource, reason: string): ConfigSearch => ({
    location: { path, source, reason, notes },
    notes,
    searched,
  });

  if (options.explicitPath !== undefined) {
    const path = resolve(cwd, options.explicitPath);
    searched.push(path);
    if (!isFile(path)) {
      throw new ConfigError(
        'CONFIG_NOT_FOUND',
        `Configuration file ${path} does not exist or is not a file; check the --config path.`,
        { path },
      );
    }
    return found(path, 'option', `the explicit path ${path} was given`);
  }

  const fromEnv = env[CONFIG_ENV_VAR];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const path = isAbsolute(fromEnv) ? fromEnv : resolve(cwd, fromEnv);
    searched.push(path);
    if (isFile(path)) {
      return found(path, 'env', `${CONFIG_ENV_VAR} points to ${path}`);
    }
    // msticpy warns and carries on in this case rather than failing.
    notes.push(
      `${CONFIG_ENV_VAR} is set to ${fromEnv} but ${path} is not a file; ignored it and searched the default locations.`,
    );
  }

  const inCwd = join(resolve(cwd), CONFIG_FILE_NAME);
  searched.push(inCwd);
  if (isFile(inCwd)) {
    return found(inCwd, 'cwd', `${CONFIG_FILE_NAME} is in the current directory (${inCwd})`);
  }

  const inHome = join(homeDir, '.msticpy', CONFIG_FILE_NAME);
  searched.push(inHome);
  if (isFile(inHome)) {
    return found(inHome, 'home', `${CONFIG_FILE_NAME} is in the home folder (${inHome})`);
  }

  return { location: null, notes, searched };
}

/**
 * Find msticpyconfig.yaml in msticpy's search order.
 *
 * Order: `explicitPath` (the CLI's `--config`), then `MSTICPYCONFIG` when it
 * names a file (a missing file is skipped with a note, as msticpy warns), then
 * `./msticpyconfig.yaml`, then `~/.msticpy/msticpyconfig.yaml`. Synchronous.
 *
 * @returns the location, or `null` when no file was found.
 * @throws {ConfigError} `CONFIG_NOT_FOUND` when `explicitPath` is given and is not a file;
 *   `INVALID_OPTION` for options of the wrong type (see {@link searchConfig}).
 * @example
 * const found = findConfig({ explicitPath: argv.config });
 * if (found) console.error(`using ${found.path}: ${found.reason}`);
 */
export function findConfig(options: FindConfigOptions = {}): ConfigLocation | null {
  checkOptions('findConfig', options);
  return searchConfig(options).location;
}
