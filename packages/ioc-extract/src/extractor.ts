import { IocExtractError } from './errors.js';
import { type EngineConfig, runEngine, runValues } from './internal/engine.js';
import type { CompiledCustom } from './internal/scan.js';
import { shown } from './internal/shown.js';
import { recordMatches } from './records.js';
import { streamMatches } from './stream.js';
import {
  type CustomIocType,
  DEFAULT_IOC_TYPES,
  type ExtractOptions,
  IOC_TYPES,
  type IocMatch,
  type IocRecordMatch,
  type IocResult,
  type IocStreamSource,
  type IocTable,
  type IocType,
} from './types.js';

/** Options for {@link createExtractor}: defaults for every call plus per-instance custom types. */
export interface ExtractorOptions<C extends string = never> extends ExtractOptions<IocType | C> {
  /** Extra indicator types, private to this extractor instance. */
  readonly customTypes?: readonly CustomIocType<C>[];
}

/** An extractor instance; every method accepts per-call options that override the instance's. */
export interface Extractor<T extends string = IocType> {
  /** Type names this instance extracts by default, in result-key order. */
  readonly types: readonly T[];
  /** Unique values per type, in first-seen order; see {@link extract}. */
  extract(text: string, options?: ExtractOptions<T | (string & {})>): IocResult<T>;
  /** Every occurrence with offsets into `text`; see {@link extractMatches}. */
  extractMatches(text: string, options?: ExtractOptions<T | (string & {})>): IocMatch<T>[];
  /** Matches in table cells with row, column and record; see {@link extractRecords}. */
  extractRecords(
    rows: IocTable,
    columns?: readonly string[],
    options?: ExtractOptions<T | (string & {})>,
  ): IocRecordMatch<T>[];
  /** Matches from a stream with offsets into the whole stream; see {@link extractStream}. */
  extractStream(
    source: IocStreamSource,
    options?: ExtractOptions<T | (string & {})>,
  ): AsyncIterable<IocMatch<T>>;
}

const BUILTIN = new Set<string>(IOC_TYPES);
const NAME_RE = /^[a-z][a-z0-9_]*$/;

function invalid(option: string, value: unknown, message: string): IocExtractError {
  return new IocExtractError('INVALID_OPTION', message, { option, value });
}

/** A short name of a rejected value's kind for error messages ("null", "string", ...). */
function describe(v: unknown): string {
  return v === null ? 'null' : typeof v;
}

function compileCustom(list: readonly CustomIocType[] | undefined): CompiledCustom[] {
  if (list === undefined) return [];
  if (!Array.isArray(list))
    throw invalid(
      'customTypes',
      list,
      `customTypes must be an array of { name, pattern, normalize? }, got ${describe(list)}.`,
    );
  const seen = new Set<string>();
  return list.map((c) => {
    const name = (c as Partial<CustomIocType>)?.name;
    if (typeof name !== 'string' || !NAME_RE.test(name)) {
      throw invalid(
        'customTypes',
        name,
        `Custom type name ${JSON.stringify(name)} is invalid; use lower snake_case such as "btc_address".`,
      );
    }
    if (BUILTIN.has(name) || seen.has(name)) {
      throw invalid(
        'customTypes',
        name,
        `Custom type name "${name}" is already taken; built-in types are ${IOC_TYPES.join(', ')}.`,
      );
    }
    seen.add(name);
    if (!(c.pattern instanceof RegExp)) {
      throw invalid('customTypes', name, `Custom type "${name}" needs a RegExp pattern.`);
    }
    if (c.normalize !== undefined && typeof c.normalize !== 'function') {
      throw invalid('customTypes', name, `Custom type "${name}" has a normalize that is not a function.`);
    }
    // a private global copy: the caller's RegExp (and its lastIndex) is never touched
    const flags = `${c.pattern.flags.replace(/[gy]/g, '')}g`;
    const normalize = c.normalize;
    return {
      name,
      pattern: new RegExp(c.pattern.source, flags),
      normalize:
        normalize === undefined
          ? undefined
          : (raw: string): string | null => {
              const value: unknown = normalize(raw);
              if (value === null || typeof value === 'string') return value;
              throw invalid(
                'customTypes',
                name,
                `Custom type "${name}" normalize returned ${describe(value)} ${shown(value)} for ${JSON.stringify(raw)}; it must return a string, or null to reject the match.`,
              );
            },
    };
  });
}

/** The per-call options {@link resolve} reads. */
const OPTION_NAMES: ReadonlySet<string> = new Set([
  'types',
  'ignoreTlds',
  'excludePrivate',
  'decode',
  'punycode',
]);

function checkBool(
  options: ExtractOptions<string>,
  key: 'ignoreTlds' | 'excludePrivate' | 'decode' | 'punycode',
): boolean | undefined {
  const v = options[key];
  if (v !== undefined && typeof v !== 'boolean')
    throw invalid(key, v, `Option ${key} must be true or false, got ${JSON.stringify(v)}.`);
  return v;
}

function resolve(
  base: EngineConfig,
  all: readonly string[],
  options: ExtractOptions<string> | undefined,
  atCreation = false,
): EngineConfig {
  if (options === undefined) return base;
  if (options === null || typeof options !== 'object')
    throw invalid('options', options, `Options must be an object, got ${describe(options)}.`);
  for (const key in options) {
    if (OPTION_NAMES.has(key) || (options as Record<string, unknown>)[key] === undefined) continue;
    if (atCreation && key === 'customTypes') continue;
    throw invalid(
      key,
      key,
      key === 'customTypes'
        ? 'customTypes belong to an extractor: pass them to createExtractor, then call its extract.'
        : `Unknown option ${JSON.stringify(key)}; the options are ${[...OPTION_NAMES].join(', ')}${atCreation ? ', customTypes' : ''}.`,
    );
  }
  let want = base.want;
  if (options.types !== undefined) {
    if (!Array.isArray(options.types))
      throw invalid(
        'types',
        options.types,
        `Option types must be an array of type names: ${all.join(', ')}.`,
      );
    const bad = options.types.filter((t) => !all.includes(t));
    if (bad.length > 0) {
      throw invalid(
        'types',
        bad[0],
        `Unknown IoC type ${bad.map((t) => JSON.stringify(t)).join(', ')}; valid types are ${all.join(', ')}.`,
      );
    }
    want = new Set(options.types);
  }
  // every field written out, in the seed's order: a spread copy of `base`
  // gave the configurations of later calls another hidden class, and the
  // optimised scanners reading them were thrown away and recompiled
  // (measured: a call of 10 MB at 224 ms of CPU instead of 65, then slower
  // calls while the new code warmed up)
  return {
    want,
    ignoreTlds: checkBool(options, 'ignoreTlds') ?? base.ignoreTlds,
    excludePrivate: checkBool(options, 'excludePrivate') ?? base.excludePrivate,
    decode: checkBool(options, 'decode') ?? base.decode,
    punycode: checkBool(options, 'punycode') ?? base.punycode,
    custom: base.custom,
    order: base.order,
  };
}

function checkText(text: unknown): asserts text is string {
  if (typeof text !== 'string') {
    throw new IocExtractError(
      'INVALID_INPUT',
      `Text to extract from must be a string, got ${describe(text)}; decode bytes first or use extractStream.`,
      { option: 'text', value: text },
    );
  }
}

/**
 * Create an extractor with its own defaults and custom types.
 *
 * Custom types belong to the instance: adding one never changes another
 * extractor (unlike msticpy's `IoCExtract.add_ioc_type`, which mutates a
 * class-level table).
 *
 * @throws {IocExtractError} `INVALID_OPTION` for an unknown type or option
 *   name, a bad flag or a malformed or clashing custom type; the instance's
 *   calls throw it when a custom `normalize` returns neither a string nor null.
 * @example
 * ```ts
 * const x = createExtractor({ customTypes: [{ name: 'ticket', pattern: /INC-\d{6}/ }] });
 * x.extract('see INC-123456 and 1.2.3[.]4'); // { ipv4: ['1.2.3.4'], ticket: ['INC-123456'] }
 * ```
 */
export function createExtractor<C extends string = never>(
  options: ExtractorOptions<C> = {},
): Extractor<IocType | C> {
  const custom = compileCustom(options.customTypes);
  const all: string[] = [...IOC_TYPES, ...custom.map((c) => c.name)];
  const order = new Map(all.map((t, i) => [t, i] as const));
  const seed: EngineConfig = {
    want: new Set<string>([...DEFAULT_IOC_TYPES, ...custom.map((c) => c.name)]),
    ignoreTlds: false,
    excludePrivate: false,
    decode: false,
    punycode: false,
    custom,
    order,
  };
  const base = resolve(seed, all, options, true);
  const types = all.filter((t) => base.want.has(t)) as (IocType | C)[];
  type T = IocType | C;

  const matches = (text: string, opts?: ExtractOptions<T | (string & {})>): IocMatch<T>[] => {
    checkText(text);
    return runEngine(text, resolve(base, all, opts)) as IocMatch<T>[];
  };

  return {
    types,
    extract(text, opts) {
      checkText(text);
      return runValues(text, resolve(base, all, opts)) as IocResult<T>;
    },
    extractMatches: matches,
    extractRecords(rows, columns, opts) {
      const cfg = resolve(base, all, opts);
      return recordMatches(rows, columns, (text) => runEngine(text, cfg) as IocMatch<T>[]);
    },
    extractStream(source, opts) {
      const cfg = resolve(base, all, opts);
      return streamMatches(source, (text, offset) => runEngine(text, cfg, offset) as IocMatch<T>[]);
    },
  };
}
