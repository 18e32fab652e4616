/**
 * The built-in indicator types, in the canonical order used for result keys.
 *
 * Names follow msticpy's `IoCExtract` where it has one (`ipv4`, `ipv6`, `dns`,
 * `url`, `email`, `md5_hash`, `sha1_hash`, `sha256_hash`, `windows_path`,
 * `linux_path`); the others (`cidr`, `sha512_hash`, `cve`, `asn`,
 * `mac_address`) use the same snake_case style.
 */
export const IOC_TYPES = [
  'ipv4',
  'ipv6',
  'cidr',
  'dns',
  'url',
  'email',
  'md5_hash',
  'sha1_hash',
  'sha256_hash',
  'sha512_hash',
  'cve',
  'asn',
  'mac_address',
  'windows_path',
  'linux_path',
] as const;

/** One built-in indicator type name (see {@link IOC_TYPES}). */
export type IocType = (typeof IOC_TYPES)[number];

/** The types extracted when no `types` option is given: all but the noisy path types. */
export const DEFAULT_IOC_TYPES: readonly IocType[] = IOC_TYPES.filter(
  (t) => t !== 'windows_path' && t !== 'linux_path',
);

/** How an indicator found with the `decode` option was encoded in the text. */
export type IocEncoding = 'percent' | 'hex' | 'base64';

/**
 * One occurrence of an indicator in a text.
 *
 * Offsets are UTF-16 code-unit indexes into the original text (before Unicode
 * folding and refanging), so `raw === text.slice(start, end)` always holds.
 */
export interface IocMatch<T extends string = IocType> {
  /** The indicator type. */
  readonly type: T;
  /** The refanged, normalised value (e.g. `example.com` for `Example[.]COM`). */
  readonly value: string;
  /** The text as written, `text.slice(start, end)`. */
  readonly raw: string;
  /** Start offset in the original text (UTF-16 code units, inclusive). */
  readonly start: number;
  /** End offset in the original text (UTF-16 code units, exclusive). */
  readonly end: number;
  /** True when the raw text was defanged (refanging changed it). */
  readonly defanged: boolean;
  /** Set only for indicators found by the `decode` option inside an encoded run. */
  readonly encoding?: IocEncoding;
}

/**
 * Indicator values grouped by type: each type maps to its unique values in
 * first-seen order; types without a match are absent. Keys follow
 * {@link IOC_TYPES} order, then custom types in definition order.
 */
export type IocResult<T extends string = IocType> = { [K in T]?: string[] };

/** Options shared by every extraction entry point; `T` is the type names allowed in `types`. */
export interface ExtractOptions<T extends string = IocType | (string & {})> {
  /** Types to extract. Default: every built-in type except `windows_path` and `linux_path`, plus custom types. */
  readonly types?: readonly T[];
  /** Accept domains whose last label is not a public suffix (msticpy's `ignore_tlds`). Default false. */
  readonly ignoreTlds?: boolean;
  /** Leave out private, loopback, link-local, documentation and other reserved IPs and networks (IANA special-purpose registries, RFC 6890). Default false. */
  readonly excludePrivate?: boolean;
  /** Also find URLs hidden in percent-, hex- or base64-encoded runs. Default false. */
  readonly decode?: boolean;
  /** Report internationalised domain names in punycode (`xn--`) instead of Unicode. Default false. */
  readonly punycode?: boolean;
}

/** A user-defined indicator type for {@link createExtractor}. */
export interface CustomIocType<N extends string = string> {
  /** Type name; must not collide with a built-in type. */
  readonly name: N;
  /** Pattern run over the refanged text; a global copy is made, the caller's object is never mutated. */
  readonly pattern: RegExp;
  /** Turn a matched string into its value; return `null` to reject the match. Default: the match as is. */
  readonly normalize?: (raw: string) => string | null;
}

/** A table match: an {@link IocMatch} with its row index, column name and the row as context. */
export interface IocRecordMatch<T extends string = IocType> extends IocMatch<T> {
  /** Zero-based data-row index (the header row of an array table is not counted). */
  readonly row: number;
  /** Column (property or header) name the value came from. */
  readonly column: string;
  /** The whole row as an object, for context. */
  readonly record: Readonly<Record<string, unknown>>;
}

/** A table: an array of row objects, or an array of string arrays whose first row is the header. */
export type IocTable = readonly Readonly<Record<string, unknown>>[] | readonly (readonly unknown[])[];

/** A source of text for {@link extractStream}: strings or UTF-8 bytes. */
export type IocStreamSource =
  | AsyncIterable<string | Uint8Array>
  | Iterable<string | Uint8Array>
  | ReadableStream<string | Uint8Array>;
