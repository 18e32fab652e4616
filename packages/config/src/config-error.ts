/**
 * Stable error codes of `@iocmap/config`.
 *
 * | code | when |
 * |---|---|
 * | `INVALID_OPTION` | `findConfig`/`searchConfig`/`loadConfig` was called with options of the wrong type (the message quotes the value) |
 * | `CONFIG_NOT_FOUND` | an explicit path (`--config`) names no file |
 * | `CONFIG_UNREADABLE` | the file exists but cannot be read |
 * | `YAML_SYNTAX` | the file is not valid YAML (has `line`/`column`) |
 * | `CONFIG_INVALID` | a setting iocmap reads has the wrong shape (has `settingPath`) |
 * | `SECRET_ENV_UNSET` | `{EnvironmentVar: NAME}` names a variable that is not set |
 * | `SECRET_KEYVAULT_UNSUPPORTED` | `{KeyVault: ...}` is used and no secret resolver was given |
 * | `SECRET_RESOLVER_FAILED` | the secret resolver passed to `loadConfig` rejected |
 */
export type ConfigErrorCode =
  | 'INVALID_OPTION'
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_UNREADABLE'
  | 'YAML_SYNTAX'
  | 'CONFIG_INVALID'
  | 'SECRET_ENV_UNSET'
  | 'SECRET_KEYVAULT_UNSUPPORTED'
  | 'SECRET_RESOLVER_FAILED';

/**
 * One problem with one setting, reported as a value by {@link loadConfig}.
 *
 * `path` is the dotted setting path in msticpy's notation
 * (`OtherProviders.GeoIPLite.Args.AuthKey`; `""` for the document itself).
 * `line`/`column` (1-based) locate the setting in the file when known.
 * The message never contains a secret's value.
 */
export interface ConfigIssue {
  code: ConfigErrorCode;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** Context fields of a {@link ConfigError}. */
export interface ConfigErrorOptions {
  /** The configuration file concerned, when there is one. */
  path?: string | undefined;
  /** The dotted setting path, e.g. `OtherProviders.GeoIPLite.Args.DBFolder`. */
  settingPath?: string | undefined;
  /** 1-based line in the file. */
  line?: number | undefined;
  /** 1-based column in the file. */
  column?: number | undefined;
  /** Every issue, when the error summarises several. */
  issues?: readonly ConfigIssue[] | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one error class of `@iocmap/config`; `code` is stable (see {@link ConfigErrorCode}).
 *
 * Messages name the file, the setting or the variable and say what to do;
 * they never contain a secret's value.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Stable machine-readable code. */
  readonly code: ConfigErrorCode;
  /** The configuration file concerned, when there is one. */
  readonly path: string | undefined;
  /** The dotted setting path of the (first) offending setting. */
  readonly settingPath: string | undefined;
  /** 1-based line in the file, when known. */
  readonly line: number | undefined;
  /** 1-based column in the file, when known. */
  readonly column: number | undefined;
  /** All issues (empty for file-level errors). */
  readonly issues: readonly ConfigIssue[];

  constructor(code: ConfigErrorCode, message: string, options: ConfigErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.settingPath = options.settingPath;
    this.line = options.line;
    this.column = options.column;
    this.issues = options.issues ?? [];
  }
}

/**
 * Tell whether a value is a {@link ConfigError}.
 *
 * @example
 * if (isConfigError(err) && err.code === 'CONFIG_NOT_FOUND') { ... }
 */
export function isConfigError(value: unknown): value is ConfigError {
  return value instanceof ConfigError;
}
