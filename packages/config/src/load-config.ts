import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { LineCounter, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigErrorCode, type ConfigIssue } from './config-error.js';
import { CONFIG_FILE_NAME, type ConfigSource, type FindConfigOptions, searchConfig } from './find-config.js';
import { locate } from './internal/locate.js';
import { checkOptions } from './internal/options.js';
import { parseYaml } from './internal/parse-yaml.js';
import { expandPath, isPlainObject, kindOf } from './internal/values.js';
import { geoIpLiteSchema, ipInfoSchema, ipStackSchema, type SecretValue } from './schema.js';
import type { IocmapSettings, KeyVaultRef, SecretField, SecretOrigin, SecretResolver } from './settings.js';

/** Options of {@link loadConfig}: the search inputs plus secret handling. */
export interface LoadConfigOptions extends FindConfigOptions {
  /**
   * Resolves `{KeyVault: ...}` secrets; without it they are
   * `SECRET_KEYVAULT_UNSUPPORTED` issues.
   */
  resolveSecret?: SecretResolver | undefined;
  /** Throw a {@link ConfigError} when there are issues (same as calling {@link assertValid}). */
  strict?: boolean | undefined;
}

/**
 * A loaded configuration: where it came from, the whole document, the
 * settings iocmap uses, and every problem found.
 */
export interface LoadedConfig {
  /** Absolute path of the file, or `null` when none was found (then `settings` is `{}`). */
  path: string | null;
  /** Which search step found the file; `'none'` when none was found. */
  source: ConfigSource | 'none';
  /** A human sentence saying why this file (or why none). */
  reason: string;
  /** Things worth telling the user (e.g. `MSTICPYCONFIG` names a missing file, YAML warnings). */
  notes: string[];
  /** The whole document as parsed, every section kept (`null` for an empty file). */
  raw: unknown;
  /** The settings iocmap uses, defaults applied, secrets resolved. */
  settings: IocmapSettings;
  /** Where each secret setting came from (for masking); never holds values. */
  secrets: SecretOrigin[];
  /** Every validation and secret problem; empty when the configuration is usable as is. */
  issues: ConfigIssue[];
}

interface Context {
  file: string;
  env: Readonly<Record<string, string | undefined>>;
  resolveSecret: SecretResolver | undefined;
  issues: ConfigIssue[];
  notes: string[];
  secrets: SecretOrigin[];
  position: (path: readonly (string | number)[]) => { line?: number; column?: number };
}

/**
 * How many collections (mappings and sequences, block or flow) may nest inside
 * each other in a configuration file: 64.
 *
 * msticpy's own settings nest about 6 deep; the limit only refuses hostile or
 * broken files (`[[[[...`), which would otherwise exhaust the call stack while
 * parsing. Deeper files are a `YAML_SYNTAX` error at the first collection past
 * the limit.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * How many aliases (`*name`) a configuration file may hold: 1000.
 *
 * yaml resolves each alias by scanning the aliases and anchors before it, so
 * 50 000 aliases took minutes; msticpy's files use a handful at most. More is
 * a `YAML_SYNTAX` error at the first alias past the limit.
 */
export const MAX_ALIASES = 1000;

/** Setting names whose values may be shown in messages (never secrets). */
const SHOWABLE = new Set(['Provider', 'DBFolder']);

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (!isPlainObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

function zodIssueMessage(issue: z.core.$ZodIssue, settingPath: string, value: unknown): string {
  const last = settingPath.split('.').at(-1) ?? '';
  const shown =
    SHOWABLE.has(last) && (typeof value === 'string' || typeof value === 'number')
      ? ` ${JSON.stringify(value)}`
      : '';
  switch (issue.code) {
    case 'invalid_type': {
      const expected =
        issue.expected === 'object'
          ? 'a mapping (indented "Key: value" lines)'
          : issue.expected === 'string'
            ? 'text'
            : `a ${issue.expected}`;
      return `${settingPath} must be ${expected}, not ${kindOf(value)}${shown}.`;
    }
    case 'invalid_value':
      return `${settingPath} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not${shown || ` ${kindOf(value)}`}; fix or remove it.`;
    case 'invalid_union': {
      // Key names are safe to show and usually reveal the typo (`EnvVar:`); values are not.
      const keys = isPlainObject(value) ? Object.keys(value) : [];
      const got =
        keys.length > 0
          ? `a mapping with key${keys.length === 1 ? '' : 's'} ${keys.join(', ')}`
          : kindOf(value);
      return `${settingPath} ${issue.message}, not ${got}.`;
    }
    case 'too_small':
      return `${settingPath} must not be empty.`;
    default:
      return `${settingPath}: ${issue.message}.`;
  }
}

function addIssue(
  ctx: Context,
  code: ConfigErrorCode,
  path: readonly (string | number)[],
  message: string,
): void {
  ctx.issues.push({ code, path: dotted(path), message, ...ctx.position(path) });
}

function validate<S extends z.ZodType>(
  ctx: Context,
  schema: S,
  value: unknown,
  prefix: readonly string[],
): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const settingPath = dotted(path);
    addIssue(
      ctx,
      'CONFIG_INVALID',
      path,
      zodIssueMessage(issue, settingPath, valueAt({ root: value }, ['root', ...issue.path])),
    );
  }
  return undefined;
}

function keyVaultSecretName(settingPath: string): string {
  return settingPath.replace(/[^0-9a-zA-Z-]/g, '-');
}

async function resolveSecretValue(
  ctx: Context,
  value: SecretValue | undefined,
  path: readonly string[],
  field: SecretField,
): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const settingPath = dotted(path);
  if (typeof value === 'string' || typeof value === 'number') {
    ctx.secrets.push({ field, settingPath, kind: 'plain', resolved: true });
    return String(value);
  }
  if ('EnvironmentVar' in value) {
    const name = value.EnvironmentVar;
    const fromEnv = ctx.env[name];
    const resolved = fromEnv !== undefined && fromEnv !== '';
    ctx.secrets.push({ field, settingPath, kind: 'env', envVar: name, resolved });
    if (resolved) return fromEnv;
    addIssue(
      ctx,
      'SECRET_ENV_UNSET',
      path,
      `Environment variable ${name} is not set (or is empty), but ${settingPath} in ${ctx.file} reads it; set ${name} or remove the setting.`,
    );
    return undefined;
  }
  const ref: KeyVaultRef = {
    kind: 'keyVault',
    value: value.KeyVault,
    secretName: keyVaultSecretName(settingPath),
  };
  if (ctx.resolveSecret === undefined) {
    ctx.secrets.push({ field, settingPath, kind: 'keyVault', resolved: false });
    addIssue(
      ctx,
      'SECRET_KEYVAULT_UNSUPPORTED',
      path,
      `${settingPath} in ${ctx.file} uses {KeyVault: ...}, which iocmap does not support; put the value in an environment variable and write {EnvironmentVar: NAME} instead.`,
    );
    return undefined;
  }
  try {
    const secret: unknown = await ctx.resolveSecret(ref, settingPath);
    if (typeof secret !== 'string') throw new TypeError(`the resolver returned ${kindOf(secret)}, not text`);
    ctx.secrets.push({ field, settingPath, kind: 'keyVault', resolved: true });
    return secret;
  } catch (error) {
    ctx.secrets.push({ field, settingPath, kind: 'keyVault', resolved: false });
    const why = error instanceof Error ? error.message : 'unknown failure';
    addIssue(
      ctx,
      'SECRET_RESOLVER_FAILED',
      path,
      `The secret resolver failed for ${settingPath} (Key Vault secret ${ref.secretName}): ${why}. Check the vault, or use {EnvironmentVar: NAME} instead.`,
    );
    return undefined;
  }
}

/** Keys iocmap reads, by parent path; unknown keys are kept, but a wrong-case spelling earns a note. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  OtherProviders: ['GeoIPLite', 'IPStack', 'IPInfo'],
  'OtherProviders.GeoIPLite': ['Args', 'Provider'],
  'OtherProviders.IPStack': ['Args', 'Provider'],
  'OtherProviders.IPInfo': ['Args', 'Provider'],
  'OtherProviders.GeoIPLite.Args': ['AuthKey', 'AccountID', 'DBFolder'],
  'OtherProviders.IPStack.Args': ['AuthKey'],
  'OtherProviders.IPInfo.Args': ['AuthKey'],
};

function noteNearMisses(ctx: Context, otherProviders: Record<string, unknown>): void {
  const visit = (node: unknown, path: string[]): void => {
    const known = KNOWN_KEYS[dotted(path)];
    if (known === undefined || !isPlainObject(node)) return;
    for (const key of Object.keys(node)) {
      const meant = known.find((k) => k !== key && k.toLowerCase() === key.toLowerCase());
      if (meant !== undefined && !(meant in node)) {
        const pos = ctx.position([...path, key]);
        ctx.notes.push(
          `${ctx.file}${pos.line === undefined ? '' : `:${pos.line}`}: ${dotted([...path, key])} is not read (keys are case-sensitive); did you mean ${meant}?`,
        );
      }
      visit(node[key], [...path, key]);
    }
  };
  visit(otherProviders, ['OtherProviders']);
}

async function buildSettings(
  ctx: Context,
  raw: unknown,
  homeDir: string,
  cwd: string,
): Promise<IocmapSettings> {
  const settings: IocmapSettings = {};
  if (raw === null || raw === undefined) return settings;
  if (!isPlainObject(raw)) {
    addIssue(
      ctx,
      'CONFIG_INVALID',
      [],
      `The top level of ${ctx.file} must be a mapping of sections (e.g. "OtherProviders:"), not ${kindOf(raw)}.`,
    );
    return settings;
  }
  const other = raw.OtherProviders;
  if (other === null || other === undefined) return settings;
  if (!isPlainObject(other)) {
    addIssue(
      ctx,
      'CONFIG_INVALID',
      ['OtherProviders'],
      `OtherProviders must be a mapping (indented "Key: value" lines), not ${kindOf(other)}.`,
    );
    return settings;
  }
  noteNearMisses(ctx, other);
  // Each section is validated on its own so one broken entry does not hide the others.
  if ('GeoIPLite' in other) {
    const prefix = ['OtherProviders', 'GeoIPLite'];
    const section = validate(ctx, geoIpLiteSchema.nullish(), other.GeoIPLite, prefix);
    if (section !== undefined) {
      const entry = section ?? geoIpLiteSchema.parse({});
      const args = [...prefix, 'Args'];
      const authKey = await resolveSecretValue(
        ctx,
        entry.Args.AuthKey,
        [...args, 'AuthKey'],
        'geoIpLite.authKey',
      );
      const accountId = await resolveSecretValue(
        ctx,
        entry.Args.AccountID,
        [...args, 'AccountID'],
        'geoIpLite.accountId',
      );
      settings.geoIpLite = {
        ...(authKey === undefined ? {} : { authKey }),
        ...(accountId === undefined ? {} : { accountId }),
        dbFolder: expandPath(entry.Args.DBFolder, homeDir, cwd),
        provider: entry.Provider,
      };
    }
  }
  if ('IPStack' in other) {
    const prefix = ['OtherProviders', 'IPStack'];
    const section = validate(ctx, ipStackSchema.nullish(), other.IPStack, prefix);
    if (section !== undefined) {
      const entry = section ?? ipStackSchema.parse({});
      const authKey = await resolveSecretValue(
        ctx,
        entry.Args.AuthKey,
        [...prefix, 'Args', 'AuthKey'],
        'ipStack.authKey',
      );
      settings.ipStack = { ...(authKey === undefined ? {} : { authKey }), provider: entry.Provider };
    }
  }
  if ('IPInfo' in other) {
    const prefix = ['OtherProviders', 'IPInfo'];
    const section = validate(ctx, ipInfoSchema.nullish(), other.IPInfo, prefix);
    if (section !== undefined) {
      const entry = section ?? ipInfoSchema.parse({});
      const authKey = await resolveSecretValue(
        ctx,
        entry.Args.AuthKey,
        [...prefix, 'Args', 'AuthKey'],
        'ipInfo.authKey',
      );
      settings.ipInfo = { ...(authKey === undefined ? {} : { authKey }), provider: entry.Provider };
    }
  }
  return settings;
}

/** The first line of a yaml error message, without its source excerpt (which may show a secret). */
function yamlReason(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

/**
 * Find, read, parse and validate msticpyconfig.yaml, resolving secrets eagerly.
 *
 * Search order as {@link findConfig}. Unknown sections (AzureSentinel,
 * TIProviders, KeyVault, ...) are kept in `raw` without complaint. Setting
 * problems are returned in `issues` (dotted paths, line/column) rather than
 * thrown; secrets are resolved only for sections present in the file, so an
 * unset variable is an issue only when a present section reads it. No file
 * found is not an error: `path` is `null` and `settings` is `{}`.
 *
 * @throws {ConfigError} `INVALID_OPTION` (an option of the wrong type, e.g.
 *   `explicitPath: 42`), `CONFIG_NOT_FOUND` (explicit path missing),
 *   `CONFIG_UNREADABLE`, `YAML_SYNTAX` (with `line`/`column`; also duplicate
 *   keys, more than one document, collections nested deeper than
 *   {@link MAX_NESTING_DEPTH}, more than {@link MAX_ALIASES} aliases, and
 *   aliases expanding too far); with
 *   `strict: true`, also the code of the first issue (see {@link assertValid}).
 * @example
 * const loaded = await loadConfig({ explicitPath: argv.config });
 * for (const issue of loaded.issues) console.error(`${issue.path}: ${issue.message}`);
 * const folder = loaded.settings.geoIpLite?.dbFolder;
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  checkOptions('loadConfig', options, { resolveSecret: 'function', strict: 'boolean' });
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const homeDir = options.homeDir ?? homedir();
  const search = searchConfig({ explicitPath: options.explicitPath, env, cwd, homeDir });
  const location = search.location;
  if (location === null) {
    return {
      path: null,
      source: 'none',
      reason: `no ${CONFIG_FILE_NAME} found (looked at ${search.searched.join(', ')})`,
      notes: search.notes,
      raw: null,
      settings: {},
      secrets: [],
      issues: [],
    };
  }
  const file = location.path;

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(
      'CONFIG_UNREADABLE',
      `Cannot read configuration file ${file} (${code}); check its permissions.`,
      { path: file, cause: error },
    );
  }

  const lineCounter = new LineCounter();
  const parsed = parseYaml(text, lineCounter, { maxDepth: MAX_NESTING_DEPTH, maxAliases: MAX_ALIASES });
  if (parsed.fault !== undefined) {
    const { code, range } = parsed.fault;
    const pos = lineCounter.linePos(range[0]);
    const reason = yamlReason(parsed.fault.reason);
    // yaml's own errors quote the offending source line (message and stack), which
    // may hold a plain licence key; the cause keeps the code and position only.
    const cause = new YAMLParseError(range, code, reason);
    cause.linePos = [pos, lineCounter.linePos(range[1])];
    throw new ConfigError(
      'YAML_SYNTAX',
      `${file}:${pos.line}:${pos.col}: YAML syntax error: ${reason}. Fix the file at that line.`,
      { path: file, line: pos.line, column: pos.col, cause },
    );
  }
  const doc = parsed.doc;
  const notes = [...location.notes];
  for (const warning of doc.warnings) {
    const pos = lineCounter.linePos(warning.pos[0]);
    notes.push(`${file}:${pos.line}:${pos.col}: YAML warning: ${yamlReason(warning.message)}`);
  }

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // `yaml` refuses documents whose aliases expand past the limit (an alias
    // bomb, "billion laughs"); that is a fault of the file, like a syntax error.
    throw new ConfigError(
      'YAML_SYNTAX',
      `${file}: YAML aliases expand too far (${error instanceof Error ? error.message : String(error)}). Remove the repeated aliases (*name) from the file.`,
      { path: file, cause: error },
    );
  }
  const ctx: Context = {
    file,
    env,
    resolveSecret: options.resolveSecret,
    issues: [],
    notes,
    secrets: [],
    position: (path) => {
      const pos = locate(doc, lineCounter, path);
      return pos === undefined ? {} : { line: pos.line, column: pos.column };
    },
  };
  const settings = await buildSettings(ctx, raw, homeDir, cwd);
  const loaded: LoadedConfig = {
    path: file,
    source: location.source,
    reason: location.reason,
    notes,
    raw: raw ?? null,
    settings,
    secrets: ctx.secrets,
    issues: ctx.issues,
  };
  return options.strict ? assertValid(loaded) : loaded;
}

/**
 * Throw when a loaded configuration has issues; return it unchanged otherwise.
 *
 * The error's `code`, `settingPath`, `line` and `column` are those of the
 * first issue; `issues` holds all of them and the message lists them.
 *
 * @throws {ConfigError} with the first issue's code (`CONFIG_INVALID`,
 *   `SECRET_ENV_UNSET`, `SECRET_KEYVAULT_UNSUPPORTED`, `SECRET_RESOLVER_FAILED`).
 * @example
 * const loaded = assertValid(await loadConfig());
 */
export function assertValid(loaded: LoadedConfig): LoadedConfig {
  const first = loaded.issues[0];
  if (first === undefined) return loaded;
  const count = loaded.issues.length;
  const lines = loaded.issues.map(
    (issue) => `- ${issue.line === undefined ? '' : `line ${issue.line}: `}${issue.message}`,
  );
  throw new ConfigError(
    first.code,
    `${loaded.path ?? CONFIG_FILE_NAME} has ${count} problem${count === 1 ? '' : 's'}:\n${lines.join('\n')}`,
    {
      path: loaded.path ?? undefined,
      settingPath: first.path,
      line: first.line,
      column: first.column,
      issues: loaded.issues,
    },
  );
}
